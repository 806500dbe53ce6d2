"""The project's URLs plus one view that fails, to see the 500 page a person would see."""

from django.urls import path

from partnership.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def fail(request):
    raise RuntimeError("secret internal detail from the failing view")


urlpatterns = [*urlpatterns, path("fail/", fail)]
