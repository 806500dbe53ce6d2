"""The service navigation: which sections a user sees depends on their permissions."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url_name: str
    permission: str
    # The URL prefix under which the item counts as the current section.
    section: str


ITEMS = [
    NavigationItem("Dashboard", "dashboard", "partnership.view_dashboard", "/"),
    NavigationItem("Schools", "schools:list", "schools.view_school", "/schools/"),
    NavigationItem("System leaders", "leaders:list", "partnership.view_leaders", "/leaders/"),
    NavigationItem("Support", "support:list", "partnership.view_support", "/support/"),
    NavigationItem(
        "Partnership", "partnership_home", "partnership.view_partnership", "/partnership/"
    ),
    NavigationItem("Peer review", "reviews:home", "reviews.view_programme", "/reviews/"),
    NavigationItem("Review themes", "reviews:themes", "reviews.view_themes", "/reviews/themes/"),
    NavigationItem("Reports", "reports:home", "reports.view_reports", "/reports/"),
    NavigationItem("Users", "users:list", "partnership.manage_users", "/accounts/users/"),
    NavigationItem(
        "Access log", "access_log", "partnership.view_access_log", "/accounts/access-log/"
    ),
    NavigationItem("Admin site", "admin:index", "partnership.use_admin_site", "/admin/"),
]


def navigation_for(request) -> list[dict]:
    """The items the signed-in user may use, with the current one marked."""
    user = request.user
    if not user.is_authenticated:
        return []
    allowed = [item for item in ITEMS if user.has_perm(item.permission)]
    # The most specific section wins: /reviews/themes/ is "Review themes", not "Peer review".
    matching = [
        item
        for item in allowed
        if (request.path == "/" if item.section == "/" else request.path.startswith(item.section))
    ]
    current_item = max(matching, key=lambda item: len(item.section), default=None)
    items = [
        {"label": item.label, "href": reverse(item.url_name), "current": item is current_item}
        for item in allowed
    ]
    own_schools = _own_school_items(request)
    # A headteacher's own school comes straight after the dashboard.
    return items[:1] + own_schools + items[1:]


def _own_school_items(request) -> list[dict]:
    from .permissions import is_headteacher

    user = request.user
    if not is_headteacher(user) or not user.has_perm("schools.view_school"):
        return []
    schools = list(user.schools.order_by("name").only("urn", "name"))
    items = []
    for school in schools:
        href = reverse("schools:detail", kwargs={"urn": school.urn})
        label = "My school" if len(schools) == 1 else school.name
        items.append({"label": label, "href": href, "current": request.path == href})
    return items
