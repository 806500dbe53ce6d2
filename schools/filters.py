"""Filters above the schools register."""

import django_filters
from django.db.models import Q

from .models import Governance, Phase, School, Status, TypeGroup


class SchoolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="School name, URN or postcode")
    phase = django_filters.ChoiceFilter(choices=Phase.choices, empty_label="Any phase")
    type_group = django_filters.ChoiceFilter(
        choices=TypeGroup.choices, empty_label="Any type", label="Type"
    )
    governance = django_filters.ChoiceFilter(
        choices=Governance.choices, empty_label="Any", label="Maintained or academy"
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, empty_label="Any status", label="Status"
    )

    class Meta:
        model = School
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(name__icontains=value) | Q(postcode__icontains=value)
        if value.isdigit():
            condition |= Q(urn=int(value))
        return queryset.filter(condition)
