"""Read-side assembly for the work programme and the tracker: constant queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.utils import timezone

from meetings.models import Meeting
from panel import access as panel_access
from panel import years
from panel.access import Reader
from panel.models import Panel, Person

from . import access, extensions
from .models import Action
from .querysets import ActionQuerySet

FILTERS = ("mine", "overdue", "lead", "meeting", "completed_since_last")
# What the tracker's page shows of each action, its lead and its meetings (and its filters offer).
TRACKER_FIELDS = (
    *("raised_on", "text", "status", "lead_opcc", "lead_team"),
    *("lead_person__title", "lead_person__name", "lead_person__slug"),
    *("raised_at__slug", "raised_at__start", "raised_at__agenda_version", "update_due__start"),
)
# A page of the tracker: a panel raises a few hundred actions in ten years.
PER_PAGE = 50


def last_meeting(panel: Panel, now: dt.datetime) -> Meeting | None:
    return (
        Meeting.objects.for_panel(panel)
        .published()
        .of_the_panel()
        .filter(start__lt=now)
        .order_by("-start")
        .first()
    )


def filtered_actions(
    user: Reader, panel: Panel, params: Any, *, notes: bool = True
) -> ActionQuerySet[Action]:
    """The actions the filters in ``params`` choose; with their progress notes unless
    ``notes`` is False (the tracker's page shows none)."""
    now = timezone.now()
    visible = access.visible_actions(user, panel)
    rows = visible.with_related() if notes else visible.with_leads().only(*TRACKER_FIELDS)
    if params.get("mine") and panel_access.is_signed_in(user):
        rows = rows.led_by_user(user.id)
    if params.get("overdue"):
        rows = rows.overdue(now)
    if lead := params.get("lead"):
        rows = rows.led_by(lead)
    if meeting := params.get("meeting"):
        rows = rows.filter(raised_at__slug=meeting)
    if status := params.get("status"):
        rows = rows.filter(status=status)
    if params.get("completed_since_last"):
        last = last_meeting(panel, now)
        rows = rows.completed_since(timezone.localtime(last.start).date() if last else dt.date.min)
    return rows.order_by("raised_on", "pk")


def _filter_choices(actions: list[Action]) -> tuple[list[Person], list[Meeting]]:
    """The leads and the (published) meetings raised at that the filters offer: those of these
    actions, read with them."""
    leads = {a.lead_person.pk: a.lead_person for a in actions if a.lead_person is not None}
    meetings = {
        a.raised_at.pk: a.raised_at
        for a in actions
        if a.raised_at is not None and a.raised_at.is_published
    }
    return (
        sorted(leads.values(), key=lambda p: p.name.casefold()),
        sorted(meetings.values(), key=lambda m: m.start, reverse=True),
    )


def tracker(user: Reader, panel: Panel, params: Any) -> dict[str, Any]:
    """A page of the chosen actions, the newest raised first (the CSV and the API list them all,
    oldest first), and the choices of its filters (every visible action's leads and meetings):
    read with the page when it is unfiltered and the only page, else by one query more."""
    now = timezone.now()
    rows = filtered_actions(user, panel, params, notes=False).order_by("-raised_on", "-pk")
    page = Paginator(rows, PER_PAGE).get_page(params.get("page", "1"))
    actions = list(page)
    for action in actions:
        action.overdue = bool(  # type: ignore[attr-defined]  # for the template
            action.status in ("open", "in_progress")
            and action.update_due
            and action.update_due.start < now
        )
    filtered = any(params.get(k) for k in (*FILTERS, "status"))
    every = (
        list(access.visible_actions(user, panel).with_leads().only(*TRACKER_FIELDS))
        if filtered or page.has_other_pages()
        else actions
    )
    leads, meetings = _filter_choices(every)
    return {
        "actions": actions,
        "leads": leads,
        "meetings": meetings,
        "chosen": {k: params.get(k, "") for k in (*FILTERS, "status")},
        "query": _without_page(params),
        "page": page,
    }


def _without_page(params: Any) -> str:
    if not hasattr(params, "urlencode"):
        return ""
    kept = params.copy()
    kept.pop("page", None)
    return str(kept.urlencode())


def programme(user: Reader, panel: Panel, year: str | None, *, today: dt.date) -> dict[str, Any]:
    """The programme of one municipal year (``year``, already parsed; None for the year to open
    on), with the links to the years before and after it and every year that has items."""
    visible = access.visible_work_items(user, panel)
    with_content = years.well_formed(visible.years())
    year = year or years.year_to_open(today, with_content)
    items = visible.for_year(year).select_related("next_meeting")
    dates = sorted(
        (d for provide in extensions.year_dates for d in provide(user, panel, year)),
        key=lambda d: d["on"],
    )
    return {
        "items": list(items),
        "year": year,
        "year_links": years.year_links(year, with_content),
        "statutory_dates": dates,
    }
