"""The one access mixin every view uses."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


def require_permission(request, permission: str, obj=None) -> None:
    """403 unless the user has the permission (on the object, when one is given)."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(f"Needs {permission}.")


class PermissionRequiredMixin(AccessMixin):
    """Anonymous: to the sign-in page. Signed in without the permission: 403.

    Object views also take their queryset from a selector scoped to the viewer, so an object
    the viewer may not see is a 404, never a hint that it exists. A view that acts on objects
    named in the URL defines `load_objects(**kwargs)`; it runs once the permission is granted
    and before the handler (for methods the view handles), and raises 404 or 403 itself.
    """

    permission_required: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_required:
            raise ImproperlyConfigured(f"{type(self).__name__} names no permission_required.")
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require_permission(request, self.permission_required)
        load_objects = getattr(self, "load_objects", None)
        method = request.method.lower()
        # A method the view does not handle is a 405 before any object is looked up.
        if load_objects is not None and method in self.http_method_names and hasattr(self, method):
            load_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)
