"""State changes for meetings: drafting and publishing agendas, recording and approving minutes.

Every service validates in full before writing and runs in one transaction. Published agendas
and minutes are stored as versions; nothing published is edited in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from panel.models import Body, Panel, Person
from panel.services import StaleEdit
from panel.tenancy import own_row, panel_scope, require_same_panel

from . import exemptions, extensions, packs, snapshot, tasks, workingdays
from .models import (
    Access,
    AgendaItem,
    AgendaPack,
    AgendaVersion,
    Appendix,
    Attendance,
    Declaration,
    Meeting,
    Minute,
    MinutesVersion,
    Question,
    Report,
    Resolution,
    StandingItem,
    StoredFile,
)
from .sanitise import render_body
from .uploads import check_pdf

Kind = AgendaItem.Kind
TRAILING = (Kind.URGENT, Kind.NEXT_MEETING)

# The standing items of a new agenda when the panel has no template of its own.
DEFAULT_STANDING_ITEMS: list[dict[str, Any]] = [
    {"kind": Kind.HEADING, "title": "General"},
    {"kind": Kind.APOLOGIES, "title": "Apologies", "parent_title": "General"},
    {
        "kind": Kind.DECLARATIONS,
        "parent_title": "General",
        "title": "Members' Disclosures of Pecuniary and Non-Pecuniary Interests",
        "purpose": "Members declare any disclosable pecuniary interest not yet registered, and any "
        "non-pecuniary interest, at the start of the meeting.",
    },
    {"kind": Kind.MINUTES, "title": "Minutes of the previous meeting", "parent_title": "General"},
    {
        "kind": Kind.PUBLIC_QUESTIONS,
        "title": "Public Question Time",
        "purpose": "Up to 30 minutes for questions from the public on the business of the panel or "
        "the Commissioner. Contact Democratic Services at least 3 working days before.",
    },
    {
        "kind": Kind.URGENT,
        "title": "Any Urgent Items",
        "purpose": "Items the Chair considers urgent; please tell Democratic Services beforehand.",
    },
    {"kind": Kind.NEXT_MEETING, "title": "Date of Next Meeting"},
    {
        "kind": Kind.EXCLUSION,
        "title": "Reports Containing Confidential or Exempt Information",
        "purpose": "To consider excluding the public for the items below, because their presence "
        "would involve the disclosure of exempt information.",
    },
    {
        "kind": Kind.COMPLAINTS,
        "title": "Complaints",
        "access": Access.EXEMPT,
        "paragraph": 2,
        "purpose": "A verbal update on complaints received about the conduct of the Police and "
        "Crime Commissioner or the Deputy Commissioner.",
    },
]


def _require_version(meeting: Meeting, expected_version: int | None) -> None:
    """Optimistic lock on the whole agenda: one clerk's save never silently undoes another's."""
    if expected_version is None:
        return
    bumped = own_row(meeting).filter(version=expected_version).update(version=expected_version + 1)
    if bumped != 1:
        raise StaleEdit()
    meeting.version = expected_version + 1


def _section(item: AgendaItem) -> int:
    """Public business, then the trailing standing items, the exclusion resolution, exempt."""
    if item.access == Access.EXEMPT:
        return 3
    if item.kind == Kind.EXCLUSION:
        return 2
    if item.kind in TRAILING:
        return 1
    return 0


def _paragraphs(panel: Panel) -> set[int]:
    return set(exemptions.paragraphs_for(panel.jurisdiction))


def _check_item(item: AgendaItem, panel: Panel) -> None:
    item.clean_exemption(_paragraphs(panel))
    if item.parent_id and item.parent.access != item.access and item.access == Access.PUBLIC:
        raise ValidationError({"access": "A public item cannot sit under an exempt one."})
    if not item.title.strip():
        raise ValidationError({"title": "Enter a title."})


def renumber(meeting: Meeting) -> None:
    """Put items in section order and number them: 1, 2, … and sub-items 1(1), 1(2)."""
    items = list(AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting))
    top = sorted((i for i in items if i.parent_id is None), key=lambda i: (_section(i), i.position))
    for n, item in enumerate(top, start=1):
        item.position, item.number = n, str(n)
        children = sorted((c for c in items if c.parent_id == item.pk), key=lambda c: c.position)
        for m, child in enumerate(children, start=1):
            child.position, child.number = m, f"{n}({m})"
    AgendaItem.objects.for_panel(meeting.panel).bulk_update(items, ["position", "number"])


def _template_rows(panel: Panel) -> list[StandingItem]:
    """The panel's standing items in order: its own, or the standard set (unsaved rows)."""
    return list(StandingItem.objects.for_panel(panel).order_by("position")) or standard_rows(panel)


def standard_rows(panel: Panel) -> list[StandingItem]:
    """The standard standing items, as unsaved rows, with the paragraphs of the panel's nation."""
    offset = 11 if panel.jurisdiction == "wales" else 0
    rows = []
    for d in DEFAULT_STANDING_ITEMS:
        paragraph = d.get("paragraph")
        rows.append(
            StandingItem(
                panel=panel,
                kind=d["kind"],
                title=d["title"],
                purpose=d.get("purpose", ""),
                parent_title=d.get("parent_title", ""),
                access=d.get("access", Access.PUBLIC),
                exempt_paragraph=paragraph + offset if paragraph else None,
            )
        )
    return rows


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
    actor: Any = None,
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
        meeting.save()
        if with_standing_items:
            _insert_standing_items(meeting, panel)
        renumber(meeting)
    return meeting


def _insert_standing_items(meeting: Meeting, panel: Panel) -> None:
    parents: dict[str, AgendaItem] = {}
    for position, row in enumerate(_template_rows(panel), start=1):
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
        item.save()
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
    actor: Any = None,
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
    item.save()
    if kind in (Kind.REPORT, Kind.PCC_UPDATE, Kind.WORK_PROGRAMME):
        Report.objects.create(panel=panel, item=item)
    renumber(meeting)
    item.refresh_from_db(fields=["number", "position"])
    return item


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
    actor: Any = None,
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
        _adopt_as_urgent(item, meeting, heading, expected_version)
    AgendaItem.objects.for_panel(panel).filter(pk=item.pk).update(urgent_reason=reason.strip())
    item.urgent_reason = reason.strip()
    return item


def _adopt_as_urgent(
    item: AgendaItem, meeting: Meeting, heading: AgendaItem | None, expected_version: int | None
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
        item.save(update_fields=["parent", "position"])
        renumber(meeting)


@transaction.atomic
def item_update(
    *, item: AgendaItem, expected_version: int | None = None, actor: Any = None, **changes: Any
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
    item.save(update_fields=sorted({*changes, "exempt_paragraph"}))
    renumber(item.meeting)
    item.refresh_from_db(fields=["number", "position"])
    return item


@transaction.atomic
def item_remove(
    *, item: AgendaItem, expected_version: int | None = None, actor: Any = None
) -> None:
    meeting = item.meeting
    if item.first_published_in:
        raise ValidationError(
            "This item has been published. Withdraw it by publishing a revised agenda instead."
        )
    _require_version(meeting, expected_version)
    item.delete()
    renumber(meeting)


@transaction.atomic
def item_move(
    *, item: AgendaItem, direction: int, expected_version: int | None = None, actor: Any = None
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
    renumber(meeting)


@transaction.atomic
def report_update(
    *, item: AgendaItem, expected_version: int | None = None, actor: Any = None, **fields: Any
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
    report, _ = Report.objects.for_panel(item.panel).get_or_create(
        item=item, defaults={"panel": item.panel}
    )
    for field, value in fields.items():
        setattr(report, field, value)
    report.body_html = render_body(report.body_source, report.body_format)
    report.save()
    return report


def _next_letter(item: AgendaItem) -> str:
    used = set(
        Appendix.objects.for_panel(item.panel).filter(item=item).values_list("letter", flat=True)
    )
    return next(letter for letter in string.ascii_uppercase if letter not in used)


def store_pdf(panel: Panel, upload: Any) -> StoredFile:
    """Check an upload (see uploads.check_pdf) and keep it under a name of our own."""
    checked = check_pdf(upload)
    stored = StoredFile(
        panel=panel,
        name=checked.name,
        size=len(checked.data),
        pages=checked.pages,
        sha256=checked.sha256,
        tagged=checked.tagged,
    )
    stored.file.save(f"{checked.sha256}.pdf", ContentFile(checked.data), save=False)
    stored.save()
    return stored


@transaction.atomic
def appendix_add(
    *,
    item: AgendaItem,
    title: str,
    access: str = Access.PUBLIC,
    exempt_paragraph: int | None = None,
    public_interest: str = "",
    upload: Any = None,
    text: str = "",
    expected_version: int | None = None,
    actor: Any = None,
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
    appendix.save()
    return appendix


@transaction.atomic
def appendix_replace_file(
    *, appendix: Appendix, upload: Any, expected_version: int | None = None, actor: Any = None
) -> Appendix:
    """A new file for an appendix; checked first, so a bad file leaves the old one in place."""
    stored = store_pdf(appendix.panel, upload)
    _require_version(appendix.item.meeting, expected_version)
    appendix.stored_file = stored
    appendix.save(update_fields=["stored_file"])
    return appendix


def deadline_for(meeting: Meeting) -> dt.date:
    return workingdays.publication_deadline(
        timezone.localtime(meeting.start).date(), meeting.panel.jurisdiction
    )


@transaction.atomic
def agenda_publish(
    *,
    meeting: Meeting,
    actor: Any = None,
    late_reason: str = "",
    change_note: str = "",
    at: dt.datetime | None = None,
) -> AgendaVersion:
    """Publish the agenda as it stands: the first agenda, a supplementary one, or a revision.

    ``at`` is the moment of publication (now, unless loading a historical record).
    """
    locked = own_row(meeting).select_for_update().get()
    at = at or timezone.now()
    today = timezone.localtime(at).date()
    items = list(
        AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting, urgent_reason="")
    )
    new_late = [i for i in items if i.late and not i.first_published_in]
    if locked.agenda_version == 0:
        kind = AgendaVersion.Kind.AGENDA
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
    elif new_late:
        kind = AgendaVersion.Kind.SUPPLEMENTARY
        if not late_reason.strip():
            raise ValidationError(
                {
                    "late_reason": (
                        "Late items need a reason: say why they could not wait for the next "
                        "meeting."
                    )
                }
            )
    else:
        kind = AgendaVersion.Kind.REVISED
        if not change_note.strip():
            raise ValidationError({"change_note": "Say what has changed since the last version."})
    number = locked.agenda_version + 1
    version = AgendaVersion.objects.create(
        panel=meeting.panel,
        meeting=meeting,
        number=number,
        kind=kind,
        published_at=at,
        published_by=actor if getattr(actor, "pk", None) else None,
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


def pack_request(*, meeting: Meeting, audience: str, actor: Any = None) -> AgendaPack | None:
    """Queue a pack of the meeting's latest published version, after the transaction commits."""
    job = packs.pack_job_create(meeting=meeting, audience=audience)
    if job is not None:
        transaction.on_commit(lambda: tasks.agenda_pack_generate.delay(job.pk))
    return job


def packs_request_all(*, meeting: Meeting, actor: Any = None) -> None:
    for audience in AgendaPack.Audience.values:
        pack_request(meeting=meeting, audience=audience, actor=actor)


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
    actor: Any = None,
) -> Attendance:
    _minutes_open(meeting)
    require_same_panel(meeting.panel_id, person=person, substitute_for=substitute_for)
    if status == Attendance.Status.SUBSTITUTE and substitute_for is None:
        raise ValidationError({"substitute_for": "Say which member the substitute replaces."})
    row, _ = Attendance.objects.for_panel(meeting.panel).update_or_create(
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


@transaction.atomic
def declaration_add(
    *,
    meeting: Meeting,
    person: Person,
    pecuniary: bool,
    nature: str,
    item: AgendaItem | None = None,
    item_text: str = "",
    actor: Any = None,
) -> Declaration:
    _minutes_open(meeting)
    if not nature.strip():
        raise ValidationError({"nature": "Describe the nature of the interest."})
    require_same_panel(meeting.panel_id, person=person, item=item)
    if item is not None and not _on_record(meeting, item):
        raise ValidationError(
            {"item": "Choose an item of this meeting's published agenda, or urgent business."}
        )
    declaration = Declaration.objects.create(
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
    actor: Any = None,
) -> Minute:
    meeting = item.meeting
    _minutes_open(meeting)
    _require_version(meeting, expected_version)
    minute, _ = Minute.objects.for_panel(meeting.panel).update_or_create(
        item=item, defaults={"panel": meeting.panel, "text": text}
    )
    if resolutions is not None:
        _replace_resolutions(item, resolutions)
    _draft(meeting)
    return minute


def _replace_resolutions(item: AgendaItem, lines: list[str]) -> None:
    """The item's resolutions, numbered 1, 2, … in the order given; blank lines dropped."""
    Resolution.objects.for_panel(item.panel).filter(item=item).delete()
    rows = [
        Resolution(panel=item.panel, item=item, position=n, text=text)
        for n, text in enumerate((line.strip() for line in lines if line.strip()), start=1)
    ]
    bulk_create_with_history(rows, Resolution)  # each resolution in the audit trail too


@transaction.atomic
def question_add(
    *,
    item: AgendaItem,
    asked_by: str,
    question: str,
    answer: str = "",
    answered_by: str = "",
    actor: Any = None,
) -> Question:
    _minutes_open(item.meeting)
    last = (
        Question.objects.for_panel(item.panel).filter(item=item).aggregate(m=Max("position"))["m"]
    )
    return Question.objects.create(
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


def _minutes_version(
    meeting: Meeting, kind: str, actor: Any, reason: str = "", at: dt.datetime | None = None
) -> MinutesVersion:
    agenda = snapshot.published_agenda(meeting)
    if agenda is None:
        raise ValidationError("Publish the agenda first: minutes follow a published agenda.")
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
        published_by=actor if getattr(actor, "pk", None) else None,
        reason=reason,
        content=snapshot.minutes_content(meeting, agenda),
    )
    extensions.minutes_published.send(sender=Meeting, meeting=meeting, version=version)
    return version


@transaction.atomic
def minutes_publish(
    *,
    meeting: Meeting,
    rose_at: dt.time | None = None,
    actor: Any = None,
    at: dt.datetime | None = None,
) -> MinutesVersion:
    """Publish the draft minutes, to be approved at the next meeting.

    The minutes follow the published agenda: while the live agenda says something no published
    version says, they are refused, so that what was taken at the meeting is what the public was
    told would be (urgent business the Chair accepted is recorded as such, not published late).
    """
    _minutes_open(meeting)
    if snapshot.published_agenda(meeting) is None:
        raise ValidationError("Publish the agenda first: minutes follow a published agenda.")
    changes = snapshot.unpublished_changes(meeting)
    if changes:
        raise ValidationError(
            "The agenda has unpublished changes: "
            + "; ".join(str(change) for change in changes)
            + ". Publish a supplementary or revised agenda first, or, for business the Chair "
            "accepted as urgent at the meeting, record it as urgent business."
        )
    if rose_at is not None:
        meeting.rose_at = rose_at
    meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED
    meeting.save(update_fields=["rose_at", "minutes_status"])
    return _minutes_version(meeting, MinutesVersion.Kind.DRAFT, actor, at=at)


@transaction.atomic
def minutes_approve(
    *,
    meeting: Meeting,
    at_meeting: Meeting,
    signed_by: Person,
    actor: Any = None,
    at: dt.datetime | None = None,
) -> MinutesVersion:
    """Approved under the next meeting's minutes item and signed by its Chair; then locked."""
    if meeting.minutes_status != Meeting.MinutesStatus.PUBLISHED:
        raise ValidationError("Publish the draft minutes before they are approved.")
    if at_meeting.previous_id != meeting.pk:
        raise ValidationError({"at_meeting": "Minutes are approved at the meeting that follows."})
    require_same_panel(meeting.panel_id, signed_by=signed_by, at_meeting=at_meeting)
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_at = at_meeting
    meeting.minutes_signed_by = signed_by
    meeting.save(update_fields=["minutes_status", "minutes_approved_at", "minutes_signed_by"])
    _record_approval(meeting, at_meeting, signed_by)
    return _minutes_version(meeting, MinutesVersion.Kind.APPROVED, actor, at=at or at_meeting.start)


def _record_approval(meeting: Meeting, at_meeting: Meeting, signed_by: Person) -> None:
    """The approving meeting's own minutes item says so, unless the clerk has written it."""
    item = (
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=at_meeting, kind=Kind.MINUTES)
        .first()
    )
    if item is None or at_meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        return
    held = f"{timezone.localtime(meeting.start):%-d %B %Y}"
    minute, _ = Minute.objects.for_panel(meeting.panel).get_or_create(
        item=item, defaults={"panel": meeting.panel, "text": ""}
    )
    if (
        minute.text.strip()
        or Resolution.objects.for_panel(meeting.panel).filter(item=item).exists()
    ):
        return
    minute.text = (
        f"The minutes of the meeting held on {held} were signed by {signed_by.display_name}."
    )
    minute.save(update_fields=["text"])
    Resolution.objects.create(
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
    actor: Any = None,
) -> MinutesVersion:
    """A correction to approved minutes: a new version, saying who, when and why."""
    meeting = item.meeting
    if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
        raise ValidationError("Only approved minutes are corrected; edit the draft instead.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the approved minutes are being corrected."})
    if not _on_record(meeting, item):
        raise ValidationError({"item": "Choose an item the minutes record."})
    Minute.objects.for_panel(meeting.panel).update_or_create(
        item=item, defaults={"panel": meeting.panel, "text": text}
    )
    if resolutions is not None:
        _replace_resolutions(item, resolutions)
    return _minutes_version(meeting, MinutesVersion.Kind.CORRECTION, actor, reason)


# The panel's standing items: the template every new agenda opens with.


def standing_fingerprint(panel: Panel) -> str:
    """A digest of the whole template: a form carries it, and a save made after someone else
    changed the template is refused (the template is edited as one list)."""
    rows = (
        StandingItem.objects.for_panel(panel)
        .order_by("position")
        .values_list(
            "pk",
            "position",
            "kind",
            "title",
            "purpose",
            "parent_title",
            "access",
            "exempt_paragraph",
        )
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


def _lock_template(panel: Panel, expected: str | None) -> list[StandingItem]:
    """Lock the panel's row (edits of its template queue behind each other) and check that the
    template is still the one the form was made from; the template's rows, in order."""
    Panel.objects.select_for_update().get(pk=panel.pk)
    if expected is not None and expected != standing_fingerprint(panel):
        raise StaleEdit()
    return _template_rows(panel)  # the first change starts from the standard items


def _row(rows: list[StandingItem], item: StandingItem) -> StandingItem:
    found = next((row for row in rows if row.pk == item.pk), None)
    if found is None:
        raise StaleEdit()  # removed by someone else meanwhile
    return found


def _check_template(panel: Panel, rows: list[StandingItem]) -> None:
    """What meeting_create needs of the template: titles, paragraphs of the panel's nation,
    each sub-item after a heading of its title, no public item under an exempt heading."""
    allowed, headings = _paragraphs(panel), {}
    for row in rows:
        if not row.title.strip():
            raise ValidationError({"title": "Enter a title."})
        if row.kind not in Kind.values:
            raise ValidationError({"kind": "Choose what kind of item it is."})
        if row.access == Access.EXEMPT and row.exempt_paragraph not in allowed:
            raise ValidationError(
                {"exempt_paragraph": "Choose the paragraph that makes it exempt."}
            )
        if row.access == Access.PUBLIC:
            row.exempt_paragraph = None
        if row.parent_title:
            heading = headings.get(row.parent_title)
            if heading is None:
                raise ValidationError(
                    {
                        "parent_title": (
                            f"“{row.title}” sits under “{row.parent_title}”, so it must come after "
                            "that heading."
                        )
                    }
                )
            if heading.access == Access.EXEMPT and row.access == Access.PUBLIC:
                raise ValidationError({"access": "A public item cannot sit under an exempt one."})
        if row.kind == Kind.HEADING:
            if row.parent_title:
                raise ValidationError({"parent_title": "A heading cannot sit under another."})
            headings[row.title] = row


def _save_template(panel: Panel, rows: list[StandingItem]) -> None:
    _check_template(panel, rows)
    kept = [row.pk for row in rows if row.pk]
    StandingItem.objects.for_panel(panel).exclude(pk__in=kept).delete()
    for position, row in enumerate(rows, start=1):
        row.panel, row.position = panel, position
        row.save()


@transaction.atomic
def standing_items_customise(*, panel: Panel, actor: Any = None) -> list[StandingItem]:
    """Make the standard items the panel's own template, to change them."""
    rows = _lock_template(panel, None)
    if not any(row.pk for row in rows):
        _save_template(panel, rows)
    return rows


@transaction.atomic
def standing_item_save(
    *,
    panel: Panel,
    item: StandingItem | None = None,
    expected: str | None = None,
    actor: Any = None,
    **fields: Any,
) -> StandingItem:
    """Add an item at the end of the template (``item`` None) or change one. Renaming a heading
    keeps its sub-items under it."""
    rows = _lock_template(panel, expected)
    if item is None:
        item = StandingItem(panel=panel)
        rows.append(item)
    else:
        item = _row(rows, item)
    old_title = item.title if item.kind == Kind.HEADING else None
    for name, value in fields.items():
        setattr(item, name, value)
    if old_title and old_title != item.title:
        for row in rows:
            if row.parent_title == old_title:
                row.parent_title = item.title
    _save_template(panel, rows)
    return item


@transaction.atomic
def standing_item_move(
    *,
    panel: Panel,
    item: StandingItem,
    direction: int,
    expected: str | None = None,
    actor: Any = None,
) -> None:
    rows = _lock_template(panel, expected)
    index = rows.index(_row(rows, item))
    other = index + direction
    if not 0 <= other < len(rows):
        return
    rows[index], rows[other] = rows[other], rows[index]
    _save_template(panel, rows)


@transaction.atomic
def standing_item_remove(
    *, panel: Panel, item: StandingItem, expected: str | None = None, actor: Any = None
) -> None:
    """Remove an item; a removed heading's sub-items become items of their own."""
    rows = [row for row in _lock_template(panel, expected) if row.pk != item.pk]
    if item.kind == Kind.HEADING:
        for row in rows:
            if row.parent_title == item.title:
                row.parent_title = ""
    _save_template(panel, rows)
