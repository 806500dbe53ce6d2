from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership"

    def ready(self):
        from . import permissions, signals  # noqa: F401  (registers rules and receivers)
