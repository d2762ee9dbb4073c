"""Demo statutory cases of the Warwickshire panel.

- The Commissioner's Annual Report 2014 (PRSRA 2011 ss 12 and 28(4)): reviewed at the public
  meeting of 18 July 2014, the panel's two recommendations (more detail on performance and crime
  statistics; clearer year-on-year budget comparisons), and the Commissioner's response, reported
  to the meeting of 26 September 2014: the amended report published with the panel's formal
  response (the seed pack's facts, in our words; the day the draft reached the panel is not in
  the pack and is illustrative).
- The proposed precept for 2015/16, considered at the panel's meeting of 3 February 2015 (the
  date the work programme in the seed pack gives). The seed pack gives no figures, votes or
  outcome: the precept, the vote, the report's and the response's words and dates here are
  ILLUSTRATIVE, and say so.

Idempotent: nothing is loaded if the panel already has a case.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from meetings import services as meetings
from meetings.models import Meeting, Resolution
from panel.models import Body, Membership, Panel

from . import services
from .models import StatutoryCase

LONDON = ZoneInfo("Europe/London")
ILLUSTRATIVE = "(Illustrative: the seed pack gives no figures, vote or outcome.)"
PROPOSED = Decimal("185.96")  # illustrative


def load_statutory(panel: Panel) -> None:
    if StatutoryCase.objects.for_panel(panel).exists():
        return
    _annual_report_2014(panel)
    case = services.case_notify(
        panel=panel,
        kind=StatutoryCase.Kind.PRECEPT,
        title="Proposed precept 2015/16",
        notified_on=dt.date(2015, 1, 28),
        financial_year=2015,
        proposed_precept=PROPOSED,
        actor=None,
    )
    resolution = _precept_meeting(panel)
    services.case_step(
        case=case,
        step="report",
        actor=None,
        made_on=dt.date(2015, 2, 3),
        text="The panel reviewed the Commissioner's proposed precept for 2015/16 and supports "
        f"it. {ILLUSTRATIVE}",
        recommendations="That the Commissioner reports to the panel on the savings plan.",
        resolution=resolution,
    )
    services.case_step(case=case, step="publish_report", actor=None)
    services.case_step(
        case=case,
        step="respond",
        actor=None,
        received_on=dt.date(2015, 2, 10),
        text="The Commissioner thanks the panel and will report on the savings plan. "
        f"{ILLUSTRATIVE}",
        publish=True,
    )
    services.case_step(
        case=case,
        step="issue",
        actor=None,
        issued_precept=PROPOSED,
        issued_on=dt.date(2015, 2, 20),
    )


def _precept_meeting(panel: Panel) -> Resolution:
    body = Body.objects.for_panel(panel).main().get()
    start = dt.datetime(2015, 2, 3, 14, tzinfo=LONDON)
    meeting = meetings.meeting_create(
        body=body, start=start, venue="Shire Hall, Warwick", actor=None
    )
    item = meetings.item_add(
        meeting=meeting,
        title="Budget Precept 2015/16",
        purpose="The panel's statutory review of the Commissioner's proposed precept.",
        actor=None,
    )
    meetings.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=14), actor=None)
    meetings.minute_update(
        item=item,
        text=f"The Commissioner presented the proposed precept of £{PROPOSED} (Band D). "
        f"{ILLUSTRATIVE}",
        resolutions=[f"That the panel supports the proposed precept of £{PROPOSED} for 2015/16."],
        actor=None,
    )
    seats = (
        Membership.objects.for_panel(panel)
        .filter(body=body)
        .voting()
        .current(start.date())
        .select_related("person")
        .order_by("person__name")
    )
    people = [seat.person for seat in seats]
    for person in people:
        meetings.attendance_record(meeting=meeting, person=person, status="present", actor=None)
    resolution = item.resolutions.get()
    casts = [(p, "abstained" if n == 0 else "for") for n, p in enumerate(people)]
    meetings.vote_record(resolution=resolution, casts=casts, actor=None)
    meetings.minutes_publish(meeting=meeting, at=start + dt.timedelta(days=5), actor=None)
    return resolution


def _annual_report_2014(panel: Panel) -> None:
    july = Meeting.objects.for_panel(panel).filter(slug="2014-07-18").first()
    if july is None:  # the meetings' demo was not loaded
        return
    item = july.items.get(title="Police and Crime Commissioner's Annual Report 2014")
    case = services.case_notify(
        panel=panel,
        kind=StatutoryCase.Kind.ANNUAL_REPORT,
        title="The Commissioner's Annual Report 2014",
        notified_on=dt.date(2014, 7, 8),  # illustrative: the pack does not give the day
        actor=None,
    )
    services.case_step(
        case=case,
        step="report",
        actor=None,
        made_on=dt.date(2014, 7, 18),
        text="At its public meeting the panel heard the Commissioner present his draft Annual "
        "Report 2014 and questioned him on it. Members welcomed the report but found it long, "
        "and asked for a sharper focus on outcomes.",
        recommendations="1. That the section on Warwickshire Police's performance gives more "
        "detail of performance and crime statistics.\n"
        "2. That the end of year finance section for 2013/14 sets out the budget so that "
        "comparisons between years cannot be misread.",
        resolution=item.resolutions.order_by("position").first(),
    )
    services.case_step(case=case, step="publish_report", actor=None)
    services.case_step(
        case=case,
        step="respond",
        actor=None,
        received_on=dt.date(2014, 9, 26),
        text="The Commissioner accepted both recommendations: the end of year performance "
        "report is an appendix to the Annual Report, and the finance section is clearer. The "
        "amended report has been circulated to members and published on the OPCC's website "
        "with the panel's formal response.",
        publish=True,
    )
