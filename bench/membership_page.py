"""Benchmark: the membership page at 15, 150 and 1,500 seats.

Prints, for each size, the full page through Django's test client as the panel's clerk (policy,
middleware, tenancy scope, template) against a same-run baseline: the bare ORM query of the same
seats rendered through the same table template with no policy or middleware. Also prints the
query count of each, which must not grow with the number of seats.

    .venv/bin/python bench/membership_page.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/membership_page.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panel.settings")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="bench-"))
os.environ.setdefault("AXES_ENABLED", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from panel import services  # noqa: E402
from panel.models import Membership  # noqa: E402
from panel.policy import Role  # noqa: E402
from panel.tenancy import panel_scope  # noqa: E402

SIZES = (15, 150, 1500)
RUNS = 15


def build(size: int):
    panel = services.panel_create(
        name=f"Bench {size}", slug=f"bench-{size}", police_area="Bench", jurisdiction="england",
        decision_prefix=f"B{'X' * (len(str(size)))}",
    )  # fmt: skip
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.create_user(f"clerk-{size}")
    services.role_grant(panel=panel, user=clerk, role=Role.CLERK)
    with panel_scope(panel):
        main = services.body_create(panel=panel, name="Panel", kind="panel", slug="panel")
        councils = [
            services.authority_create(panel=panel, name=f"Council {i}", kind="district")
            for i in range(10)
        ]
        people = [
            services.person_create(panel=panel, name=f"Member {i:05}", title="Councillor")
            for i in range(size)
        ]
        Membership.objects.bulk_create(
            Membership(
                panel=panel, body=main, person=p, role="member", authority=councils[i % 10],
                start_date=dt.date(2024, 6, 1),
            )
            for i, p in enumerate(people)
        )  # fmt: skip
    return panel, clerk, main


def timed(fn) -> tuple[float, int]:
    fn()  # warm
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        queries = len(ctx.captured_queries)
    return statistics.median(times) * 1000, queries


def measure(size: int) -> str:
    panel, clerk, main_body = build(size)
    client = Client()
    client.force_login(clerk)
    url = f"/{panel.slug}/membership/"

    def page() -> None:
        if client.get(url).status_code != 200:
            raise RuntimeError(f"{url} failed")

    def baseline() -> None:
        with panel_scope(panel):
            seats = list(
                Membership.objects.filter(body=main_body)
                .select_related("person", "authority")
                .order_by("authority__name", "person__name")
            )
            render_to_string(
                "panel/_membership_table.html",
                {"seats": seats, "panel": panel, "with_authority": True},
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
        header = ("seats", "page ms", "queries", "baseline ms", "queries", "ratio")
        print("{:>6} {:>9} {:>8} {:>12} {:>8} {:>6}".format(*header))
        for size in SIZES:
            print(measure(size))
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
