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
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from .record import Obj, PublicRecord
from .stamps import record_stamp

# Bump when what the record holds changes shape, so a deployment never serves the old one.
SHAPE = 3
KEEP_SECONDS = 24 * 60 * 60


class KeptRecord:
    def __init__(self, record: PublicRecord, origin: str) -> None:
        self.record = record
        self.origin = hashlib.sha256(origin.encode()).hexdigest()[:16]
        self._stamp: str | None = None

    @property
    def stamp(self) -> str:
        if self._stamp is None:
            self._stamp = record_stamp(self.record.panel)
        return self._stamp

    def _kept(self, kind: str, build: Callable[[], Any]) -> Any:
        key = f"oparl:record:{SHAPE}:{self.record.panel.pk}:{self.origin}:{self.stamp}:{kind}"
        found = cache.get(key)
        if found is None:
            found = build()
            cache.set(key, found, KEEP_SECONDS)
        return found

    def body(self) -> Obj:
        return dict(self._kept("body", self.record.body))

    def listing(self, kind: str) -> list[Obj]:
        return list(self._kept(kind, lambda: self.record.listing(kind)))
