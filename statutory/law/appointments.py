"""Confirmation hearings: the chief constable (PRSRA 2011 Sch 8 Part 1) and the Commissioner's
senior appointments (PRSRA 2011 Sch 1 paras 9–11: chief executive, chief finance officer, deputy
police and crime commissioner).

"The period of three weeks beginning with the day on which the panel receives the notification"
counts the day of receipt as its first day, so the period's last day is twenty days later: a
notification received on Monday 2 March must be reported on by Sunday 22 March. The Act moves
no day for a weekend or a bank holiday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .terms import Due, Duty, Ruling, long_date

THREE_WEEKS = 21  # days, the first being the day of notification


@dataclass(frozen=True)
class PostElectionPeriod:
    """A "relevant post-election period" (PRSRA 2011 Sch 8 para 4(10)), both days included.

    Para 4(10): "“relevant post-election period” means the period that— (a) begins with the day
    of the poll at an ordinary election of a police and crime commissioner under section 50"
    ... The rest of the definition, (b), the day the period ends, could not be read here; the
    caller records that day as the Schedule names it, and this module computes nothing for it.
    """

    begins: dt.date  # the day of the poll at an ordinary election (para 4(10)(a))
    ends: dt.date  # the day para 4(10)(b) names

    def __post_init__(self) -> None:
        if self.ends < self.begins:
            raise ValueError("A post-election period cannot end before the day of the poll.")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.begins <= day <= self.ends


def _last_day_of_three_weeks(first: dt.date, ignored: Iterable[PostElectionPeriod] = ()) -> dt.date:
    periods = tuple(ignored)
    day, counted = first - dt.timedelta(days=1), 0
    while counted < THREE_WEEKS:
        day += dt.timedelta(days=1)
        counted += not any(day in period for period in periods)
    return day


def chief_constable_report_due(
    *, notification_received_on: dt.date, post_election_periods: Iterable[PostElectionPeriod] = ()
) -> Due:
    """The last day for the panel's report (with its recommendation, unless it vetoes) on a
    proposed chief constable.

    PRSRA 2011 Sch 8 para 4(6): "The panel must comply with sub-paragraphs (2) and (3), and
    sub-paragraph (4) (if applicable), within the period of three weeks beginning with the day on
    which the panel receives the notification from the commissioner of the proposed
    appointment." Para 4(9): "In calculating the period of three weeks for the purpose of
    sub-paragraph (6), any relevant post-election period is to be ignored." The days of such a
    period are not counted; a notification received during one starts the count on the day after
    it ends.
    """
    periods = tuple(post_election_periods)
    on = _last_day_of_three_weeks(notification_received_on, periods)
    cites = "PRSRA 2011 Sch 8 para 4(6)"
    if any(p.begins <= on and p.ends >= notification_received_on for p in periods):
        cites += ", a post-election period ignored (para 4(9)–(10))"
    return Due(
        on=on,
        what=(
            "the panel reviews the proposed appointment of the chief constable and reports to "
            "the Commissioner, with a recommendation unless it vetoes"
        ),
        cites=cites,
    )


def chief_constable_confirmation_ended_unreported(*, report_due: Due, today: dt.date) -> Ruling:
    """Whether the three weeks have ended with no report, which ends the confirmation process.

    PRSRA 2011 Sch 8 para 2(3): the first event ending the confirmation process is "the period of
    three weeks mentioned in paragraph 4(6) ending without the relevant police and crime panel
    having given the police and crime commissioner any report on the proposed appointment."
    (The caller asks only when no report has been given.)
    """
    if today > report_due.on:
        return Ruling(
            holds=True,
            text=(
                f"The three weeks ended on {long_date(report_due.on)} without a report from the "
                "panel: the end of the confirmation process is reached."
            ),
            cites="PRSRA 2011 Sch 8 para 2(2)–(3)",
        )
    return Ruling(
        holds=False,
        text=f"The panel may report until {long_date(report_due.on)}.",
        cites=report_due.cites,
    )


def chief_constable_end_of_confirmation(*, vetoed: bool) -> Duty:
    """What ends the confirmation process after the panel's report, with or without a veto.

    PRSRA 2011 Sch 8 para 2(2): the end is reached "(a) in a case where paragraph 7 applies [no
    veto], when the first of the events mentioned in sub-paragraphs (3) and (4) occurs; or (b)
    in a case where paragraph 8 applies [veto], when the first of the events mentioned in
    sub-paragraphs (3) and (5) occurs." (4): "the police and crime commissioner notifying the
    panel under paragraph 7(3) of the decision whether or not to accept the panel's
    recommendation". (5): "the end of the confirmation process being reached in accordance with
    regulations under paragraph 10" (the reserve candidate procedure, SI 2012/2271 Part 3, whose
    text could not be read here: its steps and dates are not computed).
    Para 7(2)–(3), no veto: "The police and crime commissioner may accept or reject the panel's
    recommendation" and "must notify the panel of the decision whether to accept or reject the
    recommendation." No date is given for either.
    """
    if not vetoed:
        return Duty(
            what=(
                "the Commissioner accepts or rejects the panel's recommendation and notifies the "
                "panel of the decision; the confirmation process then ends"
            ),
            cites="PRSRA 2011 Sch 8 paras 2(2)(a), 2(4) and 7(2)–(3)",
            when="no date is set by the Act",
        )
    return Duty(
        what=(
            "after the veto, the confirmation process ends as the regulations under Sch 8 "
            "para 10 provide (the reserve candidate procedure)"
        ),
        cites="PRSRA 2011 Sch 8 paras 2(2)(b) and 2(5); SI 2012/2271 Part 3",
        when="as SI 2012/2271 Part 3 provides (not computed here)",
    )


def senior_appointment_report_due(*, notification_received_on: dt.date) -> Due:
    """The last day for the panel's confirmation hearing report on a proposed chief executive,
    chief finance officer or deputy police and crime commissioner. There is no veto.

    PRSRA 2011 Sch 1 para 9(1): "A police and crime commissioner must notify the relevant police
    and crime panel of each proposed appointment by the commissioner of— (a) the commissioner's
    chief executive, (b) the commissioner's chief finance officer, or (c) a deputy police and
    crime commissioner."
    The three weeks beginning with the day the panel receives the notification are those of the
    issue and of the panels' guidance; the text of Sch 1 paras 10–11 could not be read here,
    so no words of theirs are quoted and no post-election period is ignored: the words of Sch 8
    para 4(9) were found for the chief constable only. Check paras 10–11 before relying on it.
    """
    return Due(
        on=_last_day_of_three_weeks(notification_received_on),
        what=(
            "the panel holds a confirmation hearing on the proposed senior appointment and "
            "reports to the Commissioner with a recommendation"
        ),
        cites="PRSRA 2011 Sch 1 paras 9–11",
    )


def reserve_candidate_duty() -> Duty:
    """After a carried veto, what the Commissioner does next.

    PRSRA 2011 Sch 8 para 2(2)(b) and (5): where the panel vetoes, the end of the confirmation
    process is "the end of the confirmation process being reached in accordance with regulations
    under paragraph 10" (the reserve candidate procedure of SI 2012/2271 Part 3). The Act's own
    rule for a vetoed candidate is that the Commissioner "must not appoint" them (PRSRA 2011 Sch 8
    para 2(1)(b) read with para 2(2)(b): the process for that candidate never ends in an
    appointment). The regulations' text could not be read here, so no date is computed for the
    Commissioner's proposal of a reserve candidate.
    """
    return Duty(
        what=(
            "the Commissioner, who must not appoint the vetoed candidate, proposes a reserve "
            "candidate and notifies the panel"
        ),
        cites="PRSRA 2011 Sch 8 paras 2(2)(b), 2(5) and 10; SI 2012/2271 Part 3",
        when="as SI 2012/2271 Part 3 provides (no date computed here)",
    )


def reserve_candidate_report_due(
    *, notification_received_on: dt.date, post_election_periods: Iterable[PostElectionPeriod] = ()
) -> Due:
    """The last day for the panel's report on a reserve candidate.

    The reserve candidate procedure is SI 2012/2271 Part 3, made under PRSRA 2011 Sch 8 para 10;
    its text could not be read here. This applies to the reserve candidate the Act's own steps
    for a proposed chief constable (Sch 8 para 4(2)–(4), (6)–(10): review, report with a
    recommendation, publish, within three weeks beginning with the day the panel receives the
    notification, a post-election period ignored), without a second veto, which is how the
    panels' guidance describes the regulations. Check the regulations before relying on it.
    """
    periods = tuple(post_election_periods)
    return Due(
        on=_last_day_of_three_weeks(notification_received_on, periods),
        what=(
            "the panel reviews the proposed appointment of the reserve candidate and reports to "
            "the Commissioner with a recommendation (no veto)"
        ),
        cites="SI 2012/2271 Part 3, applying PRSRA 2011 Sch 8 para 4(2)–(6)",
    )


def appointment_decision(*, kind: str) -> Duty:
    """The Commissioner's decision on the panel's recommendation, which ends the process.

    Chief constable, PRSRA 2011 Sch 8 para 7(2)–(3): "The police and crime commissioner may
    accept or reject the panel's recommendation as to whether or not the candidate should be
    appointed" and "must notify the panel of the decision whether to accept or reject the
    recommendation"; para 2(4): that notification is the end of the confirmation process.
    Senior appointments follow the same course under PRSRA 2011 Sch 1 paras 9–11 (text not read
    here: see ``senior_appointment_report_due``). No date is given.
    """
    if kind == "senior_appointment":
        cites = "PRSRA 2011 Sch 1 paras 9–11"
    elif kind == "reserve":
        cites = "SI 2012/2271 Part 3, applying PRSRA 2011 Sch 8 para 7(2)–(3)"
    else:
        cites = "PRSRA 2011 Sch 8 paras 2(4) and 7(2)–(3)"
    return Duty(
        what=(
            "the Commissioner accepts or rejects the panel's recommendation and notifies the "
            "panel of the decision"
        ),
        cites=cites,
        when="no date is set by the Act",
    )
