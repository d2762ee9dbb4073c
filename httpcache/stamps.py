"""Each panel's published stamp: changed (`bump`) inside the transaction of anything that changes
what the public may read of the panel, and read (`current`) by every cacheable page.

The stamp lives in the cache (Redis) so that a page's validator costs no query; the `Stamp` row is
its fallback when the cache has lost it. A bump writes the row and forgets the cached value inside
the change's transaction, then caches the new value once the transaction commits: a reader that
misses meanwhile reads the committed row (the old stamp, with the old content), and `cache.add`
never puts an old value back over the new one. With no shared cache (the development server's
per-process memory), every read asks the row: one process's bump must reach the others.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Stamp

# How long a stamp stays cached before the row is read again: bounds the staleness if a process
# dies between a commit and its on-commit callback.
STAMP_SECONDS = 300


class Current(NamedTuple):
    value: str
    changed_at: dt.datetime


def shared() -> bool:
    return bool(settings.HTTP_CACHE_SHARED)


def key(scope: str) -> str:
    return f"{settings.HTTP_CACHE_KEY_PREFIX}:stamp:{scope}"


def _new_value() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def cached(scope: str) -> Current | None:
    """The stamp if the cache has it: no query."""
    if not shared():
        return None
    found = cache.get(key(scope))
    return None if found is None else Current(*found)


def current(scope: str) -> Current:
    found = cached(scope)
    if found is not None:
        return found
    stamp = _from_row(scope)
    if shared():
        cache.add(key(scope), tuple(stamp), STAMP_SECONDS)
    return stamp


def _from_row(scope: str) -> Current:
    row = Stamp.objects.filter(scope=scope).first()
    if row is None:
        try:
            with transaction.atomic():
                row = Stamp.objects.create(
                    scope=scope, value=_new_value(), changed_at=timezone.now()
                )
        except IntegrityError:  # made meanwhile by another request
            row = Stamp.objects.get(scope=scope)
    return Current(row.value, row.changed_at)


def bump(scope: str) -> None:
    stamp = Current(_new_value(), timezone.now())
    Stamp.objects.update_or_create(
        scope=scope, defaults={"value": stamp.value, "changed_at": stamp.changed_at}
    )
    if shared():
        cache.delete(key(scope))
        transaction.on_commit(lambda: cache.set(key(scope), tuple(stamp), STAMP_SECONDS))
