from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Cluster,
    ImportRun,
    Inspection,
    LocalAuthority,
    RiskCategory,
    School,
    Trust,
    Ward,
)


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "urn", "phase", "type_group", "governance", "status", "outcome"]
    list_filter = ["phase", "type_group", "governance", "status", "outcome", "stuck"]
    search_fields = ["name", "urn", "postcode"]
    list_select_related = ["risk_category"]
    # Derived from inspections and risk assessments; changed only through them.
    readonly_fields = [
        "outcome",
        "good_or_better",
        "stuck",
        "last_inspected",
        "risk_category",
        "risk_review_due",
    ]
    filter_horizontal = ["clusters"]
    raw_id_fields = ["trust", "ward"]


@admin.register(RiskCategory)
class RiskCategoryAdmin(SimpleHistoryAdmin):
    """The LA's own scale: names, RAG colours, which schools and how often to review."""

    list_display = ["name", "colour", "applies_to", "order", "review_months", "active"]
    list_editable = ["order", "active"]


@admin.register(Cluster)
class ClusterAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Trust)
class TrustAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    """Inspections come from Ofsted's files; the admin site only reads them."""

    list_display = ["school", "kind", "start_date", "overall_effectiveness", "inspection_number"]
    list_filter = ["kind"]
    search_fields = ["school__name", "school__urn", "inspection_number"]
    list_select_related = ["school"]
    raw_id_fields = ["school"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "state", "source", "created_at", "started_by"]
    list_filter = ["kind", "state"]
    list_select_related = ["started_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
