"""The Elected Local Policing Bodies (Complaints and Misconduct) Regulations 2012 (SI 2012/62),
as far as they set words and dates for a police and crime panel: pure functions on dates, no
Django, no database. Each quotes the words it implements and cites them; each is worked in
``complaints/tests/test_law.py``.

Read (legislation.gov.uk, as made): reg 2(1) (the definitions, to "information"), reg 10(1)-(2),
reg 15(1)-(3) and the first words of (4), and reg 16(1)-(2) with the first words of (3) (from the
draft laid before Parliament, ukdsi/2011/9780111516843, whose text the made instrument follows).
Not read, so nothing here rests on their text: regs 9, 12, 13, 14, 28 and 37, and what follows
the first words of reg 15(4) and reg 16(3). Where a rule below depends on one of those, its
docstring says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

# Policing and Crime Act 2017 s 33 and Sch 9: the Independent Police Complaints Commission ("the
# Commission" of SI 2012/62 reg 2(1)) became the Independent Office for Police Conduct, from
# 8 January 2018 (the day the IOPC was launched; the commencement regulations were not read).
IOPC_FROM = dt.date(2018, 1, 8)


@dataclass(frozen=True)
class Oversight:
    """The body SI 2012/62 calls "the Commission", named as it was on a given day."""

    name: str
    short: str


IPCC = Oversight("Independent Police Complaints Commission", "IPCC")
IOPC = Oversight("Independent Office for Police Conduct", "IOPC")


@dataclass(frozen=True)
class Due:
    """A date the regulations set, what is due by it, and where the law says so."""

    on: dt.date
    what: str
    cites: str


@dataclass(frozen=True)
class Duty:
    """A duty the regulations set with no date: its words, and where the law says so."""

    what: str
    cites: str


def oversight_body(on: dt.date) -> Oversight:
    """The IPCC before 8 January 2018, the IOPC on and after it (PCA 2017 s 33, Sch 9)."""
    return IOPC if on >= IOPC_FROM else IPCC


def referral_due(*, became_clear_on: dt.date, conduct_matter: bool = False) -> Due:
    """The duty to refer a serious complaint, or a conduct matter, to the Commission.

    SI 2012/62 reg 13 (reference of serious complaints and conduct matters to the Commission):
    the referral is due "by the end of the day following the day on which it first becomes
    clear" that the complaint is a serious complaint (or that the matter is a conduct matter).
    The text of reg 13 could not be read here: these words are those of the issue that asked
    for them, and the Explanatory Note (read) confirms that "complaints alleging criminal
    conduct, and all conduct matters" are "to be referred to the Commission". "The day
    following" counts calendar days, not working days: a Friday's referral is due on the
    Saturday, and a bank holiday is not skipped. The body is named as on the day due.
    """
    on = became_clear_on + dt.timedelta(days=1)
    thing = "conduct matter" if conduct_matter else "serious complaint"
    body = oversight_body(on).short
    return Due(on, f"Refer the {thing} to the {body} by the end of this day", "SI 2012/62 reg 13")


def twelve_months_after(day: dt.date) -> dt.date:
    """The same day twelve months on (29 February becomes 28 February)."""
    last = calendar.monthrange(day.year + 1, day.month)[1]
    return day.replace(year=day.year + 1, day=min(day.day, last))


def more_than_twelve_months(*, latest_incident_on: dt.date, made_on: dt.date) -> bool:
    """SI 2012/62 reg 15(3)(b): "more than 12 months have elapsed between the incident, or the
    latest incident, giving rise to the complaint and the making of the complaint". Made on the
    day twelve months on, exactly 12 months have elapsed, not more."""
    return made_on > twelve_months_after(latest_incident_on)


def late_complaint_window(latest_incident_on: dt.date) -> Due:
    """The last day a complaint can be made without reg 15(3)(b)'s 12 months having elapsed."""
    return Due(
        twelve_months_after(latest_incident_on),
        "12 months from the latest incident end; a complaint made after this day may be set "
        "aside if no good reason for the delay has been shown or injustice would be likely to "
        "be caused by the delay",
        "SI 2012/62 reg 15(3)(b)",
    )


def not_recorded_duty() -> Duty:
    """SI 2012/62 reg 10(2): deciding not to record, the panel "shall notify the complainant"
    of "the decision to take no action" and "the grounds on which the decision was made". The
    regulation sets no time for it."""
    return Duty(
        "Notify the complainant of the decision to take no action and the grounds on which it "
        "was made (no time is set)",
        "SI 2012/62 reg 10(2)",
    )


def withdrawal_duty() -> Duty:
    """SI 2012/62 reg 16(1): on the complainant's signed notification of withdrawal, "the panel
    shall forthwith record the withdrawal" (forthwith: no number of days)."""
    return Duty("Record the withdrawal forthwith", "SI 2012/62 reg 16(1)")


def withdrawal_notice_to_commission_duty(on: dt.date) -> Duty:
    """SI 2012/62 reg 16(3): a withdrawn complaint "which was referred to the Commission under
    regulation 13 and which has not been referred back" to the panel. The rest of paragraph (3)
    could not be read; panels' arrangements made under it (Cleveland's, para 33) say the panel
    notifies the Commission that it has recorded the withdrawal."""
    return Duty(
        f"Tell the {oversight_body(on).short} that the withdrawal has been recorded",
        "SI 2012/62 reg 16(3)",
    )
