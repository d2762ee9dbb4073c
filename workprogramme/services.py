"""State changes for the work programme and the recommendations and actions tracker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from meetings import services as meetings
from meetings.models import AgendaItem, Appendix, Meeting, MinutesVersion, Resolution
from panel import years
from panel.audit import Actor, create_as, save_as
from panel.models import Panel, Person
from panel.services import StaleEdit, run_step
from panel.tenancy import own_row, panel_scope, require_same_panel

from .models import Action, ActionNote, WorkProgrammeItem

WORK_FIELDS = (
    "municipal_year",
    "topic",
    "report_detail",
    "lead_officer",
    "standing",
    "next_meeting",
    "next_note",
    "position",
)


@transaction.atomic
def work_item_create(*, panel: Panel, actor: Actor, **fields: Any) -> WorkProgrammeItem:
    unknown = set(fields) - set(WORK_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if years.parse(str(fields.get("municipal_year", ""))) is None:
        raise ValidationError({"municipal_year": "Enter a municipal year, like 2014/15."})
    require_same_panel(panel.pk, next_meeting=fields.get("next_meeting"))
    item = WorkProgrammeItem(panel=panel, **fields)
    with panel_scope(panel):
        item.full_clean()
    save_as(item, actor)
    return item


@transaction.atomic
def work_item_defer(*, item: WorkProgrammeItem, reason: str, actor: Actor) -> WorkProgrammeItem:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the item is deferred."})
    item.status, item.deferred_reason, item.next_meeting = (
        WorkProgrammeItem.Status.DEFERRED,
        reason,
        None,
    )
    save_as(item, actor, update_fields=["status", "deferred_reason", "next_meeting"])
    return item


@transaction.atomic
def work_item_schedule(
    *, item: WorkProgrammeItem, meeting: Meeting | None, note: str = "", actor: Actor
) -> WorkProgrammeItem:
    require_same_panel(item.panel_id, meeting=meeting)
    item.next_meeting, item.next_note = meeting, note
    item.status, item.needs_next_date = WorkProgrammeItem.Status.ACTIVE, False
    save_as(item, actor, update_fields=["next_meeting", "next_note", "status", "needs_next_date"])
    return item


@transaction.atomic
def work_item_add_to_agenda(
    *, item: WorkProgrammeItem, meeting: Meeting, actor: Actor
) -> WorkProgrammeItem:
    """Offered on the agenda editor for items due at the meeting: one click adds the report."""
    require_same_panel(item.panel_id, meeting=meeting)
    agenda_item = meetings.item_add(
        meeting=meeting, title=item.topic, purpose=item.report_detail[:500], actor=actor
    )
    item.scheduled_item, item.next_meeting = agenda_item, meeting
    save_as(item, actor, update_fields=["scheduled_item", "next_meeting"])
    return item


def work_items_reported(*, meeting: Meeting, actor: Actor) -> int:
    """After a meeting: its items' "last report" moves to it, and a next date is asked for."""
    day = timezone.localtime(meeting.start).date()
    rows = WorkProgrammeItem.objects.for_panel(meeting.panel).filter(
        next_meeting=meeting
    ) | WorkProgrammeItem.objects.for_panel(meeting.panel).filter(scheduled_item__meeting=meeting)
    count = 0
    for item in rows.distinct():
        item.last_reported_on = day
        item.scheduled_item = None
        standing = bool(item.standing)
        item.next_meeting = None
        item.needs_next_date = not standing
        save_as(
            item,
            actor,
            update_fields=["last_reported_on", "scheduled_item", "next_meeting", "needs_next_date"],
        )
        count += 1
    return count


@transaction.atomic
def action_create(
    *,
    panel: Panel,
    text: str,
    raised_on: dt.date,
    raised_at: Meeting | None = None,
    resolution: Resolution | None = None,
    lead_person: Person | None = None,
    lead_opcc: bool = False,
    lead_team: str = "",
    update_due: Meeting | None = None,
    status: str = Action.Status.OPEN,
    actor: Actor,
) -> Action:
    if not text.strip():
        raise ValidationError({"text": "Say what the panel asked for."})
    if lead_person is None and not lead_opcc and not lead_team.strip():
        raise ValidationError({"lead_person": "Choose who leads it: a person, a team or the OPCC."})
    require_same_panel(
        panel.pk, raised_at=raised_at, lead_person=lead_person, update_due=update_due
    )
    return create_as(
        Action,
        actor,
        panel=panel,
        text=text,
        raised_on=raised_on,
        raised_at=raised_at,
        resolution=resolution,
        lead_person=lead_person,
        lead_opcc=lead_opcc,
        lead_team=lead_team,
        update_due=update_due,
        status=status,
    )


@transaction.atomic
def action_from_resolution(*, resolution: Resolution, actor: Actor, **lead: Any) -> Action:
    """One step from a minuted resolution to a tracked action.

    The tracker is public, so a resolution made in private (an exempt item's) is never copied
    into it: the clerk writes the action by hand, in words fit for publication.
    """
    if resolution.item.is_exempt:
        raise ValidationError(
            "This resolution was made in private, and the tracker is public. Add the action by "
            "hand, in words that can be published."
        )
    meeting = resolution.item.meeting
    # The resolution row locked, so that two clerks raising it at once make one action.
    Resolution.objects.for_panel(meeting.panel_id).select_for_update().filter(
        pk=resolution.pk
    ).first()
    if Action.objects.for_panel(meeting.panel_id).filter(resolution=resolution).exists():
        raise ValidationError(
            "An action has already been raised from this resolution: it is on the tracker."
        )
    return action_create(
        panel=meeting.panel,
        text=resolution.text,
        raised_on=timezone.localtime(meeting.start).date(),
        raised_at=meeting,
        resolution=resolution,
        actor=actor,
        **lead,
    )


@transaction.atomic
def actions_from_item_resolutions(*, item: AgendaItem, actor: Actor, **lead: Any) -> list[Action]:
    """A task and finish group's final report: its agreed recommendations become actions."""
    if item.is_exempt:
        raise ValidationError(
            "This item was taken in private, and the tracker is public. Add its actions by hand."
        )
    existing = set(
        Action.objects.for_panel(item.panel)
        .filter(resolution__item=item)
        .values_list("resolution_id", flat=True)
    )
    return [
        action_from_resolution(resolution=r, actor=actor, **lead)
        for r in Resolution.objects.for_panel(item.panel).filter(item=item).order_by("position")
        if r.pk not in existing
    ]


@transaction.atomic
def action_add_note(
    *,
    action: Action,
    text: str,
    status: str,
    actor: Actor,
    expected_version: int | None = None,
    on: dt.date | None = None,
) -> ActionNote:
    if not text.strip():
        raise ValidationError({"text": "Write the progress note."})
    if status not in Action.Status.values:
        raise ValidationError({"status": "Choose a status."})
    current = own_row(action).select_for_update().get()
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit()
    on = on or timezone.localdate()
    note = create_as(
        ActionNote,
        actor,
        panel_id=current.panel_id,
        action=current,
        written_on=on,
        text=text,
        status=status,
        author=actor,
    )
    current.status = status
    current.completed_on = on if status == Action.Status.COMPLETED else None
    current.version += 1
    save_as(current, actor, update_fields=["status", "completed_on", "version"])
    action.status, action.version, action.completed_on = (
        current.status,
        current.version,
        current.completed_on,
    )
    return note


@transaction.atomic
def working_group_minutes_attach(
    *, group_meeting: Meeting, item: AgendaItem, actor: Actor
) -> Appendix:
    """A working group reports to the panel: its published minutes become an appendix."""
    version = (
        MinutesVersion.objects.for_panel(group_meeting.panel)
        .filter(meeting=group_meeting)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise ValidationError({"group_meeting": "Publish the working group's minutes first."})
    require_same_panel(group_meeting.panel_id, item=item)
    text = render_to_string(
        "workprogramme/minutes_appendix.md", {"m": group_meeting, "minutes": version.content}
    )
    held = timezone.localtime(group_meeting.start)
    title = f"Minutes of the {group_meeting.body.name}, {held:%-d %B %Y}"
    return meetings.appendix_add(item=item, title=title, text=text, actor=actor)


# The work programme's steps, one by name: the programme page and the agenda editor run an
# item's step through here.
WORK_ITEM_STEPS: dict[str, Callable[..., WorkProgrammeItem]] = {
    "defer": work_item_defer,
    "schedule": work_item_schedule,
    "add_to_agenda": work_item_add_to_agenda,
}


def work_item_step(
    *, item: WorkProgrammeItem, step: str, actor: Actor, **inputs: Any
) -> WorkProgrammeItem:
    return run_step(WORK_ITEM_STEPS, step, item=item, actor=actor, **inputs)


# An action's steps on the tracker: its page and the API both add a progress note through here.
ACTION_STEPS: dict[str, Callable[..., ActionNote]] = {
    "note": action_add_note,
}


def action_step(*, action: Action, step: str, actor: Actor, **inputs: Any) -> ActionNote:
    return run_step(ACTION_STEPS, step, action=action, actor=actor, **inputs)
