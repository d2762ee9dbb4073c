"""How long a meeting's papers stay open to inspection, and when the clerk may archive them.

Local Government Act 1972 s 100C(1) (England): after a meeting "the following documents shall
be open to inspection by members of the public at the offices of the council until the
expiration of the period of six years beginning with the date of the meeting": the minutes
(excluding exempt information), any summary under subsection (2), a copy of the agenda, and a
copy of so much of any report as relates to an item taken in public. For Wales s 100C(1A)–(1B)
(inserted by the Local Government and Elections (Wales) Act 2021 Sch 4 para 8): the same
documents "published electronically" and remaining "accessible electronically to members of the
public until the expiration of the period of six years beginning with the date of the meeting".
s 100D (background papers) keeps the list of background papers and each of them open to
inspection for four years beginning with the date of the meeting; the product keeps no separate
background papers, so the six years of s 100C govern everything it publishes for a meeting.

A period of years "beginning with" a date counts that date as its first day: six years beginning
with 26 September 2014 end on 25 September 2020, and the papers may be archived from the next
day. Nothing is archived by the clock: the clerk archives on purpose, and may restore.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

YEARS_OPEN = 6  # LGA 1972 s 100C(1); s 100C(1A) in Wales


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none: the anniversary is 1 March,
        return dt.date(day.year + years, 3, 1)  # so the papers stay open the longer


@dataclass(frozen=True)
class OpenUntil:
    last_day: dt.date  # the last day the papers must be open to inspection
    cites: str

    def may_archive(self, today: dt.date) -> bool:
        return today > self.last_day


def open_until(meeting_day: dt.date, jurisdiction: str) -> OpenUntil:
    """The last day of the six years beginning with the day of the meeting."""
    last = _years_after(meeting_day, YEARS_OPEN) - dt.timedelta(days=1)
    cites = "LGA 1972 s 100C(1A)–(1B)" if jurisdiction == "wales" else "LGA 1972 s 100C(1)"
    return OpenUntil(last, cites)
