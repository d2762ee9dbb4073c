"""Municipal years: a council's year runs from May to April and is written "2014/15"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from .http import whole_number

WRITTEN = re.compile(r"(\d{4})/(\d{2})")
MAY = 5
# Years a programme may be asked for: anything else is not a municipal year of a panel's (and
# a far year would take the statutory dates past the calendar's last day).
FIRST, LAST = 1900, 2099


def municipal_year(day: dt.date) -> str:
    return written(day.year if day.month >= MAY else day.year - 1)


def written(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def calendar_year(text: str) -> int | None:
    """A calendar year chosen in a page's filter ("2014"), or None for anything else (words,
    "²", or a year no panel has: "0", "99999", which the database's dates cannot hold either)."""
    number = whole_number(text)
    return number if number is not None and FIRST <= number <= LAST else None


def years_between(first: dt.datetime | None, last: dt.datetime | None) -> list[int]:
    """The calendar years from ``last``'s back to ``first``'s (local time), newest first: what a
    year filter offers, from the two ends (read through an index) rather than grouping every
    row."""
    if first is None or last is None:
        return []
    return list(range(timezone.localtime(last).year, timezone.localtime(first).year - 1, -1))


def parse(text: str) -> str | None:
    """The year as written, or None when the text is not a municipal year ("2014/16",
    "2014-15", "nonsense")."""
    match = WRITTEN.fullmatch(text)
    if match is None or not FIRST <= int(match[1]) <= LAST:
        return None
    return text if int(match[2]) == (int(match[1]) + 1) % 100 else None


def bounds(year: str) -> tuple[dt.date, dt.date] | None:
    """The first and last days of a municipal year (1 May to 30 April), or None when the text
    is not one."""
    if parse(year) is None:
        return None
    start = int(year[:4])
    return dt.date(start, MAY, 1), dt.date(start + 1, MAY - 1, 30)


def well_formed(years: Iterable[str]) -> list[str]:
    """The years among ``years`` that are written as municipal years, oldest first."""
    return sorted(y for y in set(years) if parse(y) is not None)


@dataclass(frozen=True)
class YearLinks:
    """Where a reader of one year can go: the years with content before and after it, and every
    year with content (the year shown among them, with content or not)."""

    shown: str
    previous: str | None
    next: str | None
    years: tuple[str, ...]


def year_links(shown: str, with_content: list[str]) -> YearLinks:
    before = [y for y in with_content if y < shown]
    after = [y for y in with_content if y > shown]
    return YearLinks(
        shown=shown,
        previous=before[-1] if before else None,
        next=after[0] if after else None,
        years=tuple(sorted({*with_content, shown})),
    )


def year_to_open(today: dt.date, with_content: list[str]) -> str:
    """The current municipal year, unless it has no content and another year has: then the
    latest year with content."""
    current = municipal_year(today)
    if current in with_content or not with_content:
        return current
    return with_content[-1]
