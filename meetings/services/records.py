"""A meeting's papers after the years the law keeps them open: the clerk archives them on
purpose (kept, never deleted, no longer published) and may restore them (``meetings.retention``
computes the dates; an archive before the last day is refused with it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from panel.audit import Actor, save_as
from panel.tenancy import own_row

from .. import extensions, retention
from ..models import Meeting


def papers_open_until(meeting: Meeting) -> retention.OpenUntil:
    return retention.open_until(
        timezone.localtime(meeting.start).date(), meeting.panel.jurisdiction
    )


@transaction.atomic
def papers_archive(*, meeting: Meeting, reason: str, actor: Actor) -> Meeting:
    """Archive a meeting's agenda, reports, appendices, packs and minutes once the six years
    beginning with the day of the meeting have passed (LGA 1972 s 100C)."""
    locked: Meeting = own_row(meeting).select_for_update().get()
    if locked.papers_archived_at is not None:
        raise ValidationError("The papers of this meeting are archived already.")
    keep = papers_open_until(meeting)
    if not keep.may_archive(timezone.localdate()):
        raise ValidationError(
            f"The papers must stay open to inspection until {keep.last_day:%-d %B %Y} "
            f"({keep.cites}): they cannot be archived yet."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the papers are archived."})
    meeting.papers_archived_at, meeting.papers_archived_reason = timezone.now(), reason.strip()
    save_as(meeting, actor, update_fields=["papers_archived_at", "papers_archived_reason"])
    extensions.papers_archived.send(sender=Meeting, meeting=meeting)
    return meeting


@transaction.atomic
def papers_restore(*, meeting: Meeting, actor: Actor) -> Meeting:
    """Publish an archived meeting's papers again."""
    locked: Meeting = own_row(meeting).select_for_update().get()
    if locked.papers_archived_at is None:
        raise ValidationError("The papers of this meeting are not archived.")
    meeting.papers_archived_at, meeting.papers_archived_reason = None, ""
    save_as(meeting, actor, update_fields=["papers_archived_at", "papers_archived_reason"])
    extensions.papers_archived.send(sender=Meeting, meeting=meeting)
    return meeting
