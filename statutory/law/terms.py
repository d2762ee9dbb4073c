"""What the law module answers with: a date and its citation, a duty the Act gives no date for,
and a ruling with its reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def long_date(day: dt.date) -> str:
    """8 February 2015: the form dates take in a panel's reports and minutes."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Due:
    """A step the law gives a date for: ``on`` is the last day for it."""

    on: dt.date
    what: str
    cites: str

    def __str__(self) -> str:
        return f"{long_date(self.on)}: {self.what} ({self.cites})"


@dataclass(frozen=True)
class Duty:
    """A step the law gives no date for; ``when`` says in the law's words when it is to happen,
    so nothing downstream invents a deadline."""

    what: str
    cites: str
    when: str

    def __str__(self) -> str:
        return f"{self.what}: {self.when} ({self.cites})"


@dataclass(frozen=True)
class Ruling:
    """The law's answer to a yes-or-no question, with the reason in words a minute can carry."""

    holds: bool
    text: str
    cites: str
