"""Read-side assembly of the meetings pages: constant queries whatever the number of items."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from panel import policy
from panel.models import Panel

from . import exemptions, snapshot
from .models import AgendaItem, Meeting, StandingItem


def calendar(user: Any, panel: Panel, *, body: str = "", year: int | None = None) -> dict[str, Any]:
    meetings = policy.visible_meetings(user, panel).select_related("body")
    if body:
        meetings = meetings.filter(body__slug=body)
    if year:
        meetings = meetings.filter(start__year=year)
    now = timezone.now()
    rows = list(meetings.order_by("start"))
    return {
        "upcoming": [m for m in rows if m.start >= now],
        "past": sorted((m for m in rows if m.start < now), key=lambda m: m.start, reverse=True),
        "bodies": list(policy.visible_bodies(user, panel)),
        "years": sorted(
            {
                timezone.localtime(m.start).year
                for m in policy.visible_meetings(user, panel).only("start")
            },
            reverse=True,
        ),
        "chosen_body": body,
        "chosen_year": year,
    }


def meeting_page(user: Any, meeting: Meeting) -> dict[str, Any]:
    version = policy.latest_agenda(meeting)
    minutes_version = policy.latest_minutes(meeting)
    from .packs import latest_pack

    pack_rows = [
        (audience, label, latest_pack(meeting, audience))
        for audience, label in (("public", "Public agenda pack"), ("members", "Members' pack"))
        if version is not None and policy.can_download_pack(user, meeting, audience)
    ]
    return {
        "packs": pack_rows,
        "pack_running": any(
            row[2]["job"] and row[2]["job"].status in ("queued", "running") for row in pack_rows
        ),
        "meeting": meeting,
        "agenda": policy.agenda_for(user, version),
        "version": version,
        "minutes": policy.minutes_for(user, minutes_version),
        "minutes_version": minutes_version,
        "can_draft": policy.can_draft_meetings(user, meeting.panel_id),
        "sees_exempt": policy.can_view_exempt(user, meeting.panel_id),
        "paragraphs": exemptions.paragraphs_for(meeting.panel.jurisdiction),
    }


def find_item(agenda: dict[str, Any] | None, item_id: int) -> dict[str, Any] | None:
    if agenda is None:
        return None
    return next((i for i in agenda["items"] if i["id"] == item_id), None)


def editor_page(meeting: Meeting, today: dt.date) -> dict[str, Any]:
    from .services import deadline_for

    items = list(
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .select_related("report")
        .prefetch_related("appendices")
    )
    top = sorted((i for i in items if i.parent_id is None), key=lambda i: i.position)
    rows = []
    for item in top:
        rows.append(item)
        rows.extend(sorted((c for c in items if c.parent_id == item.pk), key=lambda c: c.position))
    deadline = deadline_for(meeting)
    from workprogramme.models import WorkProgrammeItem

    due = (
        WorkProgrammeItem.objects.for_panel(meeting.panel)
        .due_at(meeting.pk)
        .filter(scheduled_item__isnull=True)
    )
    return {
        "work_items_due": list(due),
        "meeting": meeting,
        "items": rows,
        "headings": [i for i in top if i.kind == AgendaItem.Kind.HEADING],
        "deadline": deadline,
        "is_late": today > deadline,
        "unpublished_changes": unpublished_changes(meeting),
    }


def unpublished_changes(meeting: Meeting) -> list[snapshot.Change]:
    """For the clerk's screens: what the draft says that the published agenda does not."""
    return snapshot.unpublished_changes(meeting) if meeting.is_published else []


def minutes_editor(meeting: Meeting, items: list[AgendaItem]) -> list[dict[str, Any]]:
    from .forms import MinuteForm

    rows = []
    for item in items:
        minute = getattr(item, "minute", None)
        form = MinuteForm(
            initial={
                "text": minute.text if minute else "",
                "resolutions": "\n".join(r.text for r in item.resolutions.all()),
                "version": meeting.version,
            },
            auto_id=f"id_item{item.pk}_%s",
        )
        rows.append({"item": item, "form": form})
    return rows


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The meeting before this one: the one whose minutes it approves, else the body's last."""
    if meeting.previous_id:
        return meeting.previous
    return (
        Meeting.objects.for_panel(meeting.panel)
        .filter(body=meeting.body, start__lt=meeting.start)
        .order_by("-start")
        .first()
    )


def item_extras(user: Any, meeting: Meeting, kind: str) -> dict[str, Any]:
    """What a standing item brings from the other apps: the Commissioner's decisions since the
    previous meeting, or the complaints counts (numbers only, for those who see exempt business)."""
    from complaints.queries import counts_since_previous_meeting
    from decisions.queries import decisions_since_previous_meeting

    extras: dict[str, Any] = {"decisions": None, "complaint_counts": None}
    if kind == AgendaItem.Kind.PCC_UPDATE:
        extras["decisions"] = decisions_since_previous_meeting(meeting)
    if kind == AgendaItem.Kind.COMPLAINTS and policy.can_view_complaint_counts(
        user, meeting.panel_id
    ):
        extras["complaint_counts"] = counts_since_previous_meeting(meeting)
    return extras


def standing_template(panel: Panel) -> tuple[list[Any], bool]:
    """The panel's standing items in order, and whether they are its own (False: the standard
    items every panel starts with, as unsaved rows)."""
    from .services import standard_rows

    rows = list(StandingItem.objects.for_panel(panel).order_by("position"))
    return (rows, True) if rows else (standard_rows(panel), False)


def standing_headings(panel: Panel) -> list[str]:
    rows, _own = standing_template(panel)
    return [row.title for row in rows if row.kind == AgendaItem.Kind.HEADING]


def standing_items_page(panel: Panel) -> dict[str, Any]:
    from .services import standing_fingerprint

    rows, own = standing_template(panel)
    kinds = dict(AgendaItem.Kind.choices)
    return {
        "rows": [{"item": row, "kind_label": kinds.get(row.kind, row.kind)} for row in rows],
        "own": own,
        "fingerprint": standing_fingerprint(panel),
    }
