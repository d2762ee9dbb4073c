"""External lists (OParl 1.1, "Externe Objektlisten"): the date filters, the pages, the links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.utils.dateparse import parse_datetime

from panel.changes import parse_moment
from panel.http import whole_number

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


# OParl 1.1 "Paginierung": a list is cut into pages "to bound the data each request carries and
# its response time", so a page is bounded by size, not only by count. Most objects are about
# 1 kB (a person 1.1, a paper 1.4) and a page holds 100 of them; a Meeting carries its agenda
# items and its files inside it (about 10 kB), so a page of meetings holds 10, about the bytes
# of a page of the others.
PAGE_SIZES = {"meetings": 10}
LARGEST_PAGE = 100


def page_size(kind: str) -> int:
    """The list's elementsPerPage: OPARL_PAGE_SIZE (a deployment's, or a test's) caps every list."""
    return min(
        PAGE_SIZES.get(kind, LARGEST_PAGE), int(getattr(settings, "OPARL_PAGE_SIZE", LARGEST_PAGE))
    )


def _asked_size(query: Any, size: int) -> int:
    """OParl 1.1 "Filter": a client may ask for fewer objects a page with ``elementsPerPage``; a
    server need not give more than its own page size, so a larger number gets that size."""
    if "elementsPerPage" not in query:
        return size
    asked = whole_number(query["elementsPerPage"])
    if not asked:
        raise BadQuery("elementsPerPage must be a whole number from 1.")
    return min(asked, size)


Fetch = Callable[[list[int]], list[dict[str, Any]]]


def paginate(index: Index, fetch: Fetch, query: Any, base_url: str, size: int) -> dict[str, Any]:
    """Filtered, then ordered by id (an object's id never changes, so paging neither skips nor
    repeats while the list holds still), then cut into pages of ``size`` (or fewer, if the client
    asks). ``index`` is the list's rows in that order; ``fetch`` gives the objects at the places
    a page holds."""
    filters = parse_filters(query)
    kept = [n for n, row in enumerate(index) if _keep(row, filters)]
    page = whole_number(query.get("page", "1"))
    if not page:
        raise BadQuery("page must be a whole number from 1.")
    size = _asked_size(query, size)
    pages = max(1, -(-len(kept) // size))
    if page > pages:
        raise BadQuery(f"page must be from 1 to {pages}.")
    kept_query = {name: query[name] for name in (*FILTERS, "elementsPerPage") if name in query}

    def link(number: int) -> str:
        return f"{base_url}?{urlencode({**kept_query, 'page': number})}"

    links = {"first": link(1), "self": link(page), "last": link(pages)}
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
