"""Synthetic panels for scale tests (`manage.py load_synthetic`): one per police force area of
England and Wales outside London, with its councils, Commissioner, members, officers, bodies,
seats and logins. Names of areas are real; every person is invented and every page of a
synthetic panel says it is illustrative (``is_demo``).

Built through the services (a panel has a few dozen rows), so each row is validated and
written into the history as a clerk's would be.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from . import services
from .access import Role
from .models import Authority, Body, Jurisdiction, Membership, Panel, Person
from .tenancy import panel_scope

# The 41 police areas of England and Wales with a Police and Crime Panel (London has none:
# the Mayor's Office for Policing and Crime answers to the London Assembly). PRSRA 2011 s 28.
AREAS: list[tuple[str, str]] = [
    ("Avon and Somerset", Jurisdiction.ENGLAND),
    ("Bedfordshire", Jurisdiction.ENGLAND),
    ("Cambridgeshire", Jurisdiction.ENGLAND),
    ("Cheshire", Jurisdiction.ENGLAND),
    ("Cleveland", Jurisdiction.ENGLAND),
    ("Cumbria", Jurisdiction.ENGLAND),
    ("Derbyshire", Jurisdiction.ENGLAND),
    ("Devon and Cornwall", Jurisdiction.ENGLAND),
    ("Dorset", Jurisdiction.ENGLAND),
    ("Durham", Jurisdiction.ENGLAND),
    ("Dyfed-Powys", Jurisdiction.WALES),
    ("Essex", Jurisdiction.ENGLAND),
    ("Gloucestershire", Jurisdiction.ENGLAND),
    ("Greater Manchester", Jurisdiction.ENGLAND),
    ("Gwent", Jurisdiction.WALES),
    ("Hampshire", Jurisdiction.ENGLAND),
    ("Hertfordshire", Jurisdiction.ENGLAND),
    ("Humberside", Jurisdiction.ENGLAND),
    ("Kent", Jurisdiction.ENGLAND),
    ("Lancashire", Jurisdiction.ENGLAND),
    ("Leicestershire", Jurisdiction.ENGLAND),
    ("Lincolnshire", Jurisdiction.ENGLAND),
    ("Merseyside", Jurisdiction.ENGLAND),
    ("Norfolk", Jurisdiction.ENGLAND),
    ("North Wales", Jurisdiction.WALES),
    ("North Yorkshire", Jurisdiction.ENGLAND),
    ("Northamptonshire", Jurisdiction.ENGLAND),
    ("Northumbria", Jurisdiction.ENGLAND),
    ("Nottinghamshire", Jurisdiction.ENGLAND),
    ("South Wales", Jurisdiction.WALES),
    ("South Yorkshire", Jurisdiction.ENGLAND),
    ("Staffordshire", Jurisdiction.ENGLAND),
    ("Suffolk", Jurisdiction.ENGLAND),
    ("Surrey", Jurisdiction.ENGLAND),
    ("Sussex", Jurisdiction.ENGLAND),
    ("Thames Valley", Jurisdiction.ENGLAND),
    ("Warwickshire", Jurisdiction.ENGLAND),
    ("West Mercia", Jurisdiction.ENGLAND),
    ("West Midlands", Jurisdiction.ENGLAND),
    ("West Yorkshire", Jurisdiction.ENGLAND),
    ("Wiltshire", Jurisdiction.ENGLAND),
]

FIRST: tuple[str, ...] = (
    "Alex",
    "Amrit",
    "Ann",
    "Bernard",
    "Carol",
    "Chris",
    "Dafydd",
    "Deborah",
    "Eileen",
)
FIRST += ("Farah", "Gareth", "Helen", "Ian", "Jasmine", "John", "Karen", "Leon", "Mair", "Nia")
FIRST += ("Mohammed", "Owen", "Patricia", "Priya", "Rhys", "Sam", "Sian", "Tom", "Usha", "Yusuf")
LAST: tuple[str, ...] = (
    "Ahmed",
    "Bennett",
    "Clarke",
    "Davies",
    "Edwards",
    "Evans",
    "Fletcher",
    "Green",
    "Hughes",
)
LAST += ("Islam", "Jones", "Khan", "Lewis", "Morgan", "Nash", "Owen", "Patel", "Price", "Roberts")
LAST += ("Shah", "Taylor", "Thomas", "Walker", "Williams", "Wright", "Young")
COUNCIL_KINDS = (Authority.Kind.COUNTY, Authority.Kind.DISTRICT, Authority.Kind.UNITARY)
# Every synthetic login's password (bandit: accepted, illustrative data only).
SYNTHETIC_PASSWORD = "panel-synthetic"  # nosec B105
ROLES = (Role.CLERK, Role.MEMBER, Role.OPCC_OFFICER, Role.COMPLAINTS_HANDLER)


@dataclass
class SyntheticPanel:
    """What the other apps' builders need of a synthetic panel."""

    panel: Panel
    rng: random.Random
    main: Body
    groups: list[Body]
    complaints_body: Body
    members: list[Person]  # the main body's voting members, the Chair first
    commissioner: Person
    opcc_chief_executive: Person
    users: dict[Role, object] = field(default_factory=dict)

    @property
    def member_person(self) -> Person:
        """The person behind the member login (the Vice-Chair): leads actions, sits on groups."""
        return self.members[1]


def area_for(index: int) -> tuple[str, str, str]:
    """The name, slug and nation of the index'th synthetic panel (areas repeat, numbered,
    beyond the 41)."""
    name, nation = AREAS[index % len(AREAS)]
    rounds = index // len(AREAS)
    if rounds:
        name = f"{name} {rounds + 1}"
    return name, slugify(name), nation


def prefix_for(index: int) -> str:
    """A decision prefix unique to the index'th panel: SA, SB, … SZ, SAA, … then PCC."""
    letters = ""
    n = index
    while True:
        letters = chr(ord("A") + n % 26) + letters
        n = n // 26 - 1
        if n < 0:
            break
    return f"S{letters}PCC"


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used:
            used.add(name)
            return name


def build_panel(index: int, *, seed: int, start: dt.date, password_hash: str) -> SyntheticPanel:
    name, slug, nation = area_for(index)
    rng = random.Random(f"{seed}-{index}")  # nosec B311  # made-up data, seeded
    panel = services.panel_create(
        name=f"{name} Police and Crime Panel",
        slug=slug,
        police_area=name,
        jurisdiction=nation,
        decision_prefix=prefix_for(index),
        contact_name="Democratic Services",
        contact_email=f"pcp@{slug}.example.org",
        is_demo=True,
        actor=None,
    )
    with panel_scope(panel):
        return _people_and_bodies(panel, name, rng, start, password_hash)


def _people_and_bodies(
    panel: Panel, area: str, rng: random.Random, start: dt.date, password_hash: str
) -> SyntheticPanel:
    councils = [
        services.authority_create(
            panel=panel,
            name=f"{area} {place} Council",
            kind=COUNCIL_KINDS[n % 3],
            actor=None,
        )
        for n, place in enumerate(("County", "North", "South", "East", "West"))
    ]
    panel.host_authority = councils[0]
    panel.save(update_fields=["host_authority"])
    used: set[str] = set()
    opcc = f"Office of the Police and Crime Commissioner for {area}"

    def person(title: str = "", job: str = "", org: str = "") -> Person:
        return services.person_create(
            panel=panel,
            name=_name(rng, used),
            title=title,
            job_title=job,
            organisation=org,
            actor=None,
        )

    main = services.body_create(
        panel=panel,
        name=f"{area} Police and Crime Panel",
        kind=Body.Kind.PANEL,
        slug="panel",
        rationale="The statutory panel for the police area that scrutinises and supports the "
        "Police and Crime Commissioner.",
        frequency="About six times a year",
        actor=None,
    )
    groups = [
        services.body_create(
            panel=panel,
            name=name,
            kind=Body.Kind.WORKING_GROUP,
            rationale=f"Detailed scrutiny of the Commissioner's {topic} between panel meetings.",
            frequency="Quarterly",
            actor=None,
        )
        for name, topic in (
            ("Budget Working Group", "budget and precept"),
            ("Performance Working Group", "plan and performance"),
        )
    ]
    complaints_body = services.body_create(
        panel=panel, name="Complaints Sub-Committee", kind=Body.Kind.COMPLAINTS, actor=None
    )
    members = [person("Councillor") for _ in range(10)] + [person() for _ in range(2)]
    roles = ["chair", "vice_chair"] + ["member"] * 8 + ["co_opted"] * 2
    for n, (member, role) in enumerate(zip(members, roles, strict=True)):
        services.membership_create(
            body=main,
            person=member,
            role=role,
            authority=None if n >= 10 else councils[n % 5],
            co_opted=n >= 10,
            start_date=start,
            actor=None,
        )
    for group in [*groups, complaints_body]:
        for member in members[1:5]:
            services.membership_create(
                body=group,
                person=member,
                role=Membership.Role.MEMBER,
                start_date=start,
                actor=None,
            )
    commissioner = person(job="Police and Crime Commissioner", org=opcc)
    chief_executive = person(job="Chief Executive", org=opcc)
    for officer in (commissioner, chief_executive):
        services.membership_create(
            body=main, person=officer, role=Membership.Role.OFFICER, start_date=start, actor=None
        )
    clerk = person(job="Democratic Services Officer", org=councils[0].name)
    handler = person(job="Head of Law and Governance", org=councils[0].name)
    world = SyntheticPanel(
        panel, rng, main, groups, complaints_body, members, commissioner, chief_executive
    )
    logins = {
        Role.CLERK: clerk,
        Role.MEMBER: world.member_person,
        Role.OPCC_OFFICER: chief_executive,
        Role.COMPLAINTS_HANDLER: handler,
    }
    for role, who in logins.items():
        world.users[role] = _login(panel, role, who, password_hash)
    return world


def _login(panel: Panel, role: Role, person: Person, password_hash: str) -> object:
    first, _, last = person.name.partition(" ")
    user = get_user_model().objects.create(
        username=f"{panel.slug}-{role.value.replace('_', '-')}",
        first_name=first,
        last_name=last,
        password=password_hash,
    )
    person.user = user
    person.save(update_fields=["user"])
    services.role_grant(panel=panel, user=user, role=role, actor=None)
    return user


def password_hash() -> str:
    """One hash for every synthetic login: hashing is deliberately slow, and 160 logins share
    one illustrative password."""
    return make_password(SYNTHETIC_PASSWORD)
