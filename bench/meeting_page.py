"""Benchmark: a published meeting page with 10, 100 and 500 agenda items.

Prints, for each size, the full meeting page as a panel member (middleware, tenancy scope,
policy projection of the published version, templates) against a same-run baseline: the same
version's agenda rendered through the same partial template with no policy and no middleware.
Also prints both query counts, which must not grow with the number of items.

    .venv/bin/python bench/meeting_page.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/meeting_page.py
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import harness  # sets Django up first, so it comes before any Django import
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import Client

from meetings import access as meetings_access
from meetings import services as meetings
from panel import services
from panel.access import Role
from panel.tenancy import panel_scope

SIZES = (10, 100, 500)
LONDON = ZoneInfo("Europe/London")


def build(size: int):
    panel = services.panel_create(
        name=f"Bench {size}",
        slug=f"bench-{size}",
        police_area="Bench",
        jurisdiction="england",
        decision_prefix=f"B{'X' * SIZES.index(size)}C",
        actor=None,
    )
    member = get_user_model().objects.create_user(f"member-{size}")
    services.role_grant(panel=panel, user=member, role=Role.MEMBER, actor=None)
    with panel_scope(panel):
        body = services.body_create(
            panel=panel, name="Panel", kind="panel", slug="panel", actor=None
        )
        start = dt.datetime(2030, 3, 15, 10, tzinfo=LONDON)
        meeting = meetings.meeting_create(body=body, start=start, venue="Hall", actor=None)
        for n in range(size):
            exempt = n % 10 == 9
            item = meetings.item_add(
                meeting=meeting,
                title=f"Report {n}",
                purpose="To consider the report.",
                access="exempt" if exempt else "public",
                exempt_paragraph=3 if exempt else None,
                actor=None,
            )
            meetings.report_update(
                item=item, body_source=f"Paragraph of report {n}. " * 20, actor=None
            )
        meetings.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=20), actor=None)
    return panel, member, meeting


def measure(size: int) -> str:
    panel, member, meeting = build(size)
    client = Client()
    client.force_login(member)
    url = f"/{panel.slug}/meetings/{meeting.slug}/"

    def page() -> None:
        if client.get(url).status_code != 200:
            raise RuntimeError(f"{url} failed")

    def baseline() -> None:
        with panel_scope(panel):
            version = meetings_access.latest_agenda(meeting)
            render_to_string(
                "meetings/_agenda.html",
                {"agenda": version.content, "panel": panel, "meeting": meeting},
            )

    return harness.compare(size, page, baseline)


if __name__ == "__main__":
    harness.run("items", SIZES, measure)
