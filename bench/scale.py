"""Benchmark: one installation carrying every panel (issue 19).

Builds (or reuses) two synthetic databases with `manage.py load_synthetic`: 1 panel × 1 year,
the baseline, and 40 panels × 10 years (or --panels/--years), printing the time each build took.
Then, on the first panel of each, measures the public meeting page, the calendar, a member's
action tracker, the decisions register, a search and an OParl meetings list at both sizes, and
prints each page's median time, its query count and size, and the ratio (target: at most 1.2,
with the same query counts).

Each size is served by a process of its own, both alive at once on the same core, and the two
are asked in turn (the first to be asked alternating), so that a burst of someone else's work on
this shared machine falls on both sizes alike instead of on whichever was being measured.

The databases are kept for the next run (SQLite under --dir, /tmp/scale-bench by default; with
DATABASE_URL, PostgreSQL databases named scale_bench_<panels>x<years> on that server, their
stored files under --dir) and reused when they hold the synthetic panels; --fresh builds them
again.

    .venv/bin/python bench/scale.py                       # SQLite, 1x1 against 40x10
    .venv/bin/python bench/scale.py --panels 10 --years 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/scale.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess  # nosec B404  (runs this same script, no shell)
import sys
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

# Requests of a page each size serves at each turn, one after another (as a page is asked
# again and again on a busy server: its process's caches warm, not those of the other size).
BATCH = 5
HEADER = "{:<26} {:>8} {:>4} {:>5} {:>10} {:>4} {:>5} {:>6} {:>8} {:>11}"
ROW = "{:<26} {:>8.2f} {:>4} {:>5.0f} {:>10.2f} {:>4} {:>5.0f} {:>6.2f} {:>8.2f} {:>11}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panels", type=int, default=40)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--dir",
        default="/tmp/scale-bench",  # noqa: S108  # nosec B108  # kept between runs on purpose
        help="where the SQLite files live",
    )
    parser.add_argument("--fresh", action="store_true", help="build the databases again")
    parser.add_argument(
        "--rounds", type=int, default=5, help="rounds over every page (5); each a turn of each"
    )
    parser.add_argument(
        "--turns", type=int, default=6, help="turns each size takes per page per round (6)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.panels, args.years, args.fresh)
        return
    small = Size(1, 1, args)
    big = Size(args.panels, args.years, args)
    try:
        small.ready(), big.ready()
        # Measured on one core, this process and both sizes' (built on any): a core slowed by
        # another machine's work on the host then slows both sizes, not the one placed on it.
        core = {max(os.sched_getaffinity(0))}
        for pid in (0, small.process.pid, big.process.pid):
            os.sched_setaffinity(pid, core)
        pages = list(small.pages)
        times: dict[str, dict[str, list[float]]] = {p: {"small": [], "big": []} for p in pages}
        round_ratios: dict[str, list[float]] = {p: [] for p in pages}
        for _ in range(args.rounds):
            for page in pages:
                ours: dict[str, list[float]] = {"small": [], "big": []}
                for turn in range(args.turns):
                    order = [("small", small), ("big", big)]
                    for which, size in order if turn % 2 == 0 else order[::-1]:
                        ours[which] += size.time(page)
                round_ratios[page].append(
                    statistics.median(ours["big"]) / statistics.median(ours["small"])
                )
                for which in ours:
                    times[page][which] += ours[which]
    finally:
        small.stop(), big.stop()
    label = f"{args.panels}x{args.years}"
    samples = args.rounds * args.turns * BATCH
    print(
        f"database: {small.vendor}; median of {samples} requests at each size, the two sizes "
        f"asked in turn; the first panel of each"
    )
    print(
        HEADER.format(
            "page", "1x1 ms", "q", "kB", f"{label} ms", "q", "kB", "ratio", "per kB", "rounds"
        )
    )
    for page in pages:
        ms = statistics.median(times[page]["small"])
        big_ms = statistics.median(times[page]["big"])
        queries, size_kb = small.pages[page]
        big_q, big_kb = big.pages[page]
        per_kb = (big_ms / big_kb) / (ms / size_kb)
        spread = f"{min(round_ratios[page]):.2f}-{max(round_ratios[page]):.2f}"
        print(
            ROW.format(
                page, ms, queries, size_kb, big_ms, big_q, big_kb, big_ms / ms, per_kb, spread
            )
        )
    print(
        f"ratio: {label} time / 1x1 time (target <= 1.2 at equal queries); per kB: the same for "
        "the time per kB shown, where a page holds more rows at the larger size; rounds: the "
        f"lowest and highest ratio of the {args.rounds} rounds' medians"
    )


class Size:
    """One size's process: builds or reuses its database, then times one request of a page at
    each ask."""

    def __init__(self, panels: int, years: int, args: argparse.Namespace) -> None:
        self.name = f"{panels}x{years}"
        env = dict(os.environ)
        # The stored files live under VAR_DIR, kept with the database they belong to.
        env["VAR_DIR"] = str(Path(args.dir) / self.name)
        if env.get("DATABASE_URL"):
            url = urlsplit(env["DATABASE_URL"])
            env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/scale_bench_{self.name}"))
            env["VAR_DIR"] = str(Path(args.dir) / f"postgresql-{self.name}")
        if args.fresh:
            shutil.rmtree(env["VAR_DIR"], ignore_errors=True)
        command = [sys.executable, __file__, "--child", f"--panels={panels}", f"--years={years}"]
        if args.fresh:
            command.append("--fresh")
        # Its log (the build's, Django's) goes to a file beside its database, shown if it fails.
        Path(env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
        self.log = Path(env["VAR_DIR"]) / "bench.log"
        self.process = subprocess.Popen(  # noqa: S603  # nosec B603  (this same script)
            command,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log.open("w"),
            text=True,
        )
        self.pages: dict[str, tuple[int, float]] = {}
        self.vendor = ""

    def _read(self) -> Any:
        out: IO[str] = self.process.stdout  # type: ignore[assignment]
        while True:
            line = out.readline()
            if not line:
                log = self.log.read_text()[-4000:]
                sys.exit(f"[{self.name}] failed ({self.log}):\n{log}")
            if line.startswith("{"):
                return json.loads(line)
            print(f"[{self.name}] {line.rstrip()}")

    def ready(self) -> None:
        found = self._read()
        self.vendor, self.pages = found["vendor"], found["pages"]

    def time(self, page: str) -> list[float]:
        stdin: IO[str] = self.process.stdin  # type: ignore[assignment]
        stdin.write(json.dumps(page) + "\n")
        stdin.flush()
        return [float(ms) for ms in self._read()["ms"]]

    def stop(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def child(panels: int, years: int, fresh: bool) -> None:
    if os.environ.get("DATABASE_URL"):
        ensure_postgres_database(os.environ["DATABASE_URL"], fresh)
    import harness  # noqa: F401  (sets Django up; here, once the database exists)

    serve(panels, years)


def ensure_postgres_database(url: str, fresh: bool) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("scale_bench_"):
        sys.exit(f"refusing to build into {name!r}: the benchmark's databases are scale_bench_*")
    conn = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone()
        if exists and fresh:
            cursor.execute(f'DROP DATABASE "{name}"')  # nosec B608  (our own name)
            exists = None
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')  # nosec B608  (our own name)
    conn.close()


def serve(panels: int, years: int) -> None:
    """Build or reuse the database, say each page's queries and size, then time one request of
    the page named on each line read, until stdin closes."""
    import time

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django_scopes import scopes_disabled

    from meetings.models import Meeting
    from panel.models import Panel
    from panel.synthetic import area_for
    from publishing.synthetic import load_synthetic

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        count = Panel.objects.count()
    if count == 0:
        began = time.perf_counter()
        load_synthetic(panels=panels, years=years)
        print(f"built {panels} panels x {years} years in {time.perf_counter() - began:.0f} s")
    elif count != panels:
        sys.exit(f"the database holds {count} panels, not {panels}: run with --fresh")
    else:
        print(f"reused the {panels} x {years} database")
    setup_test_environment()
    slug = area_for(0)[1]
    panel = Panel.objects.get(slug=slug)
    with scopes_disabled():
        meeting = Meeting.objects.filter(panel=panel, body__kind="panel").order_by("-start").first()
    member = get_user_model().objects.get(username=f"{slug}-member")
    public, signed_in = Client(), Client()
    signed_in.force_login(member)
    since = f"{meeting.start.year - 1}-05-01T00:00:00Z"
    pages = {
        "public meeting page": (public, f"/{slug}/meetings/{meeting.slug}/"),
        "calendar": (public, f"/{slug}/meetings/"),
        "member's tracker": (signed_in, f"/{slug}/actions/?mine=1"),
        "decisions register": (public, f"/{slug}/decisions/"),
        "search": (public, f"/{slug}/search/?q=policing"),
        "oparl meetings list": (public, f"/oparl/v1/body/{slug}/meetings"),
        # what a consumer syncing every day asks: the meetings created in the latest year
        "oparl meetings, last year": (
            public,
            f"/oparl/v1/body/{slug}/meetings?created_since={since}",
        ),
    }
    shown = {}
    for name, (client, url) in pages.items():
        response = client.get(url)  # warms what the page keeps
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        shown[name] = (len(queries.captured_queries), len(response.content) / 1000)
    print(json.dumps({"vendor": connection.vendor, "pages": shown}), flush=True)
    for line in sys.stdin:
        client, url = pages[json.loads(line)]
        spent = []
        for _ in range(BATCH):
            began = time.perf_counter()
            client.get(url)
            spent.append((time.perf_counter() - began) * 1000)
        print(json.dumps({"ms": spent}), flush=True)


if __name__ == "__main__":
    main()
