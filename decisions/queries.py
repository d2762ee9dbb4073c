"""Read-side assembly for decisions pages, and the panel's view of them by meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Max, Min, Q

from meetings.models import Meeting
from meetings.queries import previous_meeting
from panel import access as panel_access
from panel import years
from panel.access import Reader
from panel.models import Panel

from . import access
from .models import Decision
from .querysets import DecisionQuerySet

PUBLIC = panel_access.PUBLIC
# A page of the register: ten years of a busy office are over a thousand records.
PER_PAGE = 50
# The register opens on the records of the twelve months to its newest.
RECENT = dt.timedelta(days=366)


def register(
    user: Reader,
    panel: Panel,
    *,
    year: int | str | None,
    category: str,
    text: str,
    page: str = "1",
) -> dict[str, Any]:
    """A page of the register. Unless a year ("all" for every one), a category or words are
    chosen, it opens on the twelve months to the newest record (``RECENT``): ten years of a
    busy office are over a thousand records, and its first screen is its current business."""
    rows = access.visible_decisions(user, panel).in_register()
    ends = rows.aggregate(
        first=Min("published_at"), newest=Max("published_at"), withdrawn=Max("withdrawn_at")
    )
    offered = years.years_between(ends["first"], ends["newest"])
    since = None
    if isinstance(year, int):
        rows = rows.filter(published_at__year=year)
    elif year != "all" and not (category or text):
        newest = max((m for m in (ends["newest"], ends["withdrawn"]) if m), default=None)
        since = newest - RECENT if newest is not None else None
        if since is not None:  # published in the window, or withdrawn in it (a tombstone)
            rows = rows.filter(
                Q(published_at__gt=since) | Q(published_at__isnull=True, withdrawn_at__gt=since)
            )
    if category:
        rows = rows.filter(category=category)
    rows = rows.search(text).order_by("-number")
    shown = Paginator(rows, PER_PAGE).get_page(page)
    chosen = {"year": year or "", "category": category, "q": text}
    return {
        "decisions": list(shown),
        "page": shown,
        "query": urlencode({k: v for k, v in chosen.items() if v}),
        "years": offered,
        "categories": Decision.Category.choices,
        "chosen": {"year": year, "category": category, "q": text},
        # the window's last day, and whether records before it exist (a year before its first)
        "recent_to": since + RECENT if since is not None else None,
        "earlier": since is not None and bool(offered) and offered[-1] <= since.year,
    }


def decisions_since_previous_meeting(meeting: Meeting) -> DecisionQuerySet[Decision]:
    """Decisions published after the previous meeting of the body and up to this one."""
    before = previous_meeting(meeting)
    rows = access.visible_decisions(PUBLIC, meeting.panel).published_between(
        before.start if before else None, meeting.start
    )
    return rows.order_by("number")
