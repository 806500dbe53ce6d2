"""Risk categories, records of visits, exports, the dashboard and web imports."""

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partnership.models import AccessEvent
from schools import services
from schools.models import (
    ImportRun,
    Inspection,
    InspectionKind,
    RiskAssessment,
    RiskCategory,
    School,
    Visit,
)

from .factories import SchoolFactory

DATA = Path(__file__).parent / "data"


@pytest.fixture
def category(db):
    return RiskCategory.objects.get(name="Category 3: intensive")


@pytest.fixture
def assessed(school, users, category):
    services.risk_assess(
        school=school,
        category=category,
        assessed_on=timezone.localdate() - timedelta(days=200),
        rationale="Confidential: leadership capacity is thin after the deputy left.",
        next_review_on=None,
        officer=users["officer"],
    )
    return school


# ------------------------------------------------------------------------------------- risk


def test_an_officer_sets_a_category_and_the_history_is_kept(client_for, school, category):
    client = client_for("officer")
    url = reverse("schools:risk_assess", args=[school.urn])
    today = timezone.localdate()
    for rationale in ("First view.", "Reviewed: no change."):
        response = client.post(
            url,
            {
                "category": category.pk,
                "assessed_on_0": today.day,
                "assessed_on_1": today.month,
                "assessed_on_2": today.year,
                "rationale": rationale,
            },
        )
        assert response.status_code == 302
    school.refresh_from_db()
    assert school.risk_category == category
    assert school.risk_review_due == services.add_months(today, category.review_months)
    assert RiskAssessment.objects.filter(school=school).count() == 2


def test_the_risk_form_explains_each_problem(client_for, school):
    response = client_for("officer").post(
        reverse("schools:risk_assess", args=[school.urn]),
        {"assessed_on_0": "31", "assessed_on_1": "2", "assessed_on_2": "2026"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a risk category" in page
    assert "Enter the rationale for this category" in page
    assert not RiskAssessment.objects.exists()


def test_an_academy_cannot_be_given_a_maintained_category(users, category):
    academy = SchoolFactory(governance="academy", type_group="academies")
    with pytest.raises(ValueError):
        services.risk_assess(
            school=academy,
            category=category,
            assessed_on=date(2026, 1, 5),
            rationale="x",
            next_review_on=None,
            officer=users["officer"],
        )


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("officer", True),
        ("admin", True),
        ("headteacher", True),  # their own school
        ("other_headteacher", False),
        ("system_leader", False),
        ("board_member", False),
    ],
)
def test_risk_categories_are_seen_only_by_the_la_and_the_schools_head(
    client_for, assessed, role, sees
):
    client = client_for(role)
    detail = client.get(reverse("schools:detail", args=[assessed.urn])).content.decode()
    assert ("leadership capacity is thin" in detail) is sees
    listing = client.get(reverse("schools:list")).content.decode()
    export = b"".join(client.get(reverse("schools:export", args=["csv"])).streaming_content)
    # Only officers see categories in lists and exports, even for the head's own school.
    in_lists = role in {"officer", "admin"}
    assert ("Category 3: intensive" in listing) is in_lists
    assert (b"Category 3: intensive" in export) is in_lists
    filtered = client.get(reverse("schools:list"), {"risk_category": assessed.risk_category_id})
    assert (len(filtered.context["schools"]) == 1) if in_lists else True


def test_board_members_see_counts_of_categories_not_schools(client_for, assessed):
    page = client_for("board_member").get(reverse("dashboard")).content.decode()
    assert "Open schools by risk category" in page
    assert "leadership capacity" not in page
    assert "Risk reviews" not in page


def test_overdue_reviews_are_listed_for_officers(client_for, assessed):
    response = client_for("officer").get(reverse("schools:risk_reviews"))
    assert response.context["overdue"] == 1
    assert assessed.name in response.content.decode()


def test_viewing_a_schools_risk_category_is_logged(client_for, assessed):
    client_for("officer").get(reverse("schools:detail", args=[assessed.urn]))
    assert AccessEvent.objects.filter(kind="viewed_confidential", object_id=str(assessed.pk))


# ----------------------------------------------------------------------------------- visits


def _visit_post(**extra):
    data = {
        "visited_on_0": "2",
        "visited_on_1": "10",
        "visited_on_2": "2026",
        "focus": "Reading",
        "notes": "Phonics is consistent in Reception and Year 1.",
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "20",
        "actions-0-action": "Share the phonics audit with governors",
        "actions-0-owner": "Headteacher",
        "actions-0-due_on": "2026-12-01",
    }
    data.update(extra)
    return data


def test_a_visit_is_recorded_shared_and_confirmed_or_disputed(client_for, school, users):
    officer = client_for("officer")
    response = officer.post(reverse("schools:visit_new", args=[school.urn]), _visit_post())
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.actions.count() == 1
    # A draft is the LA's: the school's head cannot see it yet.
    head = client_for("headteacher")
    assert head.get(reverse("schools:visit", args=[visit.pk])).status_code == 404
    officer = client_for("officer")
    officer.post(reverse("schools:visit_share", args=[visit.pk]))
    visit.refresh_from_db()
    assert visit.is_shared
    # Once shared it is no longer editable.
    assert officer.get(reverse("schools:visit_edit", args=[visit.pk])).status_code == 403
    head = client_for("headteacher")
    assert head.get(reverse("schools:visit", args=[visit.pk])).status_code == 200
    missing = head.post(reverse("schools:visit_respond", args=[visit.pk]), {"response": "disputed"})
    assert "Say what is inaccurate" in missing.content.decode()
    head.post(
        reverse("schools:visit_respond", args=[visit.pk]),
        {"response": "disputed", "response_text": "We met the maths lead, not the English lead."},
    )
    visit.refresh_from_db()
    assert visit.response == Visit.Response.DISPUTED
    assert visit.responded_by == users["headteacher"]
    page = client_for("officer").get(reverse("schools:visit", args=[visit.pk])).content.decode()
    assert "We met the maths lead" in page
    assert (
        client_for("other_headteacher").get(reverse("schools:visit", args=[visit.pk])).status_code
        == 404
    )


def test_a_visit_form_names_each_missing_answer(client_for, school):
    response = client_for("officer").post(
        reverse("schools:visit_new", args=[school.urn]),
        _visit_post(focus="", notes="", **{"actions-0-owner": "", "visited_on_0": ""}),
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the focus of the visit" in page
    assert "Enter who owns the action" in page
    assert not Visit.objects.exists()


# ---------------------------------------------------------------------------------- exports


def test_exports_escape_formulas_and_follow_the_filters(client_for, school):
    SchoolFactory(name='=HYPERLINK("http://evil.example")', phase="secondary")
    client = client_for("officer")
    response = client.get(reverse("schools:export", args=["csv"]), {"phase": "secondary"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2
    assert rows[1][2].startswith("'=HYPERLINK")
    response = client.get(reverse("schools:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example")' in names
    assert school.name in names


# ------------------------------------------------------------------------- list and counts


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["officer", "headteacher", "board_member"])
def test_list_and_exports_keep_a_constant_number_of_queries(client_for, role, category, users):
    client = client_for(role)
    SchoolFactory()
    urls = [reverse("schools:list"), reverse("schools:export", args=["xlsx"])]
    few = [_queries(client, url, sort="-pupils") for url in urls]
    for new in SchoolFactory.create_batch(25):
        services.risk_assess(
            school=new,
            category=category,
            assessed_on=date(2026, 1, 5),
            rationale="r",
            next_review_on=None,
            officer=users["officer"],
        )
        Inspection.objects.create(
            school=new,
            kind=InspectionKind.GRADED,
            start_date=date(2022, 1, 1),
            overall_effectiveness=2,
        )
    services.refresh_outcomes()
    assert [_queries(client, url, sort="-pupils") for url in urls] == few


def test_the_dashboard_keeps_a_constant_number_of_queries(client_for):
    client = client_for("officer")
    SchoolFactory()
    few = _queries(client, reverse("dashboard"))
    for new in SchoolFactory.create_batch(20):
        Inspection.objects.create(
            school=new,
            kind=InspectionKind.GRADED,
            start_date=date(2021, 3, 1),
            overall_effectiveness=3,
        )
    services.refresh_outcomes()
    assert _queries(client, reverse("dashboard")) <= few + 4  # the trend is cached after this


def test_filters_on_outcome_stuck_and_sorting(client_for):
    stuck = SchoolFactory(name="Aardvark Primary")
    for year in (2018, 2022):
        Inspection.objects.create(
            school=stuck,
            kind=InspectionKind.GRADED,
            start_date=date(year, 3, 1),
            overall_effectiveness=3,
        )
    good = SchoolFactory(name="Zebra Primary", number_of_pupils=900)
    Inspection.objects.create(
        school=good,
        kind=InspectionKind.GRADED,
        start_date=date(2023, 3, 1),
        overall_effectiveness=2,
    )
    services.refresh_outcomes()
    client = client_for("board_member")
    response = client.get(reverse("schools:list"), {"stuck": "yes"})
    assert list(response.context["schools"]) == [stuck]
    response = client.get(reverse("schools:list"), {"outcome": "good"})
    assert list(response.context["schools"]) == [good]
    response = client.get(reverse("schools:list"), {"sort": "-pupils"})
    assert response.context["schools"][0] == good
    page = client.get(reverse("schools:detail", args=[stuck.urn])).content.decode()
    assert "Requires improvement" in page and "Stuck (DfE, 2025)" in page


# ---------------------------------------------------------------------------- web imports


@pytest.mark.in_process
def test_an_upload_is_previewed_then_applied(
    client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("officer")
    with (
        (DATA / "gias_990_2025.csv").open("rb") as handle,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("schools:import_new"), {"kind": "gias", "file": handle, "la_codes": "990"}
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.state == ImportRun.State.PREVIEW
    assert run.summary["created"] == 44
    assert run.summary["skipped_reasons"]["in another local authority"] == 1
    assert not School.objects.filter(la_code=990).exists()
    page = client.get(reverse("schools:import", args=[run.pk])).content.decode()
    assert "What will change if you apply it" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schools:import_apply", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == ImportRun.State.APPLIED
    assert School.objects.filter(la_code=990).count() == 44
    # The import warmed the dashboard's trend: reading it now costs only the version check.
    from schools.selectors import register_trend

    with CaptureQueriesContext(connection) as queries:
        register_trend()
    assert len(queries) == 3
    # Applying twice does nothing more.
    client.post(reverse("schools:import_apply", args=[run.pk]))
    assert ImportRun.objects.get().state == ImportRun.State.APPLIED
    assert "44 created" in client.get(reverse("schools:imports")).content.decode()


@pytest.mark.in_process
def test_a_bad_upload_says_why_and_changes_nothing(
    client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("officer")
    with (
        (DATA / "ofsted_mi_990_report_cards.csv").open("rb") as handle,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("schools:import_new"), {"kind": "gias", "file": handle})
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.FAILED
    page = client.get(reverse("schools:import", args=[run.pk])).content.decode()
    assert "Nothing was changed" in page and "Ofsted" in page
    response = client.post(reverse("schools:import_new"), {"kind": "gias", "la_codes": "87"})
    page = response.content.decode()
    assert "Choose the file to import" in page
    assert "&#x27;87&#x27; is not a three-digit LA code" in page


def test_risk_reviews_and_import_history_keep_a_constant_number_of_queries(
    client_for, users, category
):
    client = client_for("officer")
    urls = [reverse("schools:risk_reviews"), reverse("schools:imports")]

    def add(count):
        for new in SchoolFactory.create_batch(count):
            services.risk_assess(
                school=new,
                category=category,
                assessed_on=date(2026, 1, 5),
                rationale="r",
                next_review_on=None,
                officer=users["officer"],
            )
            ImportRun.objects.create(
                kind="gias", file_name=f"{new.urn}.csv", started_by=users["officer"]
            )

    add(1)
    few = [_queries(client, url) for url in urls]
    add(15)
    assert [_queries(client, url) for url in urls] == few


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r", "\x00"])
def test_every_cell_a_spreadsheet_could_run_is_made_text(first):
    from schools.exports import safe_cell

    assert safe_cell(f"{first}HYPERLINK(1)") == f"'{first}HYPERLINK(1)"
    assert safe_cell("Plain") == "Plain"
    assert safe_cell(-3) == -3  # a number stays a number
