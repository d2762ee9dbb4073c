"""Read-side assembly for complaints, and the counts the panel's Complaints item shows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone

from meetings.models import Meeting
from meetings.queries import previous_meeting
from meetings.querysets import MeetingQuerySet
from panel.access import Reader
from panel.models import Body, Membership, Panel, Person

from . import access
from .models import Complaint


def deadline(complaint: Complaint) -> dt.date | None:
    """When the current step is due: from receipt, or from the step's last event."""
    days = settings.COMPLAINT_DEADLINE_DAYS.get(complaint.status)
    if days is None:
        return None
    since = complaint.received_on
    last = getattr(complaint, "last_moved", None)
    if complaint.status != "received" and last:
        since = timezone.localtime(last).date()
    return since + dt.timedelta(days=days)


def case_list(user: Reader, panel: Panel, *, today: dt.date) -> dict[str, Any]:
    rows = list(
        access.visible_complaints(user, panel)
        .annotate(last_moved=Max("events__at"))
        .order_by("-number")
    )
    for row in rows:
        due = deadline(row)
        row.due, row.overdue = due, bool(due and due < today)  # type: ignore[attr-defined]  # for the template
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
