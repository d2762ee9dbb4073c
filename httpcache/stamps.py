"""Each panel's published stamp: changed (`bump`) inside the transaction of anything that changes
what the public may read of the panel, and read (`current`) by every cacheable page.

The stamp lives in the cache (Redis) so that a page's validator costs no query; the `Stamp` row is
its fallback when the cache has lost it. A bump writes the row and marks the cached stamp pending
inside the change's transaction, then caches the new value once the transaction commits; while
it is pending the panel's pages are rendered as they come and kept by nobody, and `cache.add`
never puts a row's older value back over the mark or the new value. With no shared cache (the
development server's per-process memory), every read asks the row: one process's bump must
reach the others.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Stamp

# How long a stamp stays cached before the row is read again: bounds the staleness if a process
# dies between a commit and its on-commit callback.
STAMP_SECONDS = 300
# How long a change's transaction may keep its panel's pages from being kept (a rolled-back
# change's mark goes after this).
PENDING_SECONDS = 30


class Current(NamedTuple):
    value: str
    changed_at: dt.datetime


def shared() -> bool:
    return bool(settings.HTTP_CACHE_SHARED)


def key(scope: str) -> str:
    return f"{settings.HTTP_CACHE_KEY_PREFIX}:stamp:{scope}"


def _new_value() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


# Each process remembers a stamp it read for a second: a page served from the cache then costs
# no round trip to Redis for it. Another process's change shows here at most that much later (a
# change in this process shows at once: `bump` forgets it).
MEMO_SECONDS = 1.0
_memo: dict[str, tuple[float, Current]] = {}


def cached(scope: str) -> Current | None:
    """The stamp if the cache has it: no query."""
    if not shared():
        return None
    name = key(scope)
    remembered = _memo.get(name)
    if remembered is not None and remembered[0] > time.monotonic():
        return remembered[1]
    found = cache.get(name)
    if found is None:
        return None
    stamp = Current(*found)
    if stamp.value:
        _memo[name] = (time.monotonic() + MEMO_SECONDS, stamp)
    return stamp


def current(scope: str) -> Current:
    """The panel's stamp; an empty value while a change is being committed (or, without a shared
    cache, before the panel's first change): its pages are then neither validated nor kept."""
    found = cached(scope)
    if found is not None:
        return found
    row = Stamp.objects.filter(scope=scope).first()
    if row is not None:
        stamp = Current(row.value, row.changed_at)
    elif shared():  # nothing changed since the cache was emptied: any new value will do
        stamp = Current(_new_value(), timezone.now())
    else:
        return Current("", timezone.now())
    if shared():
        cache.add(key(scope), tuple(stamp), STAMP_SECONDS)
    return stamp


def bump(scope: str) -> None:
    stamp = Current(_new_value(), timezone.now())
    Stamp.objects.update_or_create(
        scope=scope, defaults={"value": stamp.value, "changed_at": stamp.changed_at}
    )
    if shared():
        _memo.pop(key(scope), None)
        # Until the change commits, the panel's pages are rendered and neither validated nor
        # kept: the old stamp would keep the new content, the new one the old.
        cache.set(key(scope), ("", stamp.changed_at), PENDING_SECONDS)
        transaction.on_commit(lambda: _settle(scope, stamp))


def _settle(scope: str, stamp: Current) -> None:
    _memo.pop(key(scope), None)
    cache.set(key(scope), tuple(stamp), STAMP_SECONDS)
