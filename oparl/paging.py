"""External lists (OParl 1.1, "Externe Objektlisten"): the date filters, the pages, the links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.utils.dateparse import parse_datetime

from panel.changes import parse_moment

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadQuery(ValueError):
    pass


def _moment(name: str, text: str) -> dt.datetime:
    moment = parse_moment(text)
    if moment is None:
        raise BadQuery(f"{name} must be an ISO 8601 date and time, e.g. 2014-09-26T10:00:00+01:00.")
    return moment


def parse_filters(query: Any) -> dict[str, dt.datetime]:
    return {name: _moment(name, query[name]) for name in FILTERS if name in query}


class Row(NamedTuple):
    """One object of a list, as its filters and pages need it."""

    id: str
    created: dt.datetime | None
    modified: dt.datetime | None


Index = list[Row]


def index_of(objects: list[dict[str, Any]]) -> Index:
    """The rows of objects already ordered by id."""
    return [
        Row(
            str(o["id"]),
            parse_datetime(o["created"]) if o.get("created") else None,
            parse_datetime(o["modified"]) if o.get("modified") else None,
        )
        for o in objects
    ]


def _keep(row: Row, filters: dict[str, dt.datetime]) -> bool:
    for name, moment in filters.items():
        field, _, side = name.partition("_")
        stamp = row.created if field == "created" else row.modified
        if stamp is None or (stamp < moment if side == "since" else stamp > moment):
            return False
    return True


def page_size() -> int:
    return int(getattr(settings, "OPARL_PAGE_SIZE", 100))


Fetch = Callable[[list[int]], list[dict[str, Any]]]


def paginate(index: Index, fetch: Fetch, query: Any, base_url: str) -> dict[str, Any]:
    """Filtered, then ordered by id (an object's id never changes, so paging neither skips nor
    repeats while the list holds still), then cut into pages of ``page_size``. ``index`` is the
    list's rows in that order; ``fetch`` gives the objects at the places a page holds."""
    filters = parse_filters(query)
    kept = [n for n, row in enumerate(index) if _keep(row, filters)]
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
        "data": fetch(kept[(page - 1) * size : page * size]),
        "pagination": {
            "totalElements": len(kept),
            "elementsPerPage": size,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    }
