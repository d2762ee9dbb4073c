"""Who sees what of meetings: drafts for the clerk, published versions projected per reader."""

from __future__ import annotations

from functools import partial
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from documents.models import StoredFile, readable_access
from panel.access import Reader, Role, has_role
from panel.models import Panel
from panel.prepared import Prepared

from .models import (
    AgendaItem,
    AgendaVersion,
    Meeting,
    MinutesVersion,
    Resolution,
    StandingItem,
)
from .querysets import MeetingQuerySet

V = TypeVar("V", AgendaVersion, MinutesVersion)

# Meetings. Everyone sees every meeting's facts (date, time, venue, body, status) from the day
# it is scheduled. The public and OPCC officers see published public business; panel members
# also see exempt business; only the clerk sees drafts. Published versions are projected per
# reader: the public view is built from an allow-list of public fields, never by redacting the
# full one.

ITEM_PUBLIC_FIELDS = (
    "id",
    "parent",
    "number",
    "kind",
    "title",
    "access",
    "paragraph",
    "public_interest",
    "late",
)
APPENDIX_PUBLIC_FIELDS = ("id", "letter", "title", "access", "paragraph", "public_interest")
MINUTE_PUBLIC_FIELDS = ("id", "number", "title", "access", "paragraph")


def can_view_exempt(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK, Role.MEMBER)


def readable_papers(user: Reader, panel: Panel | int) -> tuple[str, ...]:
    """The access of the published papers this reader may read (appendices, their pages in
    search): what ``agenda_for``'s projection shows them, exempt papers to those who may see
    exempt business of this panel."""
    return readable_access(can_view_exempt(user, panel))


def can_draft_meetings(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK)


def visible_meetings(user: Reader, panel: Panel) -> MeetingQuerySet[Meeting]:
    """Every meeting of the panel, for everyone: a meeting is public from the day it is
    scheduled (its date, time, venue, body and status; postponed and cancelled ones too). What
    it holds is not: readers see only published versions of its agenda and minutes
    (``agenda_for``, ``minutes_for``), so before publication the public sees "Agenda to follow"
    and the clerk alone sees the draft, on the drafting screens."""
    del user  # the meeting's facts are public; what it holds is decided by version below
    return Meeting.objects.for_panel(panel)


def _meeting_by_slug(panel_id: int, slug: str) -> QuerySet[Meeting]:
    everyone = visible_meetings(AnonymousUser(), Panel(pk=panel_id))
    return everyone.select_related("body").filter(slug=slug).order_by()[:1]


# Asked by every page of a meeting, its items and its minutes: compiled once per process
# (panel.prepared). Built for the public: a meeting's facts are everyone's (visible_meetings).
_MEETING_BY_SLUG = Prepared(_meeting_by_slug, panel_id=-1, slug="\x1fany meeting")


def access_meeting(user: Reader, panel: Panel, slug: str, *, for_change: bool = False) -> Meeting:
    meeting = _MEETING_BY_SLUG.first(panel_id=panel.pk, slug=slug)
    if meeting is None or (for_change and not can_draft_meetings(user, panel)):
        raise Http404("No such meeting")
    meeting.panel = panel
    return meeting


def access_standing_item(user: Reader, panel: Panel, standing_id: int) -> StandingItem:
    """An item of the panel's standing-item template: the clerk's to change, no one else's."""
    if not can_draft_meetings(user, panel.pk):
        raise Http404("No such standing item")
    item = StandingItem.objects.for_panel(panel).filter(pk=standing_id).first()
    if item is None:
        raise Http404("No such standing item")
    return item


def access_item(user: Reader, meeting: Meeting, item_id: int) -> AgendaItem:
    """A live (draft) agenda item: for the clerk's drafting screens only."""
    if not can_draft_meetings(user, meeting.panel_id):
        raise Http404("No such item")
    item = (
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=meeting, pk=item_id)
        .select_related("report", "parent")
        .first()
    )
    if item is None:
        raise Http404("No such item")
    item.meeting = meeting
    return item


def _project_item(item: dict[str, Any], full: bool) -> dict[str, Any]:
    if item["access"] == "exempt" and not full:
        return {
            **{k: item[k] for k in ITEM_PUBLIC_FIELDS},
            # withdrawn, but not why: the reason may speak of the exempt business
            **({"withdrawn": True} if item.get("withdrawn") else {}),
            "restricted": True,
            "purpose": "",
            "report": None,
            "appendices": [],
        }
    appendices = [
        {**a, "restricted": False}
        if full or a["access"] != "exempt"
        else {
            **{k: a[k] for k in APPENDIX_PUBLIC_FIELDS},
            "restricted": True,
            "file": None,
            "text_html": "",
        }
        for a in item["appendices"]
    ]
    return {**item, "restricted": False, "appendices": appendices}


def _latest_version(panel_id: int, meeting_id: int, *, of: type[V]) -> QuerySet[V]:
    return of.objects.for_panel(panel_id).filter(meeting_id=meeting_id).order_by("-number")[:1]


# Asked by every meeting page: compiled once per process (panel.prepared).
_LATEST_AGENDA = Prepared(partial(_latest_version, of=AgendaVersion), panel_id=-1, meeting_id=-2)
_LATEST_MINUTES = Prepared(partial(_latest_version, of=MinutesVersion), panel_id=-1, meeting_id=-2)


def latest_agenda(meeting: Meeting) -> AgendaVersion | None:
    return _LATEST_AGENDA.first(panel_id=meeting.panel_id, meeting_id=meeting.pk)


def agenda_projection(content: dict[str, Any], *, full: bool) -> dict[str, Any]:
    return {**content, "items": [_project_item(i, full) for i in content["items"]]}


def agenda_for(user: Reader, version: AgendaVersion | None) -> dict[str, Any] | None:
    """A published agenda as this reader may see it. It takes a version, never a meeting:
    readers are shown what was published, never the live draft."""
    if version is None:
        return None
    return agenda_projection(version.content, full=can_view_exempt(user, version.panel_id))


def latest_minutes(meeting: Meeting) -> MinutesVersion | None:
    return _LATEST_MINUTES.first(panel_id=meeting.panel_id, meeting_id=meeting.pk)


def minutes_for(user: Reader, version: MinutesVersion | None) -> dict[str, Any] | None:
    """Published minutes as this reader may see them (a version, never the live record)."""
    if version is None:
        return None
    return minutes_projection(version.content, full=can_view_exempt(user, version.panel_id))


def _late_reasons(panel_id: int, meeting_id: int) -> QuerySet[AgendaVersion, tuple[int, str]]:
    versions = AgendaVersion.objects.for_panel(panel_id).filter(meeting_id=meeting_id)
    return versions.exclude(late_reason="").values_list("number", "late_reason")


# Asked by every meeting page (panel.prepared).
_LATE_REASONS = Prepared(_late_reasons, panel_id=-1, meeting_id=-2)


def late_publications(meeting: Meeting) -> list[dict[str, Any]]:
    """Each published version of the agenda that came inside five clear working days, with the
    reason the clerk recorded, oldest first: public, as the versions are.

    Local Government Act 1972 s.100B(4): an item not open to inspection for the full period may
    be considered only if the chair is of the opinion that, by reason of special circumstances
    (which shall be specified in the minutes), it should be considered as a matter of urgency.
    The reason is shown on the meeting's page, its agenda, its pack, the API and the minutes.
    """
    reasons = _LATE_REASONS.rows(panel_id=meeting.panel_id, meeting_id=meeting.pk)
    last_late = max((n for n, reason in reasons if reason.strip()), default=None)
    if last_late is None:  # the usual case: no version's content need be read
        return []
    published = AgendaVersion.objects.for_panel(meeting.panel_id).filter(meeting=meeting)
    versions = (
        published.filter(number__lte=last_late)
        .order_by("number")
        .only("number", "kind", "published_at", "late_reason", "content")
    )
    rows, seen = [], set[int]()
    for version in versions:
        items = version.content["items"]
        if version.late_reason.strip():
            added = [i for i in items if i["id"] not in seen and i["kind"] != "heading"]
            rows.append(
                {
                    "version": version.number,
                    "kind": version.kind,
                    "label": version.get_kind_display(),
                    "published_at": version.published_at,
                    "reason": version.late_reason,
                    "items": []
                    if version.kind == AgendaVersion.Kind.AGENDA
                    else [f"{i['number']} {i['title']}" for i in added],
                }
            )
        seen.update(i["id"] for i in items)
    return rows


def minutes_status_for(user: Reader, meeting: Meeting) -> str:
    """The minutes' status as this reader may know it: minutes being drafted are the clerk's
    business until they are published (anyone else, or an unknown reader, is told "none")."""
    drafting = meeting.minutes_status == Meeting.MinutesStatus.DRAFT
    if drafting and (user is None or not can_draft_meetings(user, meeting.panel_id)):
        return str(Meeting.MinutesStatus.NONE)
    return str(meeting.minutes_status)


def minutes_projection(content: dict[str, Any], *, full: bool) -> dict[str, Any]:
    items = [
        {**i, "restricted": False}
        if full or i["access"] != "exempt"
        else {
            **{k: i[k] for k in MINUTE_PUBLIC_FIELDS},
            "restricted": True,
            "minute": "",
            "resolutions": [],
            "votes": [],
            "questions": [],
        }
        for i in content["items"]
    ]
    return {**content, "items": items}


def papers_open(user: Reader, meeting: Meeting) -> bool:
    """Whether the reader may read the meeting's papers (agenda, reports, appendices, packs,
    minutes): always, unless the clerk has archived them after the years the law keeps them open
    (meetings.retention); the clerk still reads archived papers."""
    return meeting.papers_archived_at is None or can_draft_meetings(user, meeting.panel_id)


def can_download_pack(user: Reader, meeting: Meeting, audience: str) -> bool:
    """The public pack goes with the published meeting; the members' pack with exempt business."""
    if not meeting.is_published or not papers_open(user, meeting):
        return False
    if audience == "members":
        return can_view_exempt(user, meeting.panel_id)
    return audience == "public"


def visible_file_ids(user: Reader, version: AgendaVersion | None) -> set[int]:
    """Files the reader may download: those of the published agenda they may see."""
    agenda = agenda_for(user, version)
    if agenda is None:
        return set()
    return {a["file"]["id"] for i in agenda["items"] for a in i["appendices"] if a.get("file")}


def can_download_file(user: Reader, meeting: Meeting, stored_file: StoredFile) -> bool:
    if stored_file.panel_id != meeting.panel_id:
        return False
    if can_draft_meetings(user, meeting.panel_id):
        return True
    if not papers_open(user, meeting):
        return False
    return stored_file.pk in visible_file_ids(user, latest_agenda(meeting))


def access_file(user: Reader, meeting: Meeting, file_id: int) -> StoredFile:
    """A stored file of the meeting's published agenda that this reader may download."""
    stored = StoredFile.objects.for_panel(meeting.panel_id).filter(pk=file_id).first()
    if stored is None or not can_download_file(user, meeting, stored):
        raise Http404("No such file")
    return stored


def access_resolution(user: Reader, panel: Panel, resolution_id: int) -> Resolution:
    """A minuted resolution, for the clerk who raises actions from it."""
    if not can_draft_meetings(user, panel):
        raise Http404("No such resolution")
    resolution = (
        Resolution.objects.for_panel(panel)
        .select_related("item__meeting")
        .filter(pk=resolution_id)
        .first()
    )
    if resolution is None:
        raise Http404("No such resolution")
    return resolution
