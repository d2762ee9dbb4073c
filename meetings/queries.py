"""Read-side assembly of the meetings pages: constant queries whatever the number of items."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Min, QuerySet
from django.http import Http404
from django.utils import timezone

from documents import exemptions
from panel import access as panel_access
from panel import years
from panel.access import Reader
from panel.models import Panel

from . import access, extensions, minutes_changes, services, snapshot
from .forms import MinuteForm
from .models import (
    AgendaItem,
    AgendaVersion,
    Meeting,
    MinutesVersion,
    Resolution,
    StandingItem,
    Vote,
)
from .packs import latest_packs
from .querysets import AgendaItemQuerySet, MeetingQuerySet
from .services import deadline_for, standard_rows, standing_fingerprint

# Past meetings the calendar shows when no year is chosen: those of the twelve months up to the
# latest (a panel's first screen is its current business, the same at ten years as at one), read
# at most RECENT_PAST at a time; the year filter reaches the rest (ten years are over a hundred).
RECENT = dt.timedelta(days=366)
RECENT_PAST = 24


def calendar(
    user: Reader, panel: Panel, *, body: str = "", year: int | None = None
) -> dict[str, Any]:
    meetings = access.visible_meetings(user, panel).select_related("body")
    if body:
        meetings = meetings.filter(body__slug=body)
    now = timezone.now()
    more_past = False
    if year:
        rows = list(meetings.filter(start__year=year).order_by("start"))
        upcoming = [m for m in rows if m.start >= now]
        past = sorted((m for m in rows if m.start < now), key=lambda m: m.start, reverse=True)
    else:
        upcoming = list(meetings.filter(start__gte=now).order_by("start"))
        read = list(meetings.filter(start__lt=now).order_by("-start")[: RECENT_PAST + 1])
        past = [m for m in read if m.start > read[0].start - RECENT][:RECENT_PAST] if read else []
        more_past = len(read) > len(past)
    return {
        "upcoming": upcoming,
        "past": past,
        "more_past": more_past,
        "past_capped": len(past) == RECENT_PAST,
        "bodies": list(panel_access.visible_bodies(user, panel)),
        "years": years.years_between(
            **access.visible_meetings(user, panel).aggregate(first=Min("start"), last=Max("start"))
        ),
        "chosen_body": body,
        "chosen_year": year,
    }


def meeting_page(user: Reader, meeting: Meeting) -> dict[str, Any]:
    """A meeting's public page (and the API's meeting): its facts, and its published agenda,
    packs and minutes unless the clerk has archived its papers."""
    papers = access.papers_open(user, meeting)
    version = access.latest_agenda(meeting) if papers else None
    minutes_version = access.latest_minutes(meeting) if papers else None
    labels = [
        (audience, label)
        for audience, label in (("public", "Public agenda pack"), ("members", "Members' pack"))
        if version is not None and access.can_download_pack(user, meeting, audience)
    ]
    found = latest_packs(meeting, [audience for audience, _ in labels]) if labels else {}
    pack_rows = [(audience, label, found[audience]) for audience, label in labels]
    return {
        "packs": pack_rows,
        "pack_running": any(
            row[2]["job"] and row[2]["job"].status in ("queued", "running") for row in pack_rows
        ),
        "meeting": meeting,
        "agenda": access.agenda_for(user, version),
        "version": version,
        "minutes": access.minutes_for(user, minutes_version),
        "minutes_version": minutes_version,
        "minutes_versions": (
            list(
                MinutesVersion.objects.for_panel(meeting.panel)
                .filter(meeting=meeting)
                .order_by("number")
                .only("number", "kind", "published_at", "reason")
            )
            if minutes_version is not None and minutes_version.number > 1
            else []
        ),
        "late_publications": access.late_publications(meeting) if version is not None else [],
        "can_draft": access.can_draft_meetings(user, meeting.panel_id),
        "papers_archived": meeting.papers_archived_at is not None,
        "papers_open_until": services.papers_open_until(meeting),
        "sees_exempt": access.can_view_exempt(user, meeting.panel_id),
        "paragraphs": exemptions.paragraphs_for(meeting.panel.jurisdiction),
    }


def minutes_version_page(user: Reader, meeting: Meeting, number: int) -> dict[str, Any]:
    """One published version of the minutes, and what changed since the version before, as the
    reader may see both."""
    if not access.papers_open(user, meeting):
        raise Http404("The papers of this meeting are archived")
    versions = list(
        MinutesVersion.objects.for_panel(meeting.panel).filter(meeting=meeting).order_by("number")
    )
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404("No such version of the minutes")
    before = next((v for v in versions if v.number == number - 1), None)
    minutes = access.minutes_for(user, version)
    return {
        "meeting": meeting,
        "version": version,
        "versions": versions,
        "minutes": minutes,
        "previous": before,
        "changes": (
            minutes_changes.changes(access.minutes_for(user, before) or {}, minutes or {})
            if before is not None
            else []
        ),
    }


def find_item_by_number(agenda: dict[str, Any] | None, number: str) -> dict[str, Any] | None:
    """An item of a published agenda (as projected for a reader) by its number; headings have
    no page of their own."""
    if agenda is None:
        return None
    return next(
        (i for i in agenda["items"] if i["number"] == number and i["kind"] != "heading"), None
    )


def find_item(agenda: dict[str, Any] | None, item_id: int) -> dict[str, Any] | None:
    if agenda is None:
        return None
    return next((i for i in agenda["items"] if i["id"] == item_id), None)


def editor_page(meeting: Meeting, today: dt.date) -> dict[str, Any]:
    items = list(
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .select_related("report")
        .prefetch_related("appendices")
    )
    rows = snapshot.in_agenda_order(items)
    withdrawn = snapshot.withdrawn_reasons(rows)
    deadline = deadline_for(meeting)
    return {
        "work_items_due": [],
        **{k: v for provide in extensions.editor_extras for k, v in provide(meeting).items()},
        "meeting": meeting,
        "items": rows,
        # sub-items that go with their withdrawn parent (not withdrawn on their own)
        "withdrawn_with_parent": {
            i.pk for i in rows if i.pk in withdrawn and not i.withdrawn_reason
        },
        "headings": [i for i in rows if i.parent_id is None and i.kind == AgendaItem.Kind.HEADING],
        "deadline": deadline,
        "is_late": today > deadline,
        "late_items": any(
            i.late and not i.first_published_in and not i.urgent_reason for i in rows
        ),
        "unpublished_changes": unpublished_changes(meeting),
    }


def unpublished_changes(meeting: Meeting) -> list[snapshot.Change]:
    """For the clerk's screens: what the draft says that the published agenda does not."""
    return snapshot.unpublished_changes(meeting) if meeting.is_published else []


def minutes_editor(meeting: Meeting, items: list[AgendaItem]) -> list[dict[str, Any]]:
    """Each item's minute form, and why it was withdrawn if it was (the panel did not take it; a
    clerk may still minute that it was withdrawn)."""
    withdrawn = snapshot.withdrawn_reasons(items)
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
        rows.append({"item": item, "form": form, "withdrawn": withdrawn.get(item.pk)})
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


def item_extras(user: Reader, meeting: Meeting, item: dict[str, Any]) -> dict[str, Any]:
    """What a standing item (as a published version holds it) brings from the other apps (the
    Commissioner's decisions since the previous meeting; the complaints counts for those who
    see exempt business): nothing once it is withdrawn, as it brings no papers."""
    extras: dict[str, Any] = {"decisions": None, "complaint_counts": None}
    provide = extensions.item_extras.get(item["kind"])
    if provide is not None and not item.get("withdrawn"):
        extras.update(provide(user, meeting))
    return extras


def standing_template(panel: Panel) -> tuple[list[Any], bool]:
    """The panel's standing items in order, and whether they are its own (False: the standard
    items every panel starts with, as unsaved rows)."""
    rows = list(StandingItem.objects.for_panel(panel).order_by("position"))
    return (rows, True) if rows else (standard_rows(panel), False)


def standing_headings(panel: Panel) -> list[str]:
    rows, _own = standing_template(panel)
    return [row.title for row in rows if row.kind == AgendaItem.Kind.HEADING]


def standing_items_page(panel: Panel) -> dict[str, Any]:
    rows, own = standing_template(panel)
    kinds = dict(AgendaItem.Kind.choices)
    return {
        "rows": [{"item": row, "kind_label": kinds.get(row.kind, row.kind)} for row in rows],
        "own": own,
        "fingerprint": standing_fingerprint(panel),
    }


def minutable_items(meeting: Meeting) -> AgendaItemQuerySet[AgendaItem]:
    """The items the minutes record (the published agenda's, and urgent business): the choices
    of the minutes screen's forms."""
    return (
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .on_record()
        .exclude(kind=AgendaItem.Kind.HEADING)
        .in_agenda_order()
    )


def items_on_record(meeting: Meeting) -> list[AgendaItem]:
    """The items the minutes record, in agenda order, headings too (the page skips them)."""
    rows = AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting).on_record()
    return snapshot.in_agenda_order(
        list(rows.select_related("minute").prefetch_related("resolutions__vote__casts"))
    )


def drafts_since_publication(meeting: Meeting) -> AgendaItemQuerySet[AgendaItem]:
    """Items added to the draft since the agenda was published (possible urgent business)."""
    return (
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=meeting, first_published_in__isnull=True, urgent_reason="")
        .order_by("position")
    )


def group_meetings_with_minutes(meeting: Meeting) -> list[Meeting]:
    """Working group meetings with published minutes, to attach to one of the panel's items."""
    return list(
        Meeting.objects.for_panel(meeting.panel)
        .of_sub_bodies()
        .exclude(minutes_status__in=["none", "draft"])
        .select_related("body")
        .order_by("-start")
    )


def group_meeting(panel: Panel, meeting_id: int) -> Meeting | None:
    return Meeting.objects.for_panel(panel).of_sub_bodies().filter(pk=meeting_id).first()


def panel_meetings(panel: Panel) -> MeetingQuerySet[Meeting]:
    """The panel's own meetings, newest first: the choices of "raised at" and "update due"."""
    return Meeting.objects.for_panel(panel).of_the_panel().order_by("-start")


def agenda_versions(panel: Panel, meetings: QuerySet[Meeting]) -> QuerySet[AgendaVersion]:
    """The latest 50 published agenda versions of these meetings, newest first (the feed)."""
    return (
        AgendaVersion.objects.for_panel(panel)
        .filter(meeting__in=meetings)
        .select_related("meeting__body", "meeting__panel")
        .order_by("-published_at")[:50]
    )


def minutes_versions(panel: Panel, meetings: QuerySet[Meeting]) -> QuerySet[MinutesVersion]:
    return (
        MinutesVersion.objects.for_panel(panel)
        .filter(meeting__in=meetings)
        .select_related("meeting__body", "meeting__panel")
        .order_by("-published_at")[:50]
    )


def vote_of(resolution: Resolution) -> Vote | None:
    """The vote recorded on a resolution, with its casts, or None."""
    return (
        Vote.objects.for_panel(resolution.panel_id)
        .filter(resolution=resolution)
        .prefetch_related("casts__person")
        .first()
    )


def records_page(panel: Panel, today: dt.date) -> dict[str, Any]:
    """Meetings whose papers may now be archived (the years the law keeps them open have
    passed), and those archived, each with its last day open and the law's citation."""
    archivable: list[dict[str, Any]] = []
    archived: list[dict[str, Any]] = []
    meetings = Meeting.objects.for_panel(panel).published().select_related("body", "panel")
    for meeting in meetings.order_by("start"):
        keep = services.papers_open_until(meeting)
        row = {"meeting": meeting, "open_until": keep}
        if meeting.papers_archived_at is not None:
            archived.append(row)
        elif keep.may_archive(today):
            archivable.append(row)
    return {"archivable": archivable, "archived": archived}
