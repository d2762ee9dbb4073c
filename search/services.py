"""Keeping the search index true: each publication re-indexes what it changed.

Entries are built from the public projections the public pages show (`panel.policy`), so the
index never holds exempt text, drafts or complaints; it is rewritten inside the publishing
transaction, so it never disagrees with what was published.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.html import strip_tags

from decisions import access as decisions_access
from decisions.models import PUBLIC_FIELDS, Decision
from meetings import access as meetings_access
from meetings.models import Meeting
from panel.models import Panel
from panel.tenancy import panel_scope
from statutory import access as statutory_access
from statutory.models import StatutoryCase

from .models import SearchEntry, fill_documents

_SPACE = re.compile(r"\s+")


def plain(markup: str) -> str:
    """Text of sanitised HTML, one space between words."""
    return _SPACE.sub(" ", html.unescape(strip_tags(markup.replace("<", " <")))).strip()


def index_meeting(meeting: Meeting) -> None:
    """The meeting's published agenda items and minutes, as the public reads them."""
    with panel_scope(meeting.panel_id):
        _index_meeting(meeting, meeting.panel)


def _replace(panel: Panel, entries: list[SearchEntry], **owner: Any) -> None:
    """One meeting's, decision's or case's entries rewritten: the old deleted, the new stored,
    and their words filled in (PostgreSQL's stored vectors)."""
    rows = SearchEntry.objects.for_panel(panel).filter(**owner)
    rows.delete()
    SearchEntry.objects.bulk_create(entries)
    fill_documents(rows)


def _index_meeting(meeting: Meeting, panel: Panel) -> None:
    if meeting.papers_archived_at is not None:  # archived papers are no longer published
        _replace(panel, [], meeting=meeting)
        return
    held = timezone.localtime(meeting.start)
    where = f"{meeting.body.name}, {held:%-d %B %Y}"
    entries = []
    version = meetings_access.latest_agenda(meeting)
    if version is not None:
        agenda = meetings_access.agenda_projection(version.content, full=False)
        for item in agenda["items"]:
            if item["kind"] == "heading":
                continue
            entries.append(
                SearchEntry(
                    panel=panel,
                    kind=SearchEntry.Kind.ITEM,
                    meeting=meeting,
                    item_id=item["id"],
                    item_number=item["number"],
                    title=f"{item['number']} {item['title']}"[:400],
                    context=where[:300],
                    text=_item_text(item),
                    date=meeting.start,
                )
            )
    minutes = meetings_access.latest_minutes(meeting)
    if minutes is not None:
        content = meetings_access.minutes_projection(minutes.content, full=False)
        text = " ".join(_minute_text(item) for item in content["items"])
        entries.append(
            SearchEntry(
                panel=panel,
                kind=SearchEntry.Kind.MINUTES,
                meeting=meeting,
                title=f"Minutes: {where}"[:400],
                context=where[:300],
                text=text,
                date=meeting.start,
            )
        )
    _replace(panel, entries, meeting=meeting)


def _item_text(item: dict[str, Any]) -> str:
    if item.get("restricted"):
        return ""  # exempt: its number and title are public, nothing more
    report = item.get("report") or {}
    parts = [
        item.get("purpose", ""),
        *report.get("recommendations", []),
        plain(report.get("body_html", "")),
    ]
    for appendix in item.get("appendices", []):
        if not appendix.get("restricted"):
            parts += [
                f"Appendix {appendix['letter']}: {appendix['title']}",
                plain(appendix.get("text_html", "")),
            ]
    return " ".join(p for p in parts if p)


def _minute_text(item: dict[str, Any]) -> str:
    if item.get("restricted"):
        return str(item.get("title", ""))
    parts = [
        item.get("title", ""),
        plain(item.get("minute", "") or ""),
        *item.get("resolutions", []),
    ]
    for question in item.get("questions", []):
        parts += [question.get("question", ""), question.get("answer", "")]
    return " ".join(p for p in parts if p)


def index_decision(decision: Decision) -> None:
    """A decision in the register, as the public reads it (corrections applied)."""
    with panel_scope(decision.panel_id):
        _index_decision(decision, decision.panel)


def _index_decision(decision: Decision, panel: Panel) -> None:
    _replace(panel, _decision_entries(decision, panel), decision=decision)


def _decision_entries(decision: Decision, panel: Panel) -> list[SearchEntry]:
    if decision.published_at is None:
        return []
    view = decisions_access.decision_for(AnonymousUser(), decision)
    if view.get("tombstone"):
        return []
    fields = [view.get(name, "") for name in PUBLIC_FIELDS if name != "title"]
    reference = f"{panel.decision_prefix} {decision.number:04d}"
    entry = SearchEntry(
        panel=panel,
        kind=SearchEntry.Kind.DECISION,
        decision=decision,
        title=f"{reference} {view['title']}"[:400],
        context=f"Decision, {timezone.localtime(decision.published_at):%-d %B %Y}",
        text=" ".join(str(f) for f in fields if f),
        date=decision.published_at,
    )
    return [entry]


def index_case(case: StatutoryCase) -> None:
    """A statutory case on the reports register, as the public reads it: its title, status, the
    panel's published reports and recommendations, and the Commissioner's published responses."""
    with panel_scope(case.panel_id):
        _index_case(case, case.panel)


def _index_case(case: StatutoryCase, panel: Panel) -> None:
    _replace(panel, _case_entries(case, panel), case=case)


def _case_entries(case: StatutoryCase, panel: Panel) -> list[SearchEntry]:
    public = AnonymousUser()
    seen = statutory_access.visible_cases(public, panel).filter(pk=case.pk).first()
    if seen is None:
        return []
    seen.panel = panel
    view = statutory_access.case_for(public, seen)
    parts = [str(view["kind_label"]), str(view["status_note"]), str(view["candidate"])]
    for report in view["reports"]:
        parts += [str(report["text"]), *map(str, report["recommendations"])]
        if report["response"] is not None:
            parts.append(str(report["response"]["text"]))
    notified = dt.datetime.combine(
        case.notified_on, dt.time(12), tzinfo=timezone.get_current_timezone()
    )
    entry = SearchEntry(
        panel=panel,
        kind=SearchEntry.Kind.CASE,
        case=case,
        title=f"Case {case.number}: {view['title']}"[:400],
        context=f"Reports register, notified {case.notified_on:%-d %B %Y}",
        text=" ".join(p for p in parts if p),
        date=notified,
    )
    return [entry]


def reindex_panel(panel: Panel) -> int:
    """Everything the panel has published, indexed again (after an upgrade, or a restore)."""
    meetings = Meeting.objects.for_panel(panel).published().select_related("body", "panel")
    decisions = Decision.objects.for_panel(panel).filter(published_at__isnull=False)
    count = 0
    for meeting in meetings:
        index_meeting(meeting)
        count += 1
    for decision in decisions.select_related("panel"):
        index_decision(decision)
        count += 1
    for case in StatutoryCase.objects.for_panel(panel).select_related("panel"):
        index_case(case)
        count += 1
    return count
