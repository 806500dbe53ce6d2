"""A realistic fictional borough for demonstrations and manual testing.

Everything is generated here (no files are read): Harrowdale, LA code 997, with schools of every
type and phase, a few closed, and accounts for every role. Running it again updates the same
rows (keyed by URN and email address) and creates nothing twice.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from reviews import demo as reviews_demo
from schools import demo as schools_demo
from schools.models import Governance, Phase, School, Status, TypeGroup

from . import demo_events as events_demo
from . import demo_support as support_demo
from .demo_support import demo_head_accounts
from .models import Person, Role, User, UserRole

LA_CODE = 997
OFFICER_EMAIL = "officer@demo.invalid"
LOCALITY_EMAIL = "locality.lead@demo.invalid"
TOWN = "Harrowdale"
SEED = 997

# (establishment type, type group, governance, phase, low age, high age, religious character)
PRIMARY_TYPES = [
    ("Community school", TypeGroup.LA_MAINTAINED, Governance.MAINTAINED, ""),
    ("Community school", TypeGroup.LA_MAINTAINED, Governance.MAINTAINED, ""),
    ("Voluntary aided school", TypeGroup.LA_MAINTAINED, Governance.MAINTAINED, "Roman Catholic"),
    (
        "Voluntary controlled school",
        TypeGroup.LA_MAINTAINED,
        Governance.MAINTAINED,
        "Church of England",
    ),
    ("Foundation school", TypeGroup.LA_MAINTAINED, Governance.MAINTAINED, ""),
    ("Academy converter", TypeGroup.ACADEMIES, Governance.ACADEMY, ""),
    ("Academy sponsor led", TypeGroup.ACADEMIES, Governance.ACADEMY, ""),
    ("Academy converter", TypeGroup.ACADEMIES, Governance.ACADEMY, "Church of England"),
]

PLACES = [
    "Ashcombe",
    "Birchfield",
    "Brackenholme",
    "Carr Lane",
    "Dalton Vale",
    "Eastmoor",
    "Fernhill",
    "Greystones",
    "Hallbrook",
    "Hollins Green",
    "Kestrel Park",
    "Lark Rise",
    "Marsh End",
    "Millfield",
    "Northgate",
    "Oakwell",
    "Pennyfields",
    "Quarry Bank",
    "Redwood",
    "Riverside",
    "Sandy Lane",
    "Thornley",
    "Underhill",
    "Westbrook",
    "Whinmoor",
    "Wyke",
    "Yewtree",
    "Bramley Fold",
    "Cawthorne",
    "Denby Dale",
]
SAINTS = ["St Mary’s", "St Joseph’s", "St Aidan’s", "Holy Trinity", "St Hilda’s", "Christ Church"]
FIRST_NAMES = [
    "Amira",
    "Ben",
    "Catherine",
    "David",
    "Eleanor",
    "Farhan",
    "Grace",
    "Hassan",
    "Imogen",
    "James",
    "Kiran",
    "Laura",
    "Mohammed",
    "Nadia",
    "Owen",
    "Philippa",
    "Rachel",
    "Simon",
    "Tariq",
    "Usha",
    "Victoria",
    "William",
    "Yasmin",
    "Zoe",
    "Aidan",
    "Bethany",
    "Chloé",
    "Declan",
    "Esther",
    "Gareth",
]
LAST_NAMES = [
    "Ahmed",
    "Barker",
    "Chowdhury",
    "Dobson",
    "Evans",
    "Fletcher",
    "Gill",
    "Hussain",
    "Iqbal",
    "Jackson",
    "Kaur",
    "Lambert",
    "McAllister",
    "Nowak",
    "O’Brien",
    "Patel",
    "Quinn",
    "Robinson",
    "Singh",
    "Thompson",
    "Ullah",
    "Vickers",
    "Walsh",
    "Young",
    "Zielinski",
    "Atkinson",
    "Brennan",
    "Cartwright",
    "Dixon",
    "Earnshaw",
]
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
STREETS = [
    "Church Lane",
    "School Road",
    "Mill Street",
    "Moor Road",
    "Park Avenue",
    "Station Road",
    "Victoria Street",
    "Green Lane",
    "High Street",
    "Chapel Hill",
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    job_title: str
    roles: tuple[str, ...]
    school_urns: tuple[int, ...] = ()
    home_school_urn: int | None = None


@dataclass
class DemoResult:
    register: dict
    schools_created: int
    schools_updated: int
    accounts: list[tuple[DemoAccount, bool]]
    password: str | None
    password_was_set: bool


def _school_rows() -> list[dict]:
    """The borough's schools, the same every run (a seeded generator, not the clock)."""
    rng = random.Random(SEED)
    places = PLACES[:]
    rng.shuffle(places)
    rows = []
    urn = 199001
    number = 2000

    def add(name, establishment_type, type_group, governance, phase, low, high, **extra):
        nonlocal urn, number
        place_index = len(rows) % len(STREETS)
        pupils = extra.pop("pupils", None)
        if pupils is None:
            span = max(high - low, 1)
            pupils = rng.randint(25, 45) * span if phase != Phase.NURSERY else rng.randint(60, 120)
        rows.append(
            {
                "urn": urn,
                "la_code": LA_CODE,
                "establishment_number": number,
                "name": name,
                "establishment_type": establishment_type,
                "type_group": type_group,
                "governance": governance,
                "phase": phase,
                "statutory_low_age": low,
                "statutory_high_age": high,
                "number_of_pupils": pupils,
                "percentage_fsm": Decimal(rng.randint(40, 480)) / 10,
                "street": f"{rng.randint(1, 120)} {STREETS[place_index]}",
                "town": TOWN,
                "postcode": f"HD{rng.randint(1, 9)} {rng.randint(1, 9)}"
                f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}",
                "easting": 410000 + rng.randint(0, 14000),
                "northing": 425000 + rng.randint(0, 12000),
                "head_name": f"{rng.choice(['Mr', 'Mrs', 'Ms', 'Dr', 'Miss'])} "
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "telephone": f"01632 {rng.randint(100000, 999999)}",
                "open_date": date(rng.randint(1950, 2015), 9, 1),
                "status": Status.OPEN,
                "close_date": None,
                "religious_character": "",
                **extra,
            }
        )
        urn += 1
        number += 1

    for _nursery in range(2):
        add(
            f"{places.pop()} Nursery School",
            "Local authority nursery school",
            TypeGroup.LA_MAINTAINED,
            Governance.MAINTAINED,
            Phase.NURSERY,
            2,
            5,
        )
    saints = SAINTS[:]
    for index in range(30):
        establishment_type, group, governance, religion = PRIMARY_TYPES[index % len(PRIMARY_TYPES)]
        if religion:
            prefix = saints.pop() if saints else places.pop()
            religious = f"{prefix} {'Catholic' if religion == 'Roman Catholic' else 'CE'}"
            name = f"{religious} Primary School"
        else:
            name = f"{places.pop() if places else f'Harrowdale {index}'}"
            if index % 11 == 3:
                name += " Infant School"
            elif index % 11 == 4:
                name += " Junior School"
            elif governance == Governance.ACADEMY:
                name += " Primary Academy"
            else:
                name += " Primary School"
        low, high = (4, 7) if "Infant" in name else (7, 11) if "Junior" in name else (3, 11)
        add(
            name,
            establishment_type,
            group,
            governance,
            Phase.PRIMARY,
            low,
            high,
            religious_character=religion,
        )
    add(
        "Harrowdale Free School",
        "Free schools",
        TypeGroup.FREE_SCHOOLS,
        Governance.ACADEMY,
        Phase.PRIMARY,
        4,
        11,
        open_date=date(2014, 9, 1),
    )
    secondary = [
        (
            "Harrowdale High School",
            "Community school",
            TypeGroup.LA_MAINTAINED,
            Governance.MAINTAINED,
            "",
        ),
        ("Northgate Academy", "Academy sponsor led", TypeGroup.ACADEMIES, Governance.ACADEMY, ""),
        (
            "Eastmoor School and Sixth Form",
            "Academy converter",
            TypeGroup.ACADEMIES,
            Governance.ACADEMY,
            "",
        ),
        (
            "Cardinal Heenan Catholic High School",
            "Voluntary aided school",
            TypeGroup.LA_MAINTAINED,
            Governance.MAINTAINED,
            "Roman Catholic",
        ),
        (
            "Westbrook Community College",
            "Foundation school",
            TypeGroup.LA_MAINTAINED,
            Governance.MAINTAINED,
            "",
        ),
        ("Kestrel Park Academy", "Academy converter", TypeGroup.ACADEMIES, Governance.ACADEMY, ""),
        (
            "Harrowdale University Technical College",
            "University technical college",
            TypeGroup.FREE_SCHOOLS,
            Governance.ACADEMY,
            "",
        ),
    ]
    for name, establishment_type, group, governance, religion in secondary:
        high = 16 if "Catholic" in name else 18
        low = 14 if "Technical" in name else 11
        add(
            name,
            establishment_type,
            group,
            governance,
            Phase.SECONDARY,
            low,
            high,
            religious_character=religion,
        )
    add(
        "Harrowdale Learning Partnership All-through Academy",
        "Academy converter",
        TypeGroup.ACADEMIES,
        Governance.ACADEMY,
        Phase.ALL_THROUGH,
        3,
        16,
    )
    add(
        "Brook House School",
        "Community special school",
        TypeGroup.SPECIAL,
        Governance.MAINTAINED,
        Phase.NOT_APPLICABLE,
        2,
        19,
        pupils=140,
    )
    add(
        "Hallbrook Foundation Special School",
        "Foundation special school",
        TypeGroup.SPECIAL,
        Governance.MAINTAINED,
        Phase.NOT_APPLICABLE,
        11,
        19,
        pupils=96,
    )
    add(
        "Oakwell Academy (Special)",
        "Academy special converter",
        TypeGroup.ACADEMIES,
        Governance.ACADEMY,
        Phase.NOT_APPLICABLE,
        4,
        16,
        pupils=110,
    )
    add(
        "Harrowdale Pupil Referral Service",
        "Pupil referral unit",
        TypeGroup.LA_MAINTAINED,
        Governance.MAINTAINED,
        Phase.NOT_APPLICABLE,
        11,
        16,
        pupils=48,
    )
    add(
        "Harrowdale Sixth Form Free School",
        "Free schools 16 to 19",
        TypeGroup.FREE_SCHOOLS,
        Governance.ACADEMY,
        Phase.SIXTEEN_PLUS,
        16,
        19,
        pupils=420,
    )
    # Closed schools stay in the register: the predecessors of two academies, and a merger.
    add(
        "Marsh End Primary School",
        "Community school",
        TypeGroup.LA_MAINTAINED,
        Governance.MAINTAINED,
        Phase.PRIMARY,
        3,
        11,
        status=Status.CLOSED,
        open_date=date(1962, 9, 1),
        close_date=date(2019, 8, 31),
    )
    add(
        "Thornley Secondary School",
        "Community school",
        TypeGroup.LA_MAINTAINED,
        Governance.MAINTAINED,
        Phase.SECONDARY,
        11,
        16,
        status=Status.CLOSED,
        open_date=date(1958, 9, 1),
        close_date=date(2016, 12, 31),
    )
    add(
        "Whinmoor Infant School",
        "Community school",
        TypeGroup.LA_MAINTAINED,
        Governance.MAINTAINED,
        Phase.PRIMARY,
        4,
        7,
        status=Status.PROPOSED_TO_CLOSE,
    )
    for row in rows:
        if row["governance"] == Governance.ACADEMY:
            row["website"] = f"https://www.{row['name'].lower().replace(' ', '')[:20]}.example"
    return rows


def _accounts(schools: list[School]) -> list[DemoAccount]:
    open_primaries = [s for s in schools if s.phase == Phase.PRIMARY and s.status == Status.OPEN]
    maintained_primaries = [s for s in open_primaries if s.governance == Governance.MAINTAINED]
    head_school = maintained_primaries[0]
    leader_home = next(s for s in schools if s.phase == Phase.SECONDARY)
    accounts = [
        DemoAccount(
            "officer@demo.invalid", "Priya Shah", "School improvement adviser", (Role.OFFICER,)
        ),
        DemoAccount(
            "locality.lead@demo.invalid", "Martin Hughes", "Locality lead (north)", (Role.OFFICER,)
        ),
        DemoAccount(
            "head@demo.invalid",
            "Daniel Okafor",
            "Headteacher",
            (Role.HEADTEACHER,),
            school_urns=(head_school.urn,),
            home_school_urn=head_school.urn,
        ),
        DemoAccount(
            "leader@demo.invalid",
            "Helen Carter",
            "Deputy headteacher and specialist leader of education (maths)",
            (Role.SYSTEM_LEADER,),
            home_school_urn=leader_home.urn,
        ),
        DemoAccount(
            "board@demo.invalid",
            "Cllr Margaret Ellis",
            "Chair, Strategic Education Partnership Board",
            (Role.BOARD_MEMBER,),
        ),
        DemoAccount("admin@demo.invalid", "Sam Whitfield", "Systems administrator", (Role.ADMIN,)),
    ]
    # More headteachers, so that a school's head can be tested against another school.
    for index, school in enumerate(open_primaries[1:9], start=2):
        first, last = FIRST_NAMES[index * 3 % len(FIRST_NAMES)], LAST_NAMES[index * 7 % 30]
        roles = (Role.HEADTEACHER,)
        if index == 2:
            # A headteacher who is also a national leader of education holds both roles.
            roles = (Role.HEADTEACHER, Role.SYSTEM_LEADER)
        accounts.append(
            DemoAccount(
                f"head{index}@demo.invalid",
                f"{first} {last}",
                "Headteacher",
                roles,
                school_urns=(school.urn,),
                home_school_urn=school.urn,
            )
        )
    return accounts


def _split(full_name: str) -> tuple[str, str, str]:
    parts = full_name.split()
    title = parts.pop(0) if parts[0] in {"Cllr", "Dr", "Mr", "Mrs", "Ms"} else ""
    return title, " ".join(parts[:-1]), parts[-1]


@transaction.atomic
def demo_load(*, password: str | None) -> DemoResult:
    """Create or update the demo borough; set `password` on every demo account if given."""
    created = updated = 0
    existing = {school.urn: school for school in School.objects.filter(la_code=LA_CODE)}
    for row in _school_rows():
        urn = row.pop("urn")
        school = existing.get(urn)
        if school is None:
            School.objects.create(urn=urn, **row)
            created += 1
        elif any(getattr(school, key) != value for key, value in row.items()):
            # Only a real change is saved, so a second run adds no history.
            for key, value in row.items():
                setattr(school, key, value)
            school.save()
            updated += 1
    schools = list(School.objects.filter(la_code=LA_CODE).order_by("urn"))
    by_urn = {school.urn: school for school in schools}

    # Without a password given, new accounts get a generated one (printed by the command) and
    # existing accounts keep theirs.
    generated = None
    # Hashing is slow by design: if one existing account already has the password, the demo
    # accounts were set together and need no change, so a second run stays fast.
    first_existing = User.objects.filter(email__endswith="@demo.invalid").order_by("pk").first()
    password_current = (
        password is not None
        and first_existing is not None
        and first_existing.check_password(password)
    )

    results = []
    for account in _accounts(schools):
        title, first, last = _split(account.full_name)
        person_defaults = {
            "title": title,
            "first_name": first,
            "last_name": last,
            "job_title": account.job_title,
            "school": by_urn.get(account.home_school_urn),
        }
        person, _ = Person.objects.update_or_create(email=account.email, defaults=person_defaults)
        user = User.objects.filter(email=account.email).first()
        was_created = user is None
        if was_created:
            user = User(email=account.email)
        user.full_name = account.full_name
        user.person = person
        user.is_active = True
        is_admin = Role.ADMIN in account.roles
        user.is_staff = user.is_superuser = is_admin
        if password is not None:
            if was_created or not password_current:
                user.set_password(password)
        elif was_created:
            generated = generated or secrets.token_urlsafe(12)
            user.set_password(generated)
        user.full_clean()
        user.save()
        user.schools.set([by_urn[urn] for urn in account.school_urns])
        UserRole.objects.filter(user=user).exclude(role__in=account.roles).delete()
        for role in account.roles:
            UserRole.objects.get_or_create(user=user, role=role)
        results.append((account, was_created))
    officers = list(User.objects.filter(email__in=[OFFICER_EMAIL, LOCALITY_EMAIL]).order_by("pk"))
    heads = demo_head_accounts()
    register = schools_demo.load(officers=officers, heads=heads)
    register.update(support_demo.load(officer=officers[0]))
    register.update(reviews_demo.load(officer=officers[0]))
    register.update(events_demo.load(officer=officers[0]))
    register.update(events_demo.load_surveys(officer=officers[0]))
    register.update(events_demo.load_boards(officer=officers[0]))
    register.update(events_demo.load_self_evaluation(officer=officers[0]))
    register.update(events_demo.load_sharing(officer=officers[0]))
    from reports import demo as reports_demo

    register.update(reports_demo.load(officer=officers[0]))
    return DemoResult(
        register=register,
        schools_created=created,
        schools_updated=updated,
        accounts=results,
        password=password or generated,
        password_was_set=password is not None or generated is not None,
    )
