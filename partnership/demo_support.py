"""The demo borough's system leaders, support requests, deployments and funding.

Seeded and keyed (by email address, school and dates), so a second run creates nothing twice.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from schools.models import School, Status

from .brokerage import candidates, school_phase
from .models import (
    Deployment,
    DeploymentLeader,
    DeploymentVisit,
    Designation,
    DesignationType,
    FundingAllocation,
    FundingStream,
    Milestone,
    Person,
    Specialism,
    SupportRequest,
    SystemLeader,
    User,
)
from .terms import term_of

# email, title, first, last, job, designation codes, specialisms, phases, days a term
LEADERS = [
    ("leader@demo.invalid", "", "Helen", "Carter", "Deputy headteacher", ["sle"], ["maths", "assessment"], ["secondary"], 8),
    ("head2@demo.invalid", "", "", "", "Headteacher", ["nle"], ["leadership", "english", "curriculum"], ["primary", "early_years"], 10),
    ("r.okafor@demo.invalid", "Mrs", "Ruth", "Okafor", "Executive headteacher", ["nle", "executive_head"], ["leadership", "send", "behaviour_attendance"], ["primary", "special"], 12),
    ("t.walsh@demo.invalid", "Mr", "Tom", "Walsh", "Headteacher", ["lle"], ["english", "early_years"], ["primary", "early_years"], 6),
    ("s.iqbal@demo.invalid", "Dr", "Sana", "Iqbal", "Assistant headteacher", ["sle"], ["science", "curriculum"], ["secondary", "post_16"], 6),
    ("g.dixon@demo.invalid", "Mr", "Graham", "Dixon", "Chair of governors", ["nlg"], ["governance", "finance"], ["primary", "secondary"], 8),
    ("m.nowak@demo.invalid", "Ms", "Marta", "Nowak", "School improvement partner", ["sep", "la_adviser"], ["self_evaluation", "leadership"], ["primary", "secondary"], 15),
    ("j.earnshaw@demo.invalid", "Mrs", "Julie", "Earnshaw", "SENCo", ["sle"], ["send", "safeguarding"], ["primary", "special"], 4),
]  # fmt: skip


def _leader(
    email, title, first, last, job, designations, specialisms, phases, days, schools, today
):
    user = User.objects.filter(email=email).select_related("person").first()
    if user is not None and user.person is not None:
        person = user.person
    else:
        person, _ = Person.objects.get_or_create(
            email=email,
            defaults={"title": title, "first_name": first, "last_name": last, "job_title": job},
        )
    home = person.school or schools[sum(map(ord, email)) % len(schools)]
    leader, _ = SystemLeader.objects.get_or_create(
        person=person,
        defaults={
            "home_school": home,
            "days_per_term": days,
            **dict.fromkeys(phases, True),
        },
    )
    leader.specialisms.set(Specialism.objects.filter(code__in=specialisms))
    for index, code in enumerate(designations):
        kind = DesignationType.objects.get(code=code)
        starts = date(today.year - 3 + index, 9, 1)
        # One lapses within 90 days, one has lapsed; the rest run on.
        ends = None
        if email.startswith("t.walsh"):
            ends = today + timedelta(days=45)
        elif email.startswith("s.iqbal") and index == 0:
            ends = today - timedelta(days=60)
        Designation.objects.get_or_create(
            leader=leader,
            kind=kind,
            starts_on=starts,
            defaults={
                "ends_on": ends,
                "quality_assured_on": starts + timedelta(days=30)
                if kind.needs_quality_assurance
                else None,
                "quality_assurance_outcome": "Meets the LA's standard"
                if kind.needs_quality_assurance
                else "",
            },
        )
    return leader


@transaction.atomic
def load(*, officer) -> dict:
    today = timezone.localdate()
    schools = list(School.objects.filter(la_code=997).exclude(status=Status.CLOSED).order_by("urn"))
    leaders = {row[0]: _leader(*row, schools=schools, today=today) for row in LEADERS}
    term = term_of(today)
    fund, _ = FundingStream.objects.get_or_create(
        name=f"School-to-school support grant {term.academic_year}",
        defaults={
            "amount": Decimal("70000"),
            "starts_on": date(int(term.academic_year[:4]), 9, 1),
            "ends_on": date(int(term.academic_year[:4]) + 1, 8, 31),
            "conditions": "For schools judged below good or in risk categories 3 and 4; "
            "impact to be reported to the Strategic Partnership Board each term.",
        },
    )
    needy = [school for school in schools if school.good_or_better is False][:6]
    created = 0
    # Needs, priority, source, and whether the demo has already brokered it.
    plans = [
        (["english", "leadership"], "high", "ofsted", True),
        (["maths", "assessment"], "high", "risk", True),
        (["governance"], "medium", "visit", True),
        (["send"], "medium", "self_referral", False),
        (["behaviour_attendance", "leadership"], "high", "risk", False),
        (["science", "curriculum"], "low", "peer_review", False),
    ]
    for school, (needs, priority, source, deploy) in zip(needy, plans, strict=False):
        request, was_created = SupportRequest.objects.get_or_create(
            school=school,
            needed_from=term.starts_on,
            defaults={
                "phase": school_phase(school),
                "priority": priority,
                "source": source,
                "description": f"{school.name} needs support with "
                + " and ".join(Specialism.objects.get(code=code).name.lower() for code in needs)
                + ", agreed at the termly risk meeting.",
                "needed_to": term.ends_on,
                "raised_by": officer,
            },
        )
        if was_created:
            request.specialisms.set(Specialism.objects.filter(code__in=needs))
            created += 1
        if not deploy or request.deployments.exists():
            continue
        # The demo takes the matching's own best candidate, as an officer usually would.
        best = next((c for c in candidates(request) if not c.excluded), None)
        if best is None:
            continue
        leader = best.leader
        deployment = Deployment.objects.create(
            request=request,
            school=school,
            starts_on=term.starts_on,
            ends_on=term.ends_on,
            objectives=request.description
            + " Objective: secure, consistent practice by the end of term.",
            day_rate=Decimal("450"),
            override_reason="",
            created_by=officer,
        )
        days = max(1, min(6, best.days_left))
        assignment = DeploymentLeader.objects.create(
            deployment=deployment, leader=leader, days_agreed=days
        )
        SupportRequest.objects.filter(pk=request.pk).update(status=SupportRequest.Status.BROKERED)
        for step in range(2):
            visited = term.starts_on + timedelta(days=14 + 21 * step)
            if visited <= today:
                DeploymentVisit.objects.create(
                    assignment=assignment,
                    visited_on=visited,
                    days_used=1 if days < 3 else 1 + step,
                    notes="Observed lessons with the subject lead; agreed next steps and a follow-up.",
                    logged_by=leader.person.user if hasattr(leader.person, "user") else officer,
                )
        Milestone.objects.create(
            deployment=deployment,
            description="Leaders' own monitoring shows the agreed approach in every class",
            due_on=term.starts_on + timedelta(days=50),
            rag="amber",
            narrative="Seen in most classes; two new staff still need coaching.",
            judged_on=term.starts_on + timedelta(days=52),
        )
        Milestone.objects.create(
            deployment=deployment,
            description="Pupils' outcomes in the autumn assessment at or above the plan's target",
            due_on=term.ends_on,
        )
        FundingAllocation.objects.create(
            stream=fund, deployment=deployment, amount=Decimal("2700"), allocated_by=officer
        )
    # One closed deployment from last year, to show the end of the cycle.
    past = [school for school in schools if school.good_or_better][:1]
    for school in past:
        if Deployment.objects.filter(school=school, status=Deployment.Status.CLOSED).exists():
            continue
        start = term.starts_on - timedelta(days=365)
        deployment = Deployment.objects.create(
            school=school,
            starts_on=start,
            ends_on=start + timedelta(days=100),
            objectives="Strengthen phonics teaching in Reception and Year 1.",
            day_rate=Decimal("450"),
            created_by=officer,
            status=Deployment.Status.CLOSED,
            closed_on=start + timedelta(days=105),
            evaluation="Objectives met: the phonics screening check rose from 68% to 84%; the school "
            "now leads the cluster's phonics network.",
        )
        DeploymentLeader.objects.create(
            deployment=deployment, leader=leaders["t.walsh@demo.invalid"], days_agreed=5
        )
    return {"leaders": len(leaders), "requests_created": created}


def demo_head_accounts() -> dict:
    """The demo headteacher account of each school that has one: school pk -> user."""
    from .models import Role, User

    return {
        school.pk: user
        for user in User.objects.filter(
            email__endswith="@demo.invalid", role_grants__role=Role.HEADTEACHER
        ).prefetch_related("schools")
        for school in user.schools.all()
    }
