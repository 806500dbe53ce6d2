"""The one access mixin every view uses."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


class PermissionRequiredMixin(AccessMixin):
    """Anonymous: to the sign-in page. Signed in without the permission: 403.

    Object views also take their queryset from a selector scoped to the viewer, so an object
    the viewer may not see is a 404, never a hint that it exists.
    """

    permission_required: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_required:
            raise ImproperlyConfigured(f"{type(self).__name__} names no permission_required.")
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied(f"Needs {self.permission_required}.")
        return super().dispatch(request, *args, **kwargs)
