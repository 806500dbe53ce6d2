"""System leaders and brokerage through the pages, as each role uses them."""

from datetime import date

import pytest
from django.urls import reverse

from partnership.models import (
    Deployment,
    DeploymentLeader,
    FundingStream,
    Specialism,
    SupportRequest,
    SystemLeader,
)

from .factories import SchoolFactory, system_leader


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def leader(users):
    leader = system_leader(specialisms=["english", "leadership"], home_school=SchoolFactory())
    leader.person = users["system_leader"].person
    leader.save()
    return leader


def test_an_officer_adds_a_leader_with_a_designation(client_for):
    client = client_for("officer")
    english = Specialism.objects.get(code="english")
    response = client.post(
        reverse("leaders:create"),
        {
            "first_name": "Ruth",
            "last_name": "Okafor",
            "specialisms": [english.pk],
            "phases": ["primary", "special"],
            "days_per_term": "12",
            "active": "on",
        },
    )
    leader = SystemLeader.objects.get()
    assert response.status_code == 302 and leader.primary and leader.special
    response = client.post(
        reverse("leaders:designation_new", args=[leader.pk]),
        {
            "kind": leader.designations.model.kind.field.related_model.objects.get(code="sep").pk,
            **_date("starts_on", date(2026, 9, 1)),
        },
    )
    assert (
        "Enter the date the Self Evaluation Partner was quality assured"
        in response.content.decode()
    )
    bad = client.post(reverse("leaders:create"), {"first_name": "X", "days_per_term": "2.5"})
    page = bad.content.decode()
    assert "Enter a whole number of days" in page and "Enter their last name" in page


def test_a_head_requests_support_for_their_own_school_only(client_for, school, other_school):
    client = client_for("headteacher")
    english = Specialism.objects.get(code="english")
    data = {
        "specialisms": [english.pk],
        "phase": "primary",
        "priority": "high",
        "source": "risk",
        "description": "Phonics.",
        **_date("needed_from", date(2026, 9, 7)),
        **_date("needed_to", date(2026, 12, 18)),
    }
    response = client.post(reverse("support:request_new"), {"school": other_school.pk, **data})
    assert "Select a school you may request support for" in response.content.decode()
    assert not SupportRequest.objects.exists()
    client.post(reverse("support:request_new"), {"school": school.pk, **data})
    request = SupportRequest.objects.get()
    assert request.source == SupportRequest.Source.SELF_REFERRAL


def test_brokering_from_request_to_closed_evaluation(client_for, users, school, leader):
    request = SupportRequest.objects.create(
        school=school,
        phase="primary",
        source="risk",
        description="Reading.",
        needed_from=date(2026, 9, 7),
        needed_to=date(2026, 12, 18),
        raised_by=users["officer"],
    )
    request.specialisms.set(Specialism.objects.filter(code="english"))
    officer = client_for("officer")
    page = officer.get(reverse("support:request", args=[request.pk])).content.decode()
    assert "Specialisms: English, reading and phonics (1 of 1 needed)." in page
    response = officer.post(
        reverse("support:deploy", args=[request.pk]),
        {
            "leader": leader.pk,
            "days_agreed": "4",
            "objectives": "Reading at the expected standard.",
            "day_rate": "450",
            **_date("starts_on", date(2026, 9, 7)),
            **_date("ends_on", date(2026, 12, 18)),
        },
    )
    deployment = Deployment.objects.get()
    assert response.status_code == 302
    # The system leader logs visits from their own page; too many days are refused.
    leader_client = client_for("system_leader")
    url = reverse("support:visit_log", args=[deployment.pk])
    too_many = leader_client.post(
        url, {**_date("visited_on", date(2026, 9, 20)), "days_used": "5", "notes": "x"}
    )
    assert "would use 5 of the 4 days agreed" in too_many.content.decode()
    leader_client.post(
        url, {**_date("visited_on", date(2026, 9, 20)), "days_used": "2", "notes": "Lessons seen."}
    )
    assert DeploymentLeader.objects.get().visits.count() == 1
    # The head sees the support at their school, but not the money or the ranking.
    head_page = (
        client_for("headteacher")
        .get(reverse("support:deployment", args=[deployment.pk]))
        .content.decode()
    )
    assert "Lessons seen." in head_page and "£450" not in head_page
    # Funding: an overspend is refused with the amounts.
    fund = FundingStream.objects.create(
        name="Grant", amount=1000, starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31)
    )
    officer = client_for("officer")
    refused = officer.post(
        reverse("support:allocate", args=[deployment.pk]), {"stream": fund.pk, "amount": "1800"}
    )
    assert (
        "Grant has £1,000.00 left; £1,800.00 would overspend it by £800.00."
        in refused.content.decode()
    )
    officer.post(
        reverse("support:allocate", args=[deployment.pk]),
        {"stream": fund.pk, "amount": "1800.00".replace("1800", "900")},
    )
    assert officer.get(reverse("support:funding")).context["streams"][0].balance == 100
    # Two officers edit at once: the second is told and nothing of theirs is saved.
    edit = reverse("support:deployment_edit", args=[deployment.pk])
    common = {**_date("starts_on", date(2026, 9, 7)), **_date("ends_on", date(2026, 12, 18))}
    officer.post(edit, {**common, "objectives": "First officer's words.", "version": "1"})
    second = officer.post(edit, {**common, "objectives": "Second officer's words.", "version": "1"})
    assert "Someone else changed this deployment" in second.content.decode()
    deployment.refresh_from_db()
    assert deployment.objectives == "First officer's words."
    officer.post(
        reverse("support:close", args=[deployment.pk]),
        {"evaluation": "Met.", **_date("closed_on", date(2026, 12, 19))},
    )
    deployment.refresh_from_db()
    assert deployment.status == Deployment.Status.CLOSED
    request.refresh_from_db()
    assert request.status == SupportRequest.Status.CLOSED
    closed = client_for("system_leader").post(
        url, {**_date("visited_on", date(2026, 10, 1)), "days_used": "1", "notes": "x"}
    )
    assert closed.status_code == 403


def test_lists_keep_a_constant_number_of_queries(client_for, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("officer")

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(n):
        for index in range(n):
            school = SchoolFactory()
            leader = system_leader(name=(f"L{index}", f"Leader{index}{n}"), specialisms=["maths"])
            request = SupportRequest.objects.create(
                school=school,
                phase="primary",
                source="risk",
                description="x",
                needed_from=date(2026, 9, 7),
                needed_to=date(2026, 12, 18),
                raised_by=users["officer"],
            )
            request.specialisms.set(Specialism.objects.filter(code="maths"))
            deployment = Deployment.objects.create(
                request=request,
                school=school,
                starts_on=date(2026, 9, 7),
                ends_on=date(2026, 12, 18),
                objectives="x",
                created_by=users["officer"],
            )
            DeploymentLeader.objects.create(deployment=deployment, leader=leader, days_agreed=2)

    urls = [reverse("leaders:list"), reverse("support:list"), reverse("support:deployments")]
    add(1)
    few = [count(url) for url in urls]
    add(10)
    assert [count(url) for url in urls] == few


def test_board_members_see_the_impact_summary_without_risk_categories(client_for, users, school):
    Deployment.objects.create(
        school=school,
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 3, 27),
        objectives="x",
        created_by=users["officer"],
    )
    board = client_for("board_member").get(reverse("dashboard")).content.decode()
    assert "Impact of school-to-school support" in board
    assert "Risk categories of supported schools" not in board
    assert "does not prove that support caused it" in board
    leader = client_for("system_leader").get(reverse("dashboard")).content.decode()
    assert "Impact of school-to-school support" not in leader


def test_an_overlapping_designation_of_the_same_kind_is_refused(client_for, leader):
    kind = leader.designations.get().kind
    response = client_for("officer").post(
        reverse("leaders:designation_new", args=[leader.pk]),
        {"kind": kind.pk, **_date("starts_on", date(2026, 1, 1))},
    )
    assert "already holds National Leader of Education" in response.content.decode()
    assert leader.designations.count() == 1


def test_a_leader_and_their_account_share_one_person_record_either_way_round(client_for, users):
    english = Specialism.objects.get(code="english")
    officer = client_for("officer")
    leader_data = {
        "specialisms": [english.pk],
        "phases": ["primary"],
        "days_per_term": "6",
        "active": "on",
    }
    # An account first, then the leader record: the leader joins the account's person.
    existing = users["system_leader"]
    officer.post(
        reverse("leaders:create"),
        {"first_name": "Lee", "last_name": "Der", "email": existing.email, **leader_data},
    )
    assert SystemLeader.objects.get().person == existing.person
    # A leader first, then an account: the account joins the leader's person.
    officer.post(
        reverse("leaders:create"),
        {
            "first_name": "New",
            "last_name": "Leader",
            "email": "new.leader@example.invalid",
            **leader_data,
        },
    )
    officer.post(
        reverse("users:create"),
        {
            "full_name": "New Leader",
            "email": "new.leader@example.invalid",
            "roles": ["system_leader"],
        },
    )
    from partnership.models import User

    account = User.objects.get(email="new.leader@example.invalid")
    assert account.person.leader.person.last_name == "Leader"


def test_the_schools_head_withdraws_an_open_request(client_for, users, school):
    request = SupportRequest.objects.create(
        school=school,
        phase="primary",
        source="self_referral",
        description="x",
        needed_from=date(2026, 9, 7),
        needed_to=date(2026, 12, 18),
        raised_by=users["headteacher"],
    )
    url = reverse("support:withdraw", args=[request.pk])
    assert client_for("other_headteacher").post(url).status_code == 404
    client_for("headteacher").post(url)
    request.refresh_from_db()
    assert request.status == SupportRequest.Status.WITHDRAWN


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("support:funding_new", {"name": "Grant", "amount": "100"}),
        ("support:request_new", {"description": "x"}),
    ],
)
def test_reversed_dates_are_refused_by_name(client_for, url, data):
    start, end = ("starts_on", "ends_on") if "funding" in url else ("needed_from", "needed_to")
    response = client_for("officer").post(
        reverse(url), {**data, **_date(start, date(2026, 12, 1)), **_date(end, date(2026, 9, 1))}
    )
    assert "The end date must be on or after the start date" in response.content.decode()
    assert not FundingStream.objects.exists() and not SupportRequest.objects.exists()
