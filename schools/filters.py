"""Filters above the schools register."""

import django_filters
from django.db.models import F, Q

from .models import Cluster, Governance, Outcome, Phase, RiskCategory, School, Status, TypeGroup

YES_NO = [("yes", "Yes"), ("no", "No")]
SORTS = [
    ("name", "Name (A to Z)"),
    ("-name", "Name (Z to A)"),
    ("urn", "URN"),
    ("-pupils", "Most pupils"),
    ("pupils", "Fewest pupils"),
    ("-inspected", "Most recently inspected"),
    ("inspected", "Longest since inspected"),
    ("review", "Risk review due soonest"),
]
SORT_ORDER = {
    "name": ["name", "urn"],
    "-name": ["-name", "urn"],
    "urn": ["urn"],
    "-pupils": [F("number_of_pupils").desc(nulls_last=True), "name"],
    "pupils": [F("number_of_pupils").asc(nulls_last=True), "name"],
    "-inspected": [F("last_inspected").desc(nulls_last=True), "name"],
    "inspected": [F("last_inspected").asc(nulls_first=True), "name"],
    "review": [F("risk_review_due").asc(nulls_last=True), "name"],
}


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
    outcome = django_filters.ChoiceFilter(
        choices=Outcome.choices, empty_label="Any outcome", label="Current Ofsted outcome"
    )
    good = django_filters.ChoiceFilter(
        choices=YES_NO, empty_label="Either", label="Good or better", method="filter_good"
    )
    stuck = django_filters.ChoiceFilter(
        choices=YES_NO, empty_label="Either", label="Stuck school", method="filter_stuck"
    )
    risk_category = django_filters.ModelChoiceFilter(
        queryset=RiskCategory.objects.all(), empty_label="Any category", label="Risk category"
    )
    cluster = django_filters.ModelChoiceFilter(
        field_name="clusters",
        queryset=Cluster.objects.all(),
        empty_label="Any cluster",
        label="Cluster or locality",
    )
    ward = django_filters.CharFilter(field_name="ward__name", lookup_expr="icontains", label="Ward")
    trust = django_filters.CharFilter(
        field_name="trust__name", lookup_expr="icontains", label="Academy trust"
    )
    sort = django_filters.ChoiceFilter(
        choices=SORTS, empty_label=None, label="Sort by", method="sort_by"
    )

    class Meta:
        model = School
        fields = []

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if viewer is None or not viewer.has_perm("schools.view_risk"):
            # Risk categories are confidential to the LA: no filter and no sort on them.
            del self.filters["risk_category"]
            self.filters["sort"].extra["choices"] = [
                choice for choice in SORTS if choice[0] != "review"
            ]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by("name", "urn")
        queryset = super().filter_queryset(queryset)
        return queryset.distinct() if self.form.cleaned_data.get("cluster") else queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDER[value])

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(name__icontains=value) | Q(postcode__icontains=value)
        if value.isdigit():
            condition |= Q(urn=int(value))
        return queryset.filter(condition)

    def filter_good(self, queryset, name, value):
        return queryset.filter(good_or_better=(value == "yes"))

    def filter_stuck(self, queryset, name, value):
        return queryset.filter(stuck=(value == "yes"))
