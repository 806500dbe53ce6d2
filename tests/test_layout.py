"""Council branding and role-dependent navigation."""

from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent

NAVIGATION = {
    "officer": [
        "Dashboard",
        "Schools",
        "System leaders",
        "Support",
        "Partnership",
        "Peer review",
        "Review themes",
        "Reports",
        "Users",
    ],
    "headteacher": [
        "Dashboard",
        "My school",
        "Schools",
        "Support",
        "Partnership",
        "Peer review",
        "Reports",
    ],
    "system_leader": ["Dashboard", "Schools", "Support", "Partnership", "Peer review", "Reports"],
    "board_member": ["Dashboard", "Schools", "Partnership", "Review themes", "Reports"],
    "admin": [
        "Dashboard",
        "Schools",
        "System leaders",
        "Support",
        "Partnership",
        "Peer review",
        "Review themes",
        "Reports",
        "Users",
        "Access log",
        "Admin site",
    ],
    "no_role": ["Dashboard"],
}


@pytest.mark.parametrize("role", sorted(NAVIGATION))
def test_navigation_depends_on_roles(role, client_for, settings):
    response = client_for(role).get(reverse("dashboard"))
    labels = [item["label"] for item in response.context["navigation"]]
    assert labels == NAVIGATION[role]
    assert response.context["navigation"][0]["current"] is True


def test_header_is_the_councils_not_govuks(client, db, settings):
    settings.COUNCIL_NAME = "Example Metropolitan Borough Council"
    content = client.get(reverse("login")).content.decode()
    assert "Example Metropolitan Borough Council" in content
    assert "govuk-generic-header" in content
    assert "govuk-header__logotype" not in content
    assert "GOV.UK" not in content
    assert 'href="#main-content"' in content and 'id="main-content"' in content


def test_compiled_styles_use_arial_and_no_gds_transport():
    css = (ROOT / "static" / "build" / "application.css").read_text()
    assert "GDS Transport" not in css
    assert "arial" in css.lower()
    assert ".govuk-generic-header" in css


def test_every_form_page_shows_an_error_summary(client, db):
    response = client.post(reverse("password_reset"), {"email": "not an email"})
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert 'href="#id_email"' in content
