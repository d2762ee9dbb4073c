"""Read-side assembly for complaints, and the counts the panel's Complaints item shows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from meetings.models import Meeting
from meetings.queries import previous_meeting
from meetings.querysets import MeetingQuerySet
from panel.access import Reader
from panel.models import Body, Membership, Panel, Person

from . import access, law
from .models import Complaint


@dataclass(frozen=True)
class Dated:
    """One line of a case's timetable: a duty of the regulations, its date if they set one."""

    what: str
    cites: str
    on: dt.date | None = None
    done_on: dt.date | None = None
    overdue: bool = False


def timetable(complaint: Complaint, *, today: dt.date) -> list[Dated]:
    """What the regulations require of this case and when, computed by ``complaints.law``."""
    rows: list[Dated] = []
    if complaint.latest_incident_on and not complaint.is_conduct_matter:
        window = law.late_complaint_window(complaint.latest_incident_on)
        late = law.more_than_twelve_months(
            latest_incident_on=complaint.latest_incident_on, made_on=complaint.received_on
        )
        what = f"{window.what} ({'this complaint was made after it' if late else 'made within'})"
        rows.append(Dated(what, window.cites, window.on))
    if complaint.serious_on:
        due = law.referral_due(
            became_clear_on=complaint.serious_on, conduct_matter=complaint.is_conduct_matter
        )
        done = complaint.iopc_referred_on
        waiting = complaint.status == Complaint.Status.RECORDED and complaint.serious
        overdue = (done or today) > due.on if (done or waiting) else False
        rows.append(Dated(due.what, due.cites, due.on, done, overdue))
    if complaint.status == Complaint.Status.NOT_RECORDED:
        duty = law.not_recorded_duty()
        rows.append(Dated(duty.what, duty.cites))
    if complaint.status == Complaint.Status.WITHDRAWN:
        for duty in _withdrawal_duties(complaint):
            rows.append(Dated(duty.what, duty.cites))
    return rows


def _withdrawal_duties(complaint: Complaint) -> list[law.Duty]:
    duties = [law.withdrawal_duty()]
    if complaint.iopc_referred_on and not complaint.iopc_outcome:
        duties.append(law.withdrawal_notice_to_commission_duty(complaint.iopc_referred_on))
    return duties


def next_due(complaint: Complaint, *, today: dt.date) -> Dated | None:
    """The date the regulations set that this open case still waits for, if any."""
    pending = [
        row
        for row in timetable(complaint, today=today)
        if row.on and not row.done_on and "reg 13" in row.cites
    ]
    if complaint.status != Complaint.Status.RECORDED:
        return None
    return pending[0] if pending else None


def case_list(user: Reader, panel: Panel, *, today: dt.date) -> dict[str, Any]:
    rows = list(access.visible_complaints(user, panel).order_by("-number"))
    for row in rows:
        due = next_due(row, today=today)
        row.due, row.overdue = (due.on, due.overdue) if due else (None, False)  # type: ignore[attr-defined]  # for the template
    return {"complaints": rows, "handler": access.can_handle_complaints(user, panel)}


def counts_since_previous_meeting(meeting: Meeting) -> dict[str, Any]:
    """Complaints received since the previous meeting, by status: numbers only."""
    before = previous_meeting(meeting)
    rows = Complaint.objects.for_panel(meeting.panel).received_between(
        timezone.localtime(before.start).date() if before else None,
        timezone.localtime(meeting.start).date(),
    )
    counted = Counter(rows.values_list("status", flat=True))
    return {
        "since": before.start if before else None,
        "rows": [(label, counted.get(value, 0)) for value, label in Complaint.Status.choices],
        "total": sum(counted.values()),
    }


def subcommittee_people(panel: Panel) -> QuerySet[Person]:
    """Who sits, or sat, on the complaints sub-committee (those a case may exclude)."""
    members = Membership.objects.for_panel(panel).filter(body__kind=Body.Kind.COMPLAINTS)
    return (
        Person.objects.for_panel(panel).filter(pk__in=members.values("person_id")).order_by("name")
    )


def subcommittee_meetings(panel: Panel) -> MeetingQuerySet[Meeting]:
    return (
        Meeting.objects.for_panel(panel).filter(body__kind=Body.Kind.COMPLAINTS).order_by("-start")
    )
