"""Read-side assembly for decisions pages, and the panel's view of them by meeting."""

from __future__ import annotations

from typing import Any

from meetings.models import Meeting
from meetings.queries import previous_meeting
from panel import access as panel_access
from panel.access import Reader
from panel.models import Panel

from . import access
from .models import Decision
from .querysets import DecisionQuerySet

PUBLIC = panel_access.PUBLIC


def register(
    user: Reader, panel: Panel, *, year: int | None, category: str, text: str
) -> dict[str, Any]:
    rows = access.visible_decisions(user, panel).in_register()
    all_years = rows.dates("published_at", "year", order="DESC") if rows.exists() else []
    if year:
        rows = rows.filter(published_at__year=year)
    if category:
        rows = rows.filter(category=category)
    rows = rows.search(text).order_by("-number")
    return {
        "decisions": list(rows),
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
