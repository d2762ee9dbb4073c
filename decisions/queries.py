"""Read-side assembly for decisions pages, and the panel's view of them by meeting."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator

from meetings.models import Meeting
from meetings.queries import previous_meeting
from panel import access as panel_access
from panel.access import Reader
from panel.models import Panel

from . import access
from .models import Decision
from .querysets import DecisionQuerySet

PUBLIC = panel_access.PUBLIC
# A page of the register: ten years of a busy office are over a thousand records.
PER_PAGE = 50


def register(
    user: Reader, panel: Panel, *, year: int | None, category: str, text: str, page: str = "1"
) -> dict[str, Any]:
    rows = access.visible_decisions(user, panel).in_register()
    all_years = rows.dates("published_at", "year", order="DESC") if rows.exists() else []
    if year:
        rows = rows.filter(published_at__year=year)
    if category:
        rows = rows.filter(category=category)
    rows = rows.search(text).order_by("-number")
    shown = Paginator(rows, PER_PAGE).get_page(page)
    chosen = {"year": year or "", "category": category, "q": text}
    return {
        "decisions": list(shown),
        "page": shown,
        "query": urlencode({k: v for k, v in chosen.items() if v}),
        "years": [d.year for d in all_years],
        "categories": Decision.Category.choices,
        "chosen": {"year": year, "category": category, "q": text},
    }


def decisions_since_previous_meeting(meeting: Meeting) -> DecisionQuerySet[Decision]:
    """Decisions published after the previous meeting of the body and up to this one."""
    before = previous_meeting(meeting)
    rows = access.visible_decisions(PUBLIC, meeting.panel).published_between(
        before.start if before else None, meeting.start
    )
    return rows.order_by("number")
