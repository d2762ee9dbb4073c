"""What every benchmark here shares: Django set up on a throwaway database, and timing.

Import it first: it configures Django (SQLite in a temporary folder unless DATABASE_URL is set).
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if "VAR_DIR" not in os.environ:  # a throwaway folder, removed when this process ends
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-")
    atexit.register(shutil.rmtree, os.environ["VAR_DIR"], ignore_errors=True)
os.environ.setdefault("AXES_ENABLED", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RUNS = 15
HEADER = "{:>6} {:>9} {:>8} {:>12} {:>8} {:>6}"
ROW = "{:>6} {:>9.1f} {:>8} {:>12.1f} {:>8} {:>6.2f}"


def timed(fn: Callable[[], None]) -> tuple[float, int]:
    """Median milliseconds over RUNS calls after a warm-up, and the queries of one call."""
    fn()
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            began = time.perf_counter()
            fn()
            times.append(time.perf_counter() - began)
        queries = len(ctx.captured_queries)
    return statistics.median(times) * 1000, queries


def compare(size: int, page: Callable[[], None], baseline: Callable[[], None]) -> str:
    page_ms, page_q = timed(page)
    base_ms, base_q = timed(baseline)
    return ROW.format(size, page_ms, page_q, base_ms, base_q, page_ms / base_ms)


def run(unit: str, sizes: Iterable[int], measure: Callable[[int], str]) -> None:
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}; median of {RUNS} runs")
        print(HEADER.format(unit, "page ms", "queries", "baseline ms", "queries", "ratio"))
        for size in sizes:
            print(measure(size))
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)
