"""The proposed precept: Schedule 5 to the Police Reform and Social Responsibility Act 2011
(PRSRA 2011) and Part 2 of the Police and Crime Panels (Precepts and Chief Constable
Appointments) Regulations 2012 (SI 2012/2271).

The dates are fixed days of the "relevant financial year", which SI 2012/2271 reg 2 defines as
"the financial year immediately preceding the financial year for which a precept is issued": the
precept for 2015/16 is notified by 1 February 2015. The regulations say "by 1st February",
"by 8th February", "by 15th February" and nothing about weekends or bank holidays, so a date
stays where it falls: in 2015 and 2026, 8 February is a Sunday and is still the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .terms import Due, Duty, Ruling, long_date


def _february(financial_year: int, day: int) -> dt.date:
    # The relevant financial year (reg 2) runs from 1 April before to 31 March of the year the
    # precept's own financial year begins, so its February is in that calendar year.
    return dt.date(financial_year, 2, day)


@dataclass(frozen=True)
class PreceptTimetable:
    """The four dates of a precept's scrutiny, for the financial year beginning on 1 April of
    ``financial_year`` (2015 for the precept for 2015/16)."""

    financial_year: int
    notify: Due
    report: Due
    revised_precept: Due
    revised_report: Due

    def dues(self) -> tuple[Due, ...]:
        """In the order they fall; the last two only if the panel vetoes the proposed precept."""
        return (self.notify, self.report, self.revised_precept, self.revised_report)


def precept_timetable(financial_year: int) -> PreceptTimetable:
    """The dates by which each step is due, for the precept for the financial year beginning on
    1 April ``financial_year``.

    SI 2012/2271 reg 3: the commissioner "shall comply with the duty under paragraph 2 of
    Schedule 5 (commissioner to notify panel of proposed precept) by 1st February of the relevant
    financial year."
    Reg 4(1): "The panel shall comply with the duty under paragraph 3 of Schedule 5 (panel to
    review proposed precept) by 8th February of the relevant financial year."
    Reg 5(1): "Where the panel exercises the power under paragraph 4 of Schedule 5, the police
    and crime commissioner shall comply with the duty under paragraph 6(3) of that Schedule
    (next steps if veto) by 15th February of the relevant financial year."
    Reg 5(2): the commissioner "shall, in the response given under paragraph 6(3)(b) of
    Schedule 5, notify the police and crime panel of the precept that he now proposes to issue
    (“the revised precept”)."
    Reg 6 (per the Explanatory Note, "Regulation 6 requires the police and crime panel to
    scrutinise th[e revised precept]"): the panel's report on the revised precept by 22 February.
    The text of reg 6 itself could not be read; 22 February is the date the issue, and the
    panels' own guidance (Surrey 2023, North Yorkshire 2023–2026), give for it. There is no
    second veto.
    """
    return PreceptTimetable(
        financial_year=financial_year,
        notify=Due(
            on=_february(financial_year, 1),
            what="the Commissioner notifies the panel of the proposed precept",
            cites="SI 2012/2271 reg 3; PRSRA 2011 Sch 5 para 2",
        ),
        report=Due(
            on=_february(financial_year, 8),
            what="the panel reviews the proposed precept and reports to the Commissioner",
            cites="SI 2012/2271 reg 4(1); PRSRA 2011 Sch 5 para 3",
        ),
        revised_precept=Due(
            on=_february(financial_year, 15),
            what="after a veto, the Commissioner responds with the revised precept",
            cites="SI 2012/2271 reg 5(1) and (2); PRSRA 2011 Sch 5 para 6(3)",
        ),
        revised_report=Due(
            on=_february(financial_year, 22),
            what="the panel reviews the revised precept and reports to the Commissioner",
            cites="SI 2012/2271 reg 6",
        ),
    )


def precept_veto_effective(*, financial_year: int, reported_on: dt.date) -> Ruling:
    """Whether a veto (carried by the required majority) stops the proposed precept, given the
    day the panel made its report.

    SI 2012/2271 reg 4(2): "Where the panel exercises the power under paragraph 4 of Schedule 5
    (panel’s power to veto precept) but fails to act in accordance with paragraph (1) of this
    regulation, the end of the scrutiny process is reached and, notwithstanding the veto, the
    police and crime commissioner may issue the proposed precept as the precept for the
    financial year."
    """
    due = precept_timetable(financial_year).report
    if reported_on <= due.on:
        return Ruling(
            holds=True,
            text=(
                f"The veto stands: the panel reported on {long_date(reported_on)}, "
                f"by {long_date(due.on)}."
            ),
            cites="SI 2012/2271 reg 4(1)",
        )
    return Ruling(
        holds=False,
        text=(
            f"The veto came too late: the panel reported on {long_date(reported_on)}, after "
            f"{long_date(due.on)}. The end of the scrutiny process is reached and, "
            "notwithstanding the veto, the Commissioner may issue the proposed precept as the "
            "precept for the financial year."
        ),
        cites="SI 2012/2271 reg 4(2)",
    )


class VetoedAs(StrEnum):
    """Why the panel's report says it vetoed the proposed precept (the value is the words)."""

    TOO_HIGH = "too high"
    TOO_LOW = "too low"


def _money(amount: Decimal | int) -> str:
    return f"£{Decimal(amount):,.2f}"


def revised_precept_error(
    *, proposed: Decimal | int, revised: Decimal | int, vetoed_as: VetoedAs
) -> str | None:
    """Why a revised precept cannot be accepted, or None when it goes the way the veto said.

    SI 2012/2271 reg 5(3): "Where the panel’s report under paragraph 3(2) of Schedule 5— (a)
    indicates that the panel vetoes the proposed precept because it is too high, the revised
    precept shall be lower than the proposed precept; (b) indicates that the panel vetoes the
    proposed precept because it is too lo[w], …" and the Explanatory Note completes (b): it
    "must be higher than the precept proposed initially if the panel rejected it on the basis
    that it was too low." Equal is neither lower nor higher, so it is refused either way.
    """
    if vetoed_as is VetoedAs.TOO_HIGH and revised < proposed:
        return None
    if vetoed_as is VetoedAs.TOO_LOW and revised > proposed:
        return None
    direction, paragraph = ("lower", "(a)") if vetoed_as is VetoedAs.TOO_HIGH else ("higher", "(b)")
    return (
        f"The panel vetoed the proposed precept of {_money(proposed)} as {vetoed_as}, so "
        f"the revised precept must be {direction} than {_money(proposed)}; "
        f"{_money(revised)} is not (SI 2012/2271 reg 5(3){paragraph})."
    )


def response_without_veto() -> Duty:
    """With no veto, the Commissioner answers the panel's report; the Act gives no date.

    PRSRA 2011 Sch 5 para 5(2): the commissioner must "(a) have regard to the report made by the
    panel under paragraph 3 (including any recommendations in the report), (b) give the panel a
    response to the report (and any such recommendations), and (c) publish the response."
    Para 1(2)(a): the end of the scrutiny process is reached when "the police and crime
    commissioner gives the police and crime panel a response to the panel’s report".
    """
    return Duty(
        what=(
            "the Commissioner has regard to the panel's report, gives the panel a response and "
            "publishes it; the precept may be issued once the response is given"
        ),
        cites="PRSRA 2011 Sch 5 paras 1(2)(a) and 5(2)",
        when="no date is set by the Act or the regulations",
    )
