"""A panel's public record, kept in the cache (Redis in production) between requests.

Building a list means building the panel's whole record of that kind (its meetings with their
agendas, its papers, its files with their checksums); one object at its own URL is found in its
list. Each list is therefore kept once built, under the panel's ``record_stamp``, which changes
with every publication, edit, withdrawal, archiving or deletion: the first request after a
change builds the list again, and a list under an older stamp is never read (it expires).

What is kept is exactly what ``PublicRecord`` builds, and that is built as the public reads it
whoever asks, so a kept list holds nothing the public may not read. Ids are absolute URLs, so
the key names the scheme and host they were built for.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from .paging import Index, index_of
from .record import Obj, PublicRecord
from .stamps import record_stamp

# Bump when what the record holds changes shape, so a deployment never serves the old one.
SHAPE = 4
KEEP_SECONDS = 24 * 60 * 60


class KeptRecord:
    """Each list is kept as an index (each object's id, created and modified, ordered by id) and
    its objects one by one: a page, a filtered sync or one object reads the index and only the
    objects it serves, so a request costs the same in a panel's tenth year as in its first."""

    def __init__(self, record: PublicRecord, origin: str) -> None:
        self.record = record
        self.origin = hashlib.sha256(origin.encode()).hexdigest()[:16]
        self._stamp: str | None = None

    @property
    def stamp(self) -> str:
        if self._stamp is None:
            self._stamp = record_stamp(self.record.panel)
        return self._stamp

    def _key(self, kind: str) -> str:
        return f"oparl:record:{SHAPE}:{self.record.panel.pk}:{self.origin}:{self.stamp}:{kind}"

    def body(self) -> Obj:
        key = self._key("body")
        found = cache.get(key)
        if found is None:
            found = self.record.body()
            cache.set(key, found, KEEP_SECONDS)
        return dict(found)

    def _build(self, kind: str) -> tuple[Index, list[Obj]]:
        """The list built again, and kept: its index and each object under its place in it."""
        objects = sorted(self.record.listing(kind), key=lambda o: str(o["id"]))
        index = index_of(objects)
        key = self._key(kind)
        cache.set_many({f"{key}:{n}": o for n, o in enumerate(objects)}, KEEP_SECONDS)
        cache.set(f"{key}:index", index, KEEP_SECONDS)  # last: an index finds its objects kept
        return index, objects

    def index(self, kind: str) -> Index:
        found: Index | None = cache.get(f"{self._key(kind)}:index")
        return found if found is not None else self._build(kind)[0]

    def objects(self, kind: str, places: list[int]) -> list[Obj]:
        """The objects at these places of the list's index (built again if the cache has let
        any of them go)."""
        key = self._key(kind)
        found = cache.get_many([f"{key}:{n}" for n in places])
        if len(found) < len(places):
            _, objects = self._build(kind)
            return [objects[n] for n in places]
        return [found[f"{key}:{n}"] for n in places]

    def one(self, kind: str, url: str) -> Obj | None:
        place = next((n for n, row in enumerate(self.index(kind)) if row.id == url), None)
        return None if place is None else self.objects(kind, [place])[0]
