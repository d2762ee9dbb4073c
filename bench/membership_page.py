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

import harness  # sets Django up first, so it comes before any Django import
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import Client

from panel import services
from panel.access import Role
from panel.models import Membership
from panel.tenancy import panel_scope

SIZES = (15, 150, 1500)


def build(size: int):
    panel = services.panel_create(
        name=f"Bench {size}",
        slug=f"bench-{size}",
        police_area="Bench",
        jurisdiction="england",
        decision_prefix=f"B{'X' * (len(str(size)))}",
        actor=None,
    )
    clerk = get_user_model().objects.create_user(f"clerk-{size}")
    services.role_grant(panel=panel, user=clerk, role=Role.CLERK, actor=None)
    with panel_scope(panel):
        main = services.body_create(
            panel=panel, name="Panel", kind="panel", slug="panel", actor=None
        )
        councils = [
            services.authority_create(panel=panel, name=f"Council {i}", kind="district", actor=None)
            for i in range(10)
        ]
        people = [
            services.person_create(
                panel=panel, name=f"Member {i:05}", title="Councillor", actor=None
            )
            for i in range(size)
        ]
        Membership.objects.bulk_create(
            Membership(
                panel=panel,
                body=main,
                person=p,
                role="member",
                authority=councils[i % 10],
                start_date=dt.date(2024, 6, 1),
            )
            for i, p in enumerate(people)
        )
    return panel, clerk, main


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

    return harness.compare(size, page, baseline)


if __name__ == "__main__":
    harness.run("seats", SIZES, measure)
