"""External lists (OParl 1.1, "Externe Objektlisten"): the date filters, the pages, the links."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadQuery(ValueError):
    pass


# An offset's "+" sent unencoded arrives as a space ("2014-09-26T10:00:00 01:00").
_SPACED_OFFSET = re.compile(r" (\d{2}(?::?\d{2})?)$")


def _moment(name: str, text: str) -> dt.datetime:
    try:
        moment = parse_datetime(_SPACED_OFFSET.sub(r"+\1", text.strip()))
    except ValueError:
        moment = None
    if moment is None:
        raise BadQuery(f"{name} must be an ISO 8601 date and time, e.g. 2014-09-26T10:00:00+01:00.")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def parse_filters(query: Any) -> dict[str, dt.datetime]:
    return {name: _moment(name, query[name]) for name in FILTERS if name in query}


@dataclass(frozen=True)
class Entry:
    """An object of a list known by its id and stamps before it is built, so that filtering and
    paging cost little and only the page's objects are built (`build`); ``key`` names it to
    the list's ``prepare``, which fetches what the page's objects need at once."""

    id: str
    created: str | None
    modified: str | None
    key: Any
    build: Callable[[], dict[str, Any]]

    def get(self, name: str) -> Any:
        return getattr(self, name)

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)


Listed = dict[str, Any] | Entry


def built(
    objects: Sequence[Listed], prepare: Callable[[list[Any]], None] | None = None
) -> list[dict[str, Any]]:
    """The objects themselves: each entry built (after ``prepare`` is told their keys)."""
    entries = [o.key for o in objects if isinstance(o, Entry)]
    if entries and prepare is not None:
        prepare(entries)
    return [o.build() if isinstance(o, Entry) else o for o in objects]


def _keep(obj: Listed, filters: dict[str, dt.datetime]) -> bool:
    stamps = {
        "created": parse_datetime(obj["created"]) if obj.get("created") else None,
        "modified": parse_datetime(obj["modified"]) if obj.get("modified") else None,
    }
    for name, moment in filters.items():
        field, _, side = name.partition("_")
        stamp = stamps[field]
        if stamp is None or (stamp < moment if side == "since" else stamp > moment):
            return False
    return True


def page_size() -> int:
    return int(getattr(settings, "OPARL_PAGE_SIZE", 100))


def paginate(
    objects: Sequence[Listed],
    query: Any,
    base_url: str,
    prepare: Callable[[list[Any]], None] | None = None,
) -> dict[str, Any]:
    """Filtered, then ordered by id (an object's id never changes, so paging neither skips nor
    repeats while the list holds still), then cut into pages of ``page_size``; entries not yet
    built are built for the page only."""
    filters = parse_filters(query)
    kept = sorted((o for o in objects if _keep(o, filters)), key=lambda o: str(o["id"]))
    try:
        page = int(query.get("page", "1"))
    except ValueError:
        raise BadQuery("page must be a whole number from 1.") from None
    size = page_size()
    pages = max(1, -(-len(kept) // size))
    if page < 1 or page > pages:
        raise BadQuery(f"page must be from 1 to {pages}.")
    kept_query = {name: query[name] for name in FILTERS if name in query}

    def link(number: int) -> str:
        return f"{base_url}?{urlencode({**kept_query, 'page': number})}"

    links = {"first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return {
        "data": built(kept[(page - 1) * size : page * size], prepare),
        "pagination": {
            "totalElements": len(kept),
            "elementsPerPage": size,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    }
