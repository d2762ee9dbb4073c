"""Keeping the search index true: each publication re-indexes what it changed.

Entries of items, minutes, decisions and cases are built from the public projections the public
pages show, so they never hold exempt text, drafts or complaints. The pages of the published
papers' PDFs are indexed with their access: the files of the published agenda (its full
projection) and a published decision's attachments, each marked exempt when the public
projection does not name it; `search.queries` shows an exempt page only to a reader the owning
app's rules let read it. Everything is rewritten inside the publishing transaction, so the
index never disagrees with what is published: a paper withdrawn, replaced or archived loses its
pages with the publication that removes it. A pack's pages are the exception: they are read by
the task its making queues (``meeting_reindex``), outside any transaction, since reading a long
pack takes seconds; a publication keeps the pages of the pack served as the index has them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from decisions import access as decisions_access
from decisions.models import PUBLIC_FIELDS, Decision
from documents.models import Access, StoredFile
from documents.text import pdf_pages
from meetings import access as meetings_access
from meetings import packs
from meetings.models import AgendaPack, AgendaVersion, Meeting
from panel.access import PUBLIC
from panel.models import Panel
from panel.tenancy import panel_scope
from statutory import access as statutory_access
from statutory.models import CaseDocument, StatutoryCase

from .models import SearchEntry, fill_documents

_SPACE = re.compile(r"\s+")


def plain(markup: str) -> str:
    """Text of sanitised HTML, one space between words."""
    return _SPACE.sub(" ", html.unescape(strip_tags(markup.replace("<", " <")))).strip()


def index_meeting(meeting: Meeting, pages: _Pages | None = None) -> None:
    """The meeting's published agenda items and minutes as the public reads them, and the pages
    of its published papers (their text from ``pages`` where it was read already).

    The meeting's row is locked first: a pack job finishing in a worker and a publication
    re-index one after the other, the second reading what the first committed."""
    with panel_scope(meeting.panel_id), transaction.atomic():
        locked = Meeting.objects.for_panel(meeting.panel_id).select_for_update().get(pk=meeting.pk)
        locked.panel, locked.body = meeting.panel, meeting.body
        _index_meeting(locked, meeting.panel, pages)


def meeting_reindex(panel_id: int, meeting_id: int) -> None:
    """``index_meeting`` for a meeting named by its ids (a task's), if it is still there.

    The text of its papers' pages is read first, outside the transaction: reading a 200-page
    pack takes seconds, and a transaction holds its locks while it runs (the meeting's row;
    on SQLite, every write to the database), so the publications, packs and edits of that
    time would wait for it. The transaction then reads only what changed in between."""
    meeting = (
        Meeting.objects.for_panel(panel_id)
        .select_related("panel", "body")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return
    with panel_scope(panel_id):
        pages = _Pages(meeting.panel, read_packs=True, meeting=meeting)
        for attempt in range(1, READ_ATTEMPTS + 1):
            pages.reading = True
            _meeting_entries(meeting, meeting.panel, pages)  # fills ``pages``; writes nothing
            pages.reading = attempt == READ_ATTEMPTS  # the last time, whatever it meets
            try:
                index_meeting(meeting, pages)
            except _Unread:  # a paper published meanwhile (a newer pack): read it outside, again
                continue
            return


# How often the task reads what is new outside the index's transaction before it reads it inside.
READ_ATTEMPTS = 3


class _Unread(Exception):
    """A paper whose text was not read before the transaction began."""


def _replace(panel: Panel, entries: list[SearchEntry], **owner: Any) -> None:
    """One meeting's, decision's or case's entries rewritten: the old deleted, the new stored,
    and their words filled in (PostgreSQL's stored vectors)."""
    rows = SearchEntry.objects.for_panel(panel).filter(**owner)
    rows.delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    fill_documents(rows)


class _Pages:
    """The text of the owner's PDFs page by page, read from the index where a file was indexed
    before (a revised agenda re-indexes its unchanged appendices without reading them again)."""

    def __init__(self, panel: Panel, *, read_packs: bool = False, **owner: Any) -> None:
        self.known: dict[tuple[str, int], list[str]] = {}
        self.reading = True  # whether a paper not yet known may be read now (else _Unread)
        # Whether a pack not yet known is read, or left out: a pack's pages are read by the task
        # its making queues (``meeting_reindex``), never in a publication's transaction (the
        # clerk's request), which re-indexes what it published and keeps the pack's pages known.
        self.read_packs = read_packs
        old = SearchEntry.objects.for_panel(panel).filter(kind=SearchEntry.Kind.PAGE, **owner)
        for file_id, pack_id, page, text in old.order_by("page").values_list(
            "stored_file_id", "pack_id", "page", "text"
        ):
            pages = self.known.setdefault(_source(file_id, pack_id), [])
            if page == len(pages) + 1:
                pages.append(text)

    def of(self, stored: StoredFile | AgendaPack) -> list[str]:
        key = ("pack", stored.pk) if isinstance(stored, AgendaPack) else ("file", stored.pk)
        if key not in self.known:
            if key[0] == "pack" and not self.read_packs:
                return []  # its task, queued when it was made, indexes it
            if not self.reading:
                raise _Unread(key)
            with stored.file.open("rb") as data:
                self.known[key] = pdf_pages(data)
        return self.known[key]


def _source(file_id: int | None, pack_id: int | None) -> tuple[str, int]:
    return ("pack", pack_id) if pack_id is not None else ("file", file_id or 0)


def _page_entries(
    template: SearchEntry, pages: list[str], key: str, title: str
) -> list[SearchEntry]:
    """An entry per page with text: the template's owner, file, access and dates."""
    made = []
    for number, text in enumerate(pages, start=1):
        if not text:
            continue
        entry = SearchEntry(
            **{f.attname: getattr(template, f.attname) for f in SearchEntry._meta.concrete_fields}
        )
        entry.pk = None
        entry.kind, entry.page, entry.text = SearchEntry.Kind.PAGE, number, text
        entry.key, entry.title = f"{key}/page-{number}", f"{title}, page {number}"[:400]
        made.append(entry)
    return made


def _index_meeting(meeting: Meeting, panel: Panel, pages: _Pages | None = None) -> None:
    pages = pages if pages is not None else _Pages(panel, meeting=meeting)
    _replace(panel, _meeting_entries(meeting, panel, pages), meeting=meeting)


def _meeting_entries(meeting: Meeting, panel: Panel, pages: _Pages) -> list[SearchEntry]:
    if meeting.papers_archived_at is not None:  # archived papers are no longer published
        return []
    held = timezone.localtime(meeting.start)
    where = f"{meeting.body.name}, {held:%-d %B %Y}"[:300]
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
                    key=f"meeting/{meeting.slug}/item-{item['number']}",
                    updated=version.published_at,
                    title=f"{item['number']} {item['title']}"[:400],
                    context=where,
                    text=_item_text(item),
                    date=meeting.start,
                )
            )
        entries += _appendix_pages(meeting, version, where, pages)
        entries += _pack_pages(meeting, where, pages)
    minutes = meetings_access.latest_minutes(meeting)
    if minutes is not None:
        content = meetings_access.minutes_projection(minutes.content, full=False)
        text = " ".join(_minute_text(item) for item in content["items"])
        entries.append(
            SearchEntry(
                panel=panel,
                kind=SearchEntry.Kind.MINUTES,
                meeting=meeting,
                key=f"meeting/{meeting.slug}/minutes",
                updated=minutes.published_at,
                title=f"Minutes: {where}"[:400],
                context=where,
                text=text,
                date=meeting.start,
            )
        )
    return entries


def _appendix_pages(
    meeting: Meeting, version: AgendaVersion, where: str, pages: _Pages
) -> list[SearchEntry]:
    """Every page of the published agenda's uploaded appendices: those the public projection
    names as public, the rest (of exempt items, or exempt themselves) as exempt."""
    public = meetings_access.agenda_projection(version.content, full=False)
    public_ids = {a["file"]["id"] for i in public["items"] for a in i["appendices"] if a["file"]}
    full = meetings_access.agenda_projection(version.content, full=True)
    found = [(i, a) for i in full["items"] for a in i["appendices"] if a.get("file")]
    files = StoredFile.objects.for_panel(meeting.panel_id).in_bulk(
        [a["file"]["id"] for _, a in found]
    )
    entries = []
    for item, appendix in found:
        stored = files.get(appendix["file"]["id"])
        if stored is None:
            continue
        access = Access.PUBLIC if stored.pk in public_ids else Access.EXEMPT
        template = SearchEntry(
            panel_id=meeting.panel_id,
            meeting=meeting,
            item_id=item["id"],
            item_number=item["number"],
            stored_file=stored,
            access=access,
            updated=version.published_at,
            context=where,
            date=meeting.start,
        )
        key = f"meeting/{meeting.slug}/item-{item['number']}/appendix-{appendix['letter']}"
        title = f"Appendix {appendix['letter']}: {appendix['title']} (item {item['number']})"
        entries += _page_entries(template, pages.of(stored), key, title)
    return entries


def _pack_pages(meeting: Meeting, where: str, pages: _Pages) -> list[SearchEntry]:
    """The pages of the public agenda pack being served. The members' pack is not indexed: its
    exempt papers are found as the pages of their own files, and the rest is the public pack's."""
    audience = AgendaPack.Audience.PUBLIC
    if not meetings_access.can_download_pack(PUBLIC, meeting, audience):
        return []
    served = packs.latest_pack(meeting, audience)["served"]
    if served is None or not served.file:
        return []
    template = SearchEntry(
        panel_id=meeting.panel_id,
        meeting=meeting,
        pack=served,
        updated=served.finished_at,
        context=where,
        date=meeting.start,
    )
    return _page_entries(template, pages.of(served), f"meeting/{meeting.slug}/pack", "Agenda pack")


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
    view = decisions_access.decision_for(PUBLIC, decision)
    if view.get("tombstone"):
        return []
    fields = [view.get(name, "") for name in PUBLIC_FIELDS if name != "title"]
    reference = f"{panel.decision_prefix} {decision.number:04d}"
    updated = max([decision.published_at, *(c.made_at for c in view["corrections"])])
    entry = SearchEntry(
        panel=panel,
        kind=SearchEntry.Kind.DECISION,
        decision=decision,
        key=f"decision/{decision.number}",
        updated=updated,
        title=f"{reference} {view['title']}"[:400],
        context=f"Decision, {timezone.localtime(decision.published_at):%-d %B %Y}",
        text=" ".join(str(f) for f in fields if f),
        date=decision.published_at,
    )
    return [entry, *_attachment_pages(decision, entry, reference)]


def _attachment_pages(decision: Decision, entry: SearchEntry, reference: str) -> list[SearchEntry]:
    """The pages of a published decision's attachments: public ones as public, the rest as
    exempt (decision_for shows them only to those who may read the exempt part)."""
    public = {a.pk for a in decisions_access.decision_for(PUBLIC, decision)["attachments"]}
    pages = _Pages(decision.panel, decision=decision)
    entries = []
    for attachment in decision.attachments.select_related("stored_file"):
        template = SearchEntry(
            panel_id=decision.panel_id,
            decision=decision,
            stored_file=attachment.stored_file,
            access=Access.PUBLIC if attachment.pk in public else Access.EXEMPT,
            updated=entry.updated,
            context=entry.context,
            date=entry.date,
        )
        key = f"decision/{decision.number}/attachment-{attachment.pk}"
        title = f"{reference}: {attachment.title}"
        entries += _page_entries(template, pages.of(attachment.stored_file), key, title)
    return entries


def index_case(case: StatutoryCase) -> None:
    """A statutory case on the reports register, as the public reads it: its title, status, the
    panel's published reports and recommendations, and the Commissioner's published responses."""
    with panel_scope(case.panel_id):
        _index_case(case, case.panel)


def _index_case(case: StatutoryCase, panel: Panel) -> None:
    _replace(panel, _case_entries(case, panel), case=case)


def _case_entries(case: StatutoryCase, panel: Panel) -> list[SearchEntry]:
    public = PUBLIC
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
    responses = [r["response"] for r in view["reports"] if r["response"] is not None]
    published = [r["published_at"] for r in responses if r.get("published_at")]
    entry = SearchEntry(
        panel=panel,
        kind=SearchEntry.Kind.CASE,
        case=case,
        key=f"case/{case.number}",
        updated=max([notified, *published]),
        title=f"Case {case.number}: {view['title']}"[:400],
        context=f"Reports register, notified {case.notified_on:%-d %B %Y}",
        text=" ".join(p for p in parts if p),
        date=notified,
    )
    return [entry, *_document_pages(case, entry)]


def _document_pages(case: StatutoryCase, entry: SearchEntry) -> list[SearchEntry]:
    """The pages of a case's papers, each with its own access (an exempt paper's pages are
    found by those ``statutory.access.readable_documents`` lets read it)."""
    pages = _Pages(case.panel, case=case)
    entries = []
    papers = CaseDocument.objects.for_panel(case.panel_id).filter(case=case)
    for document in papers.select_related("stored_file"):
        template = SearchEntry(
            panel_id=case.panel_id,
            case=case,
            case_document=document,
            stored_file_id=document.stored_file_id,
            access=document.access,
            updated=document.added_at,
            context=entry.context,
            date=entry.date,
        )
        key = f"case/{case.number}/document-{document.pk}"
        title = f"Case {case.number}: {document.title}"
        entries += _page_entries(template, pages.of(document.stored_file), key, title)
    return entries


def reindex_panel(panel: Panel) -> int:
    """Everything the panel has published, indexed again (after an upgrade, or a restore)."""
    meetings = Meeting.objects.for_panel(panel).published().select_related("body", "panel")
    decisions = Decision.objects.for_panel(panel).filter(published_at__isnull=False)
    count = 0
    for meeting in meetings:
        meeting_reindex(panel.pk, meeting.pk)  # with its pack's pages
        count += 1
    for decision in decisions.select_related("panel"):
        index_decision(decision)
        count += 1
    for case in StatutoryCase.objects.for_panel(panel).select_related("panel"):
        index_case(case)
        count += 1
    return count
