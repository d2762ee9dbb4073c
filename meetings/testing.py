"""Test helpers for meetings: a published meeting with secrets in it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from documents.testing import pdf_bytes, upload
from panel import services as panel_services
from panel.models import Person
from panel.tenancy import panel_scope
from panel.testing import PanelCast

from . import services
from .models import AgendaItem, Meeting, Resolution

LONDON = ZoneInfo("Europe/London")
EXEMPT_REPORT_MARKER = "SECRET-EXEMPT-REPORT-7f3a"
EXEMPT_APPENDIX_MARKER = "SECRET-EXEMPT-APPENDIX-91bc"
EXEMPT_MINUTE_MARKER = "SECRET-EXEMPT-MINUTE-44d0"
DRAFT_MARKER = "SECRET-DRAFT-ITEM-0c2e"
PUBLIC_REPORT_TEXT = "The public report on neighbourhood policing."


@dataclass
class PublishedMeeting:
    meeting: Meeting
    public_item: AgendaItem
    exempt_item: AgendaItem
    public_file_id: int | None
    exempt_file_id: int | None


def published_meeting(c: PanelCast, day: dt.date = dt.date(2030, 3, 15)) -> PublishedMeeting:
    """A meeting with a public report (public and exempt appendices) and an exempt report."""
    with panel_scope(c.panel):
        start = dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)
        meeting = services.meeting_create(
            body=c.main_body, start=start, venue="Council Chamber", actor=None
        )
        public = services.item_add(meeting=meeting, title="Neighbourhood policing", actor=None)
        services.report_update(
            item=public, body_source=PUBLIC_REPORT_TEXT, recommendations="Note it", actor=None
        )
        public_appendix = services.appendix_add(
            item=public, title="Survey results", upload=upload(pdf_bytes(2)), actor=None
        )
        exempt_appendix = services.appendix_add(
            item=public,
            title="Named officers",
            access="exempt",
            exempt_paragraph=_para(c, 1),
            upload=upload(pdf_bytes(1), "names.pdf"),
            public_interest="Names of junior staff.",
            actor=None,
        )
        services.appendix_add(
            item=public,
            title="Staff notes",
            access="exempt",
            exempt_paragraph=_para(c, 1),
            text=EXEMPT_APPENDIX_MARKER,
            actor=None,
        )
        exempt = services.item_add(
            meeting=meeting,
            title="Contract for custody healthcare",
            access="exempt",
            exempt_paragraph=_para(c, 3),
            public_interest="Tender prices are commercially sensitive.",
            actor=None,
        )
        services.report_update(item=exempt, body_source=EXEMPT_REPORT_MARKER, actor=None)
        services.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=14), actor=None)
        services.minute_update(
            item=exempt, text=EXEMPT_MINUTE_MARKER, resolutions=["Award it"], actor=None
        )
        services.minute_update(
            item=public, text="Members discussed the survey.", resolutions=["Noted"], actor=None
        )
        services.minutes_publish(meeting=meeting, actor=None)
        services.item_add(meeting=meeting, title=DRAFT_MARKER, actor=None)
        return PublishedMeeting(
            meeting, public, exempt, public_appendix.stored_file_id, exempt_appendix.stored_file_id
        )


def _para(c: PanelCast, england: int) -> int:
    return england + (11 if c.panel.jurisdiction == "wales" else 0)


@dataclass
class VotingMeeting:
    meeting: Meeting
    item: AgendaItem
    resolution: Resolution
    members: list[Person]  # every voting member of the main body on the day


def voting_meeting(
    c: PanelCast,
    *,
    day: dt.date = dt.date(2015, 2, 3),
    members: int = 12,
    present: int | None = None,
    title: str = "Proposed precept 2015/16",
    resolution: str = "That the panel vetoes the proposed precept as too high.",
) -> VotingMeeting:
    """A published meeting of the panel's main body on ``day`` with ``members`` voting members
    (new people, the last of them co-opted; the cast's own Chair sits only from 2024), the
    first ``present`` of them present, and one item with one minuted resolution."""
    with panel_scope(c.panel):
        people = []
        for n in range(1, members + 1):
            person = panel_services.person_create(panel=c.panel, name=f"Member {n:02d}", actor=None)
            panel_services.membership_create(
                body=c.main_body,
                person=person,
                role="co_opted" if n == members else "member",
                co_opted=n == members,
                start_date=day - dt.timedelta(days=200),
                actor=None,
            )
            people.append(person)
        start = dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)
        meeting = services.meeting_create(
            body=c.main_body, start=start, venue="Shire Hall", actor=None
        )
        item = services.item_add(meeting=meeting, title=title, actor=None)
        services.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=14), actor=None)
        services.minute_update(
            item=item, text="Members debated.", resolutions=[resolution], actor=None
        )
        for person in people[: members if present is None else present]:
            services.attendance_record(meeting=meeting, person=person, status="present", actor=None)
        return VotingMeeting(meeting, item, item.resolutions.get(), people)
