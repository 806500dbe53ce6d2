"""Filters above the lists of the partnership domain."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from .models import (
    AccessEvent,
    Deployment,
    DesignationType,
    PhaseServed,
    Role,
    Specialism,
    SupportRequest,
    SystemLeader,
    User,
)


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or email address")
    role = django_filters.ChoiceFilter(
        field_name="role_grants__role", choices=Role.choices, empty_label="Any role"
    )
    is_active = django_filters.ChoiceFilter(
        label="Status",
        choices=[("yes", "Can sign in"), ("no", "Deactivated")],
        empty_label="Any",
        method="filter_active",
    )

    class Meta:
        model = User
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(full_name__icontains=value) | Q(email__icontains=value))

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")


class AccessEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AccessEvent.Kind.choices, empty_label="Any event")
    username = django_filters.CharFilter(lookup_expr="icontains", label="Email address")
    on = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date",
        label="Date",
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
    )

    class Meta:
        model = AccessEvent
        fields = []


class LeaderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or school")
    specialism = django_filters.ModelChoiceFilter(
        field_name="specialisms",
        queryset=Specialism.objects.all(),
        empty_label="Any specialism",
        label="Specialism",
    )
    designation = django_filters.ModelChoiceFilter(
        method="filter_designation",
        queryset=DesignationType.objects.all(),
        empty_label="Any designation",
        label="Current designation",
    )
    phase = django_filters.ChoiceFilter(
        choices=PhaseServed.choices, method="filter_phase", empty_label="Any phase", label="Phase"
    )
    active = django_filters.ChoiceFilter(
        choices=[("yes", "Available for brokering"), ("no", "Not available")],
        method="filter_active",
        empty_label="Any",
        label="Availability",
    )

    class Meta:
        model = SystemLeader
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(person__first_name__icontains=value)
            | Q(person__last_name__icontains=value)
            | Q(home_school__name__icontains=value)
        )

    def filter_designation(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            Q(designations__ends_on__isnull=True) | Q(designations__ends_on__gte=today),
            designations__kind=value,
            designations__starts_on__lte=today,
        ).distinct()

    def filter_phase(self, queryset, name, value):
        return queryset.filter(**{value: True})

    def filter_active(self, queryset, name, value):
        return queryset.filter(active=(value == "yes"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.distinct() if self.form.cleaned_data.get("specialism") else queryset


class SupportRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=SupportRequest.Status.choices, empty_label="Any status"
    )
    priority = django_filters.ChoiceFilter(
        choices=SupportRequest.Priority.choices, empty_label="Any priority"
    )
    school = django_filters.CharFilter(field_name="school__name", lookup_expr="icontains")

    class Meta:
        model = SupportRequest
        fields = []


class DeploymentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Deployment.Status.choices, empty_label="Any status"
    )
    school = django_filters.CharFilter(field_name="school__name", lookup_expr="icontains")

    class Meta:
        model = Deployment
        fields = []
