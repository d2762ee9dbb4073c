"""What a published version holds: the full content at the moment of publication.

Versions store everything; what a reader sees of one is decided by the access policy
(`panel.policy.agenda_for` / `minutes_for`), which builds the public view from the public
fields only.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import AgendaItem, Appendix, Attendance, Declaration, Meeting


def _file(appendix: Appendix) -> dict[str, Any] | None:
    f = appendix.stored_file
    if f is None:
        return None
    return {"id": f.pk, "name": f.name, "size": f.size, "pages": f.pages, "sha256": f.sha256}


def _appendix(a: Appendix) -> dict[str, Any]:
    return {
        "id": a.pk, "letter": a.letter, "title": a.title, "access": a.access,
        "paragraph": a.exempt_paragraph, "public_interest": a.public_interest, "file": _file(a),
        "text_html": a.text_html,
    }  # fmt: skip


def report_content(item: AgendaItem) -> dict[str, Any] | None:
    report = getattr(item, "report", None)
    if report is None:
        return None
    return {
        "recommendations": report.recommendation_list, "body_html": report.body_html,
        "author": report.author, "author_contact": report.author_contact,
        "head_of_service": report.head_of_service, "strategic_director": report.strategic_director,
        "background_papers": report.background_papers,
    }  # fmt: skip


def _items(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .select_related("report", "minute")
        .prefetch_related("appendices__stored_file", "resolutions", "questions")
    )


def _ordered(items: list[AgendaItem]) -> list[AgendaItem]:
    top = sorted((i for i in items if i.parent_id is None), key=lambda i: i.position)
    ordered = []
    for item in top:
        ordered.append(item)
        ordered.extend(
            sorted((c for c in items if c.parent_id == item.pk), key=lambda c: c.position)
        )
    return ordered


def _generated_appendices(item: AgendaItem, real: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The Work Programme item carries the live programme and tracker as they stand."""
    if item.kind != AgendaItem.Kind.WORK_PROGRAMME:
        return []
    from workprogramme.render import programme_html, tracker_html

    used = {a["letter"] for a in real}
    letters = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used]
    rows = [("Work Programme", programme_html(item.meeting)),
            ("Recommendations and Actions Plan", tracker_html(item.meeting))]  # fmt: skip
    return [
        {"id": -(n + 1), "letter": letters[n], "title": title, "access": "public",
         "paragraph": None, "public_interest": "", "file": None, "text_html": html}
        for n, (title, html) in enumerate(rows)
    ]  # fmt: skip


def agenda_content(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": {
            "start": timezone.localtime(meeting.start).isoformat(), "venue": meeting.venue,
            "webcast_url": meeting.webcast_url, "body": meeting.body.name,
        },
        "items": [
            {
                "id": i.pk, "parent": i.parent_id, "number": i.number, "kind": i.kind,
                "title": i.title, "purpose": i.purpose, "access": i.access,
                "paragraph": i.exempt_paragraph, "public_interest": i.public_interest,
                "late": i.late, "report": report_content(i),
                "appendices": (real := [_appendix(a) for a in i.appendices.all()])
                + _generated_appendices(i, real),
            }
            for i in _ordered(_items(meeting))
        ],
    }  # fmt: skip


def minutes_content(meeting: Meeting) -> dict[str, Any]:
    attendance = (
        Attendance.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .select_related("person", "substitute_for")
        .order_by("status", "person__name")
    )
    declarations = (
        Declaration.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .select_related("person", "item")
        .order_by("pk")
    )
    return {
        "rose_at": meeting.rose_at.strftime("%H:%M") if meeting.rose_at else None,
        "attendance": [
            {"person": a.person.display_name, "status": a.status, "capacity": a.capacity,
             "substitute_for": a.substitute_for.display_name if a.substitute_for else None}
            for a in attendance
        ],
        "declarations": [
            {"person": d.person.display_name, "item": d.item.number if d.item else d.item_text,
             "pecuniary": d.pecuniary, "nature": d.nature}
            for d in declarations
        ],
        "items": [
            {
                "id": i.pk, "number": i.number, "title": i.title, "access": i.access,
                "paragraph": i.exempt_paragraph,
                "minute": i.minute.text if hasattr(i, "minute") else "",
                "resolutions": [r.text for r in i.resolutions.all()],
                "questions": [
                    {"asked_by": q.asked_by, "question": q.question, "answer": q.answer,
                     "answered_by": q.answered_by}
                    for q in i.questions.all()
                ],
            }
            for i in _ordered(_items(meeting))
        ],
    }  # fmt: skip
