"""Searching: the entries of what this reader may see, best match first, with a snippet; the
page and its Atom feed (search.feeds) ask the same function."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.urls import reverse
from django.utils import timezone

from decisions import access as decisions_access
from meetings import access as meetings_access
from panel import years
from panel.access import Reader
from panel.models import Panel
from statutory import access as statutory_access

from .models import SearchEntry

PER_PAGE = 10
SNIPPET = 220  # characters of text around the first match
_WORD = re.compile(r"\w+")
ONE = {
    "item": "Agenda item",
    "minutes": "Minutes",
    "decision": "Decision",
    "case": "Statutory case",
    "page": "Page of a paper (PDF)",
}


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to: a kind of entry, a body's meetings (decisions and cases
    belong to no body), a municipal year ("2014/15", May to April, as the panel's calendar,
    attendance and work programme count them)."""

    kind: str = ""
    body: str = ""
    year: str = ""


def entries_for(user: Reader, panel: Panel) -> QuerySet[SearchEntry]:
    """The index as far as this reader may see it: entries of meetings, decisions and cases the
    access policy shows them, and of their papers' pages those of an access the owning app's
    rules let this reader read (an exempt appendix's pages: the panel's clerk and members; an
    exempt attachment's: also the OPCC). The rules are asked here, at each search, so a change of
    role is obeyed at once without re-indexing."""
    meetings = meetings_access.visible_meetings(user, panel).values("pk")
    decisions = decisions_access.visible_decisions(user, panel).filter(published_at__isnull=False)
    cases = statutory_access.visible_cases(user, panel).values("pk")
    return SearchEntry.objects.for_panel(panel).filter(
        Q(meeting__in=meetings, access__in=meetings_access.readable_papers(user, panel))
        | Q(
            decision__in=decisions.values("pk"),
            access__in=decisions_access.readable_attachments(user, panel),
        )
        | Q(case__in=cases, access__in=statutory_access.readable_documents(user, panel))
    )


def narrowed(entries: QuerySet[SearchEntry], filters: Filters) -> QuerySet[SearchEntry]:
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.body:
        entries = entries.filter(meeting__body__slug=filters.body)
    bounds = years.bounds(filters.year) if filters.year else None
    if bounds is not None:
        zone = timezone.get_current_timezone()
        first, last = (dt.datetime.combine(d, dt.time(), tzinfo=zone) for d in bounds)
        entries = entries.filter(date__gte=first, date__lt=last + dt.timedelta(days=1))
    return entries


def matching(entries: QuerySet[SearchEntry], terms: str) -> QuerySet[SearchEntry]:
    """PostgreSQL's full-text search (English stemming, titles weighted above text, best
    first); elsewhere (the embedded SQLite) every word must appear, newest first. No words,
    no results."""
    if not _WORD.search(terms):
        return entries.none()
    if connection.vendor == "postgresql":
        query = SearchQuery(terms, search_type="websearch", config="english")
        return (
            entries.filter(document=query)  # the stored vectors, through their GIN index
            .annotate(rank=SearchRank(F("document"), query))
            .order_by("-rank", "-date", "pk")
        )
    for word in _WORD.findall(terms):
        entries = entries.filter(Q(title__icontains=word) | Q(text__icontains=word))
    return entries.order_by("-date", "pk")


def found(
    user: Reader, panel: Panel, terms: str, filters: Filters = Filters()
) -> QuerySet[SearchEntry]:
    """The entries this reader may see that match, best first (or newest first on SQLite): a
    query to count, order and slice, whose chosen ids ``shown`` then fetches."""
    return matching(narrowed(entries_for(user, panel), filters), terms)


# What a result shows of an entry and of the meeting, decision or case it belongs to.
SHOWN = (
    "kind",
    "title",
    "context",
    "text",
    "item_id",
    "item_number",
    "date",
    "updated",
    "key",
    "page",
    "stored_file_id",
    "case_document_id",
    "pack_id",
    "meeting__slug",
    "decision__number",
    "case__number",
)


def shown(panel: Panel, ids: list[int]) -> list[SearchEntry]:
    """These entries (a page of ``found``'s ids), in this order, with what a result shows.
    Their meetings, decisions and cases are joined to these rows only, by id: a join over
    every match made PostgreSQL read the whole national tables of meetings and decisions once a
    panel had years of matches (bench/scale.py)."""
    rows = (
        SearchEntry.objects.for_panel(panel)
        .filter(pk__in=ids)
        .select_related("meeting", "decision", "case")
        .only(*SHOWN)
    )
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def _page_of(matches: QuerySet[SearchEntry], first: int) -> list[tuple[int, int]]:
    """The ids of a page of matches from ``first``, each with the count of all the matches:
    one pass over them (COUNT(*) OVER ()), where a count and a page would make two."""
    counted = matches.annotate(total=Window(Count("*"))).values_list("pk", "total")
    return list(counted[first : first + PER_PAGE])


def search(
    user: Reader, panel: Panel, terms: str, filters: Filters = Filters(), page: int = 1
) -> dict[str, Any]:
    matches = found(user, panel, terms, filters)
    first = (max(page, 1) - 1) * PER_PAGE
    rows = _page_of(matches, first)
    # no rows on the first page: none match; on a later one, past the last: counted alone
    total = rows[0][1] if rows else (matches.count() if first else 0)
    results: Page = Paginator(range(total), PER_PAGE).get_page(page)
    start = results.start_index() - 1
    if total and start != first:  # a page past the end shows the last, as get_page does
        rows = _page_of(matches, start)
    return {
        "page": results,
        "results": [result(panel, e, words(terms)) for e in shown(panel, [pk for pk, _ in rows])],
    }


def words(terms: str) -> list[str]:
    return _WORD.findall(terms)


def result(panel: Panel, entry: SearchEntry, words: list[str]) -> dict[str, Any]:
    return {
        "title": entry.title,
        "context": entry.context,
        "url": _url(panel, entry),
        "kind": ONE[entry.kind],
        "snippet": snippet(entry.text, words),
        "page": entry.page,
    }


def _url(panel: Panel, entry: SearchEntry) -> str:
    if entry.kind == SearchEntry.Kind.PAGE:
        return f"{_paper_url(panel, entry)}#page={entry.page}"  # RFC 8118's #page=N opens it there
    if entry.kind == SearchEntry.Kind.DECISION and entry.decision is not None:
        return reverse("decisions:decision", args=[panel.slug, entry.decision.number])
    if entry.kind == SearchEntry.Kind.CASE and entry.case is not None:
        return reverse("statutory:case", args=[panel.slug, entry.case.number])
    meeting = entry.meeting
    if meeting is None:
        raise ValueError(f"search entry {entry.pk} names no decision, case or meeting")
    if entry.kind == SearchEntry.Kind.ITEM and entry.item_number:
        return reverse("meetings:item", args=[panel.slug, meeting.slug, entry.item_number])
    if entry.kind == SearchEntry.Kind.ITEM:  # indexed before entries kept the number: redirected
        return reverse("meetings:item-by-id", args=[panel.slug, meeting.slug, entry.item_id])
    return reverse("meetings:meeting", args=[panel.slug, meeting.slug]) + "#minutes"


def _paper_url(panel: Panel, entry: SearchEntry) -> str:
    """The download address of the PDF the page is in (its own app's, which asks its rules)."""
    if entry.decision is not None:
        number = entry.decision.number
        return reverse("decisions:decision-file", args=[panel.slug, number, entry.stored_file_id])
    if entry.case is not None:
        number, paper = entry.case.number, entry.case_document_id
        return reverse("statutory:case-document", args=[panel.slug, number, paper])
    if entry.meeting is None:
        raise ValueError(f"search entry {entry.pk} is a page of no meeting, decision or case")
    slug = entry.meeting.slug
    if entry.pack_id is not None:
        return reverse("meetings:pack", args=[panel.slug, slug, "public"])
    return reverse("meetings:file", args=[panel.slug, slug, entry.stored_file_id])


def snippet(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """About SNIPPET characters of the text around the first word found, as (text, is a match)
    pieces: the template marks the matches, and escapes everything."""
    lower = text.lower()
    hits = [lower.find(w.lower()) for w in words if lower.find(w.lower()) >= 0]
    start = max(0, min(hits) - SNIPPET // 3) if hits else 0
    end = start + SNIPPET
    if start:  # whole words only
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    piece = ("… " if start else "") + text[start:end].strip()
    piece += " …" if end < len(text) else ""
    marked = sorted({w for w in words if len(w) > 1}, key=len, reverse=True)
    if not marked:
        return [(piece, False)] if piece else []
    pattern = re.compile("|".join(re.escape(w) for w in marked), re.IGNORECASE)
    pieces, at = [], 0
    for match in pattern.finditer(piece):
        pieces += [(piece[at : match.start()], False), (match.group(), True)]
        at = match.end()
    pieces.append((piece[at:], False))
    return [(part, hit) for part, hit in pieces if part]
