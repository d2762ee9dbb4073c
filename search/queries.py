"""Searching: the entries of what this reader may see, best match first, with a snippet."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from decisions import access as decisions_access
from meetings import access as meetings_access
from panel.access import Reader
from panel.models import Panel
from statutory import access as statutory_access

from .models import SearchEntry

PER_PAGE = 20
SNIPPET = 220  # characters of text around the first match
_WORD = re.compile(r"\w+")
ONE = {
    "item": "Agenda item",
    "minutes": "Minutes",
    "decision": "Decision",
    "case": "Statutory case",
}


def entries_for(user: Reader, panel: Panel) -> QuerySet[SearchEntry]:
    """The index as far as this reader may see it: entries of meetings and decisions the
    access policy shows them (the index itself holds public text only)."""
    meetings = meetings_access.visible_meetings(user, panel).values("pk")
    decisions = decisions_access.visible_decisions(user, panel).filter(published_at__isnull=False)
    cases = statutory_access.visible_cases(user, panel).values("pk")
    return SearchEntry.objects.for_panel(panel).filter(
        Q(meeting__in=meetings) | Q(decision__in=decisions.values("pk")) | Q(case__in=cases)
    )


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


def search(user: Reader, panel: Panel, terms: str, kind: str = "", page: int = 1) -> dict[str, Any]:
    entries = entries_for(user, panel)
    if kind:
        entries = entries.filter(kind=kind)
    found = (
        matching(entries, terms)
        .select_related("meeting", "decision", "case")
        .only(
            "kind",
            "title",
            "context",
            "text",
            "item_id",
            "item_number",
            "date",
            "meeting__slug",
            "decision__number",
            "case__number",
        )
    )
    results: Page = Paginator(found, PER_PAGE).get_page(page)
    words = _WORD.findall(terms)
    return {
        "page": results,
        "results": [_result(panel, entry, words) for entry in results.object_list],
    }


def _result(panel: Panel, entry: SearchEntry, words: list[str]) -> dict[str, Any]:
    return {
        "title": entry.title,
        "context": entry.context,
        "url": _url(panel, entry),
        "kind": ONE[entry.kind],
        "snippet": snippet(entry.text, words),
    }


def _url(panel: Panel, entry: SearchEntry) -> str:
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
