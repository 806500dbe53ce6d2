from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Report jobs, committee reports, termly journals and school profiles (reports issue)."""

    name = "reports"
    verbose_name = "Reports"
