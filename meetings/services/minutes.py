"""The record of a meeting: attendance, declarations, minutes, urgent business, their
publication, approval and correction. Minutes follow the published agenda version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from panel.audit import (
    Actor,
    bulk_create_as,
    create_as,
    delete_as,
    get_or_create_as,
    save_as,
    update_or_create_as,
)
from panel.models import Membership, Person
from panel.services import run_step
from panel.tenancy import own_row, require_same_panel

from .. import access, extensions, snapshot
from ..models import (
    Access,
    AgendaItem,
    AgendaVersion,
    Attendance,
    Declaration,
    Meeting,
    Minute,
    MinutesVersion,
    Question,
    Resolution,
)
from ._common import Kind, _require_version, renumber
from .agenda import item_add

# The record of the meeting.


def _minutes_open(meeting: Meeting) -> None:
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        raise ValidationError(
            "These minutes have been approved and are locked. Record a correction instead."
        )


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    person: Person,
    status: str,
    substitute_for: Person | None = None,
    capacity: str = "",
    actor: Actor,
) -> Attendance:
    _minutes_open(meeting)
    require_same_panel(meeting.panel_id, person=person, substitute_for=substitute_for)
    if status == Attendance.Status.SUBSTITUTE and substitute_for is None:
        raise ValidationError({"substitute_for": "Say which member the substitute replaces."})
    if status != Attendance.Status.SUBSTITUTE:
        substitute_for = None
    _check_substitution(meeting, person, status, substitute_for)
    row, _ = update_or_create_as(
        Attendance.objects.for_panel(meeting.panel),
        actor,
        meeting=meeting,
        person=person,
        defaults={
            "panel": meeting.panel,
            "status": status,
            "substitute_for": substitute_for,
            "capacity": capacity,
        },
    )
    _draft(meeting)
    return row


def _check_substitution(
    meeting: Meeting, person: Person, status: str, substitute_for: Person | None
) -> None:
    """A substitute sits only for an absent member of the meeting's body, and only one of the
    body's designated substitutes may (from the member's own council, when the member
    represents one); a member someone substitutes for is not also present."""
    day = timezone.localdate(meeting.start)
    seats = Membership.objects.for_panel(meeting.panel_id).filter(body=meeting.body_id).current(day)
    here = Attendance.objects.for_panel(meeting.panel_id).filter(meeting=meeting)
    if status == Attendance.Status.PRESENT:
        if here.filter(status=Attendance.Status.SUBSTITUTE, substitute_for=person).exists():
            raise ValidationError(
                {"status": f"{person} is absent: a substitute is recorded in their place."}
            )
        return
    if status != Attendance.Status.SUBSTITUTE or substitute_for is None:
        return
    body = meeting.body.name
    seat = seats.voting().filter(person=substitute_for).first()
    if seat is None:
        raise ValidationError(
            {"substitute_for": f"{substitute_for} is not a member of {body} on that day."}
        )
    if here.filter(person=substitute_for, status=Attendance.Status.PRESENT).exists():
        raise ValidationError(
            {
                "substitute_for": f"{substitute_for} is recorded as present: a substitute "
                "replaces an absent member."
            }
        )
    taken = here.filter(status=Attendance.Status.SUBSTITUTE, substitute_for=substitute_for)
    if taken.exclude(person=person).exists():
        raise ValidationError(
            {"substitute_for": f"Another substitute is already recorded for {substitute_for}."}
        )
    designated = seats.filter(person=person, role=Membership.Role.SUBSTITUTE).first()
    if designated is None:
        raise ValidationError(
            {"person": f"{person} is not one of the designated substitutes of {body}."}
        )
    if seat.authority_id and designated.authority_id != seat.authority_id:
        raise ValidationError(
            {"person": f"{person} is not a designated substitute of {substitute_for}'s council."}
        )


@transaction.atomic
def declaration_add(
    *,
    meeting: Meeting,
    person: Person,
    pecuniary: bool,
    nature: str,
    item: AgendaItem | None = None,
    item_text: str = "",
    actor: Actor,
) -> Declaration:
    _minutes_open(meeting)
    if not nature.strip():
        raise ValidationError({"nature": "Describe the nature of the interest."})
    require_same_panel(meeting.panel_id, person=person, item=item)
    if item is not None and not _on_record(meeting, item):
        raise ValidationError(
            {"item": "Choose an item of this meeting's published agenda, or urgent business."}
        )
    declaration = create_as(
        Declaration,
        actor,
        panel=meeting.panel,
        meeting=meeting,
        person=person,
        item=item,
        item_text=item_text,
        pecuniary=pecuniary,
        nature=nature,
    )
    _draft(meeting)
    return declaration


@transaction.atomic
def minute_update(
    *,
    item: AgendaItem,
    text: str,
    resolutions: list[str] | None = None,
    expected_version: int | None = None,
    actor: Actor,
) -> Minute:
    meeting = item.meeting
    _minutes_open(meeting)
    _require_version(meeting, expected_version)
    minute, _ = update_or_create_as(
        Minute.objects.for_panel(meeting.panel),
        actor,
        item=item,
        defaults={"panel": meeting.panel, "text": text},
    )
    if resolutions is not None:
        _replace_resolutions(item, resolutions, actor)
    _draft(meeting)
    return minute


def _replace_resolutions(item: AgendaItem, lines: list[str], actor: Actor) -> None:
    """The item's resolutions, numbered 1, 2, … in the order given; blank lines dropped.

    Rows are kept by their number (a changed text is an edit, in the audit trail), so a vote
    recorded on a resolution, or a report that cites it, stays with it; a resolution that has a
    recorded vote or a report cannot be dropped."""
    texts = [line.strip() for line in lines if line.strip()]
    existing = {r.position: r for r in Resolution.objects.for_panel(item.panel).filter(item=item)}
    extra = []
    for n, text in enumerate(texts, start=1):
        row = existing.pop(n, None)
        if row is None:
            extra.append(Resolution(panel=item.panel, item=item, position=n, text=text))
        elif row.text != text:
            row.text = text
            save_as(row, actor, update_fields=["text"])
    bulk_create_as(extra, Resolution, actor)  # each resolution in the audit trail too
    for row in existing.values():
        try:
            with transaction.atomic():
                delete_as(row, actor)
        except ProtectedError:
            raise ValidationError(
                {
                    "resolutions": f"Resolution {row.position} has a recorded vote or a report "
                    "that cites it, so it cannot be removed."
                }
            ) from None


@transaction.atomic
def question_add(
    *,
    item: AgendaItem,
    asked_by: str,
    question: str,
    answer: str = "",
    answered_by: str = "",
    actor: Actor,
) -> Question:
    _minutes_open(item.meeting)
    last = (
        Question.objects.for_panel(item.panel).filter(item=item).aggregate(m=Max("position"))["m"]
    )
    return create_as(
        Question,
        actor,
        panel=item.panel,
        item=item,
        position=(last or 0) + 1,
        asked_by=asked_by,
        question=question,
        answer=answer,
        answered_by=answered_by,
    )


def _on_record(meeting: Meeting, item: AgendaItem) -> bool:
    """Whether the minutes record the item: published on the agenda, or urgent business."""
    rows = AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting, pk=item.pk)
    return rows.on_record().exists()


def _draft(meeting: Meeting) -> None:
    if meeting.minutes_status == Meeting.MinutesStatus.NONE:
        own_row(meeting).update(minutes_status=Meeting.MinutesStatus.DRAFT)
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT


def _published_agenda(meeting: Meeting) -> AgendaVersion:
    agenda = access.latest_agenda(meeting)
    if agenda is None:
        raise ValidationError("Publish the agenda first: minutes follow a published agenda.")
    return agenda


def _minutes_version(
    meeting: Meeting,
    kind: str,
    actor: Actor,
    reason: str = "",
    at: dt.datetime | None = None,
    agenda: AgendaVersion | None = None,
) -> MinutesVersion:
    agenda = agenda or _published_agenda(meeting)
    last = (
        MinutesVersion.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .aggregate(m=Max("number"))["m"]
    )
    version = MinutesVersion.objects.create(
        panel=meeting.panel,
        meeting=meeting,
        number=(last or 0) + 1,
        kind=kind,
        published_at=at or timezone.now(),
        published_by=actor,
        reason=reason,
        content=snapshot.minutes_content(meeting, agenda),
    )
    extensions.minutes_published.send(sender=Meeting, meeting=meeting, version=version, actor=actor)
    return version


def _require_written(meeting: Meeting) -> None:
    """Blank minutes are not published: at least one item of the record has its minute, a
    resolution or a question put at the meeting, or urgent business is recorded."""
    items = AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting)
    written = (
        Minute.objects.for_panel(meeting.panel).filter(item__in=items).exclude(text="").exists()
        or Resolution.objects.for_panel(meeting.panel).filter(item__in=items).exists()
        or Question.objects.for_panel(meeting.panel).filter(item__in=items).exists()
        or items.exclude(urgent_reason="").exists()  # urgent business the Chair accepted
    )
    if not written:
        raise ValidationError(
            "The minutes are blank: write the minute of at least one item before they are "
            "published."
        )


@transaction.atomic
def minutes_publish(
    *,
    meeting: Meeting,
    rose_at: dt.time | None = None,
    actor: Actor,
    at: dt.datetime | None = None,
) -> MinutesVersion:
    """Publish the draft minutes, to be approved at the next meeting.

    The minutes follow the published agenda: while the live agenda says something no published
    version says, they are refused, so that what was taken at the meeting is what the public was
    told would be (urgent business the Chair accepted is recorded as such, not published late).
    """
    _minutes_open(meeting)
    agenda = _published_agenda(meeting)
    changes = snapshot.unpublished_changes(meeting, agenda)
    if changes:
        raise ValidationError(
            "The agenda has unpublished changes: "
            + "; ".join(str(change) for change in changes)
            + ". Publish a supplementary or revised agenda first, or, for business the Chair "
            "accepted as urgent at the meeting, record it as urgent business."
        )
    _require_written(meeting)
    if rose_at is not None:
        meeting.rose_at = rose_at
    meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED
    save_as(meeting, actor, update_fields=["rose_at", "minutes_status"])
    return _minutes_version(meeting, MinutesVersion.Kind.DRAFT, actor, at=at, agenda=agenda)


@transaction.atomic
def minutes_approve(
    *,
    meeting: Meeting,
    at_meeting: Meeting,
    signed_by: Person,
    actor: Actor,
    at: dt.datetime | None = None,
) -> MinutesVersion:
    """Approved under the next meeting's minutes item and signed by its Chair; then locked."""
    if meeting.minutes_status != Meeting.MinutesStatus.PUBLISHED:
        raise ValidationError("Publish the draft minutes before they are approved.")
    if at_meeting.previous_id != meeting.pk:
        raise ValidationError({"at_meeting": "Minutes are approved at the meeting that follows."})
    if at_meeting.start <= meeting.start or at_meeting.start > (at or timezone.now()):
        raise ValidationError(
            {
                "at_meeting": "Minutes are approved at a later meeting once it has taken place: "
                f"{at_meeting} has not met yet."
            }
        )
    if at_meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"at_meeting": f"{at_meeting} was cancelled."})
    require_same_panel(meeting.panel_id, signed_by=signed_by, at_meeting=at_meeting)
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_at = at_meeting
    meeting.minutes_signed_by = signed_by
    save_as(
        meeting,
        actor,
        update_fields=["minutes_status", "minutes_approved_at", "minutes_signed_by"],
    )
    _record_approval(meeting, at_meeting, signed_by, actor)
    return _minutes_version(meeting, MinutesVersion.Kind.APPROVED, actor, at=at or at_meeting.start)


def _record_approval(
    meeting: Meeting, at_meeting: Meeting, signed_by: Person, actor: Actor
) -> None:
    """The approving meeting's own minutes item says so, unless the clerk has written it."""
    item = (
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=at_meeting, kind=Kind.MINUTES)
        .first()
    )
    if item is None or at_meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        return
    held = f"{timezone.localtime(meeting.start):%-d %B %Y}"
    minute, _ = get_or_create_as(
        Minute.objects.for_panel(meeting.panel),
        actor,
        item=item,
        defaults={"panel": meeting.panel, "text": ""},
    )
    if (
        minute.text.strip()
        or Resolution.objects.for_panel(meeting.panel).filter(item=item).exists()
    ):
        return
    minute.text = (
        f"The minutes of the meeting held on {held} were signed by {signed_by.display_name}."
    )
    save_as(minute, actor, update_fields=["text"])
    create_as(
        Resolution,
        actor,
        panel=meeting.panel,
        item=item,
        position=1,
        text=f"That the minutes of the meeting held on {held} be approved as a correct record "
        "and signed by the Chair.",
    )


@transaction.atomic
def minutes_correct(
    *,
    item: AgendaItem,
    text: str,
    reason: str,
    resolutions: list[str] | None = None,
    actor: Actor,
) -> MinutesVersion:
    """A correction to approved minutes: a new version, saying who, when and why."""
    meeting = item.meeting
    if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
        raise ValidationError("Only approved minutes are corrected; edit the draft instead.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the approved minutes are being corrected."})
    if not _on_record(meeting, item):
        raise ValidationError({"item": "Choose an item the minutes record."})
    update_or_create_as(
        Minute.objects.for_panel(meeting.panel),
        actor,
        item=item,
        defaults={"panel": meeting.panel, "text": text},
    )
    if resolutions is not None:
        _replace_resolutions(item, resolutions, actor)
    return _minutes_version(meeting, MinutesVersion.Kind.CORRECTION, actor, reason)


@transaction.atomic
def urgent_item_record(
    *,
    meeting: Meeting,
    reason: str,
    title: str = "",
    item: AgendaItem | None = None,
    access: str = Access.PUBLIC,
    exempt_paragraph: int | None = None,
    public_interest: str = "",
    expected_version: int | None = None,
    actor: Actor,
) -> AgendaItem:
    """Business the Chair accepted as urgent at the meeting: a new item (``title``) or one the
    clerk had added to the draft agenda (``item``), recorded under "Any urgent items". It is
    minuted with its reason and never joins the agenda.

    # LGA 1972 s.100B(4)(b): the special circumstances "shall be specified in the minutes".
    """
    _minutes_open(meeting)
    if not meeting.is_published:
        raise ValidationError("Publish the agenda first: urgent business is taken at a meeting.")
    if not reason.strip():
        raise ValidationError(
            {
                "reason": (
                    "Give the special circumstances for which the Chair accepted the item as "
                    "urgent: the law requires the minutes to say them."
                )
            }
        )
    panel = meeting.panel
    heading = (
        AgendaItem.objects.for_panel(panel)
        .filter(meeting=meeting, kind=Kind.URGENT, parent__isnull=True, urgent_reason="")
        .first()
    )
    if item is None:
        item = item_add(
            meeting=meeting,
            title=title,
            parent=heading,
            access=access,
            exempt_paragraph=exempt_paragraph,
            public_interest=public_interest,
            expected_version=expected_version,
            actor=actor,
        )
    else:
        _adopt_as_urgent(item, meeting, heading, expected_version, actor)
    AgendaItem.objects.for_panel(panel).filter(pk=item.pk).update(urgent_reason=reason.strip())
    item.urgent_reason = reason.strip()
    return item


def _adopt_as_urgent(
    item: AgendaItem,
    meeting: Meeting,
    heading: AgendaItem | None,
    expected_version: int | None,
    actor: Actor,
) -> None:
    if item.meeting_id != meeting.pk or _on_record(meeting, item):
        raise ValidationError({"item": "Choose an item added since the agenda was published."})
    if AgendaItem.objects.for_panel(meeting.panel).filter(parent=item).exists():
        raise ValidationError({"item": "An item with sub-items cannot be urgent business."})
    _require_version(meeting, expected_version)
    if heading is not None:
        last = (
            AgendaItem.objects.for_panel(meeting.panel)
            .filter(parent=heading)
            .aggregate(m=Max("position"))["m"]
        )
        item.parent, item.position = heading, (last or 0) + 1
        save_as(item, actor, update_fields=["parent", "position"])
        renumber(meeting)


def _on_an_item(service: Callable[..., Any]) -> Callable[..., Any]:
    """A step on one item of the minutes, run for a meeting: the item must be the meeting's."""

    def step(*, meeting: Meeting, item: AgendaItem, **inputs: Any) -> Any:
        if item.meeting_id != meeting.pk:
            raise ValidationError({"item": "Choose an item the minutes record."})
        return service(item=item, **inputs)

    return step


# The record of the meeting, one step by name: the minutes screen and the API both run a step
# through here.
STEPS: dict[str, Callable[..., Any]] = {
    "attendance": attendance_record,
    "declaration": declaration_add,
    "minute": _on_an_item(minute_update),
    "question": _on_an_item(question_add),
    "correction": _on_an_item(minutes_correct),
    "publish": minutes_publish,
    "approve": minutes_approve,
}


def minutes_step(*, meeting: Meeting, step: str, actor: Actor, **inputs: Any) -> Any:
    return run_step(STEPS, step, meeting=meeting, actor=actor, **inputs)
