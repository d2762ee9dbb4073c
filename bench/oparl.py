"""Benchmark: the OParl endpoint on the demo data.

Loads the demo (Warwickshire's business and the illustrative West Mercia) into a throwaway
database and times, as the public: the System, Warwickshire's Body, the first page of its
meetings, its papers and its files, and one meeting by its own URL, each built per request as
before the record was kept ("built": ``KeptRecord`` bypassed), cold (the cache emptied before
every request: the first reader after a change) and warm (served from the panel's kept record),
with the queries of one request; then a whole walk (the system, every body, every page of every
list and every object at its own URL), built and warm. The same-run baseline is the public page
of the 26 September 2014 meeting (the page a reader of the same meeting asks for).

    .venv/bin/python bench/oparl.py            # SQLite in a temporary folder, local memory cache
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/oparl.py
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import harness  # sets Django up first, so it comes before any Django import
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment

from oparl import kept, paging
from publishing.demo import load_demo

harness.RUNS = 7
PANEL = "warwickshire"
MEETING = "2014-09-26"
REQUESTS = {
    "system": "/oparl/v1/system",
    "body": f"/oparl/v1/body/{PANEL}",
    "meetings, page 1": f"/oparl/v1/body/{PANEL}/meetings",
    "papers, page 1": f"/oparl/v1/body/{PANEL}/papers",
    "files, page 1": f"/oparl/v1/body/{PANEL}/files",
    "one meeting": f"/oparl/v1/body/{PANEL}/meeting/{MEETING}",
}
BASELINE = f"/{PANEL}/meetings/{MEETING}/"


def getter(client: Client, url: str, *, cold: bool) -> Callable[[], None]:
    def get() -> None:
        if cold:
            cache.clear()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")

    return get


def _index_built(self: kept.KeptRecord, kind: str) -> paging.Index:
    self._built = sorted(self.record.listing(kind), key=lambda o: str(o["id"]))  # type: ignore[attr-defined]
    return paging.index_of(self._built)  # type: ignore[attr-defined]


def _objects_built(self: kept.KeptRecord, kind: str, places: list[int]) -> list[Any]:
    return [self._built[n] for n in places]  # type: ignore[attr-defined]


@contextmanager
def bypassed(on: bool = True) -> Iterator[None]:
    """``KeptRecord`` as if nothing were kept: each request builds the list it reads."""
    keep = kept.KeptRecord.index, kept.KeptRecord.objects
    if on:
        kept.KeptRecord.index, kept.KeptRecord.objects = _index_built, _objects_built  # type: ignore[method-assign]
    try:
        yield
    finally:
        kept.KeptRecord.index, kept.KeptRecord.objects = keep  # type: ignore[method-assign]


def building(client: Client, url: str) -> Callable[[], None]:
    """A request as it was before the record was kept: every list built for it."""
    get = getter(client, url, cold=False)

    def built() -> None:
        with bypassed():
            get()

    return built


def walk(client: Client) -> int:
    """Every body, every page of its lists, every object at its own URL: the requests made."""
    made = 0

    def get(url: str) -> Any:
        nonlocal made
        made += 1
        parts = urlsplit(url)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")
        return response.json()

    def items(url: str | None) -> list[dict[str, Any]]:
        found = []
        while url:
            page = get(url)
            found += page["data"]
            url = page["links"].get("next")
        return found

    system = get("/oparl/v1/system")
    for body in items(system["body"]):
        get(body["id"])
        for name in ("organization", "person", "membership", "meeting", "paper", "file",
                     "locationList", "legislativeTermList"):  # fmt: skip
            for obj in items(body[name]):
                get(obj["id"])
    return made


def timed_walk(client: Client, *, built: bool) -> tuple[float, int]:
    with bypassed(built):
        began = time.perf_counter()
        made = walk(client)
        return time.perf_counter() - began, made


def main() -> None:
    setup_test_environment()
    settings.AGENDA_PACKS_ON_PUBLISH = False  # the packs' rendering is bench/pack.py's business
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        load_demo()
        client = Client()
        base_ms, base_q = harness.timed(getter(client, BASELINE, cold=False))
        print(f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND']}")
        print(f"median of {harness.RUNS} runs; baseline: the public meeting page {BASELINE}")
        print(f"baseline: {base_ms:.1f} ms, {base_q} queries")
        print("{:<18} {:>9} {:>8} {:>9} {:>8} {:>9} {:>8} {:>7}".format(
            "request", "built ms", "queries", "cold ms", "queries", "warm ms", "queries", "warm/b"
        ))  # fmt: skip
        for name, url in REQUESTS.items():
            built_ms, built_q = harness.timed(building(client, url))
            cold_ms, cold_q = harness.timed(getter(client, url, cold=True))
            warm_ms, warm_q = harness.timed(getter(client, url, cold=False))
            print(
                f"{name:<18} {built_ms:>9.1f} {built_q:>8} {cold_ms:>9.1f} {cold_q:>8} "
                f"{warm_ms:>9.1f} {warm_q:>8} {warm_ms / base_ms:>7.2f}"
            )
        built_s, made = timed_walk(client, built=True)
        timed_walk(client, built=False)  # keeps every list
        warm_s, _ = timed_walk(client, built=False)
        print(f"whole walk, {made} requests: built {built_s:.1f} s, warm {warm_s:.1f} s")
    finally:
        cache.clear()
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
