"""Benchmark: the 26 September 2014 agenda pack at its real length.

The demo meeting's reports and appendices are given the seed documents' full text (read at run
time from ../shared/reference/seeds/, never shipped). Printed, all measured in this run (the
baseline and the cold pack three times each, compared by their medians):
pages; the baseline (one WeasyPrint process rendering the whole pack as one HTML document); the
cold pack (parts rendered in parallel, merged, stamped, contents last); the re-pack after editing
one item's report; peak memory of this process and of the render workers; and the cold pack at
2x and 4x the content. The last line is `ratio: R`, cold pack time / baseline time.

    .venv/bin/python bench/pack.py
"""

from __future__ import annotations

import multiprocessing
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

import harness  # sets Django up first, so it comes before any Django import
from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment
from django_scopes import scopes_disabled
from weasyprint import HTML

from meetings import pack, packs, services
from meetings.models import AgendaItem, AgendaPack, Meeting
from panel.demo import load_demo
from panel.tenancy import panel_scope

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "reference" / "seeds"
RUNS = 3


def _samples(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def seed_texts() -> list[str]:
    if not SEEDS.is_dir():
        sys.exit(f"the seed documents are not at {SEEDS}: this benchmark needs them")
    return [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]


def fill(meeting: Meeting, times: int) -> None:
    """Give the meeting's reports and text appendices the seeds' full text, `times` over."""
    texts = seed_texts()
    items = [
        i
        for i in AgendaItem.objects.filter(
            meeting=meeting, kind__in=["report", "pcc_update", "work_programme"]
        ).order_by("position")
    ]
    for n, item in enumerate(items):
        body = (
            "\n\n".join([texts[n % len(texts)]] * times)
            if n < len(texts)
            else texts[0][: 4000 * times]
        )
        services.report_update(item=item, body_source=body, body_format="markdown")


def baseline_seconds(ctx: dict) -> tuple[float, float]:
    """The whole pack as one HTML document, rendered by one WeasyPrint process (a child of
    this one, so that its memory is its own): seconds and the child's peak memory in MB."""
    with multiprocessing.get_context("fork").Pool(1) as child:
        return child.apply(_baseline_in_child, (ctx,))


def _baseline_in_child(ctx: dict) -> tuple[float, float]:
    bodies = []
    for part in pack.build_parts(ctx):
        for segment in part.segments:
            if segment.html:
                bodies.append(segment.html.split("<body>", 1)[1].rsplit("</body>", 1)[0])
    head = pack._page("front.html", ctx).split("<body>", 1)[0]
    html = (
        head + "<body>" + '<div style="break-before: page"></div>'.join(bodies) + "</body></html>"
    )
    start = time.perf_counter()
    document = HTML(string=html, url_fetcher=pack.StaticOnlyFetcher(), base_url="app-static:/")
    document.write_pdf(pdf_tags=settings.PACK_PDF_TAGS)  # tagged if the parts are
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cold_pack(meeting: Meeting) -> tuple[float, int, dict]:
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "packcache", ignore_errors=True)
    job = AgendaPack.objects.create(
        panel_id=meeting.panel_id,
        meeting=meeting,
        agenda_version=meeting.agenda_version,
        audience="members",
    )
    ctx = packs._context(job)
    start = time.perf_counter()
    _, pages = pack.assemble(ctx)
    return time.perf_counter() - start, pages, ctx


def main() -> None:
    setup_test_environment()
    settings.MEDIA_ROOT = Path(harness.os.environ["VAR_DIR"]) / "media"
    settings.AGENDA_PACKS_ON_PUBLISH = False
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with scopes_disabled():
            load_demo()
            meeting = Meeting.objects.get(slug="2014-09-26")
        with panel_scope(meeting.panel_id):
            meeting.refresh_from_db()
            fill(meeting, 1)
            services.agenda_publish(meeting=meeting, change_note="Seed texts")
            meeting.refresh_from_db()
            # Each measured three times (the pack from an empty cache each time); the medians
            # are compared, and every sample is printed.
            colds = [cold_pack(meeting) for _ in range(RUNS)]
            pages, ctx = colds[0][1], colds[0][2]
            cold_samples = [c[0] for c in colds]
            item = (
                AgendaItem.objects.filter(meeting=meeting, kind="report")
                .order_by("position")
                .first()
            )
            services.report_update(
                item=item, body_source=item.report.body_source + "\n\nOne more paragraph."
            )
            services.agenda_publish(meeting=meeting, change_note="One item edited")
            meeting.refresh_from_db()
            job = AgendaPack.objects.create(
                panel_id=meeting.panel_id,
                meeting=meeting,
                agenda_version=meeting.agenda_version,
                audience="members",
            )
            start = time.perf_counter()
            pack.assemble(packs._context(job))
            repack = time.perf_counter() - start
            scaled = {}
            for times in (2, 4):
                fill(meeting, times)
                services.agenda_publish(meeting=meeting, change_note=f"{times}x")
                meeting.refresh_from_db()
                seconds, scaled_pages, _ = cold_pack(meeting)
                scaled[times] = (seconds, scaled_pages)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        baselines = [baseline_seconds(ctx) for _ in range(RUNS)]
        base_samples = [b[0] for b in baselines]
        base, cold = statistics.median(base_samples), statistics.median(cold_samples)
        print(f"render workers: {settings.PACK_RENDER_WORKERS}")
        print(f"pages: {pages}")
        print(
            f"baseline (one WeasyPrint process, one document): {base:.2f} s median of "
            f"{_samples(base_samples)}; its peak memory {max(b[1] for b in baselines):.0f} MB"
        )
        print(f"cold pack: {cold:.2f} s median of {_samples(cold_samples)}")
        print(f"re-pack after editing one item: {repack:.2f} s")
        print(
            f"peak memory of the pack: this process {own:.0f} MB, largest render worker "
            f"{children:.0f} MB"
        )
        for times, (seconds, scaled_pages) in scaled.items():
            print(f"cold pack at {times}x content: {seconds:.2f} s, {scaled_pages} pages")
        print(f"ratio: {cold / base:.2f}")
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
