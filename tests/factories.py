"""Factories that keep related rows consistent: a headteacher always has a school, and so on."""

import factory

from partnership.models import Person, Role, User, UserRole
from schools.models import Governance, Phase, School, Status, TypeGroup


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["urn"]

    urn = factory.Sequence(lambda n: 300000 + n)
    la_code = 997
    establishment_number = factory.Sequence(lambda n: 2000 + n)
    name = factory.Sequence(lambda n: f"Test Primary School {n}")
    establishment_type = "Community school"
    type_group = TypeGroup.LA_MAINTAINED
    governance = Governance.MAINTAINED
    phase = Phase.PRIMARY
    status = Status.OPEN
    statutory_low_age = 4
    statutory_high_age = 11
    number_of_pupils = 210


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"person{n}@example.invalid")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.invalid")
    full_name = factory.Faker("name")
    person = factory.SubFactory(PersonFactory, email=factory.SelfAttribute("..email"))
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            UserRole.objects.create(user=self, role=role)
        if extracted and Role.ADMIN in extracted:
            self.is_staff = self.is_superuser = True
            self.save(update_fields=["is_staff", "is_superuser"])

    @factory.post_generation
    def schools(self, create, extracted, **kwargs):
        if extracted:
            self.schools.set(extracted)


def officer(**kwargs) -> User:
    return UserFactory(roles=[Role.OFFICER], **kwargs)


def headteacher(school=None, **kwargs) -> User:
    school = school or SchoolFactory()
    return UserFactory(roles=[Role.HEADTEACHER], schools=[school], **kwargs)


def system_leader(
    *,
    name=("Helen", "Carter"),
    home_school=None,
    specialisms=(),
    phases=("primary",),
    days=10,
    designation="nle",
    starts_on="2024-09-01",
    ends_on=None,
):
    """A system leader with one designation; specialisms and designation by code."""
    from partnership.models import Designation, DesignationType, Person, Specialism, SystemLeader

    person = Person.objects.create(first_name=name[0], last_name=name[1])
    leader = SystemLeader.objects.create(
        person=person,
        home_school=home_school,
        days_per_term=days,
        **dict.fromkeys(phases, True),
    )
    leader.specialisms.set(Specialism.objects.filter(code__in=specialisms))
    Designation.objects.create(
        leader=leader,
        kind=DesignationType.objects.get(code=designation),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    return leader


# ---------------------------------------------------------------------------- peer review

FIVE_POINT = [
    {"code": "exceptional", "label": "Exceptional"},
    {"code": "strong", "label": "Strong standard"},
    {"code": "expected", "label": "Expected standard"},
    {"code": "needs_attention", "label": "Needs attention"},
    {"code": "urgent_improvement", "label": "Urgent improvement"},
]


def review_framework(version=1):
    """The default framework (seeded by a migration; made again where a test flushed it)."""
    from reviews.models import Framework, FrameworkArea, GradeScale

    framework = Framework.objects.filter(
        name="Partnership peer review framework", version=version
    ).first()
    if framework is not None:
        return framework
    scale, _ = GradeScale.objects.get_or_create(
        name="Report-card grades (five-point)", defaults={"levels": FIVE_POINT}
    )
    framework = Framework.objects.create(
        name="Partnership peer review framework", version=version, is_default=version == 1
    )
    for order, (code, name) in enumerate(
        [
            ("inclusion", "Inclusion"),
            ("curriculum_teaching", "Curriculum and teaching"),
            ("achievement", "Achievement"),
            ("early_years", "Early years"),
        ]
    ):
        FrameworkArea.objects.create(
            framework=framework,
            code=code,
            name=name,
            scale=scale,
            order=order,
            only_where_applicable=code == "early_years",
            prompts="What do pupils know?\nHow do leaders know?",
        )
    return framework


def review_cycle(name="2026/27", starts_on="2026-09-01", ends_on="2027-07-22", **kwargs):
    from datetime import date

    from reviews.models import Cycle

    return Cycle.objects.get_or_create(
        name=name,
        defaults={
            "starts_on": date.fromisoformat(starts_on),
            "ends_on": date.fromisoformat(ends_on),
            "framework": review_framework(),
            **kwargs,
        },
    )[0]


def trained(person, held_on="2026-06-01"):
    """Record peer-review training for the person."""
    from reviews.models import TrainingRecord, TrainingSession

    session, _ = TrainingSession.objects.get_or_create(
        title="Peer review training", held_on=held_on
    )
    recorder = User.objects.filter(role_grants__role=Role.OFFICER).first() or UserFactory(
        roles=[Role.OFFICER]
    )
    TrainingRecord.objects.get_or_create(
        person=person,
        session=session,
        defaults={"completed_on": held_on, "recorded_by": recorder},
    )
    return person


def peer_review(host, *, cycle=None, status="in_progress", sharing="themes", lead=None, **dates):
    """A review of `host` at the given stage (made directly, past the rules, for set-up)."""
    from datetime import date

    from reviews import services
    from reviews.models import TeamMember

    cycle = cycle or review_cycle()
    review = services.review_create(
        cycle=cycle,
        host=host,
        starts_on=date.fromisoformat(dates.get("starts_on", "2026-10-05")),
        ends_on=date.fromisoformat(dates.get("ends_on", "2026-10-06")),
    )
    review.status, review.sharing = status, sharing
    review.save()
    if lead is not None:
        TeamMember.objects.create(review=review, person=lead, role=TeamMember.Role.LEAD)
    return review
