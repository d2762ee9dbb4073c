"""The list pages' queries, named: what each page asks the database, as a member reads it, with a
few rows and with many (healthchecks names its expected queries the same way). A query added to a
page, or one that starts to repeat per row, fails here with the list of tables it read."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.testing import published as published_decision
from meetings.testing import published_meeting
from panel.access import Role, forget_roles
from panel.tenancy import panel_scope
from workprogramme import services as programme

# Every signed-in page of a panel: the panel (middleware), the session and the user
# (authentication), the user's and the groups' role grants (read once, then cached on the user).
# The menu asks nothing: it is the same for everyone, and its More page lists what a role opens.
PANEL = ["panel_panel"]
SIGNED_IN = ["django_session", "auth_user", "auth_permission", "auth_permission"]

EXPECTED = {
    # the upcoming meetings, the most recent past ones, the bodies to filter by, and the years
    # to filter by (every meeting is public from the day it is scheduled, so the list asks
    # nothing of the reader's roles first)
    "meetings:meetings": [
        *PANEL,
        "meetings_meeting",
        "meetings_meeting",
        "panel_body",
        "meetings_meeting",
        *SIGNED_IN,
    ],
    # the meeting, its latest agenda and minutes versions, the public pack; then the reader's
    # roles (for the members' pack), that pack, and the agenda versions published late (each
    # with its reason, LGA 1972 s.100B(4))
    "meetings:meeting": [
        *PANEL,
        "meetings_meeting",
        "meetings_agendaversion",
        "meetings_minutesversion",
        "meetings_agendapack",
        *SIGNED_IN,
        "meetings_agendapack",
        "meetings_agendaversion",
    ],
    # how many actions match (the pages), a page of them with their leads and meetings, their
    # progress notes (one prefetch), the people and meetings to filter by
    "workprogramme:actions": [
        *PANEL,
        "workprogramme_action",
        "workprogramme_action",
        "workprogramme_actionnote",
        "panel_person",
        "meetings_meeting",
        *SIGNED_IN,
    ],
    # whether the register has any decision, the years to filter by, how many match (the
    # pages), the page's decisions
    "decisions:decisions": [
        *PANEL,
        *SIGNED_IN,
        "decisions_decision",
        "decisions_decision",
        "decisions_decision",
        "decisions_decision",
    ],
    # the panel's own body, its seats on the day, with their people and councils
    "panel:membership": [*PANEL, "panel_body", "panel_membership", *SIGNED_IN],
}


def _tables(queries: list[dict[str, str]]) -> list[str]:
    return [
        m[1] if (m := re.search(r'FROM "([a-z_]+)"', q["sql"])) else q["sql"][:40] for q in queries
    ]


def _read(client, user, name: str, meeting_slug: str) -> list[str]:
    args = ["alpha", meeting_slug] if name == "meetings:meeting" else ["alpha"]
    forget_roles(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name, args=args)).status_code == 200
    return _tables(captured.captured_queries)


def _more(alpha, first: int, count: int) -> None:
    """Published meetings, published decisions and actions (half led by a member, half by the
    OPCC) of the panel: ``count`` of each, the n-th ones from ``first``."""
    with panel_scope(alpha.panel):
        for n in range(first, first + count):
            published_meeting(alpha, day=dt.date(2030, 3, 15) + dt.timedelta(days=7 * n))
            published_decision(alpha, title=f"Decision {n}")
            programme.action_create(
                panel=alpha.panel,
                text=f"Action {n}",
                raised_on=dt.date(2030, 3, 15),
                lead_person=alpha.councillor if n % 2 else None,
                lead_opcc=not n % 2,
                actor=None,
            )


@pytest.mark.parametrize("name", EXPECTED)
def test_it_asks_each_list_page_s_named_queries_whatever_the_rows(name, cast, client):
    alpha = cast["alpha"]
    pm = published_meeting(alpha)
    _more(alpha, 1, 2)
    member = cast.user("alpha", Role.MEMBER)
    client.force_login(member)
    assert _read(client, member, name, pm.meeting.slug) == EXPECTED[name]
    _more(alpha, 3, 12)
    assert _read(client, member, name, pm.meeting.slug) == EXPECTED[name]
