"""Read-side assembly for the work programme and the tracker: constant queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from panel import access as panel_access
from panel import years
from panel.access import Reader
from panel.models import Panel, display_name
from panel.prepared import Prepared

from . import access, extensions
from .models import Action, lead_label
from .querysets import OPEN, ActionQuerySet

FILTERS = ("mine", "overdue", "lead", "meeting", "completed_since_last")
# What a row of the tracker's page shows of an action, its lead and its meetings (and, in the
# last six, what its filters offer: CHOICE_FIELDS), read as values: not model instances.
ROW_FIELDS = (
    *("pk", "raised_on", "text", "status", "lead_opcc", "lead_team", "update_due__start"),
    *("lead_person__slug", "lead_person__title", "lead_person__name"),
    *("raised_at__slug", "raised_at__start", "raised_at__agenda_version"),
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


def in_status(
    rows: ActionQuerySet[Action], params: Any, *, outstanding: bool
) -> ActionQuerySet[Action]:
    """``rows`` of the chosen ``status``: "all" for every one; none chosen, the outstanding
    (open and in progress) when ``outstanding`` (the tracker's page and its CSV: a panel's
    tracker is its outstanding business, a year's worth at ten years) and not asking for those
    completed since the last meeting; else all of them (the API, as it always has)."""
    status = params.get("status", "")
    if status == "all":
        return rows
    if status:
        return rows.filter(status=status)
    return rows.open() if outstanding and not params.get("completed_since_last") else rows


def filtered_actions(
    user: Reader, panel: Panel, params: Any, *, notes: bool = True, outstanding: bool = False
) -> ActionQuerySet[Action]:
    """The actions the filters in ``params`` choose; with their progress notes unless
    ``notes`` is False (the tracker's page shows none); only the outstanding when no status
    is chosen and ``outstanding`` (``in_status``)."""
    now = timezone.now()
    visible = in_status(access.visible_actions(user, panel), params, outstanding=outstanding)
    rows = visible.with_related() if notes else visible
    if params.get("mine") and panel_access.is_signed_in(user):
        rows = rows.led_by_user(user.id)
    if params.get("overdue"):
        rows = rows.overdue(now)
    if lead := params.get("lead"):
        rows = rows.led_by(lead)
    if meeting := params.get("meeting"):
        rows = rows.filter(raised_at__slug=meeting)
    if params.get("completed_since_last"):
        last = last_meeting(panel, now)
        rows = rows.completed_since(timezone.localtime(last.start).date() if last else dt.date.min)
    return rows.order_by("raised_on", "pk")


class Lead(NamedTuple):
    slug: str
    name: str
    display_name: str


class RaisedAt(NamedTuple):
    slug: str
    start: dt.datetime


# What the filters' choices need of an action: its lead and the meeting it was raised at.
CHOICES = slice(-6, None)  # of ROW_FIELDS, and of a row of their values
CHOICE_FIELDS = ROW_FIELDS[CHOICES]
Choice = tuple[str | None, str, str, str | None, dt.datetime | None, int | None]
Row = tuple[Any, ...]  # ROW_FIELDS' values


def _filter_choices(rows: Iterable[Choice]) -> tuple[list[Lead], list[RaisedAt]]:
    """The leads and the (published) meetings raised at that the filters offer: those of the
    actions these rows (``CHOICE_FIELDS``) are of."""
    leads: dict[str, Lead] = {}
    meetings: dict[str, RaisedAt] = {}
    for lead, title, name, meeting, start, version in rows:
        if lead is not None:
            leads[lead] = Lead(lead, name, display_name(title, name))
        if meeting is not None and start is not None and version:  # published: version > 0
            meetings[meeting] = RaisedAt(meeting, start)
    return (
        sorted(leads.values(), key=lambda p: p.name.casefold()),
        sorted(meetings.values(), key=lambda m: m.start, reverse=True),
    )


def _newest_first(rows: ActionQuerySet[Action]) -> QuerySet[Action, Row]:
    return rows.order_by("-raised_on", "-pk").values_list(*ROW_FIELDS)


def _first_page(panel_id: int) -> QuerySet[Action, Row]:
    """The tracker as nearly every reader opens it (no filter, no status, the first page): one
    more than a page of it, so that a panel with a page or less needs no count."""
    public = AnonymousUser()
    everyone = filtered_actions(public, Panel(pk=panel_id), {}, notes=False, outstanding=True)
    return _newest_first(everyone)[: PER_PAGE + 1]


# Compiled once per process (panel.prepared). Built for the public: the tracker is the same for
# everyone (access.visible_actions), and were it ever not, no reader would see more from here.
_FIRST_PAGE = Prepared(_first_page, panel_id=-1)


def tracker(user: Reader, panel: Panel, params: Any) -> dict[str, Any]:
    """A page of the chosen actions (the outstanding unless a status is chosen), the newest
    raised first (the CSV and the API list them all, oldest first), and the choices of its
    filters (the leads and meetings of the visible actions of that status): read with the page
    when it is otherwise unfiltered and the only page, else by one query more. Unfiltered, the
    first page is read by one query (``_FIRST_PAGE``), and is counted only if there are more."""
    filtered = any(params.get(k) for k in FILTERS)
    asked = params.get("page", "1")

    def chosen() -> QuerySet[Action, Row]:  # built only when asked (the ORM's building costs)
        return _newest_first(filtered_actions(user, panel, params, notes=False, outstanding=True))

    page: Page[Row]
    if filtered or params.get("status") or asked not in ("", "1"):
        page = Paginator(chosen(), PER_PAGE).get_page(asked)
    elif len(first := _FIRST_PAGE.rows(panel_id=panel.pk)) <= PER_PAGE:
        page = Paginator(first, PER_PAGE).page(1)
    else:  # more than a page: counted (the page's own query is not run again)
        page = Page(first[:PER_PAGE], 1, Paginator(chosen(), PER_PAGE))
    listed = list(page)
    choices: Iterable[Choice] = (
        # each lead and meeting once, as values: not every action of ten years as rows
        in_status(access.visible_actions(user, panel), params, outstanding=True)
        .values_list(*CHOICE_FIELDS)
        .order_by()
        .distinct()
        if filtered or page.has_other_pages()
        else (row[CHOICES] for row in listed)
    )
    leads, meetings = _filter_choices(choices)
    return {
        "actions": _for_rows(listed, panel, timezone.now()),
        "leads": leads,
        "meetings": meetings,
        "statuses": [("", "Outstanding"), *Action.Status.choices, ("all", "All")],
        "chosen": {k: params.get(k, "") for k in (*FILTERS, "status")},
        "query": _without_page(params),
        "page": page,
    }


def _day(moment: dt.date | dt.datetime) -> str:
    """ "26 Sep 2014": what the template's ``date:"j M Y"`` shows, made here for each row (the
    filter costs more than the rest of a row)."""
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment).date()
    return f"{moment.day} {moment:%b %Y}"


STATUS_LABELS = dict(Action.Status.choices)


def _for_rows(rows: list[Row], panel: Panel, now: dt.datetime) -> list[dict[str, Any]]:
    """What each row of the tracker's page shows, worked out once here from its values
    (``ROW_FIELDS``): its address, its text cut to 160 characters, its lead, its dates, its
    status and whether it is overdue."""
    listed = reverse("workprogramme:actions", args=[panel.slug])  # an action is at <listed><id>/
    shown = []
    for pk, raised, text, status, opcc, team, due, _, title, name, *_ in rows:
        person = display_name(title, name) if name is not None else ""
        shown.append(
            {
                "pk": pk,
                "url": f"{listed}{pk}/",
                "text": text if len(text) <= 160 else text[:159] + "…",
                "lead": lead_label(person, opcc, team),
                "raised": _day(raised),
                "due": _day(due) if due else "—",
                "overdue": bool(status in OPEN and due and due < now),
                "status": status,
                "status_label": STATUS_LABELS.get(status, status),
            }
        )
    return shown


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
