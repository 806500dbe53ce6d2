"""Filters above the lists of the partnership domain."""

import django_filters
from django import forms
from django.db.models import Q

from .models import AccessEvent, Role, User


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
