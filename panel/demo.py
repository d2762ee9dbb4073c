"""Demo data: the Warwickshire Police and Crime Panel as its 26 September 2014 agenda pack
shows it, and an illustrative West Mercia panel so that tenancy can be seen.

Facts (names, roles, councils, dates) come from the pack; all wording is ours. The membership
of the Victims' Services Task and Finish Group and of both complaints sub-committees is not in
the pack and is illustrative. Loading is idempotent: every row is keyed on a natural key and
updated in place, and a login's password is set only when the login is first made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from .access import Role
from .audit import save_as, update_or_create_as
from .models import Authority, Body, Jurisdiction, Membership, Panel, Person
from .services import role_grant
from .tenancy import panel_scope

# The demo logins' password, printed on purpose by `make run` (bandit: accepted).
DEMO_PASSWORD = "panel-demo-2014"  # nosec B105
MUNICIPAL_YEAR_START = dt.date(2014, 6, 1)


@dataclass
class Seat:
    person: str
    role: str = "member"
    authority: str = ""
    co_opted: bool = False
    start: dt.date = MUNICIPAL_YEAR_START


@dataclass
class BodySpec:
    name: str
    kind: str
    seats: list[Seat]
    slug: str = ""
    terms: dict[str, str | dt.date] = field(default_factory=dict)  # texts, and dates (ends_on)


@dataclass
class PanelSpec:
    fields: dict[str, Any]
    host: str
    authorities: list[tuple[str, str]]
    # name -> (title, job title, organisation, email)
    people: dict[str, tuple[str, str, str, str]]
    bodies: list[BodySpec]
    # role -> person name; the demo login for that role is linked to that person
    logins: dict[Role, str]


WCC = "Warwickshire County Council"
OPCC_W = "Office of the Police and Crime Commissioner for Warwickshire"

WARWICKSHIRE = PanelSpec(
    fields={
        "name": "Warwickshire Police and Crime Panel",
        "slug": "warwickshire",
        "police_area": "Warwickshire",
        "jurisdiction": Jurisdiction.ENGLAND,
        "decision_prefix": "WPCC",
        "contact_name": "Georgina Atkinson",
        "contact_role": "Democratic Services Team Leader",
        "contact_email": "georginaatkinson@warwickshire.gov.uk",
        "contact_phone": "(01926) 412144",
        "address": "Democratic Services\nWarwickshire County Council\nShire Hall\nWarwick",
        "webcast_base_url": "http://www.ustream.tv/",
        "is_demo": False,
    },
    host=WCC,
    authorities=[
        (WCC, Authority.Kind.COUNTY),
        ("Warwick District Council", Authority.Kind.DISTRICT),
        ("Nuneaton and Bedworth Borough Council", Authority.Kind.BOROUGH),
        ("North Warwickshire Borough Council", Authority.Kind.BOROUGH),
        ("Rugby Borough Council", Authority.Kind.BOROUGH),
        ("Stratford-on-Avon District Council", Authority.Kind.DISTRICT),
    ],
    people={
        "Michael Coker": ("Councillor", "", "", ""),
        "Nicola Davies": ("Councillor", "", "", ""),
        "Peter Fowler": ("Councillor", "", "", ""),
        "Dennis Harvey": ("Councillor", "", "", ""),
        "Phillip Morris-Jones": ("Councillor", "", "", ""),
        "Peter Morson": ("Councillor", "", "", ""),
        "Derek Poole": ("Councillor", "", "", ""),
        "Gillian Roache": ("Councillor", "", "", ""),
        "Jenny Fradgley": ("Councillor", "", "", ""),
        "June Tandy": ("Councillor", "", "", ""),
        "Richard Chattaway": ("Councillor", "", "", ""),
        "Dave Parsons": ("Councillor", "", "", ""),
        "Bob Malloy": ("", "", "", ""),
        "Robin Verso": ("", "", "", ""),
        "Georgina Atkinson": (
            "",
            "Democratic Services Team Leader",
            WCC,
            "georginaatkinson@warwickshire.gov.uk",
        ),
        "Sarah Duxbury": (
            "",
            "Head of Law and Governance",
            WCC,
            "sarahduxbury@warwickshire.gov.uk",
        ),
        "John Betts": ("", "Head of Finance", WCC, ""),
        "Phil Evans": ("", "Head of Localities and Community Safety", WCC, ""),
        "David Carter": ("", "Strategic Director", WCC, "davidcarter@warwickshire.gov.uk"),
        "Jim Graham": ("", "Chief Executive", WCC, ""),
        "Ron Ball": ("", "Police and Crime Commissioner", OPCC_W, ""),
        "Eric Wood": ("", "Deputy Police and Crime Commissioner", OPCC_W, ""),
        "Neil Hewison": ("", "Chief Executive", OPCC_W, ""),
        "Dave Clarke": ("", "Treasurer", OPCC_W, ""),
        "Robert Phillips": ("", "Deputy Treasurer", OPCC_W, ""),
        "Rebecca Parsons": ("", "Scrutiny and Performance Officer", OPCC_W, ""),
    },
    bodies=[
        BodySpec(
            name="Warwickshire Police and Crime Panel",
            slug="panel",
            kind=Body.Kind.PANEL,
            terms={
                "rationale": "The joint committee of the six councils of the Warwickshire police "
                "area that scrutinises and supports the Police and Crime Commissioner.",
                "frequency": "Five or six times a year, with extra meetings for the precept and "
                "for confirmation hearings.",
            },
            seats=[
                Seat("Michael Coker", authority="Warwick District Council"),
                Seat("Nicola Davies", authority=WCC),
                Seat("Peter Fowler", authority=WCC),
                Seat("Dennis Harvey", "chair", "Nuneaton and Bedworth Borough Council"),
                Seat("Phillip Morris-Jones", authority=WCC),
                Seat("Peter Morson", authority="North Warwickshire Borough Council"),
                Seat("Derek Poole", authority="Rugby Borough Council"),
                Seat("Gillian Roache", authority="Stratford-on-Avon District Council"),
                Seat("Jenny Fradgley", authority=WCC),
                Seat("June Tandy", authority=WCC),
                Seat("Bob Malloy", "co_opted", co_opted=True),
                Seat("Robin Verso", "vice_chair", co_opted=True),
                Seat("Richard Chattaway", "substitute", WCC),
                Seat("Dave Parsons", "substitute", "North Warwickshire Borough Council"),
                Seat("Georgina Atkinson", "officer"),
                Seat("Sarah Duxbury", "officer"),
            ],
        ),
        BodySpec(
            name="Budget Working Group",
            kind=Body.Kind.WORKING_GROUP,
            terms={
                "rationale": "The panel delegated quarterly monitoring of the Commissioner's "
                "budget to this group at its meeting of 20 June 2014.",
                "role_and_objectives": "Review each quarter's budget monitoring information.\n"
                "Look at the Medium Term Financial Plan, reserves and the capital programme.\n"
                "Consider the proposed precept before the panel's precept meeting.\n"
                "Report its findings and minutes to the next panel meeting.",
                "information_needed": "Quarterly budget monitoring reports, the Medium Term "
                "Financial Plan, the reserves position and the Alliance change programme.",
                "frequency": "Quarterly: August (Q1), November (Q2), January (Q3 and precept) "
                "and May (Q4).",
            },
            seats=[
                Seat("Peter Morson", authority="North Warwickshire Borough Council"),
                Seat("Gillian Roache", authority="Stratford-on-Avon District Council"),
                Seat("Robin Verso", co_opted=True),
                Seat("Georgina Atkinson", "officer"),
            ],
        ),
        BodySpec(
            name="Planning and Performance Working Group",
            kind=Body.Kind.WORKING_GROUP,
            terms={
                "rationale": "To keep under review the Commissioner's performance and the "
                "delivery of the priorities in the Police and Crime Plan 2013-17 and its "
                "Delivery Plan.",
                "role_and_objectives": "Work with the Commissioner's office on the Delivery Plan "
                "for the Police and Crime Plan 2013-17.\n"
                "Each quarter, check the Commissioner's performance against the outcomes the "
                "Delivery Plan sets.\n"
                "Review the panel's work programme regularly and recommend business for future "
                "meetings and topics for task and finish reviews.\n"
                "Keep the panel's activity in line with the Commissioner's statutory functions "
                "and the aims of the Police and Crime Plan 2013-17.",
                "information_needed": "The Police and Crime Plan 2013-17 and its Delivery Plan; "
                "performance data from Warwickshire Police; the panel's work programme; "
                "information from other Police and Crime Panels when needed; information, with "
                "performance figures where they help, from agencies the Commissioner's office "
                "oversees or funds.",
                "indicators_of_success": "The panel holds the Commissioner to account "
                "effectively and constructively, through a sound and coherent Delivery Plan "
                "and work programme.",
                "frequency": "Quarterly.",
            },
            seats=[
                Seat("Dennis Harvey", authority="Nuneaton and Bedworth Borough Council"),
                Seat("Peter Fowler", authority=WCC),
                Seat("June Tandy", authority=WCC),
                Seat("Bob Malloy", co_opted=True),
                Seat("Robin Verso", co_opted=True),
                Seat("Neil Hewison", "officer", start=dt.date(2014, 8, 27)),
                Seat("Rebecca Parsons", "officer", start=dt.date(2014, 8, 27)),
                Seat("Georgina Atkinson", "officer", start=dt.date(2014, 8, 27)),
            ],
        ),
        BodySpec(
            name="Victims' Services Task and Finish Group",
            kind=Body.Kind.TASK_AND_FINISH,
            terms={
                "scope": "The support available to victims of crime in Warwickshire as the "
                "Commissioner takes on commissioning victims' services.",
                "ends_on": dt.date(2014, 11, 21),
                "rationale": "To review the support commissioned for victims of crime as the "
                "Commissioner takes on the commissioning of victims' services.",
                "role_and_objectives": "Hear from organisations supporting victims of "
                "anti-social behaviour, hate crime, domestic and sexual violence, young victims "
                "and bereaved victims.\n"
                "Survey victims, through those organisations, on the support they received.\n"
                "Report findings and recommendations to the panel on 21 November 2014.",
                "frequency": "As needed until its final report.",
            },
            seats=[
                Seat("Nicola Davies", authority=WCC),
                Seat("Jenny Fradgley", authority=WCC),
                Seat("Bob Malloy", co_opted=True),
            ],
        ),
        BodySpec(
            name="Complaints Sub-Committee",
            kind=Body.Kind.COMPLAINTS,
            terms={
                "rationale": "Handles non-criminal complaints about the conduct of the Police "
                "and Crime Commissioner and the Deputy Commissioner, under the Elected Local "
                "Policing Bodies (Complaints and Misconduct) Regulations 2012.",
                "role_and_objectives": "Decide how each recorded complaint is handled.\n"
                "Seek informal resolution of complaints the panel keeps.\n"
                "Report the number and outcome of complaints to the panel, in private.",
                "frequency": "As complaints require.",
            },
            seats=[
                Seat("Dennis Harvey", "chair", "Nuneaton and Bedworth Borough Council"),
                Seat("Robin Verso", co_opted=True),
                Seat("Derek Poole", authority="Rugby Borough Council"),
                Seat("Sarah Duxbury", "officer"),
            ],
        ),
    ],
    logins={
        Role.CLERK: "Georgina Atkinson",
        Role.MEMBER: "Robin Verso",
        Role.OPCC_OFFICER: "Neil Hewison",
        Role.COMPLAINTS_HANDLER: "Sarah Duxbury",
    },
)

WORCS = "Worcestershire County Council"
OPCC_WM = "Office of the Police and Crime Commissioner for West Mercia"

# Every person here is invented; the panel is flagged as demo data on every page.
WEST_MERCIA = PanelSpec(
    fields={
        "name": "West Mercia Police and Crime Panel",
        "slug": "west-mercia",
        "police_area": "West Mercia",
        "jurisdiction": Jurisdiction.ENGLAND,
        "decision_prefix": "WMPCC",
        "contact_name": "Alex Morgan",
        "contact_role": "Overview and Scrutiny Officer (illustrative)",
        "contact_email": "panel@example.org",
        "contact_phone": "01905 000000",
        "address": "Democratic Services\nCounty Hall\nWorcester",
        "is_demo": True,
    },
    host=WORCS,
    authorities=[
        (WORCS, Authority.Kind.COUNTY),
        ("Herefordshire Council", Authority.Kind.UNITARY),
        ("Shropshire Council", Authority.Kind.UNITARY),
        ("Telford & Wrekin Council", Authority.Kind.UNITARY),
        ("Worcester City Council", Authority.Kind.CITY),
        ("Wyre Forest District Council", Authority.Kind.DISTRICT),
    ],
    people={
        "Harriet Lane": ("Councillor", "", "", ""),
        "Owen Pritchard": ("Councillor", "", "", ""),
        "Sunita Rao": ("Councillor", "", "", ""),
        "Graham Beech": ("Councillor", "", "", ""),
        "Maria Kowalska": ("Councillor", "", "", ""),
        "Tom Hadley": ("Councillor", "", "", ""),
        "Ruth Ellison": ("", "", "", ""),
        "Alex Morgan": ("", "Overview and Scrutiny Officer", WORCS, "panel@example.org"),
        "Priya Shah": ("", "Monitoring Officer", WORCS, ""),
        "Daniel Reeve": ("", "Chief Executive", OPCC_WM, ""),
    },
    bodies=[
        BodySpec(
            name="West Mercia Police and Crime Panel",
            slug="panel",
            kind=Body.Kind.PANEL,
            seats=[
                Seat("Harriet Lane", "chair", "Shropshire Council"),
                Seat("Owen Pritchard", "vice_chair", "Herefordshire Council"),
                Seat("Sunita Rao", authority=WORCS),
                Seat("Graham Beech", authority="Telford & Wrekin Council"),
                Seat("Maria Kowalska", authority="Worcester City Council"),
                Seat("Tom Hadley", authority="Wyre Forest District Council"),
                Seat("Ruth Ellison", "co_opted", co_opted=True),
                Seat("Alex Morgan", "officer"),
            ],
        ),
        BodySpec(
            name="Complaints Sub-Committee",
            kind=Body.Kind.COMPLAINTS,
            seats=[
                Seat("Harriet Lane", "chair", "Shropshire Council"),
                Seat("Ruth Ellison", co_opted=True),
            ],
        ),
    ],
    logins={
        Role.CLERK: "Alex Morgan",
        Role.MEMBER: "Owen Pritchard",
        Role.OPCC_OFFICER: "Daniel Reeve",
        Role.COMPLAINTS_HANDLER: "Priya Shah",
    },
)

PANELS = [WARWICKSHIRE, WEST_MERCIA]
SUPERUSER = "platform-admin"


def login_name(panel_slug: str, role: Role) -> str:
    return f"{panel_slug}-{role.value.replace('_', '-')}"


def demo_logins() -> list[tuple[str, str]]:
    """(username, what it is) for the README and for `make run` to print."""
    rows = [(SUPERUSER, "platform superuser: the Django admin at /admin/")]
    for spec in PANELS:
        for role, person in spec.logins.items():
            rows.append(
                (
                    login_name(spec.fields["slug"], role),
                    f"{role.label}, {spec.fields['name']} ({person})",
                )
            )
    return rows


@transaction.atomic
def load_panels() -> dict[str, Panel]:
    """The demo panels with their councils, people, bodies, seats and logins, by slug; their
    business (meetings, decisions, complaints) is loaded by `publishing.demo.load_demo`."""
    users = get_user_model()
    admin, created = users.objects.get_or_create(
        username=SUPERUSER, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    return {spec.fields["slug"]: _load_panel(spec) for spec in PANELS}


def _load_panel(spec: PanelSpec) -> Panel:
    panel, _ = Panel.objects.update_or_create(slug=spec.fields["slug"], defaults=spec.fields)
    with panel_scope(panel):
        authorities = {
            name: update_or_create_as(
                Authority.objects.for_panel(panel),
                None,
                panel=panel,
                slug=slugify(name),
                defaults={"name": name, "kind": kind},
            )[0]
            for name, kind in spec.authorities
        }
        if panel.host_authority_id != authorities[spec.host].pk:
            panel.host_authority = authorities[spec.host]
            panel.save(update_fields=["host_authority"])
        people = {
            name: update_or_create_as(
                Person.objects.for_panel(panel),
                None,
                panel=panel,
                slug=slugify(name),
                defaults={
                    "name": name,
                    "title": title,
                    "job_title": job,
                    "organisation": org,
                    "email": email,
                },
            )[0]
            for name, (title, job, org, email) in spec.people.items()
        }
        for body_spec in spec.bodies:
            _load_body(panel, body_spec, people, authorities)
        for role, person_name in spec.logins.items():
            _load_login(panel, role, people[person_name])
    return panel


def _load_body(
    panel: Panel, spec: BodySpec, people: dict[str, Person], authorities: dict[str, Authority]
) -> None:
    body, _ = update_or_create_as(
        Body.objects.for_panel(panel),
        None,
        panel=panel,
        slug=spec.slug or slugify(spec.name),
        defaults={"name": spec.name, "kind": spec.kind, **spec.terms},
    )
    for seat in spec.seats:
        update_or_create_as(
            Membership.objects.for_panel(panel),
            None,
            panel=panel,
            body=body,
            person=people[seat.person],
            start_date=seat.start,
            defaults={
                "role": seat.role,
                "authority": authorities.get(seat.authority),
                "co_opted": seat.co_opted,
                "end_date": None,
            },
        )


def _load_login(panel: Panel, role: Role, person: Person) -> None:
    users = get_user_model()
    first, _, last = person.name.partition(" ")
    user, created = users.objects.get_or_create(
        username=login_name(panel.slug, role),
        defaults={"first_name": first, "last_name": last, "email": person.email},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    if person.user_id != user.pk:
        person.user = user
        save_as(person, None, update_fields=["user"])
    role_grant(panel=panel, user=user, role=role, actor=None)
