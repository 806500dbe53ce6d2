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
