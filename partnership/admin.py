"""The admin site: for administrators only; everyday work happens in the service's pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AccessEvent,
    Deployment,
    Designation,
    DesignationType,
    FundingStream,
    Person,
    Specialism,
    SystemLeader,
    User,
    UserRole,
)

admin.site.site_header = "Partnership administration"
admin.site.site_title = "Partnership administration"


def admin_login(request, extra_context=None):
    """One sign-in page for the whole service; the admin site is refused to non-administrators."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise PermissionDenied("The admin site is for administrators.")
    return redirect_to_login(next_url, login_url=reverse("login"))


admin.site.login = admin_login


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 0


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "role_grants__role"]
    search_fields = ["email", "full_name"]
    filter_horizontal = ["schools", "groups", "user_permissions"]
    inlines = [UserRoleInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Details", {"fields": ["full_name", "person", "schools"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    raw_id_fields = ["person"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "email", "job_title", "school"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["school"]


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """Read-only: the access log is append-only."""

    list_display = ["at", "kind", "username", "ip_address", "path"]
    list_filter = ["kind"]
    search_fields = ["username", "path", "detail"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The controlled lists of the brokerage, which each LA adjusts to its own practice.
@admin.register(Specialism)
class SpecialismAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]


@admin.register(DesignationType)
class DesignationTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "needs_quality_assurance", "order"]
    list_editable = ["order"]


class DesignationInline(admin.TabularInline):
    model = Designation
    extra = 0


@admin.register(SystemLeader)
class SystemLeaderAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "home_school", "days_per_term", "active"]
    list_select_related = ["person", "home_school"]
    raw_id_fields = ["person", "home_school"]
    search_fields = ["person__first_name", "person__last_name"]
    inlines = [DesignationInline]


@admin.register(FundingStream)
class FundingStreamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "amount", "starts_on", "ends_on"]


@admin.register(Deployment)
class DeploymentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "starts_on", "ends_on"]
    list_select_related = ["school"]
    raw_id_fields = ["school", "request", "created_by"]
    list_filter = ["status"]
