"""Benchmark: the search page over 200, 2,000 and 10,000 indexed entries.

The entries carry paragraphs of the seed documents (read at run time from
../shared/reference/seeds/, never shipped), spread over published meetings of one panel.
Prints, for each size, the search page for two words as an anonymous reader (middleware,
tenancy scope, the policy's visible meetings and decisions, ranking, paging, snippets,
templates) against a same-run baseline: the bare ranked query for the same words, first page
only. Also prints both query counts, which must not grow with the number of entries.

Then the same with the papers' pages indexed: beside each size's entries, four times as many
pages of PDFs (kind "page", one in five exempt, as an appendix's pages are), so the search asks
the access rules for each owner's papers, and its results link to a file's page; against the
bare ranked query over the same index. Last, reading a PDF's text page by page (what publishing
adds per uploaded page) against the upload check of the same file (what uploading costs already).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py                  # the embedded SQLite: every word must appear
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import harness  # sets Django up first, so it comes before any Django import
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import teardown_test_environment

from documents.services import store_pdf
from documents.text import pdf_pages
from documents.textpdf import text_pdf
from documents.uploads import check_pdf
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


def build(size: int, texts: list[str], pages: int = 0):
    panel = services.panel_create(
        name=f"Search {size} {pages}",
        slug=f"search-{size}-{pages}",
        police_area="Bench",
        jurisdiction="england",
        decision_prefix=f"{'P' if pages else 'S'}{'X' * SIZES.index(size)}C",
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
        entries = entries[:size]
        if pages:
            entries += _pages(panel, entries, texts, pages)
        SearchEntry.objects.bulk_create(entries, batch_size=1000)
        fill_documents(SearchEntry.objects.for_panel(panel))
    return panel


def _pages(panel, entries: list[SearchEntry], texts: list[str], per_entry: int) -> list:
    upload = SimpleUploadedFile("paper.pdf", text_pdf("A paper."), "application/pdf")
    stored = store_pdf(panel, upload)
    made = []
    for n, entry in enumerate(entries * per_entry):
        made.append(
            SearchEntry(
                panel=panel,
                kind="page",
                meeting=entry.meeting,
                stored_file=stored,
                page=n % 40 + 1,
                access="exempt" if n % 5 == 0 else "public",
                title=f"Appendix A: {entry.title}, page {n % 40 + 1}",
                context="Panel",
                text=texts[(n * 7) % len(texts)],
                date=entry.date,
            )
        )
    return made


def measure_with_pages(size: int) -> str:
    return measure(size, pages=4)


def measure_extraction(pages: int) -> str:
    texts = paragraphs()
    data = text_pdf(*(texts[n % len(texts)] for n in range(pages)))

    def extract() -> None:
        if len(pdf_pages(io.BytesIO(data))) != pages:
            raise RuntimeError("pages lost")

    def check() -> None:
        check_pdf(SimpleUploadedFile("paper.pdf", data, "application/pdf"))

    return harness.compare(pages, extract, check)


def measure(size: int, pages: int = 0) -> str:
    panel = build(size, paragraphs(), pages)
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
    teardown_test_environment()  # each run sets up its own test database
    print("\nwith 4 pages of papers per entry indexed besides (so 5x the rows; 1 in 5 exempt):")
    harness.run("entries", SIZES, measure_with_pages)
    teardown_test_environment()
    print("\nreading a PDF's text by page (page ms) against its upload check (baseline ms):")
    harness.run("pages", (10, 100), measure_extraction)
