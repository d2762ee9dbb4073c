"""Drafting and publishing agendas: meetings, items, reports, appendices, versions and packs."""

from __future__ import annotations

import datetime as dt
import string
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from documents.sanitise import render_body
from documents.services import store_pdf
from panel.audit import Actor, create_as, delete_as, get_or_create_as, save_as
from panel.models import Body, Panel
from panel.tenancy import own_row, panel_scope, require_same_panel

from .. import extensions, packs, snapshot, tasks, workingdays
from ..models import (
    Access,
    AgendaItem,
    AgendaPack,
    AgendaVersion,
    Appendix,
    Meeting,
    Report,
)
from ._common import Kind, _check_item, _paragraphs, _require_version, _section, renumber
from .standing import standing_rows_for


def meeting_slug(body: Body, start: dt.datetime) -> str:
    day = timezone.localtime(start).date().isoformat()
    return day if body.kind == Body.Kind.PANEL else f"{day}-{body.slug}"


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    start: dt.datetime,
    venue: str,
    webcast_url: str = "",
    previous: Meeting | None = None,
    with_standing_items: bool = True,
    actor: Actor,
) -> Meeting:
    panel = Panel.objects.get(pk=body.panel_id)
    if timezone.is_naive(start):
        raise ValidationError({"start": "Give the start time with its time zone."})
    require_same_panel(body.panel_id, previous=previous)
    meeting = Meeting(
        panel=panel,
        body=body,
        start=start,
        venue=venue,
        webcast_url=webcast_url,
        previous=previous,
        slug=meeting_slug(body, start),
    )
    with panel_scope(panel):
        meeting.full_clean()
        save_as(meeting, actor)
        if with_standing_items:
            _insert_standing_items(meeting, panel, actor)
        renumber(meeting)
    return meeting


def _insert_standing_items(meeting: Meeting, panel: Panel, actor: Actor) -> None:
    parents: dict[str, AgendaItem] = {}
    for position, row in enumerate(standing_rows_for(panel, meeting.body.kind), start=1):
        title = row.title
        if row.kind == Kind.MINUTES and meeting.previous is not None:
            held = timezone.localtime(meeting.previous.start)
            title = f"Minutes of the meeting held on {held:%-d %B %Y}"
        item = AgendaItem(
            panel=panel,
            meeting=meeting,
            parent=parents.get(row.parent_title),
            position=position,
            kind=row.kind,
            title=title,
            purpose=row.purpose,
            access=row.access,
            exempt_paragraph=row.exempt_paragraph,
        )
        _check_item(item, panel)
        save_as(item, actor)
        if row.kind == Kind.HEADING:
            parents[title] = item


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    title: str,
    purpose: str = "",
    access: str = Access.PUBLIC,
    exempt_paragraph: int | None = None,
    public_interest: str = "",
    parent: AgendaItem | None = None,
    kind: str = Kind.REPORT,
    expected_version: int | None = None,
    actor: Actor,
) -> AgendaItem:
    panel = meeting.panel
    if parent is not None and parent.meeting_id != meeting.pk:
        raise ValidationError({"parent": "Choose a heading of this meeting."})
    _require_version(meeting, expected_version)
    siblings = AgendaItem.objects.for_panel(panel).filter(meeting=meeting, parent=parent)
    item = AgendaItem(
        panel=panel,
        meeting=meeting,
        parent=parent,
        kind=kind,
        title=title,
        purpose=purpose,
        access=access,
        exempt_paragraph=exempt_paragraph,
        public_interest=public_interest,
        late=meeting.is_published,
    )
    _check_item(item, panel)
    # A new report goes at the end of its section: before the trailing standing items.
    same_section = [s.position for s in siblings if _section(s) <= _section(item)]
    item.position = (max(same_section) if same_section else 0) + 1
    siblings.filter(position__gte=item.position).update(position=F("position") + 1)
    save_as(item, actor)
    if kind in (Kind.REPORT, Kind.PCC_UPDATE, Kind.WORK_PROGRAMME):
        create_as(Report, actor, panel=panel, item=item)
    renumber(meeting)
    item.refresh_from_db(fields=["number", "position"])
    _prerender_soon(meeting)
    return item


@transaction.atomic
def item_update(
    *, item: AgendaItem, expected_version: int | None = None, actor: Actor, **changes: Any
) -> AgendaItem:
    allowed = {"title", "purpose", "access", "exempt_paragraph", "public_interest"}
    if set(changes) - allowed:
        raise TypeError(f"unknown fields {sorted(set(changes) - allowed)}")
    _require_version(item.meeting, expected_version)
    for field, value in changes.items():
        setattr(item, field, value)
    if item.access == Access.PUBLIC:
        item.exempt_paragraph = None
    _check_item(item, item.meeting.panel)
    # Only the fields edited: a stale copy must not write back its publication bookkeeping.
    save_as(item, actor, update_fields=sorted({*changes, "exempt_paragraph"}))
    renumber(item.meeting)
    item.refresh_from_db(fields=["number", "position"])
    _prerender_soon(item.meeting)
    return item


@transaction.atomic
def item_remove(*, item: AgendaItem, expected_version: int | None = None, actor: Actor) -> None:
    meeting = item.meeting
    if item.first_published_in:
        raise ValidationError(
            "This item has been published: withdraw it, giving the reason, and publish the "
            "revised agenda."
        )
    _require_version(meeting, expected_version)
    delete_as(item, actor)
    _prerender_soon(meeting)
    renumber(meeting)


@transaction.atomic
def item_withdraw(
    *, item: AgendaItem, reason: str, expected_version: int | None = None, actor: Actor
) -> AgendaItem:
    """Take a published item off the agenda: it keeps its number and title, marked withdrawn
    with the reason, and the revised agenda the clerk publishes next carries none of its papers
    (its report, appendices and pages go from the public record with that publication)."""
    if not item.first_published_in:
        raise ValidationError("This item has not been published: remove it instead.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the item is withdrawn."})
    return _withdrawn(item, reason.strip(), expected_version, actor)


@transaction.atomic
def item_reinstate(
    *, item: AgendaItem, expected_version: int | None = None, actor: Actor
) -> AgendaItem:
    """Put a withdrawn item back on the agenda (before or after a revision is published)."""
    return _withdrawn(item, "", expected_version, actor)


def _withdrawn(
    item: AgendaItem, reason: str, expected_version: int | None, actor: Actor
) -> AgendaItem:
    """The item withdrawn for ``reason`` (none: on the agenda), rendered ahead for the packs."""
    _require_version(item.meeting, expected_version)
    item.withdrawn_reason = reason
    save_as(item, actor, update_fields=["withdrawn_reason"])
    _prerender_soon(item.meeting)
    return item


@transaction.atomic
def item_move(
    *, item: AgendaItem, direction: int, expected_version: int | None = None, actor: Actor
) -> None:
    """Swap with the neighbour above (-1) or below (+1), within the item's own section."""
    meeting = item.meeting
    _require_version(meeting, expected_version)
    siblings = sorted(
        AgendaItem.objects.for_panel(meeting.panel).filter(
            meeting=meeting, parent_id=item.parent_id
        ),
        key=lambda i: i.position,
    )
    index = next(n for n, s in enumerate(siblings) if s.pk == item.pk)
    other = index + direction
    if not 0 <= other < len(siblings) or _section(siblings[other]) != _section(item):
        raise ValidationError(
            "The item cannot move further: exempt business stays after the resolution to "
            "exclude the public, and public business before it."
        )
    mine, theirs = siblings[index], siblings[other]
    mine.position, theirs.position = theirs.position, mine.position
    AgendaItem.objects.for_panel(meeting.panel).bulk_update([mine, theirs], ["position"])
    _prerender_soon(meeting)
    renumber(meeting)


@transaction.atomic
def report_update(
    *, item: AgendaItem, expected_version: int | None = None, actor: Actor, **fields: Any
) -> Report:
    allowed = {
        "recommendations",
        "body_source",
        "body_format",
        "author",
        "author_contact",
        "head_of_service",
        "strategic_director",
        "background_papers",
    }
    if set(fields) - allowed:
        raise TypeError(f"unknown fields {sorted(set(fields) - allowed)}")
    _require_version(item.meeting, expected_version)
    report, _ = get_or_create_as(
        Report.objects.for_panel(item.panel), actor, item=item, defaults={"panel": item.panel}
    )
    for field, value in fields.items():
        setattr(report, field, value)
    report.body_html = render_body(report.body_source, report.body_format)
    save_as(report, actor)
    _prerender_soon(item.meeting)
    return report


def _next_letter(item: AgendaItem) -> str:
    used = set(
        Appendix.objects.for_panel(item.panel).filter(item=item).values_list("letter", flat=True)
    )
    return next(letter for letter in string.ascii_uppercase if letter not in used)


@transaction.atomic
def appendix_add(
    *,
    item: AgendaItem,
    title: str,
    access: str = Access.PUBLIC,
    exempt_paragraph: int | None = None,
    public_interest: str = "",
    upload: IO[bytes] | None = None,
    text: str = "",
    expected_version: int | None = None,
    actor: Actor,
) -> Appendix:
    panel = item.meeting.panel
    if upload is None and not text.strip():
        raise ValidationError({"file": "Upload a PDF or write the appendix's text."})
    appendix = Appendix(
        panel=panel,
        item=item,
        letter=_next_letter(item),
        title=title,
        access=access,
        exempt_paragraph=exempt_paragraph,
        public_interest=public_interest,
        text_source=text,
        text_html=render_body(text, "markdown") if text else "",
    )
    appendix.clean_exemption(_paragraphs(panel))
    if item.is_exempt and not appendix.is_exempt:
        raise ValidationError({"access": "An exempt item's appendices are exempt too."})
    if upload is not None:
        appendix.stored_file = store_pdf(panel, upload)
    _require_version(item.meeting, expected_version)
    save_as(appendix, actor)
    _prerender_soon(item.meeting)
    return appendix


@transaction.atomic
def appendix_replace_file(
    *, appendix: Appendix, upload: IO[bytes], expected_version: int | None = None, actor: Actor
) -> Appendix:
    """A new file for an appendix; checked first, so a bad file leaves the old one in place."""
    stored = store_pdf(appendix.panel, upload)
    _require_version(appendix.item.meeting, expected_version)
    appendix.stored_file = stored
    save_as(appendix, actor, update_fields=["stored_file"])
    _prerender_soon(appendix.item.meeting)
    return appendix


def deadline_for(meeting: Meeting) -> dt.date:
    return workingdays.publication_deadline(
        timezone.localtime(meeting.start).date(), meeting.panel.jurisdiction
    )


@transaction.atomic
def agenda_publish(
    *,
    meeting: Meeting,
    actor: Actor,
    late_reason: str = "",
    change_note: str = "",
    at: dt.datetime | None = None,
) -> AgendaVersion:
    """Publish the agenda as it stands: the first agenda, a supplementary one, or a revision.

    ``at`` is the moment of publication (now, unless loading a historical record).
    """
    locked = own_row(meeting).select_for_update().get()
    if locked.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting is cancelled: reinstate it before publishing.")
    at = at or timezone.now()
    today = timezone.localtime(at).date()
    items = list(
        AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting, urgent_reason="")
    )
    kind = snapshot.next_kind(locked, items)
    if kind == AgendaVersion.Kind.AGENDA:
        meeting_day = timezone.localtime(meeting.start).date()
        on_time = workingdays.gives_notice(today, meeting_day, meeting.panel.jurisdiction)
        if not on_time and not late_reason.strip():
            raise ValidationError(
                {
                    "late_reason": (
                        "The deadline for five clear working days was "
                        f"{deadline_for(meeting):%-d %B %Y}. Give the reason for publishing late."
                    )
                }
            )
    elif kind == AgendaVersion.Kind.SUPPLEMENTARY:
        if not late_reason.strip():
            raise ValidationError(
                {
                    "late_reason": (
                        "Late items need a reason: say why they could not wait for the next "
                        "meeting."
                    )
                }
            )
    elif not change_note.strip():
        raise ValidationError({"change_note": "Say what has changed since the last version."})
    number = locked.agenda_version + 1
    version = AgendaVersion.objects.create(
        panel=meeting.panel,
        meeting=meeting,
        number=number,
        kind=kind,
        published_at=at,
        published_by=actor,
        late_reason=late_reason,
        change_note=change_note,
        content=snapshot.agenda_content(meeting),
    )
    AgendaItem.objects.for_panel(meeting.panel).filter(
        meeting=meeting, first_published_in__isnull=True, urgent_reason=""
    ).update(first_published_in=number)
    own_row(meeting).update(agenda_version=number)
    meeting.agenda_version = number
    if settings.AGENDA_PACKS_ON_PUBLISH:
        packs_request_all(meeting=meeting, actor=actor)  # on commit; the old pack stays served
    extensions.agenda_published.send(sender=Meeting, meeting=meeting, version=version)
    return version


def _prerender_soon(meeting: Meeting) -> None:
    """Once the edit commits, have the pack parts it changed rendered ahead after a pause (a
    burst of edits renders once; meetings.packs.prerender)."""
    if not settings.PACK_PRERENDER:
        return
    meeting_id = meeting.pk

    def request() -> None:
        token = packs.prerender.prerender_token(meeting_id)
        tasks.agenda_packs_prerender.apply_async(
            (meeting_id, token), countdown=settings.PACK_PRERENDER_SECONDS
        )

    transaction.on_commit(request)


def pack_request(*, meeting: Meeting, audience: str, actor: Actor) -> AgendaPack | None:
    """Queue a pack of the meeting's latest published version, after the transaction commits."""
    job = packs.pack_job_create(meeting=meeting, audience=audience)
    if job is not None:
        transaction.on_commit(lambda: tasks.agenda_pack_generate.delay(job.pk))
    return job


def packs_request_all(*, meeting: Meeting, actor: Actor) -> None:
    for audience in AgendaPack.Audience.values:
        pack_request(meeting=meeting, audience=audience, actor=actor)
