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
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panel.settings")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="bench-"))
os.environ.setdefault("AXES_ENABLED", "0")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from meetings import services as meetings  # noqa: E402
from panel import policy, services  # noqa: E402
from panel.policy import Role  # noqa: E402
from panel.tenancy import panel_scope  # noqa: E402

SIZES = (10, 100, 500)
RUNS = 15
LONDON = ZoneInfo("Europe/London")


def build(size: int):
    panel = services.panel_create(
        name=f"Bench {size}", slug=f"bench-{size}", police_area="Bench", jurisdiction="england",
        decision_prefix=f"B{'X' * SIZES.index(size)}C",
    )  # fmt: skip
    member = get_user_model().objects.create_user(f"member-{size}")
    services.role_grant(panel=panel, user=member, role=Role.MEMBER)
    with panel_scope(panel):
        body = services.body_create(panel=panel, name="Panel", kind="panel", slug="panel")
        start = dt.datetime(2030, 3, 15, 10, tzinfo=LONDON)
        meeting = meetings.meeting_create(body=body, start=start, venue="Hall")
        for n in range(size):
            exempt = n % 10 == 9
            item = meetings.item_add(
                meeting=meeting, title=f"Report {n}", purpose="To consider the report.",
                access="exempt" if exempt else "public", exempt_paragraph=3 if exempt else None,
            )  # fmt: skip
            meetings.report_update(item=item, body_source=f"Paragraph of report {n}. " * 20)
        meetings.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=20))
    return panel, member, meeting


def timed(fn) -> tuple[float, int]:
    fn()
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            began = time.perf_counter()
            fn()
            times.append(time.perf_counter() - began)
        queries = len(ctx.captured_queries)
    return statistics.median(times) * 1000, queries


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
            version = policy.latest_agenda(meeting)
            render_to_string(
                "meetings/_agenda.html",
                {"agenda": version.content, "panel": panel, "meeting": meeting},
            )

    page_ms, page_q = timed(page)
    base_ms, base_q = timed(baseline)
    ratio = page_ms / base_ms
    return f"{size:>6} {page_ms:>9.1f} {page_q:>8} {base_ms:>12.1f} {base_q:>8} {ratio:>6.2f}"


def main() -> None:
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}; median of {RUNS} runs")
        header = ("items", "page ms", "queries", "baseline ms", "queries", "ratio")
        print("{:>6} {:>9} {:>8} {:>12} {:>8} {:>6}".format(*header))
        for size in SIZES:
            print(measure(size))
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
