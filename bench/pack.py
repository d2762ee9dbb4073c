"""Benchmark: the 26 September 2014 agenda pack at its real length.

The demo meeting's reports and appendices are given the seed documents' full text (read at run
time from ../shared/reference/seeds/, never shipped). Printed, all measured in this run: pages;
the baseline (one WeasyPrint process rendering the whole pack as one HTML document); the cold
pack (parts rendered in parallel, merged, stamped, contents last); the re-pack after editing one
item's report; peak memory of the pack's process and of its render workers; and the cold pack
at 2x and 4x the content. The baseline and the cold pack are measured five times, alternately,
and compared by their medians; every sample is printed. Each runs in a fresh process with
Django loaded, as a worker would, so that its memory is its own. Tagged as the packs are
(PACK_PDF_TAGS). It also prints the glyphs no installed font could draw in the whole pack
(WeasyPrint's ".notdef" warnings; 0 when the fonts `make` installs cover the papers' scripts).
The last line is `ratio: R`, cold pack time / baseline time.

    .venv/bin/python bench/pack.py
"""

from __future__ import annotations

import multiprocessing
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_env  # noqa: F401 (the broker and this run's own queue, before Django loads)
import harness  # sets Django up first, so it comes before any Django import
import pack_workers
from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment
from django_scopes import scopes_disabled
from weasyprint import HTML

from config.celery import app
from documents.glyphs import counting_missing_glyphs
from meetings import packs, services
from meetings.models import AgendaItem, AgendaPack, Meeting
from meetings.packs import parts as pack
from panel.tenancy import panel_scope
from publishing.demo import load_demo

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "reference" / "seeds"
RUNS = 5  # this machine's timings vary by 15% from one minute to the next
WORKER_RUNS = 5  # the machine is shared: five pairs give a steadier median than three


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
        services.report_update(item=item, body_source=body, body_format="markdown", actor=None)


def baseline_seconds(ctx: dict) -> tuple[float, float, int]:
    """The whole pack as one HTML document, rendered by one WeasyPrint process (a fresh one,
    so that its memory is its own): seconds, its peak memory in MB, and the glyphs no font
    could draw (".notdef")."""
    return in_fresh_process(_baseline_in_child, ctx)


def _baseline_in_child(ctx: dict) -> tuple[float, float, int]:
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
    with counting_missing_glyphs() as missing:
        document = HTML(string=html, url_fetcher=pack.StaticOnlyFetcher(), base_url="app-static:/")
        document.write_pdf(pdf_tags=settings.PACK_PDF_TAGS)  # tagged if the parts are
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, missing.count


def pack_context(meeting: Meeting) -> dict:
    job = AgendaPack.objects.create(
        panel_id=meeting.panel_id,
        meeting=meeting,
        agenda_version=meeting.agenda_version,
        audience="members",
    )
    return packs.jobs._context(job)


def timed_pack(meeting: Meeting, cold: bool = True) -> tuple[float, int, float, float]:
    """One pack (from an empty part cache if ``cold``) in a fresh process, as a worker makes it:
    seconds, pages, and the peak memory in MB of that process and of its render workers. The
    fresh process keeps this one's memory (demo data, seed texts) out of the figures."""
    if cold:
        shutil.rmtree(Path(settings.MEDIA_ROOT) / "packcache", ignore_errors=True)
    return in_fresh_process(_pack_in_child, pack_context(meeting))


def _pack_in_child(ctx: dict) -> tuple[float, int, float, float]:
    start = time.perf_counter()
    _, pages = pack.assemble(ctx)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, pages, own, workers


def in_fresh_process(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in a fresh process with Django and the pack's modules loaded, as a worker
    has them: this one's memory (demo data, seed texts) stays out of its figures."""
    receive, send = _FRESH.Pipe(duplex=False)
    child = _FRESH.Process(target=_run, args=(fn, args, str(settings.MEDIA_ROOT), send))
    child.start()  # not a daemon, so that it may start render workers of its own
    result = receive.recv()
    child.join()
    return result


def _run(fn: Callable[..., Any], args: tuple, media_root: str, send: Any) -> None:
    settings.MEDIA_ROOT = media_root
    pack.prepare()  # as a worker does when it starts (meetings.tasks)
    send.send(fn(*args))


# A fresh interpreter with Django and the pack's modules loaded, forked for each pack.
_FRESH = multiprocessing.get_context("forkserver")
_FRESH.set_forkserver_preload(["__main__"])  # this script: harness, then the pack


def main() -> None:
    setup_test_environment()
    settings.MEDIA_ROOT = Path(harness.os.environ["VAR_DIR"]) / "media"
    settings.AGENDA_PACKS_ON_PUBLISH = False
    app.conf.task_always_eager = True  # until the workers' figures: nothing leaves this process
    if connection.vendor == "sqlite":  # a file, which the workers' processes open too
        test = connection.settings_dict.setdefault("TEST", {})
        test["NAME"] = str(Path(harness.os.environ["VAR_DIR"]) / "bench.sqlite3")
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with scopes_disabled():
            load_demo()
            meeting = Meeting.objects.get(slug="2014-09-26")
        with panel_scope(meeting.panel_id):
            meeting.refresh_from_db()
            fill(meeting, 1)
            services.agenda_publish(meeting=meeting, change_note="Seed texts", actor=None)
            meeting.refresh_from_db()
            # The baseline and the cold pack alternate, so that a slow minute of the machine
            # falls on both alike; each from a fresh process, the pack from an empty cache.
            ctx = pack_context(meeting)
            baselines, colds = [], []
            for _ in range(RUNS):
                baselines.append(baseline_seconds(ctx))
                colds.append(timed_pack(meeting))
            pages, cold_samples = colds[0][1], [c[0] for c in colds]
            item = (
                AgendaItem.objects.filter(meeting=meeting, kind="report")
                .order_by("position")
                .first()
            )
            services.report_update(
                item=item,
                body_source=item.report.body_source + "\n\nOne more paragraph.",
                actor=None,
            )
            services.agenda_publish(meeting=meeting, change_note="One item edited", actor=None)
            meeting.refresh_from_db()
            repacked = timed_pack(meeting, cold=False)
            scaled = {}
            for times in (2, 4):
                fill(meeting, times)
                services.agenda_publish(meeting=meeting, change_note=f"{times}x", actor=None)
                meeting.refresh_from_db()
                scaled[times] = timed_pack(meeting)
            fill(meeting, 1)  # the 189 pages again, for the workers' figures
            services.agenda_publish(meeting=meeting, change_note="1x", actor=None)
            meeting.refresh_from_db()
            on_workers = pack_workers.measure(meeting, WORKER_RUNS)
        base_samples = [b[0] for b in baselines]
        base, cold = statistics.median(base_samples), statistics.median(cold_samples)
        print(f"render workers: {settings.PACK_RENDER_WORKERS}")
        print(f"tagged PDF: {'yes' if settings.PACK_PDF_TAGS else 'no'}")
        print(f"pages: {pages}")
        print(
            f"baseline (one WeasyPrint process, one document): {base:.2f} s median of "
            f"{_samples(base_samples)}; its peak memory {max(b[1] for b in baselines):.0f} MB"
        )
        print(f"cold pack: {cold:.2f} s median of {_samples(cold_samples)}")
        pairs = [c / b for c, b in zip(cold_samples, base_samples, strict=True)]
        print(f"cold / baseline, run by run: {_samples(pairs)}")
        print(f"re-pack after editing one item: {repacked[0]:.2f} s")
        print(
            f"peak memory of the pack: its process {max(c[2] for c in colds):.0f} MB, largest "
            f"render worker {max(c[3] for c in colds):.0f} MB"
        )
        for times, (seconds, scaled_pages, own, workers) in scaled.items():
            print(
                f"cold pack at {times}x content: {seconds:.2f} s, {scaled_pages} pages; peak "
                f"memory {own:.0f} MB, render workers {workers:.0f} MB"
            )
        print(
            "missing glyphs (.notdef, drawn as empty boxes) in the whole pack: "
            f"{max(b[2] for b in baselines)}"
        )
        for line in on_workers:
            print(line)
        print(f"ratio: {cold / base:.2f}")
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
