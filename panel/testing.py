"""A fixed cast for access tests: two panels, every role in each, and the public.

Like healthchecks' BaseTestCase: each test names who acts (``cast.user("alpha", Role.CLERK)``)
instead of building users of its own, so every test covers the same people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from smtplib import SMTPServerDisconnected
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from . import services
from .access import Role, forget_roles
from .models import ApiToken, Authority, Body, Jurisdiction, Membership, Panel, Person
from .tenancy import panel_scope

# The test cast's password (bandit: accepted, test data only).
PASSWORD = "correct-horse-battery-staple"  # nosec B105
START = dt.date(2024, 6, 1)


@dataclass
class PanelCast:
    panel: Panel
    authority: Authority
    main_body: Body
    working_group: Body
    councillor: Person
    officer: Person
    membership: Membership
    users: dict[Role, Any] = field(default_factory=dict)


@dataclass
class Cast:
    panels: dict[str, PanelCast]

    def __getitem__(self, key: str) -> PanelCast:
        return self.panels[key]

    def user(self, panel_key: str, role: Role) -> Any:
        return self.panels[panel_key].users[role]

    @property
    def anonymous(self) -> AnonymousUser:
        return AnonymousUser()


def _make_panel(key: str, name: str, prefix: str, jurisdiction: str) -> PanelCast:
    panel = services.panel_create(
        name=name,
        slug=key,
        police_area=name,
        jurisdiction=jurisdiction,
        decision_prefix=prefix,
        contact_email=f"clerk@{key}.example.org",
        actor=None,
    )
    with panel_scope(panel):
        authority = services.authority_create(
            panel=panel, name=f"{name} County Council", kind="county", actor=None
        )
        main = services.body_create(
            panel=panel, name=f"{name} Panel", kind="panel", slug="panel", actor=None
        )
        group = services.body_create(
            panel=panel,
            name="Budget Working Group",
            kind="working_group",
            rationale=f"{key} budget scrutiny",
            actor=None,
        )
        councillor = services.person_create(
            panel=panel,
            name=f"{key.title()} Councillor",
            title="Councillor",
            email=f"councillor@{key}.example.org",
            phone="01234 567890",
            actor=None,
        )
        officer = services.person_create(
            panel=panel,
            name=f"{key.title()} Officer",
            job_title="Democratic Services Officer",
            email=f"officer@{key}.example.org",
            actor=None,
        )
        membership = services.membership_create(
            body=main,
            person=councillor,
            role="chair",
            authority=authority,
            start_date=START,
            actor=None,
        )
        cast = PanelCast(panel, authority, main, group, councillor, officer, membership)
        users = get_user_model()
        for role in Role:
            user = users.objects.create_user(f"{key}-{role.value}", password=PASSWORD)
            services.role_grant(panel=panel, user=user, role=role, actor=None)
            cast.users[role] = user
    return cast


def make_cast() -> Cast:
    return Cast(
        panels={
            "alpha": _make_panel("alpha", "Alphashire", "APCC", Jurisdiction.ENGLAND),
            "beta": _make_panel("beta", "Betagwent", "BPCC", Jurisdiction.WALES),
        }
    )


# Figures the security harness reports (walker, matrix, fuzzing), printed at the end of the run by
# the root conftest's pytest_terminal_summary, so `make test` shows them.
HARNESS_SUMMARY: list[str] = []


def api_token(
    user: Any, panel: Panel, role: Role = Role.OPCC_OFFICER, *, days: int = 90
) -> tuple[ApiToken, str]:
    """A new API token of ``user`` in ``panel`` as ``role``, and its key (as the office's page
    makes one: the user must hold the role there)."""
    forget_roles(user)
    return services.api_token_create(
        panel=panel, name="Case management system", days=days, role=role, actor=user
    )


def token_header(key: str) -> dict[str, str]:
    """The test client's keyword for ``Authorization: Token <key>``."""
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


class FailingEmailBackend:
    """A mail server that is down: every send raises, as smtplib does (for tests of what a
    failed send leaves behind)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise SMTPServerDisconnected("the mail server is down")
