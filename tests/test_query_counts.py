"""The list pages' queries, named: what each page asks the database, as a member reads it, with a
few rows and with many (healthchecks names its expected queries the same way). A query added to a
page, or one that starts to repeat per row, fails here with the list of tables it read."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.testing import published as published_decision
from meetings.testing import published_meeting
from panel.access import Role, forget_roles
from panel.tenancy import panel_scope
from workprogramme import services as programme

# Every signed-in page of a panel: the panel (middleware), the user (authentication: the session
# comes from Redis, config/settings.py, or else the database), the user's and the groups' role
# grants in one query (read once, then cached on the user). The menu asks nothing: it is the same
# for everyone, and its More page lists what a role opens.
PANEL = ["panel_panel"]
SESSION = [] if settings.SESSION_ENGINE.endswith("cached_db") else ["django_session"]
SIGNED_IN = [*SESSION, "auth_user", "panel_paneluserobjectpermission"]

EXPECTED = {
    # the upcoming meetings, the past twelve months', the bodies to filter by, and the years
    # to filter by (the first and last meetings'; every meeting is public from the day it is
    # scheduled, so the list asks nothing of the reader's roles first)
    "meetings:meetings": [
        *PANEL,
        "meetings_meeting",
        "meetings_meeting",
        "panel_body",
        "meetings_meeting",
        *SIGNED_IN,
    ],
    # the meeting, its latest agenda and minutes versions; the reader's roles (for the members'
    # pack), both packs at once, and whether any agenda version was published late (its reason,
    # LGA 1972 s.100B(4); only then are the versions' contents read)
    "meetings:meeting": [
        *PANEL,
        "meetings_meeting",
        "meetings_agendaversion",
        "meetings_minutesversion",
        *SIGNED_IN,
        "meetings_agendapack",
        "meetings_agendaversion",
    ],
    # a page of the actions (and one more: no count while they fit on one page) with their leads
    # and meetings, which on a single page are also the leads and meetings to filter by (no
    # progress notes)
    "workprogramme:actions": [*PANEL, "workprogramme_action", *SIGNED_IN],
    # the register's first and newest records (its years and its opening window), how many
    # match (the pages), the page's decisions
    "decisions:decisions": [
        *PANEL,
        *SIGNED_IN,
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


def test_it_reads_the_filters_choices_apart_only_when_the_tracker_is_filtered(cast, client):
    alpha = cast["alpha"]
    _more(alpha, 1, 6)
    member = cast.user("alpha", Role.MEMBER)
    client.force_login(member)
    forget_roles(member)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("workprogramme:actions", args=["alpha"]) + "?lead=opcc")
    assert response.status_code == 200
    # how many are chosen, a page of them, then every action's leads and meetings for the
    # filters' choices
    assert _tables(captured.captured_queries) == [
        *PANEL,
        "workprogramme_action",
        "workprogramme_action",
        "workprogramme_action",
        *SIGNED_IN,
    ]
    assert [row["text"] for row in response.context["actions"]] == [
        f"Action {n}" for n in (6, 4, 2)
    ]
    assert [p.name for p in response.context["leads"]] == [alpha.councillor.name]
