"""Benchmark: the plan's dashboard and the pack's performance appendix, 40 measures × 16 quarters.

Prints, in one run:

- the dashboard (one priority's page with all 40 measures, each a chart beside its table) for
  the public, through the whole stack, with its query count: once with every chart to draw (an
  empty cache) and then as it is served (each chart kept under the hash of its figures);
  against the same-run baseline of the plan's overview page (the same 40 measures and figures,
  judged, as one table: no charts);
- the pack appendix (the HTML the agenda version freezes, charts included, rendered to PDF by
  WeasyPrint as a pack part is), against the same appendix with its charts taken out (tables
  only), so the charts' cost in a pack is the difference.

    .venv/bin/python bench/performance_page.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/performance_page.py
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import time
from decimal import Decimal

import harness  # sets Django up first, so it comes before any Django import
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import setup_test_environment

from panel import services as panel_services
from panel.access import Role
from panel.tenancy import panel_scope
from performance import render, services
from performance.models import Figure, Measure, Return

PRIORITIES, PER_PRIORITY, QUARTERS = 1, 40, 16
PDF_RUNS = 5


def build():
    panel = panel_services.panel_create(
        name="Bench plan",
        slug="bench-plan",
        police_area="Bench",
        jurisdiction="england",
        decision_prefix="BPC",
        actor=None,
    )
    clerk = get_user_model().objects.create_user("bench-clerk")
    panel_services.role_grant(panel=panel, user=clerk, role=Role.CLERK, actor=None)
    with panel_scope(panel):
        plan = services.plan_create(
            panel=panel,
            title="Police and Crime Plan 2013-2017",
            commissioner="Bench",
            starts_on=dt.date(2013, 4, 1),
            ends_on=dt.date(2017, 3, 31),
            actor=None,
        )
        measures = []
        for p in range(PRIORITIES):
            priority = services.priority_add(plan=plan, title=f"Priority {p + 1}", actor=None)
            for n in range(PER_PRIORITY):
                measures.append(
                    services.measure_add(
                        priority=priority,
                        title=f"Measure {p + 1}.{n + 1}",
                        unit=Measure.Unit.PERCENT if n % 2 else Measure.Unit.COUNT,
                        good_direction="up" if n % 3 else "down",
                        reference_kind="target",
                        reference=Decimal(60 + n),
                        actor=None,
                    )
                )
        services.plan_publish(plan=plan, actor=None)
        for q in range(QUARTERS):
            r = services.return_open(plan=plan, year=2013 + q // 4, quarter=q % 4 + 1, actor=None)
            Figure.objects.bulk_create(
                Figure(
                    panel=panel,
                    of_return=r,
                    measure=m,
                    value=Decimal(50 + (i * 7 + q * 3) % 45),
                )
                for i, m in enumerate(measures)
                if (i + q) % 11  # some quarters have no figure for some measures
            )
            Return.objects.filter(pk=r.pk).update(status="submitted")
            r.refresh_from_db()
            services.return_publish(of_return=r, actor=None)
    return panel, plan


def pdf_ms(html: str) -> tuple[float, int]:
    from meetings.packs import parts

    page = render_to_string(
        "meetings/pack/appendix_text.html",
        {
            "item": {"number": "7", "title": "Performance report"},
            "a": {"letter": "A", "title": "Performance", "access": "public", "text_html": html},
        },
    )
    times, size = [], 0
    for _run in range(PDF_RUNS):
        from weasyprint import HTML

        began = time.perf_counter()
        pdf = HTML(string=page, url_fetcher=parts.StaticOnlyFetcher(), base_url="app-static:/")
        data = pdf.write_pdf()
        times.append(time.perf_counter() - began)
        size = len(data or b"")
    return statistics.median(times) * 1000, size


def main() -> None:
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        panel, plan = build()
        client = Client()
        dashboard = f"/{panel.slug}/plan/{plan.slug}/priorities/priority-1/"
        overview = f"/{panel.slug}/plan/{plan.slug}/"

        def get(url: str):
            def fetch() -> None:
                response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"{url}: {response.status_code}")

            return fetch

        print(f"database: {connection.vendor}; {PER_PRIORITY} measures x {QUARTERS} quarters")
        print(f"median of {harness.RUNS} runs (pages), {PDF_RUNS} runs (PDF)")
        cache.clear()
        began = time.perf_counter()
        get(dashboard)()
        cold_ms = (time.perf_counter() - began) * 1000
        print(f"dashboard (40 charts and tables), every chart drawn: {cold_ms:.1f} ms")
        page_ms, page_q = harness.timed(get(dashboard))
        base_ms, base_q = harness.timed(get(overview))
        size = len(client.get(dashboard).content)
        print(f"dashboard, charts kept: {page_ms:.1f} ms, {page_q} queries, {size:,} bytes")
        print(f"baseline, the overview (same data, no charts): {base_ms:.1f} ms, {base_q} queries")
        print(f"ratio: {page_ms / base_ms:.2f}")
        with panel_scope(panel):
            began = time.perf_counter()
            (title, html), *_ = render.appendices(panel, dt.date(2017, 3, 1))
            appendix_ms = (time.perf_counter() - began) * 1000
        tables_only = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
        with_charts, pdf_size = pdf_ms(html)
        without, base_size = pdf_ms(tables_only)
        print(f"pack appendix HTML ({title}): {appendix_ms:.1f} ms, {len(html):,} bytes")
        print(f"pack appendix PDF with charts: {with_charts:.0f} ms, {pdf_size:,} bytes")
        print(f"baseline, tables only: {without:.0f} ms, {base_size:,} bytes")
        print(f"ratio: {with_charts / without:.2f}")
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
