"""Whether a meeting goes ahead: the clerk postpones, cancels or reinstates it.

A meeting is public from the day it is scheduled, so a change of plan is public too: the
meeting stays listed, in the calendar and in the iCalendar feed, saying it is postponed or
cancelled and why. Each change raises the meeting's iCalendar sequence, so subscribed calendars
replace the event they hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from panel.audit import Actor, save_as
from panel.services import run_step
from panel.tenancy import own_row

from ..models import Meeting
from ._common import _require_version

Status = Meeting.Status


def _held(meeting: Meeting) -> bool:
    published = (Meeting.MinutesStatus.PUBLISHED, Meeting.MinutesStatus.APPROVED)
    return meeting.minutes_status in published


def _set_status(
    meeting: Meeting,
    *,
    status: str,
    reason: str,
    postponed_to: dt.date | None,
    expected_version: int | None,
    actor: Actor,
) -> Meeting:
    locked = own_row(meeting).select_for_update().get()
    _require_version(meeting, expected_version)
    meeting.status, meeting.status_reason = status, reason.strip()
    meeting.postponed_to = postponed_to
    meeting.sequence = locked.sequence + 1
    save_as(meeting, actor, update_fields=["status", "status_reason", "postponed_to", "sequence"])
    return meeting


def _refuse_if_held(meeting: Meeting, what: str) -> None:
    if _held(meeting):
        raise ValidationError(
            f"This meeting has been held (its minutes are published): it cannot be {what}."
        )


@transaction.atomic
def meeting_postpone(
    *,
    meeting: Meeting,
    reason: str = "",
    postponed_to: dt.date | None = None,
    expected_version: int | None = None,
    actor: Actor,
) -> Meeting:
    """Postpone a scheduled meeting, with its new date if known and the reason if given."""
    if meeting.status != Status.SCHEDULED:
        raise ValidationError(f"This meeting is already {meeting.get_status_display().lower()}.")
    _refuse_if_held(meeting, "postponed")
    day = timezone.localtime(meeting.start).date()
    if postponed_to is not None and postponed_to <= day:
        raise ValidationError(
            {"postponed_to": f"Give a new date after the meeting's own, {day:%-d %B %Y}."}
        )
    return _set_status(
        meeting,
        status=Status.POSTPONED,
        reason=reason,
        postponed_to=postponed_to,
        expected_version=expected_version,
        actor=actor,
    )


@transaction.atomic
def meeting_cancel(
    *,
    meeting: Meeting,
    reason: str,
    expected_version: int | None = None,
    actor: Actor,
) -> Meeting:
    """Cancel a scheduled or postponed meeting: it stays on the record, with the reason."""
    if meeting.status == Status.CANCELLED:
        raise ValidationError("This meeting is already cancelled.")
    _refuse_if_held(meeting, "cancelled")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is cancelled: the public is told."})
    return _set_status(
        meeting,
        status=Status.CANCELLED,
        reason=reason,
        postponed_to=None,
        expected_version=expected_version,
        actor=actor,
    )


@transaction.atomic
def meeting_reinstate(
    *, meeting: Meeting, expected_version: int | None = None, actor: Actor
) -> Meeting:
    """A postponed or cancelled meeting goes ahead on its own date after all."""
    if meeting.status == Status.SCHEDULED:
        raise ValidationError("This meeting is going ahead already.")
    return _set_status(
        meeting,
        status=Status.SCHEDULED,
        reason="",
        postponed_to=None,
        expected_version=expected_version,
        actor=actor,
    )


STEPS: dict[str, Callable[..., Meeting]] = {
    "postpone": meeting_postpone,
    "cancel": meeting_cancel,
    "reinstate": meeting_reinstate,
}


def meeting_step(*, meeting: Meeting, step: str, actor: Actor, **inputs: Any) -> Meeting:
    return run_step(STEPS, step, meeting=meeting, actor=actor, **inputs)
