"""What a published version holds: the full content at the moment of publication.

The one rule of the published record: every reader's projection (pages, API, feeds, search,
packs, item PDFs, emails, CSV) is built from a published, immutable version, never from the live
rows, which only the editors of the draft read. This module is where the live rows become a
version. An agenda version is the live agenda at the moment of publication
(`agenda_content`). A minutes version is the published agenda version it follows, item by item,
with the minutes written for each (`minutes_content` takes that version, never the live items),
plus urgent business the Chair accepted at the meeting; publishing minutes while the agenda has
unpublished changes is refused (`unpublished_changes` names them).

What a reader sees of a version is decided by the access policy (`panel.policy.agenda_for` /
`minutes_for`), which builds the public view from the public fields only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from . import access, extensions
from .models import AgendaItem, AgendaVersion, Appendix, Attendance, Declaration, Meeting


def _file(appendix: Appendix) -> dict[str, Any] | None:
    f = appendix.stored_file
    if f is None:
        return None
    return {"id": f.pk, "name": f.name, "size": f.size, "pages": f.pages, "sha256": f.sha256}


def _appendix(a: Appendix) -> dict[str, Any]:
    return {
        "id": a.pk,
        "letter": a.letter,
        "title": a.title,
        "access": a.access,
        "paragraph": a.exempt_paragraph,
        "public_interest": a.public_interest,
        "file": _file(a),
        "text_html": a.text_html,
    }


def report_content(item: AgendaItem) -> dict[str, Any] | None:
    report = getattr(item, "report", None)
    if report is None:
        return None
    return {
        "recommendations": report.recommendation_list,
        "body_html": report.body_html,
        "author": report.author,
        "author_contact": report.author_contact,
        "head_of_service": report.head_of_service,
        "strategic_director": report.strategic_director,
        "background_papers": report.background_papers,
    }


def _items(meeting: Meeting) -> list[AgendaItem]:
    return items_of([meeting])[meeting.pk]


def items_of(meetings: list[Meeting]) -> dict[int, list[AgendaItem]]:
    """The live items of these meetings (of one panel) with what a version holds of each, in
    a constant number of queries: one meeting's for publishing, many for a bulk load."""
    found: dict[int, list[AgendaItem]] = {m.pk: [] for m in meetings}
    if not meetings:
        return found
    rows = (
        AgendaItem.objects.for_panel(meetings[0].panel_id)
        .filter(meeting__in=[m.pk for m in meetings])
        .select_related("report", "minute")
        .prefetch_related(
            "appendices__stored_file", "resolutions__vote__casts__person", "questions"
        )
    )
    for item in rows:
        found[item.meeting_id].append(item)
    return found


def in_agenda_order(items: list[AgendaItem]) -> list[AgendaItem]:
    """Items as the agenda lists them: each top-level item, then its sub-items."""
    top = sorted((i for i in items if i.parent_id is None), key=lambda i: i.position)
    ordered = []
    for item in top:
        ordered.append(item)
        ordered.extend(
            sorted((c for c in items if c.parent_id == item.pk), key=lambda c: c.position)
        )
    return ordered


def withdrawn_reasons(items: list[AgendaItem]) -> dict[int, str]:
    """Why each withdrawn item is off the agenda, by its id: its own reason, or its parent's (a
    sub-item goes with the item it belongs to, its papers with it)."""
    own = {i.pk: i.withdrawn_reason for i in items}
    found = {i.pk: i.withdrawn_reason or own.get(i.parent_id or 0, "") for i in items}
    return {pk: reason for pk, reason in found.items() if reason}


def _generated_appendices(item: AgendaItem, real: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Appendices another app generates for an item of this kind (the Work Programme item
    carries the live programme and tracker as they stand), lettered after the item's own."""
    provide = extensions.generated_appendices.get(item.kind)
    if provide is None:
        return []
    used = {a["letter"] for a in real}
    letters = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used]
    return [
        {
            "id": -(n + 1),
            "letter": letters[n],
            "title": title,
            "access": "public",
            "paragraph": None,
            "public_interest": "",
            "file": None,
            "text_html": html,
        }
        for n, (title, html) in enumerate(provide(item.meeting))
    ]


def agenda_content(
    meeting: Meeting, *, generated: bool = True, items: list[AgendaItem] | None = None
) -> dict[str, Any]:
    """The live agenda as a version would hold it. Urgent business accepted at the meeting is
    never on the agenda: it is minuted only. ``generated`` False leaves out the live programme
    and tracker appendices (they are not the clerk's edits). ``items``: the meeting's live
    items as `items_of` fetches them, if already fetched."""
    items = [i for i in (_items(meeting) if items is None else items) if not i.urgent_reason]
    withdrawn = withdrawn_reasons(items)
    return {
        "meeting": {
            "start": timezone.localtime(meeting.start).isoformat(),
            "venue": meeting.venue,
            "webcast_url": meeting.webcast_url,
            "body": meeting.body.name,
        },
        "items": [
            {
                "id": i.pk,
                "parent": i.parent_id,
                "number": i.number,
                "kind": i.kind,
                "title": i.title,
                "purpose": i.purpose,
                "access": i.access,
                "paragraph": i.exempt_paragraph,
                "public_interest": i.public_interest,
                "late": i.late,
                # a withdrawn item keeps its number and title, with the reason, and no papers
                **(
                    {"withdrawn": True, "withdrawn_reason": withdrawn[i.pk]}
                    if i.pk in withdrawn
                    else {}
                ),
                "report": None if i.pk in withdrawn else report_content(i),
                "appendices": []
                if i.pk in withdrawn
                else (real := [_appendix(a) for a in i.appendices.all()])
                + (_generated_appendices(i, real) if generated else []),
            }
            for i in in_agenda_order(items)
        ],
    }


@dataclass(frozen=True)
class Change:
    """An edit of the live agenda that no published version carries yet."""

    number: str
    title: str
    what: str

    def __str__(self) -> str:
        return f"item {self.number} “{self.title}” ({self.what})"


def _same(published: Any, live: Any) -> bool:
    """Whether the live content says what the published content says. Keys the published
    version lacks (added to snapshots since it was stored) are not a change."""
    if isinstance(published, dict):
        return isinstance(live, dict) and all(
            k in live and _same(v, live[k]) for k, v in published.items()
        )
    if isinstance(published, list):
        return (
            isinstance(live, list)
            and len(published) == len(live)
            and all(_same(p, q) for p, q in zip(published, live, strict=True))
        )
    return bool(published == live)


def _real(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "appendices": [a for a in item["appendices"] if a["id"] > 0]}


def _what_changed(was: dict[str, Any], now: dict[str, Any], moved: bool) -> str:
    what = []
    if was["title"] != now["title"]:
        what.append(f"renamed from “{was['title']}”")
    if moved:
        what.append(f"moved from {was['number']}")
    if was["access"] != now["access"]:
        what.append("made exempt" if now["access"] == "exempt" else "made public")
    elif was["paragraph"] != now["paragraph"]:
        what.append("its exemption paragraph changed")
    if now.get("withdrawn") and not was.get("withdrawn"):
        what.append(f"withdrawn: {now['withdrawn_reason']}")  # its papers go with it
    elif was.get("withdrawn") and not now.get("withdrawn"):
        what.append("reinstated")
    else:
        settled = ("title", "number", "access", "paragraph", "parent")
        rest = {k: v for k, v in was.items() if k not in settled}
        if not _same(rest, now):
            what.append("its content changed")
    return ", ".join(what)


def unpublished_changes(meeting: Meeting, version: AgendaVersion | None = None) -> list[Change]:
    """What the live agenda says that its latest published version does not: items added,
    renamed, moved, made exempt or public, their reports and appendices changed, items removed.
    An item whose number changed only because another was added before it has not moved."""
    version = version or access.latest_agenda(meeting)
    live = [_real(i) for i in agenda_content(meeting, generated=False)["items"]]
    if version is None:
        return [Change(i["number"], i["title"], "added") for i in live]
    published = {i["id"]: _real(i) for i in version.content["items"]}
    order_was = [i for i in published if i in {item["id"] for item in live}]
    order_now = [item["id"] for item in live if item["id"] in published]
    changes = []
    for item in live:
        was = published.pop(item["id"], None)
        if was is None:
            changes.append(Change(item["number"], item["title"], "added"))
            continue
        moved = order_was.index(item["id"]) != order_now.index(item["id"]) or (
            was["parent"] != item["parent"]
        )
        what = _what_changed(was, item, moved)
        if what:
            changes.append(Change(item["number"], item["title"], what))
    changes += [Change(i["number"], i["title"], "removed") for i in published.values()]
    return changes


def _urgent_numbers(agenda: dict[str, Any], urgent: list[AgendaItem]) -> dict[int, str]:
    """Numbers for urgent business that no published number uses: under the agenda's "Any
    urgent items" (4(1), 4(2), …), or U1, U2, … when the agenda has no such item."""
    used = {i["number"] for i in agenda["items"]}
    base = next((i["number"] for i in agenda["items"] if i["kind"] == AgendaItem.Kind.URGENT), "")
    numbers: dict[int, str] = {}
    n = 0
    for item in urgent:
        n += 1
        while (number := f"{base}({n})" if base else f"U{n}") in used:
            n += 1
        numbers[item.pk] = number
    return numbers


def _minute_row(entry: dict[str, Any], item: AgendaItem | None) -> dict[str, Any]:
    minute = getattr(item, "minute", None) if item is not None else None
    return {
        "id": entry["id"],
        "number": entry["number"],
        "title": entry["title"],
        "access": entry["access"],
        "paragraph": entry["paragraph"],
        "urgent_reason": entry.get("urgent_reason", ""),
        "minute": minute.text if minute is not None else "",
        "resolutions": [r.text for r in item.resolutions.all()] if item else [],
        "votes": _votes(item) if item else [],
        "questions": [
            {
                "asked_by": q.asked_by,
                "question": q.question,
                "answer": q.answer,
                "answered_by": q.answered_by,
            }
            for q in (item.questions.all() if item else [])
        ],
    }


def _votes(item: AgendaItem) -> list[dict[str, Any]]:
    """The recorded votes on the item's resolutions, each by the resolution's number."""
    out = []
    for resolution in item.resolutions.all():
        vote = getattr(resolution, "vote", None)
        if vote is None:
            continue
        tally = vote.tally()
        out.append(
            {
                "resolution": resolution.position,
                "in_favour": tally.in_favour,
                "against": tally.against,
                "abstained": tally.abstained,
                "outcome": tally.text,
                "casts": [
                    {"person": c.person.display_name, "cast": c.cast} for c in vote.casts.all()
                ],
            }
        )
    return out


def _urgent_entry(item: AgendaItem, number: str) -> dict[str, Any]:
    return {
        "id": item.pk,
        "number": number,
        "title": item.title,
        "access": item.access,
        "paragraph": item.exempt_paragraph,
        "urgent_reason": item.urgent_reason,
    }


def minutes_content(
    meeting: Meeting, agenda: AgendaVersion, *, items: list[AgendaItem] | None = None
) -> dict[str, Any]:
    """The minutes as published: the items, numbers and titles of the published ``agenda``
    (never the live rows), each with its minute, resolutions and questions, and the urgent
    business the Chair accepted, after the agenda's "Any urgent items"."""
    live = {i.pk: i for i in (_items(meeting) if items is None else items)}
    urgent = [i for i in in_agenda_order(list(live.values())) if i.urgent_reason]
    numbers = _urgent_numbers(agenda.content, urgent)
    urgent_rows = [_minute_row(_urgent_entry(i, numbers[i.pk]), i) for i in urgent]
    rows: list[dict[str, Any]] = []
    for entry in agenda.content["items"]:
        rows.append(_minute_row(entry, live.get(entry["id"])))
        if entry["kind"] == AgendaItem.Kind.URGENT and entry["parent"] is None:
            rows += urgent_rows
            urgent_rows = []
    rows += urgent_rows
    on_record = {row["id"]: row["number"] for row in rows}
    return {
        # LGA 1972 s.100B(4)(b): the special circumstances of business not open to inspection
        # for five clear working days "shall be specified in the minutes".
        "late_publications": [
            {**late, "published_at": late["published_at"].isoformat()}
            for late in access.late_publications(meeting)
            if late["version"] <= agenda.number
        ],
        "rose_at": meeting.rose_at.strftime("%H:%M") if meeting.rose_at else None,
        "attendance": _attendance(meeting),
        "declarations": _declarations(meeting, on_record),
        "items": rows,
    }


def _attendance(meeting: Meeting) -> list[dict[str, Any]]:
    attendance = (
        Attendance.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .select_related("person", "substitute_for")
        .order_by("status", "person__name")
    )
    return [
        {
            "person": a.person.display_name,
            "person_id": a.person_id,
            "substitute_for_id": a.substitute_for_id,
            "status": a.status,
            "capacity": a.capacity,
            "substitute_for": a.substitute_for.display_name if a.substitute_for else None,
        }
        for a in attendance
    ]


def _declarations(meeting: Meeting, on_record: dict[int, str]) -> list[dict[str, Any]]:
    """A declaration names its item by the number the minutes give it (never a draft's)."""
    declarations = (
        Declaration.objects.for_panel(meeting.panel).filter(meeting=meeting).order_by("pk")
    ).select_related("person")
    return [
        {
            "person": d.person.display_name,
            "item": on_record.get(d.item_id, "") if d.item_id else d.item_text,
            "pecuniary": d.pecuniary,
            "nature": d.nature,
        }
        for d in declarations
    ]


def next_kind(meeting: Meeting, items: list[AgendaItem]) -> str:
    """What the next publication of the agenda will be: the agenda itself, a supplementary
    agenda (late items not yet published) or a revision. ``items`` are the meeting's items
    without urgent business."""
    if meeting.agenda_version == 0:
        return AgendaVersion.Kind.AGENDA
    if any(i.late and not i.first_published_in for i in items):
        return AgendaVersion.Kind.SUPPLEMENTARY
    return AgendaVersion.Kind.REVISED
