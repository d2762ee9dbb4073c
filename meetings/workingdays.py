"""“Five clear working days”: the statutory notice of a meeting and its agenda.

Clear days exclude the day the agenda is published and the day of the meeting; working days
exclude weekends and the bank holidays of England and Wales (from the `holidays` library).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from panel.models import Jurisdiction

CLEAR_WORKING_DAYS = 5


@lru_cache(maxsize=8)
def _bank_holidays(jurisdiction: str, year: int) -> frozenset[dt.date]:
    subdiv = "WLS" if jurisdiction == Jurisdiction.WALES else "ENG"
    return frozenset(holidays.country_holidays("GB", subdiv=subdiv, years=year))


def is_working_day(day: dt.date, jurisdiction: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(jurisdiction, day.year)


def publication_deadline(meeting_day: dt.date, jurisdiction: str) -> dt.date:
    """The last working day an agenda can be published and still give five clear working days.

    The day before the fifth clear working day may fall on a weekend or a bank holiday (for a
    Monday meeting it is a Sunday); publishing then gives no more notice than on the working
    day before it, which is the date a clerk works to.
    """
    day, counted = meeting_day, 0
    while counted < CLEAR_WORKING_DAYS:
        day -= dt.timedelta(days=1)
        if is_working_day(day, jurisdiction):
            counted += 1
    day -= dt.timedelta(days=1)
    while not is_working_day(day, jurisdiction):
        day -= dt.timedelta(days=1)
    return day


def gives_notice(published: dt.date, meeting_day: dt.date, jurisdiction: str) -> bool:
    """Whether publishing on ``published`` gives the statutory five clear working days."""
    return clear_working_days_between(published, meeting_day, jurisdiction) >= CLEAR_WORKING_DAYS


def clear_working_days_between(published: dt.date, meeting_day: dt.date, jurisdiction: str) -> int:
    day, counted = published + dt.timedelta(days=1), 0
    while day < meeting_day:
        counted += is_working_day(day, jurisdiction)
        day += dt.timedelta(days=1)
    return counted
