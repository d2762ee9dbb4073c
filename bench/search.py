"""Benchmark: the search page over 200, 2,000 and 10,000 indexed entries.

The entries carry paragraphs of the seed documents (read at run time from
../shared/reference/seeds/, never shipped), spread over published meetings of one panel.
Prints, for each size, the search page for two words as an anonymous reader (middleware,
tenancy scope, the policy's visible meetings and decisions, ranking, paging, snippets,
templates) against a same-run baseline: the bare ranked query for the same words, first page
only. Also prints both query counts, which must not grow with the number of entries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py                  # the embedded SQLite: every word must appear
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import harness  # sets Django up first, so it comes before any Django import
from django.test import Client

from meetings import services as meetings
from panel import services
from panel.tenancy import panel_scope
from search.models import SearchEntry, fill_documents
from search.queries import matching

SIZES = (200, 2_000, 10_000)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "reference" / "seeds"
TERMS = "police budget"
LONDON = ZoneInfo("Europe/London")


def paragraphs() -> list[str]:
    if not SEEDS.is_dir():
        sys.exit(f"the seed documents are not at {SEEDS}: this benchmark needs them")
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [p.strip() for p in path.read_text().split("\n\n") if len(p.strip()) > 200]
    return found


def build(size: int, texts: list[str]):
    panel = services.panel_create(
        name=f"Search {size}",
        slug=f"search-{size}",
        police_area="Bench",
        jurisdiction="england",
        decision_prefix=f"S{'X' * SIZES.index(size)}C",
        actor=None,
    )
    with panel_scope(panel):
        body = services.body_create(
            panel=panel, name="Panel", kind="panel", slug="panel", actor=None
        )
        entries = []
        for m in range(max(1, size // 20)):
            start = dt.datetime(2014, 1, 1, 10, tzinfo=LONDON) + dt.timedelta(days=7 * m)
            meeting = meetings.meeting_create(
                body=body, start=start, venue="Hall", with_standing_items=False, actor=None
            )
            meetings.item_add(meeting=meeting, title="Report", actor=None)
            meetings.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=20), actor=None)
            for n in range(20):
                text = texts[(m * 20 + n) % len(texts)]
                entries.append(
                    SearchEntry(
                        panel=panel,
                        kind="item",
                        meeting=meeting,
                        item_id=n + 1,
                        title=text[:60],
                        context="Panel",
                        text=text * 3,
                        date=start,
                    )
                )
        SearchEntry.objects.bulk_create(entries[:size], batch_size=1000)
        fill_documents(SearchEntry.objects.for_panel(panel))
    return panel


def measure(size: int) -> str:
    panel = build(size, paragraphs())
    client = Client()
    url = f"/{panel.slug}/search/"

    def page() -> None:
        if client.get(url, {"q": TERMS}).status_code != 200:
            raise RuntimeError(f"{url} failed")

    def baseline() -> None:
        with panel_scope(panel):
            list(matching(SearchEntry.objects.for_panel(panel), TERMS)[:20])

    return harness.compare(size, page, baseline)


if __name__ == "__main__":
    harness.run("entries", SIZES, measure)
