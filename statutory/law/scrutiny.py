"""The plan, the annual report, and any other report or recommendation: PRSRA 2011 ss 12, 28
and 29. The Act mostly says what must happen and not by when; where it gives no date, these
functions answer with a ``Duty`` in its words, never a computed day.
"""

from __future__ import annotations

import datetime as dt

from .terms import Due, Duty, long_date


def draft_plan_duties() -> tuple[Duty, ...]:
    """PRSRA 2011 s 28(3): "A police and crime panel must— (a) review the draft police and crime
    plan, or draft variation, given to the panel by the relevant police and crime commissioner in
    accordance with section 5(6)(c), and (b) make a report or recommendations on the draft plan
    or variation to the commissioner." Section 28(3) sets no time for either.
    """
    return (
        Duty(
            what=(
                "the panel reviews the draft police and crime plan or draft variation and makes "
                "a report or recommendations on it to the Commissioner"
            ),
            cites="PRSRA 2011 s 28(3)",
            when="no date is set by s 28(3)",
        ),
    )


def annual_report_duties() -> tuple[Duty, ...]:
    """PRSRA 2011 s 28(4): "A police and crime panel must— (a) arrange for a public meeting of
    the panel to be held as soon as practicable after the panel is sent an annual report under
    section 12, (b) ask the police and crime commissioner, at that meeting, such questions about
    the annual report as the members of the panel think appropriate, (c) review the annual
    report, and (d) make a report or recommendations on the annual report to the commissioner."
    Section 12(2): the Commissioner sends the report "As soon as practicable after producing" it;
    s 12(3): attends "the public meeting arranged by the panel in accordance with section 28(4)"
    to present it and answer questions; s 12(4): must "give the panel a response to any report or
    recommendations on the annual report" and "publish any such response" (no date; see
    ``response_due`` for a date the panel sets under s 29(3)).
    """
    return (
        Duty(
            what="the panel holds a public meeting on the Commissioner's annual report",
            cites="PRSRA 2011 s 28(4)(a)",
            when="as soon as practicable after the panel is sent the annual report",
        ),
        Duty(
            what=(
                "at the meeting the Commissioner presents the report and answers the panel's "
                "questions; the panel reviews it and makes a report or recommendations"
            ),
            cites="PRSRA 2011 ss 12(3) and 28(4)(b)–(d)",
            when="at that public meeting (the report or recommendations: no date is set)",
        ),
        Duty(
            what=(
                "the Commissioner gives the panel a response to its report or recommendations "
                "and publishes it"
            ),
            cites="PRSRA 2011 s 12(4)",
            when="no date is set by s 12(4)",
        ),
    )


def response_due(*, report_made_on: dt.date, required_by: dt.date | None = None) -> Due | Duty:
    """When the Commissioner must answer a report or recommendation of the panel.

    PRSRA 2011 s 29(3): "A police and crime panel may require the relevant police and crime
    commissioner to respond in writing (within a reasonable period determined by the panel) to
    any report or recommendation made by the panel to the commissioner." s 29(4): "The police and
    crime commissioner must comply with any requirement imposed by the panel under subsection
    (1) or (3)." The Act fixes no period (no "one month"): the date is the panel's, given as
    ``required_by``; without one, the answer is a ``Duty`` with no date.
    The reports themselves: s 28(6) (any decision or action of the Commissioner) and s 28(7):
    "A police and crime panel must publish any reports or recommendations made to the
    relevant police and crime commissioner".
    """
    if required_by is None:
        return Duty(
            what="the Commissioner responds to the panel's report or recommendation",
            cites="PRSRA 2011 s 29(3)",
            when=(
                "no date is set by the Act; the panel may require a written response within a "
                "reasonable period it determines"
            ),
        )
    if required_by < report_made_on:
        raise ValueError(
            f"A response cannot be required by {long_date(required_by)}, before the report was "
            f"made on {long_date(report_made_on)}."
        )
    return Due(
        on=required_by,
        what="the Commissioner responds in writing to the panel's report or recommendation",
        cites="PRSRA 2011 s 29(3)–(4), within the period the panel determined",
    )


def attendance_due(*, meeting_day: dt.date, chief_constable_requested: bool) -> Due:
    """The attendance the panel requires, on the day of the meeting it names.

    PRSRA 2011 s 29(1): "A police and crime panel may require the relevant police and crime
    commissioner, and members of that commissioner's staff, to attend before the panel (at
    reasonable notice) to answer any question which appears to the panel to be necessary in order
    for it to carry out its functions." s 29(4)–(5): the Commissioner and the staff "must comply".
    s 29(6): the panel "may (at reasonable notice) request the relevant chief constable to attend
    before the panel on the same occasion": a request, not a requirement. The Act sets no number
    of days for "reasonable notice"; the caller refuses notice given on or after the day.
    """
    what = "the Commissioner or the staff required attend before the panel to answer questions"
    cites = "PRSRA 2011 s 29(1), (4)–(5)"
    if chief_constable_requested:
        what += ", with the chief constable requested to attend on the same occasion"
        cites += " and (6)"
    return Due(on=meeting_day, what=what, cites=cites)
