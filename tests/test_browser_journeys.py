"""Browser journeys in Chromium: every role signs in, sees its dashboard, and signs out.

Each page on the way is checked with axe (WCAG 2.2 AA rules); any violation fails.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from .browser import CHROMIUM_ARGS, assert_accessible, chromium_or_skip
from .test_layout import NAVIGATION

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
ROLES = ["officer", "headteacher", "system_leader", "board_member", "admin"]


@pytest.fixture(scope="module")
def browser():
    executable = chromium_or_skip()
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (not the server) are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        # Only this module needs it; it must not leak into later tests or their subprocesses.
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, email):
    page.goto(reverse("login"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_signs_in_sees_its_dashboard_and_signs_out(role, page, users):
    page.goto(reverse("login"))
    assert_accessible(page, "sign-in page")
    sign_in(page, users[role].email)
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text().startswith("Welcome")
    navigation = page.get_by_role("navigation", name="Menu")
    labels = [label.strip() for label in navigation.get_by_role("link").all_inner_texts()]
    assert labels == NAVIGATION[role]
    assert_accessible(page, f"dashboard as {role}")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    page.goto(reverse("dashboard"))
    assert "/accounts/login/" in page.url


def test_a_wrong_password_shows_an_accessible_error_summary(page, users):
    page.goto(reverse("login"))
    page.get_by_label("Email address").fill(users["officer"].email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "There is a problem" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert_accessible(page, "sign-in page with an error")


def test_officer_pages_are_accessible(page, users, school):
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    for url in [
        reverse("schools:list"),
        reverse("schools:detail", kwargs={"urn": school.urn}),
        reverse("users:list"),
        reverse("users:create"),
        reverse("users:detail", kwargs={"pk": users["headteacher"].pk}),
        reverse("profile"),
        reverse("password_change"),
        "/no/such/page/",
    ]:
        page.goto(url)
        assert_accessible(page, url)
    page.goto(reverse("users:create"))
    page.get_by_role("button", name="Save").click()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "add a user, with errors")


def test_refused_and_admin_pages_are_accessible(page, users):
    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    page.goto(reverse("users:list"))
    assert "You cannot see this page" in page.locator("h1").inner_text()
    assert_accessible(page, "403 page")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    sign_in(page, users["admin"].email)
    page.wait_for_url("**/")
    page.goto(reverse("access_log"))
    assert_accessible(page, "access log")


def test_the_menu_collapses_on_a_small_screen(browser, live_server, transactional_db, users):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, users["admin"].email)
        page.wait_for_url("**/")
        toggle = page.get_by_role("button", name="Menu")
        assert toggle.is_visible()
        assert not page.get_by_role("link", name="Access log").is_visible()
        toggle.click()
        assert page.get_by_role("link", name="Access log").is_visible()
        assert_accessible(page, "dashboard on a small screen with the menu open")
    finally:
        context.close()


@pytest.fixture
def register(school, users):
    """A school with an inspection history in two eras, a risk category and a shared visit."""
    from datetime import date, timedelta

    from django.utils import timezone

    from schools import services
    from schools.models import Inspection, RiskCategory, Visit, VisitAction

    Inspection.objects.create(
        school=school,
        kind="graded",
        start_date=date(2019, 5, 1),
        overall_effectiveness=3,
        quality_of_education=3,
        safeguarding_met=True,
    )
    Inspection.objects.create(
        school=school,
        kind="report_card",
        start_date=date(2026, 1, 20),
        safeguarding_met=True,
        area_grades={"inclusion": "strong", "achievement": "needs_attention"},
    )
    services.refresh_outcomes([school.pk])
    services.risk_assess(
        school=school,
        # Transactional tests flush the rows the migrations made, so make the category here.
        category=RiskCategory.objects.get_or_create(
            name="Category 3: intensive", defaults={"colour": "red", "applies_to": "maintained"}
        )[0],
        assessed_on=timezone.localdate() - timedelta(days=120),
        rationale="Achievement below expected two years running.",
        next_review_on=None,
        officer=users["officer"],
    )
    visit = Visit.objects.create(
        school=school,
        visited_on=date(2026, 10, 1),
        focus="Reading",
        notes="Phonics seen.",
        officer=users["officer"],
        shared_at=timezone.now(),
    )
    VisitAction.objects.create(
        visit=visit, action="Audit phonics", owner="Head", due_on=date(2026, 12, 1)
    )
    return {"school": school, "visit": visit}


def test_register_pages_are_accessible_to_an_officer(page, users, register, settings, tmp_path):
    from schools.models import ImportRun, Visit

    settings.MEDIA_ROOT = tmp_path
    school = register["school"]
    draft = Visit.objects.create(
        school=school,
        visited_on="2026-10-02",
        focus="Maths",
        notes="Draft.",
        officer=users["officer"],
    )
    run = ImportRun.objects.create(
        kind="gias",
        file_name="edubasealldata.csv",
        state=ImportRun.State.FAILED,
        error="1 row(s) rejected: nothing was changed.",
        problems=[{"row": 3, "column": "URN", "value": "12a", "reason": "is not a whole number"}],
    )
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    assert page.locator("figure.app-chart svg").count() >= 1
    assert_accessible(page, "dashboard with charts")
    for url in [
        reverse("schools:list") + "?sort=-pupils&stuck=yes",
        reverse("schools:detail", kwargs={"urn": school.urn}),
        reverse("schools:risk_assess", kwargs={"urn": school.urn}),
        reverse("schools:risk_reviews"),
        reverse("schools:visit_new", kwargs={"urn": school.urn}),
        reverse("schools:visit_edit", kwargs={"pk": draft.pk}),
        reverse("schools:visit", kwargs={"pk": register["visit"].pk}),
        reverse("schools:imports"),
        reverse("schools:import", kwargs={"pk": run.pk}),
    ]:
        page.goto(url)
        assert_accessible(page, url)
    page.goto(reverse("schools:risk_assess", kwargs={"urn": school.urn}))
    page.get_by_role("button", name="Save risk category").click()
    assert "Enter the rationale" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "risk form with errors")
    page.goto(reverse("schools:visit_new", kwargs={"urn": school.urn}))
    page.get_by_role("button", name="Save record of visit").click()
    assert "Enter the focus of the visit" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "visit form with errors")
    # Upload a file and see the preview of what it would change.
    page.goto(reverse("schools:import_new"))
    assert_accessible(page, "import form")
    page.get_by_label("GIAS establishments").check()
    page.get_by_label("The CSV file, as downloaded").set_input_files(
        str(Path(__file__).parent / "data" / "gias_990_2025.csv")
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/imports/*/")
    assert "What will change if you apply it" in page.content()
    assert_accessible(page, "import preview")
    page.get_by_role("button", name="Apply these changes").click()
    page.wait_for_url("**/imports/*/")
    assert "What changed" in page.content()


def test_a_headteacher_confirms_a_record_of_visit(page, users, register):
    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    page.goto(reverse("schools:detail", kwargs={"urn": register["school"].urn}))
    assert "Achievement below expected" in page.content()  # their own school's category
    assert_accessible(page, "school page as its head")
    page.get_by_role("link", name="Reading").click()
    page.get_by_role("link", name="Respond to this record").click()
    assert_accessible(page, "respond to a visit")
    page.get_by_label("Yes, it is accurate").check()
    page.get_by_role("button", name="Send response").click()
    page.wait_for_url("**/visits/*/")
    assert "Confirmed as accurate" in page.content()


@pytest.fixture
def brokered(school, users):
    """A support request at the head's school, brokered to the system leader user."""
    from datetime import date

    from partnership.models import (
        Deployment,
        DeploymentLeader,
        DesignationType,
        Specialism,
        SupportRequest,
    )

    from .factories import SchoolFactory, system_leader

    # Transactional tests flush the rows the migrations made, so make the lists here.
    Specialism.objects.get_or_create(code="english", defaults={"name": "English"})
    DesignationType.objects.get_or_create(code="nle", defaults={"name": "NLE"})
    leader = system_leader(specialisms=["english"], home_school=SchoolFactory())
    leader.person = users["system_leader"].person
    leader.save()
    request = SupportRequest.objects.create(
        school=school,
        phase="primary",
        source="risk",
        description="Reading.",
        needed_from=date(2026, 9, 7),
        needed_to=date(2027, 3, 31),
        raised_by=users["officer"],
    )
    request.specialisms.set(Specialism.objects.filter(code="english"))
    deployment = Deployment.objects.create(
        request=request,
        school=school,
        starts_on=date(2026, 9, 7),
        ends_on=date(2027, 3, 31),
        objectives="Reading at the expected standard.",
        created_by=users["officer"],
    )
    DeploymentLeader.objects.create(deployment=deployment, leader=leader, days_agreed=4)
    return {"request": request, "deployment": deployment, "leader": leader}


def test_brokerage_pages_are_accessible_to_an_officer(page, users, brokered):
    from datetime import date

    from partnership.models import FundingStream, Milestone

    fund = FundingStream.objects.create(
        name="Grant", amount=1000, starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31)
    )
    milestone = Milestone.objects.create(
        deployment=brokered["deployment"], description="Phonics audit", due_on=date(2026, 10, 1)
    )
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    for url in [
        reverse("leaders:list"),
        reverse("leaders:detail", kwargs={"pk": brokered["leader"].pk}),
        reverse("leaders:create"),
        reverse("leaders:designation_new", kwargs={"pk": brokered["leader"].pk}),
        reverse("support:list"),
        reverse("support:request_new"),
        reverse("support:request", kwargs={"pk": brokered["request"].pk}),
        reverse("support:deploy", kwargs={"pk": brokered["request"].pk}),
        reverse("support:deployments"),
        reverse("support:deployment", kwargs={"pk": brokered["deployment"].pk}),
        reverse("support:deployment_edit", kwargs={"pk": brokered["deployment"].pk}),
        reverse("support:milestone_new", kwargs={"pk": brokered["deployment"].pk}),
        reverse("support:close", kwargs={"pk": brokered["deployment"].pk}),
        reverse("support:add_leader", kwargs={"pk": brokered["deployment"].pk}),
        reverse("support:allocate", kwargs={"pk": brokered["deployment"].pk}),
        reverse("support:funding"),
        reverse("support:funding_new"),
        reverse("support:fund", kwargs={"pk": fund.pk}),
        reverse(
            "support:milestone", kwargs={"pk": brokered["deployment"].pk, "milestone": milestone.pk}
        ),
        reverse("leaders:edit", kwargs={"pk": brokered["leader"].pk}),
    ]:
        page.goto(url)
        assert_accessible(page, url)


def test_a_system_leader_logs_a_visit(page, users, brokered):
    sign_in(page, users["system_leader"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Support").first.click()
    page.get_by_role("link", name=brokered["request"].school.name).first.click()
    assert_accessible(page, "deployment as its leader")
    page.get_by_role("link", name="Log a visit").click()
    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month", exact=True).fill("10")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_label("Days used").fill("9")
    page.get_by_label("What was done, and what next").fill("Coached the reading lead.")
    page.get_by_role("button", name="Log the visit").click()
    assert "would use 9 of the 4 days agreed" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "visit log with an error")
    page.get_by_label("Days used").fill("2")
    page.get_by_role("button", name="Log the visit").click()
    page.wait_for_url("**/deployments/*/")
    assert "2 of 4 days used" in page.content()


def test_a_headteacher_sees_their_schools_support(page, users, brokered):
    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="My school").click()
    assert "School-to-school support" in page.content()
    page.get_by_role("link", name=brokered["request"].school.name).last.click()
    assert "Reading at the expected standard." in page.content()
    assert "Day rate" not in page.content()
    assert_accessible(page, "deployment as the school's head")


@pytest.fixture
def programme(school, other_school, users):
    """A cycle with a cluster and a planned review of the head's school; the other school's
    head is trained, so they can lead it."""
    from partnership.models import Specialism
    from reviews import services
    from reviews.models import TrainingSession

    from .factories import SchoolFactory, peer_review, review_cycle, review_framework, trained

    Specialism.objects.get_or_create(code="attendance", defaults={"name": "Attendance"})
    cycle = review_cycle()
    cluster = services.cluster_save(
        cycle=cycle, name="North A", schools=[school, other_school, *SchoolFactory.create_batch(2)]
    )
    lead = users["other_headteacher"].person
    lead.school = other_school
    lead.save()
    trained(lead)
    review = peer_review(school, cycle=cycle, status="planned")
    review.cluster = cluster
    review.save()
    return {
        "cycle": cycle,
        "cluster": cluster,
        "review": review,
        "framework": review_framework(),
        "training": TrainingSession.objects.get(),
    }


def test_a_headteacher_logs_a_peer_review_end_to_end(page, users, programme):
    """Host head: self-evaluation, team, start. Lead reviewer: findings, priorities, draft.
    Host head: agrees, records the workshop, closes, shares with the LA, asks for support."""
    review = programme["review"]
    review_url = reverse("reviews:review", kwargs={"pk": review.pk})
    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Peer review").first.click()
    assert_accessible(page, "programme as the host head")
    page.get_by_role("link", name=review.host_school.name).click()
    assert_accessible(page, "planned review as the host head")
    page.get_by_role("link", name="Write the school's self-evaluation").click()
    assert_accessible(page, "self-evaluation form")
    page.get_by_label("The school's own grade Inclusion").select_option("strong")
    page.get_by_label("The school's self-evaluation Inclusion").fill("SEND pupils thrive.")
    page.get_by_role("button", name="Save and keep working").click()
    assert "Saved. You can come back and change it." in page.content()
    page.get_by_role("button", name="Save and return to the review").click()
    page.wait_for_url(f"**{review_url}")
    assert "SEND pupils thrive." in page.content()

    page.get_by_role("link", name="Change the team").click()
    assert_accessible(page, "team form")
    page.get_by_label("Person").select_option(str(users["other_headteacher"].person_id))
    page.get_by_label("Lead reviewer").check()
    page.get_by_role("button", name="Add to the team").click()
    assert "added to the team" in page.content()
    page.goto(review_url)
    page.get_by_role("button", name="Start the review").click()
    assert "The review is now: In progress." in page.content()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, users["other_headteacher"].email)
    page.wait_for_url("**/")
    page.goto(review_url)
    assert_accessible(page, "review in progress as the lead reviewer")
    page.get_by_role("link", name="Record the team's findings").click()
    # Every area graded (the default framework's or the test's), optional ones not applicable.
    for grade in page.locator("select[name$='-team_grade']").all():
        grade.select_option(index=1)
    for box in page.get_by_label("The school does not have this provision").all():
        box.check()
    page.get_by_label("Areas for development Achievement").fill("Maths for disadvantaged pupils.")
    page.get_by_label("Strengths Inclusion").fill("Precise adaptations.")
    assert_accessible(page, "findings form")
    page.get_by_role("button", name="Save and return to the review").click()
    page.get_by_role("link", name="Agree priorities").click()
    assert_accessible(page, "priorities form")
    page.locator("#id_priorities-0-description").fill("Raise attainment in maths.")
    page.locator("#id_priorities-0-area").select_option(label="Achievement")
    page.get_by_role("button", name="Save priorities").click()
    page.get_by_role("button", name="Send the draft report to the host school").click()
    assert "The review is now: Draft report." in page.content()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    page.goto(review_url)
    assert "Precise adaptations." in page.content()
    page.get_by_role("button", name="Agree the report").click()
    page.get_by_role("link", name="Record the improvement workshop").click()
    assert_accessible(page, "workshop form")
    page.locator("#id_workshop_on_0").fill("20")
    page.locator("#id_workshop_on_1").fill("10")
    page.locator("#id_workshop_on_2").fill("2026")
    page.locator("#id_actions-0-description").fill("Maths working party")
    page.locator("#id_actions-0-owner").fill("Maths lead")
    page.locator("#id_actions-0-due_on").fill("2026-12-01")
    page.get_by_role("button", name="Save the workshop").click()
    page.wait_for_url(f"**{review_url}")
    assert "Maths working party" in page.content()
    page.get_by_role("button", name="Close the review").click()
    assert "The review is now: Closed." in page.content()
    assert_accessible(page, "closed review as the host head")

    page.get_by_role("link", name="Change who sees the findings").click()
    assert_accessible(page, "sharing form")
    page.get_by_label("Shared with the LA").check()
    page.get_by_role("button", name="Save").click()
    assert "Shared with the LA" in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.get_by_role("link", name="Ask the LA for support with this priority").click()
    assert_accessible(page, "priority to support form")
    page.locator("input[name=specialisms]").first.check()
    page.get_by_label("High").check()
    page.get_by_role("button", name="Ask the LA for support").click()
    page.wait_for_url("**/support/requests/*/")
    assert "Raise attainment in maths." in page.content()
    assert_accessible(page, "support request from a priority")


def test_peer_review_pages_are_accessible_to_officers_and_the_board(page, users, programme):
    from reviews.models import Review
    from reviews.services import framework_new_version

    from .factories import SchoolFactory, peer_review

    for school in SchoolFactory.create_batch(3):
        done = peer_review(school, cycle=programme["cycle"], status="closed")
        done.evaluations.update(areas_for_development="x", strengths="y")
    assert Review.objects.count() == 4
    framework, cycle = programme["framework"], programme["cycle"]
    draft = framework_new_version(framework=framework)
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    for url in [
        reverse("reviews:home"),
        reverse("reviews:review", kwargs={"pk": programme["review"].pk}),
        reverse("reviews:schedule", kwargs={"pk": programme["review"].pk}),
        reverse("reviews:team", kwargs={"pk": programme["review"].pk}),
        reverse("reviews:cycles"),
        reverse("reviews:cycle_new"),
        reverse("reviews:cycle", kwargs={"pk": cycle.pk}),
        reverse("reviews:cycle_edit", kwargs={"pk": cycle.pk}),
        reverse("reviews:cluster_new", kwargs={"pk": cycle.pk}),
        reverse(
            "reviews:cluster_edit", kwargs={"pk": cycle.pk, "cluster": programme["cluster"].pk}
        ),
        reverse("reviews:conflict_new", kwargs={"pk": cycle.pk}),
        reverse("reviews:generate", kwargs={"pk": cycle.pk}),
        reverse("reviews:themes"),
        reverse("reviews:frameworks"),
        reverse("reviews:framework", kwargs={"pk": framework.pk}),
        reverse("reviews:framework", kwargs={"pk": draft.pk}),
        reverse("reviews:area_new", kwargs={"pk": draft.pk}),
        reverse("reviews:area_edit", kwargs={"pk": draft.pk, "area": draft.areas.first().pk}),
        reverse("reviews:scale_new"),
        reverse("reviews:training"),
        reverse("reviews:training_new"),
        reverse("reviews:training_session", kwargs={"pk": programme["training"].pk}),
    ]:
        page.goto(url)
        assert_accessible(page, url)
    # An error summary, too.
    page.goto(reverse("reviews:cluster_new", kwargs={"pk": cycle.pk}))
    page.get_by_role("button", name="Save cluster").click()
    assert "Enter the name of the cluster" in page.content()
    assert_accessible(page, "cluster form with errors")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, users["board_member"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Review themes").click()
    assert "schools counted" in page.content()
    assert_accessible(page, "themes as a board member")


def test_a_headteacher_books_an_event_and_officers_run_it(page, users, school):
    from datetime import timedelta

    from django.utils import timezone

    from partnership.models import Booking, Event

    soon = timezone.now() + timedelta(days=20)
    event = Event.objects.create(
        title="Spring headteacher briefing",
        kind="briefing",
        starts_at=soon,
        ends_at=soon + timedelta(hours=3),
        venue="Civic Centre",
        places=1,
        audience="headteachers",
        created_by=users["officer"],
    )
    past = Event.objects.create(
        title="Autumn briefing",
        kind="briefing",
        starts_at=timezone.now() - timedelta(days=20),
        ends_at=timezone.now() - timedelta(days=20, hours=-3),
        venue="Civic Centre",
        created_by=users["officer"],
    )
    Booking.objects.create(
        event=past, person=users["headteacher"].person, booked_by=users["officer"]
    )
    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Partnership", exact=True).click()
    assert_accessible(page, "partnership home as a headteacher")
    page.get_by_role("link", name="Events and training").click()
    assert_accessible(page, "events as a headteacher")
    page.get_by_role("link", name="Spring headteacher briefing").click()
    assert_accessible(page, "event as a headteacher")
    page.get_by_role("button", name="Book a place").click()
    assert "Place booked for" in page.content()
    assert "0 of 1 left" in page.content()
    assert_accessible(page, "event once booked")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, users["other_headteacher"].email)
    page.wait_for_url("**/")
    page.goto(reverse("events:detail", kwargs={"pk": event.pk}))
    assert "This event is full." in page.content()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    for url in [
        reverse("events:list"),
        reverse("events:list") + "?when=past",
        reverse("events:create"),
        reverse("events:detail", kwargs={"pk": event.pk}),
        reverse("events:edit", kwargs={"pk": event.pk}),
        reverse("events:cancel", kwargs={"pk": event.pk}),
        reverse("events:attendance", kwargs={"pk": past.pk}),
    ]:
        page.goto(url)
        assert_accessible(page, url)
    page.goto(reverse("events:create"))
    page.get_by_role("button", name="Save event").click()
    assert "Enter the title of the event" in page.content()
    assert_accessible(page, "event form with errors")


def test_a_headteacher_answers_a_survey_and_officers_read_the_results(page, users, school):
    from datetime import timedelta

    from django.utils import timezone

    from partnership.models import Question, Survey, SurveyTheme

    today = timezone.localdate()
    survey = Survey.objects.create(
        title="Autumn survey of schools",
        audience="schools",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=10),
        created_by=users["officer"],
    )
    Question.objects.create(survey=survey, order=1, text="The LA knows my school.", kind="scale")
    Question.objects.create(
        survey=survey,
        order=2,
        text="Which did you use?",
        kind="multiple",
        choices="Peer review\nBriefings",
    )
    Question.objects.create(
        survey=survey, order=3, text="Anything else?", kind="text", required=False
    )
    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Partnership", exact=True).click()
    page.get_by_role("link", name="Surveys and consultations").click()
    assert_accessible(page, "surveys as a headteacher")
    page.get_by_role("link", name="Autumn survey of schools").click()
    page.get_by_role("link", name="Answer the survey").click()
    assert_accessible(page, "survey answer form")
    page.get_by_role("button", name="Send your answers").click()
    assert "Answer question 1" in page.content()
    assert_accessible(page, "survey answer form with errors")
    page.get_by_label("4: Agree").check()
    page.get_by_label("Peer review").check()
    page.get_by_label("3. Anything else?").fill("More network meetings, please.")
    page.get_by_role("button", name="Send your answers").click()
    assert "Thank you: your answers have been sent to the LA." in page.content()
    assert_accessible(page, "survey once answered")
    page.get_by_role("button", name="Sign out").click()

    SurveyTheme.objects.create(survey=survey, name="Networks", la_response="")
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    theme = SurveyTheme.objects.get()
    for url in [
        reverse("surveys:list"),
        reverse("surveys:create"),
        reverse("surveys:detail", kwargs={"pk": survey.pk}),
        reverse("surveys:edit", kwargs={"pk": survey.pk}),
        reverse("surveys:questions", kwargs={"pk": survey.pk}),
        reverse("surveys:results", kwargs={"pk": survey.pk}),
        reverse("surveys:theme", kwargs={"pk": survey.pk, "theme": theme.pk}),
        reverse("surveys:action_new", kwargs={"pk": survey.pk}),
    ]:
        page.goto(url)
        assert_accessible(page, url)
    page.goto(reverse("surveys:results", kwargs={"pk": survey.pk}))
    assert "More network meetings, please." in page.content()
    page.get_by_label("Networks").check()
    page.get_by_role("button", name="Save themes for this answer").click()
    assert "Themes saved for that answer." in page.content()


def test_board_pages_are_accessible_to_officers_and_the_board_member(
    page, users, settings, tmp_path
):
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from partnership import boards
    from partnership.models import Board, BoardAction, BoardMember, Meeting

    settings.MEDIA_ROOT = tmp_path
    board = Board.objects.create(name="Strategic Education Partnership Board", purpose="Steer.")
    BoardMember.objects.create(
        board=board, person=users["board_member"].person, role="chair", starts_on=date(2025, 9, 1)
    )
    meeting = Meeting.objects.create(
        board=board, held_at=timezone.now(), venue="Town hall", minutes="Agreed."
    )
    action = BoardAction.objects.create(
        board=board, description="Late report", owner=users["board_member"].person,
        due_on=date(2026, 1, 5),
    )  # fmt: skip
    boards.document_add(
        board=board,
        upload=SimpleUploadedFile("terms.pdf", b"%PDF-1.4"),
        kind="terms",
        title="Terms of reference",
        by=users["officer"],
    )
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    for url in [
        reverse("boards:list"),
        reverse("boards:create"),
        reverse("boards:overdue"),
        reverse("boards:detail", kwargs={"pk": board.pk}),
        reverse("boards:edit", kwargs={"pk": board.pk}),
        reverse("boards:member_new", kwargs={"pk": board.pk}),
        reverse("boards:priority_new", kwargs={"pk": board.pk}),
        reverse("boards:action_new", kwargs={"pk": board.pk}),
        reverse("boards:action", kwargs={"pk": board.pk, "action": action.pk}),
        reverse("boards:document_new", kwargs={"pk": board.pk}),
        reverse("boards:meeting_new", kwargs={"pk": board.pk}),
        reverse("boards:meeting", kwargs={"pk": board.pk, "meeting": meeting.pk}),
    ]:
        page.goto(url)
        assert_accessible(page, url)
    page.goto(reverse("boards:action_new", kwargs={"pk": board.pk}))
    page.get_by_role("button", name="Add the action").click()
    assert "every action needs an owner" in page.content()
    assert_accessible(page, "action form with errors")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, users["board_member"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Partnership", exact=True).click()
    assert_accessible(page, "partnership home as the board member")
    page.get_by_role("link", name="Boards and groups").click()
    assert "Late report" in page.content()
    assert_accessible(page, "boards as the board member")
    page.get_by_role("link", name="Strategic Education Partnership Board").click()
    assert_accessible(page, "board as the board member")
    page.goto(reverse("boards:meeting", kwargs={"pk": board.pk, "meeting": meeting.pk}))
    assert "Agreed." in page.content()
    assert_accessible(page, "meeting as the board member")


def test_self_evaluation_pages_are_accessible(page, users):
    from partnership import self_evaluation

    version = self_evaluation.version_create(by=users["officer"], title="Autumn 2026")
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Partnership", exact=True).click()
    assert_accessible(page, "partnership home as an officer")
    page.get_by_role("link", name="The LA's self-evaluation").click()
    assert_accessible(page, "self-evaluation versions")
    page.get_by_role("link", name="Autumn 2026").click()
    assert_accessible(page, "self-evaluation version")
    page.goto(reverse("self_evaluation:entry", kwargs={"pk": version.pk, "criterion": 6}))
    assert_accessible(page, "self-evaluation criterion")
    page.get_by_label("Good", exact=True).check()
    page.get_by_label("Strengths").fill("Brokerage matched to need.")
    page.get_by_role("button", name="Save").click()
    assert "Brokerage matched to need." in page.content()
    page.get_by_role("button", name="Finalise this version").click()
    assert "Version finalised" in page.content()


def test_cpd_good_practice_and_project_pages_are_accessible(page, users, school):
    from django.utils import timezone

    from partnership.models import CaseStudy, CpdOffer, Project

    offer = CpdOffer.objects.create(
        title="Phonics for Year 1", provider_kind="hub", provider_name="Riverside hub",
        description="Two twilights.", audience="Year 1 teachers",
        starts_on=timezone.localdate(), posted_by=users["officer"],
    )  # fmt: skip
    study = CaseStudy.objects.create(
        school=school, title="Reading for pleasure", theme="Reading", summary="Libraries.",
        body="How.", author=users["headteacher"], status="submitted",
    )  # fmt: skip
    project = Project.objects.create(
        title="EEF trial", kind="research", description="Maths.",
        starts_on=timezone.localdate(), lead=users["officer"].person,
    )  # fmt: skip
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    for url in [
        reverse("cpd:list"),
        reverse("cpd:create"),
        reverse("cpd:detail", kwargs={"pk": offer.pk}),
        reverse("cpd:edit", kwargs={"pk": offer.pk}),
        reverse("good_practice:list"),
        reverse("good_practice:detail", kwargs={"pk": study.pk}),
        reverse("good_practice:review", kwargs={"pk": study.pk}),
        reverse("projects:list"),
        reverse("projects:create"),
        reverse("projects:detail", kwargs={"pk": project.pk}),
        reverse("projects:edit", kwargs={"pk": project.pk}),
    ]:
        page.goto(url)
        assert_accessible(page, url)
    page.goto(reverse("projects:detail", kwargs={"pk": project.pk}))
    page.locator("#id_schools-urns").fill("12ab")
    page.get_by_role("button", name="Add the schools").click()
    assert "Not a six-digit URN: 12ab" in page.content()
    assert_accessible(page, "project with an error")
    page.get_by_role("button", name="Sign out").click()
    draft = CaseStudy.objects.create(
        school=school, title="Maths talk", theme="Maths", summary="Talk.", body="How.",
        author=users["headteacher"],
    )  # fmt: skip
    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    for url in [
        reverse("good_practice:create"),
        reverse("good_practice:edit", kwargs={"pk": draft.pk}),
        reverse("good_practice:detail", kwargs={"pk": draft.pk}),
        reverse("cpd:create"),
    ]:
        page.goto(url)
        assert_accessible(page, url)


def test_a_governor_answers_through_their_link(page, users, school):
    from datetime import timedelta

    from django.utils import timezone

    from partnership import surveys
    from partnership.models import Question, Survey

    from .factories import PersonFactory

    today = timezone.localdate()
    survey = Survey.objects.create(
        title="Governance survey", audience="governors", opens_on=today,
        closes_on=today + timedelta(days=7), created_by=users["officer"],
    )  # fmt: skip
    Question.objects.create(survey=survey, order=1, text="Training meets our needs.", kind="scale")
    chair = PersonFactory(school=school, job_title="Chair of governors")
    page.goto(
        reverse("surveys:link_answer", kwargs={"token": surveys.invitation_token(survey, chair)})
    )
    assert_accessible(page, "survey by link")
    page.get_by_label("4: Agree").check()
    page.get_by_role("button", name="Send your answers").click()
    assert "Thank you: your answers have been sent to the LA." in page.content()
    assert_accessible(page, "survey by link, answered")


def test_an_officer_writes_and_publishes_a_committee_report_and_the_board_reads_it(
    page, users, school, settings, tmp_path
):
    from datetime import timedelta

    from django.utils import timezone

    from partnership.models import Board, BoardMember

    settings.MEDIA_ROOT = tmp_path
    board = Board.objects.create(name="Strategic Education Partnership Board", purpose="Steer.")
    BoardMember.objects.create(
        board=board, person=users["board_member"].person, role="chair", starts_on="2025-09-01"
    )
    meeting = timezone.localdate() + timedelta(days=21)
    sign_in(page, users["officer"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Reports", exact=True).click()
    assert_accessible(page, "reports home as an officer")
    page.get_by_role("link", name="Write a committee report").click()
    assert_accessible(page, "committee report form")
    page.get_by_role("button", name="Save the report").click()
    assert_accessible(page, "committee report form with errors")
    assert "Enter the subject of the report" in page.content()
    page.get_by_label("Subject").fill("Partnership progress report")
    page.get_by_label("Board", exact=True).select_option(label=board.name)
    page.get_by_label("Report to").fill("Strategic Education Partnership Board")
    page.fill('input[name="meeting_date_0"]', str(meeting.day))
    page.fill('input[name="meeting_date_1"]', str(meeting.month))
    page.fill('input[name="meeting_date_2"]', str(meeting.year))
    page.get_by_label("Reporting officer").fill("Strategic Director, Children's Services")
    page.get_by_label("Portfolio").fill("Children and Young People")
    page.get_by_label("Purpose of the report").fill("To update the Board.")
    page.get_by_label("Recommendations").fill("That the Board notes the report.")
    for name in ("policy", "financial", "legal", "risk", "equality"):
        page.fill(f'textarea[name="{name}_implications"]', "None.")
    page.get_by_role("button", name="Save the report").click()
    assert "The report is saved." in page.content()
    assert_accessible(page, "committee report page as an officer")
    page.get_by_role("button", name="Draw a draft PDF").click()
    assert_accessible(page, "a finished report job")
    assert "Download the PDF" in page.content()
    page.get_by_role("link", name="The report").click()
    page.get_by_role("button", name="Publish the report").click()
    assert "Version 1 is being drawn" in page.content()
    page.goto(reverse("reports:journal"))
    assert_accessible(page, "journal archive as an officer")
    page.get_by_role("button", name="Draft this term's issue").click()
    assert_accessible(page, "draft journal issue")
    page.get_by_role("link", name="Edit the issue").click()
    assert_accessible(page, "journal issue form")
    page.get_by_label("Editorial").fill("Welcome to this term's issue.")
    page.get_by_label("Board highlights").fill("The Board met in October.")
    page.get_by_role("button", name="Save the issue").click()
    page.get_by_role("button", name="Publish to every school").click()
    assert "The issue is published" in page.content()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, users["board_member"].email)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Reports", exact=True).click()
    assert_accessible(page, "reports home as a board member")
    page.get_by_role("link", name="Partnership progress report").click()
    assert_accessible(page, "committee report page as a board member")
    with page.expect_download() as download:
        page.get_by_role("link", name="Report (PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, users["headteacher"].email)
    page.wait_for_url("**/")
    page.goto(reverse("schools:detail", args=[school.urn]))
    page.get_by_role("button", name="Download a school profile (PDF)").click()
    assert_accessible(page, "school profile job as a headteacher")
    page.goto(reverse("reports:journal"))
    assert_accessible(page, "journal archive as a headteacher")
