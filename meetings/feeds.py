"""Feeds of meetings: iCalendar (icalendar) and Atom (Django's syndication framework).

Both list only what the anonymous public may see: feeds are fetched by calendar apps and
readers without a session, and may be cached.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar, Event

from panel import access as panel_access
from panel.http import PanelRequest
from panel.models import Panel

from . import access, queries
from .models import AgendaVersion, Meeting, MinutesVersion

PUBLIC = panel_access.PUBLIC


def _meeting_url(request: PanelRequest, meeting: Meeting) -> str:
    return request.build_absolute_uri(
        reverse("meetings:meeting", args=[meeting.panel.slug, meeting.slug])
    )


# RFC 5545 3.8.1.11: a cancelled meeting stays in the feed as CANCELLED (calendar clients strike
# it through or drop it); a postponed one is not confirmed for its date, so TENTATIVE, and says so.
ICS_STATUS = {
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.POSTPONED: "TENTATIVE",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def _description(meeting: Meeting) -> str:
    if meeting.is_cancelled:
        lines = ["Cancelled."]
    elif meeting.is_postponed:
        new_date = f" to {meeting.postponed_to:%-d %B %Y}" if meeting.postponed_to else ""
        lines = [f"Postponed{new_date}."]
    else:
        lines = ["Agenda published." if meeting.is_published else "Agenda to follow."]
    if meeting.status_reason:
        lines.append(f"Reason: {meeting.status_reason}")
    return "\n".join(lines)


def _event(request: PanelRequest, meeting: Meeting) -> Event:
    event = Event()
    label = {"cancelled": " (cancelled)", "postponed": " (postponed)"}
    event.add("uid", f"meeting-{meeting.pk}@{meeting.panel.slug}")
    event.add("summary", f"{meeting.body.name}{label.get(meeting.status, '')}")
    event.add("description", _description(meeting))
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.start + dt.timedelta(hours=3))
    event.add("dtstamp", meeting.start)
    event.add("sequence", meeting.sequence)
    event.add("status", ICS_STATUS[Meeting.Status(meeting.status)])
    event.add("location", meeting.venue)
    event.add("url", _meeting_url(request, meeting))
    return event


def icalendar_feed(request: PanelRequest, panel_slug: str, body_slug: str = "") -> HttpResponse:
    panel: Panel = request.panel
    meetings = access.visible_meetings(PUBLIC, panel).select_related("body")
    name = panel.name
    if body_slug:
        body = panel_access.access_body(PUBLIC, panel, body_slug)
        meetings, name = meetings.filter(body=body), body.name
    cal = Calendar()
    cal.add("prodid", "-//Police and Crime Panels//meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{name}: meetings")
    for meeting in meetings.order_by("start"):
        meeting.panel = panel
        cal.add_component(_event(request, meeting))
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{panel.slug}-meetings.ics"'
    return response


class _PanelFeed(Feed):
    feed_type = Atom1Feed
    kind = ""

    def get_object(self, request: HttpRequest, panel_slug: str) -> Panel:
        self.request = request
        return cast(PanelRequest, request).panel  # a feed's address is under its panel

    def link(self, panel: Panel) -> str:
        return reverse("meetings:meetings", args=[panel.slug])

    def item_link(self, version: Any) -> str:
        return reverse("meetings:meeting", args=[version.meeting.panel.slug, version.meeting.slug])

    def item_pubdate(self, version: Any) -> dt.datetime:
        return version.published_at

    def item_guid(self, version: Any) -> str:
        return f"{self.kind}-{version.pk}"

    item_guid_is_permalink = False


class AgendaFeed(_PanelFeed):
    kind = "agenda"

    def title(self, panel: Panel) -> str:
        return f"{panel.name}: published agendas"

    def items(self, panel: Panel) -> Any:
        meetings = access.visible_meetings(PUBLIC, panel).with_open_papers()
        return queries.agenda_versions(panel, meetings)

    def item_title(self, version: AgendaVersion) -> str:
        return f"{version.get_kind_display()}: {version.meeting}"

    def item_description(self, version: AgendaVersion) -> str:
        agenda = access.agenda_for(PUBLIC, version) or {"items": []}
        return "; ".join(f"{i['number']} {i['title']}" for i in agenda["items"])


class MinutesFeed(_PanelFeed):
    kind = "minutes"

    def title(self, panel: Panel) -> str:
        return f"{panel.name}: published minutes"

    def items(self, panel: Panel) -> Any:
        meetings = access.visible_meetings(PUBLIC, panel).with_open_papers()
        return queries.minutes_versions(panel, meetings)

    def item_title(self, version: MinutesVersion) -> str:
        return f"Minutes ({version.get_kind_display().lower()}): {version.meeting}"

    def item_description(self, version: MinutesVersion) -> str:
        minutes = access.minutes_for(PUBLIC, version) or {"items": []}
        return "; ".join(f"{i['number']} {i['title']}" for i in minutes["items"])
