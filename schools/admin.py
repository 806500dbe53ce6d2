from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import School


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "urn", "phase", "type_group", "governance", "status"]
    list_filter = ["phase", "type_group", "governance", "status"]
    search_fields = ["name", "urn", "postcode"]
