"""The synthetic national data set (`manage.py load_synthetic`): up to every police area of
England and Wales, each with years of business, each app building its own part (its
`synthetic.py`), composed here. Deterministic for a seed; refuses a database that has panels.

What it is for: scale tests and benchmarks (`bench/scale.py`) of one installation carrying every
panel (issue 19). What it is not: a record of any real panel; every synthetic panel is marked
illustrative. Appendices share a few stored PDFs per panel, to keep the disk small.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.db import transaction

from complaints.synthetic import build_complaints
from decisions.synthetic import build_decisions
from documents.models import StoredFile
from documents.services import store_pdf
from documents.testing import pdf_bytes, upload
from meetings.synthetic import build_meetings
from panel.models import Panel
from panel.synthetic import build_panel, password_hash
from panel.tenancy import panel_scope
from search.services import reindex_panel
from statutory.synthetic import build_cases
from workprogramme.synthetic import build_work

LONDON = ZoneInfo("Europe/London")
T = TypeVar("T")


class DataExists(Exception):
    """The database already has panels: synthetic data goes into an empty one only."""


@dataclass
class Built:
    panels: list[Panel] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def load_synthetic(
    *,
    panels: int,
    years: int,
    seed: int = 2014,
    end_year: int = 2026,
    progress: Callable[[str], None] = lambda line: None,
) -> Built:
    """``panels`` panels with the municipal years ``end_year - years`` to ``end_year - 1``."""
    if Panel.objects.exists():  # the tenants themselves: no scope needed
        raise DataExists(
            "This database already has panels: load the synthetic data into an empty "
            "database (migrate a new one, or set DATABASE_URL to one)."
        )
    span = list(range(end_year - years, end_year))
    built, hashed = Built(), password_hash()
    built_at = dt.datetime(end_year, 5, 1, 9, tzinfo=LONDON)
    for index in range(panels):
        began = time.perf_counter()
        with transaction.atomic():
            panel = _one_panel(index, seed, span, hashed, built_at, built)
        built.panels.append(panel)
        progress(f"{panel.slug}: {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    for panel in built.panels:
        with panel_scope(panel), transaction.atomic():
            built.counts["indexed"] = built.counts.get("indexed", 0) + reindex_panel(panel)
    built.seconds["search index"] = time.perf_counter() - began
    return built


def _one_panel(
    index: int, seed: int, span: list[int], hashed: str, built_at: dt.datetime, built: Built
) -> Panel:
    world = build_panel(index, seed=seed, start=dt.date(span[0], 5, 1), password_hash=hashed)
    panel = world.panel
    with panel_scope(panel):
        files = [_pdf(panel, pages) for pages in (1, 2, 3, 4, 5)]
        steps: list[tuple[str, Callable[[], int]]] = [
            ("decisions", lambda: build_decisions(world, years=span, built_at=built_at)),
        ]
        held = _timed(
            built,
            "meetings",
            lambda: build_meetings(
                world, years=span, files=files[:4], exempt_file=files[4], built_at=built_at
            ),
        )
        built.counts["meetings"] = built.counts.get("meetings", 0) + len(held)
        steps += [
            ("actions", lambda: build_work(world, years=span, held=held, built_at=built_at)),
            ("cases", lambda: build_cases(world, held=held)),
            ("complaints", lambda: build_complaints(world, years=span)),
        ]
        for name, step in steps:
            built.counts[name] = built.counts.get(name, 0) + _timed(built, name, step)
    return panel


def _pdf(panel: Panel, pages: int) -> StoredFile:
    return store_pdf(panel, upload(pdf_bytes(pages), f"appendix-{pages}.pdf"))


def _timed(built: Built, name: str, step: Callable[[], T]) -> T:
    began = time.perf_counter()
    done = step()
    built.seconds[name] = built.seconds.get(name, 0.0) + time.perf_counter() - began
    return done
