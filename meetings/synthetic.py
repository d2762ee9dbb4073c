"""A synthetic panel's meetings for scale tests (`manage.py load_synthetic`): about six panel
meetings and four working-group meetings a municipal year, each with the standing items, the
Commissioner's report, topical reports with PDF and written appendices, now and then an exempt
report, a published agenda, minutes with resolutions and attendance, and a recorded vote on the
precept. Approved at the next meeting of the same body, the last of each body's left published
for approval.

The rows are written in bulk (with their history rows, so the change history and the open data's
timestamps hold), and the published versions are made by the same snapshot code publishing
uses (`snapshot.agenda_content`, `snapshot.minutes_content`), so a version says exactly what
its rows say. Packs are not generated (a clerk's "Generate the packs again" makes them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from simple_history.utils import bulk_create_with_history

from documents.models import StoredFile
from documents.sanitise import render_body
from panel.models import Body, Person
from panel.synthetic import SyntheticPanel

from . import snapshot
from .models import (
    Access,
    AgendaItem,
    AgendaVersion,
    Appendix,
    Attendance,
    Meeting,
    Minute,
    MinutesVersion,
    Report,
    Resolution,
    Vote,
    VoteCast,
)
from .services._common import _section
from .services.standing import standing_rows_for

LONDON = ZoneInfo("Europe/London")
Kind = AgendaItem.Kind
# (month, day) of the panel's meetings in a municipal year; February's considers the precept
# (PRSRA 2011 Sch 5: the panel reviews it by 8 February).
PANEL_DATES = ((6, 24), (9, 16), (11, 18), (2, 3), (3, 17), (7, 15))
GROUP_DATES = {0: ((10, 8), (1, 20)), 1: ((8, 12), (12, 9))}
TOPICS = (
    "Neighbourhood policing and visibility",
    "Violence against women and girls",
    "Rural and wildlife crime",
    "The force's response to 999 and 101 calls",
    "Victims' services commissioning",
    "Road safety partnership",
    "Youth diversion and early intervention",
    "Domestic abuse: repeat victims",
    "The estates strategy",
    "Police officer recruitment and retention",
    "Fraud and cyber crime",
    "Community safety partnerships",
    "Stop and search scrutiny",
    "Mental health and policing",
    "Anti-social behaviour and the community trigger",
    "Custody and independent custody visiting",
)
SENTENCES = (
    "The Commissioner's office reports the position at the end of the quarter.",
    "Recorded crime rose slightly against the same quarter last year.",
    "Satisfaction among victims remains close to the force's average.",
    "The force has recruited to its funded establishment.",
    "Partners have agreed a joint plan for the coming year.",
    "The panel asked for a further report with the outcomes of the pilot.",
    "Spending is forecast to be within the approved budget.",
    "The independent review recommends clearer performance measures.",
    "Call handling times improved after the new triage arrangements.",
    "Commissioned services supported more victims than the year before.",
)
EXEMPT_TEXT = "Tender prices and the preferred bidder's name are commercially sensitive."


@dataclass
class Held:
    """A meeting as the other builders use it: its resolutions, and the precept's."""

    meeting: Meeting
    resolutions: list[Resolution] = field(default_factory=list)
    precept: Resolution | None = None
    financial_year: int | None = None
    present: list[Person] = field(default_factory=list)


def municipal_year_dates(year: int, months_days: tuple[tuple[int, int], ...]) -> list[dt.date]:
    days = []
    for month, day in months_days:
        date = dt.date(year + (month < 5), month, day)
        while date.weekday() >= 5:  # meetings are held on weekdays
            date += dt.timedelta(days=1)
        days.append(date)
    return sorted(days)


def _bulk(model: type[models.Model], objs: list[Any], at: dt.datetime) -> list[Any]:
    if not objs:
        return []
    return list(bulk_create_with_history(objs, model, batch_size=500, default_date=at))


def build_meetings(
    world: SyntheticPanel,
    *,
    years: list[int],
    files: list[StoredFile],
    exempt_file: StoredFile,
    built_at: dt.datetime,
) -> list[Held]:
    """``files`` serve the public appendices, ``exempt_file`` only exempt ones (a file is
    public when any public appendix carries it)."""
    meetings = _schedule(world, years, built_at)
    items = _items(world, meetings, built_at)
    _papers(world, items, (files, exempt_file), built_at)
    held = _record(world, meetings, items, built_at)
    _publish(world, meetings)
    return held


def _schedule(world: SyntheticPanel, years: list[int], at: dt.datetime) -> list[Meeting]:
    rng, panel = world.rng, world.panel
    planned: list[tuple[Body, dt.date]] = []
    for year in years:
        dates = municipal_year_dates(year, PANEL_DATES)
        if rng.random() < 0.5:  # five or six panel meetings a year
            dates = [d for d in dates if d.month != 7]
        planned += [(world.main, d) for d in dates]
        for n, group in enumerate(world.groups):
            planned += [(group, d) for d in municipal_year_dates(year, GROUP_DATES[n])]
    meetings = [
        Meeting(
            panel=panel,
            body=body,
            start=dt.datetime.combine(day, dt.time(10 if body.kind == "panel" else 14), LONDON),
            slug=day.isoformat() if body.kind == "panel" else f"{day.isoformat()}-{body.slug}",
            venue=f"Council Chamber, {panel.police_area}" if body.kind == "panel" else "Room 2",
            agenda_version=1,
            minutes_status=Meeting.MinutesStatus.APPROVED,
        )
        for body, day in sorted(planned, key=lambda p: p[1])
    ]
    meetings = _bulk(Meeting, meetings, at)
    last: dict[int, Meeting] = {}
    for meeting in meetings:
        before = last.get(meeting.body_id)
        if before is not None:
            meeting.previous = before
            before.minutes_approved_at = meeting
            before.minutes_signed_by = world.members[0]
        last[meeting.body_id] = meeting
    for meeting in last.values():
        meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED
    Meeting.objects.for_panel(panel).bulk_update(
        meetings, ["previous", "minutes_approved_at", "minutes_signed_by", "minutes_status"], 500
    )
    return meetings


def _items(
    world: SyntheticPanel, meetings: list[Meeting], at: dt.datetime
) -> dict[int, list[AgendaItem]]:
    rng, panel = world.rng, world.panel
    exempt_paragraph = 3 + (11 if panel.jurisdiction == "wales" else 0)
    rows = {kind: standing_rows_for(panel, kind) for kind in ("panel", "working_group")}
    tops: list[AgendaItem] = []
    children: list[tuple[AgendaItem, str]] = []  # a sub-item and its heading's title
    for meeting in meetings:
        standing = rows["panel" if meeting.body.kind == "panel" else "working_group"]
        mine = []
        for row in standing:
            item = AgendaItem(
                panel=panel,
                meeting=meeting,
                kind=row.kind,
                title=row.title,
                purpose=row.purpose,
                access=row.access,
                exempt_paragraph=row.exempt_paragraph,
                first_published_in=1,
            )
            if row.kind == Kind.MINUTES and meeting.previous is not None:
                held = meeting.previous.start.astimezone(LONDON)
                item.title = f"Minutes of the meeting held on {held:%-d %B %Y}"
            if row.parent_title:
                children.append((item, row.parent_title))
            else:
                mine.append(item)
        if meeting.body.kind == "panel":
            mine.append(
                _new(meeting, Kind.PCC_UPDATE, "Report of the Police and Crime Commissioner")
            )
        for topic in rng.sample(TOPICS, 3 if meeting.body.kind == "panel" else 2):
            mine.append(_new(meeting, Kind.REPORT, topic))
        start = meeting.start.astimezone(LONDON)
        if meeting.body.kind == "panel" and start.month == 2:
            year = start.year
            mine.append(_new(meeting, Kind.REPORT, f"Proposed Precept {year}/{str(year + 1)[2:]}"))
        if rng.random() < 0.35:
            exempt = _new(meeting, Kind.REPORT, "Contract for custody healthcare")
            exempt.access, exempt.exempt_paragraph = Access.EXEMPT, exempt_paragraph
            exempt.public_interest = EXEMPT_TEXT
            mine.append(exempt)
        for n, item in enumerate(sorted(mine, key=_section), start=1):
            item.position, item.number = n, str(n)
        tops += mine
    tops = _bulk(AgendaItem, tops, at)
    by_heading = {(i.meeting_id, i.title): i for i in tops if i.kind == Kind.HEADING}
    counts: dict[int, int] = {}
    for child, heading_title in children:
        parent = by_heading[(child.meeting.pk, heading_title)]
        counts[parent.pk] = counts.get(parent.pk, 0) + 1
        child.parent, child.position = parent, counts[parent.pk]
        child.number = f"{parent.number}({child.position})"
    subs = _bulk(AgendaItem, [c for c, _ in children], at)
    grouped: dict[int, list[AgendaItem]] = {m.pk: [] for m in meetings}
    for item in [*tops, *subs]:
        grouped[item.meeting_id].append(item)
    return grouped


def _new(meeting: Meeting, kind: str, title: str) -> AgendaItem:
    return AgendaItem(
        panel=meeting.panel,
        meeting=meeting,
        kind=kind,
        title=title,
        access=Access.PUBLIC,
        purpose=f"To consider the report on {title[0].lower()}{title[1:]}.",
        first_published_in=1,
    )


def _papers(
    world: SyntheticPanel,
    grouped: dict[int, list[AgendaItem]],
    stored: tuple[list[StoredFile], StoredFile],
    at: dt.datetime,
) -> None:
    rng, panel = world.rng, world.panel
    files, exempt_file = stored
    reports, appendices = [], []
    for items in grouped.values():
        for item in items:
            if item.kind not in (Kind.REPORT, Kind.PCC_UPDATE):
                continue
            if item.is_exempt:
                body = f"{EXEMPT_TEXT} The preferred bidder is named in the appendix."
            else:
                body = "\n\n".join(" ".join(rng.sample(SENTENCES, 3)) for _ in range(3))
            reports.append(
                Report(
                    panel=panel,
                    item=item,
                    body_source=body,
                    body_html=render_body(body, "markdown"),
                    recommendations="That the panel notes the report.\nThat the panel asks for "
                    "an update in six months.",
                    author="Scrutiny Officer",
                    head_of_service="Head of Democratic Services",
                )
            )
            if item.kind == Kind.PCC_UPDATE:
                continue
            # A few stored files serve every appendix of the panel (keeps the disk small).
            appendices.append(
                Appendix(
                    panel=panel,
                    item=item,
                    letter="A",
                    title="Data pack",
                    stored_file=exempt_file if item.is_exempt else rng.choice(files),
                    access=item.access,
                    exempt_paragraph=item.exempt_paragraph,
                    public_interest=item.public_interest,
                )
            )
            if not item.is_exempt and rng.random() < 0.3:
                text = " ".join(rng.sample(SENTENCES, 2))
                appendices.append(
                    Appendix(
                        panel=panel,
                        item=item,
                        letter="B",
                        title="Briefing note",
                        access=Access.PUBLIC,
                        text_source=text,
                        text_html=render_body(text, "markdown"),
                    )
                )
    _bulk(Report, reports, at)
    _bulk(Appendix, appendices, at)


def _record(
    world: SyntheticPanel,
    meetings: list[Meeting],
    grouped: dict[int, list[AgendaItem]],
    at: dt.datetime,
) -> list[Held]:
    panel = world.panel
    minutes: list[Minute] = []
    resolutions: list[Resolution] = []
    attendance: list[Attendance] = []
    held = {m.pk: Held(m) for m in meetings}
    chair = world.members[0]
    for meeting in meetings:
        present = _attendance(world, meeting, attendance)
        for item in grouped[meeting.pk]:
            text, resolved = _minute(item, meeting, chair)
            if text:
                minutes.append(Minute(panel=panel, item=item, text=text))
            for n, line in enumerate(resolved, start=1):
                resolutions.append(Resolution(panel=panel, item=item, position=n, text=line))
        held[meeting.pk].present = present
    _bulk(Minute, minutes, at)
    _bulk(Attendance, attendance, at)
    for resolution in _bulk(Resolution, resolutions, at):
        record = held[resolution.item.meeting_id]
        if resolution.item.title.startswith("Proposed Precept"):
            record.precept = resolution
            record.financial_year = resolution.item.meeting.start.year
        elif resolution.item.kind == Kind.REPORT and not resolution.item.is_exempt:
            record.resolutions.append(resolution)
    _votes(world, [h for h in held.values() if h.precept is not None], at)
    return list(held.values())


def _attendance(world: SyntheticPanel, meeting: Meeting, out: list[Attendance]) -> list[Person]:
    seats = world.members if meeting.body.kind == "panel" else world.members[1:5]
    present = []
    for person in seats:
        away = world.rng.random() < 0.12 and person is not world.members[0]
        out.append(
            Attendance(
                panel=world.panel,
                meeting=meeting,
                person=person,
                status=Attendance.Status.APOLOGIES if away else Attendance.Status.PRESENT,
            )
        )
        if not away:
            present.append(person)
    if meeting.body.kind == "panel":
        out.append(
            Attendance(
                panel=world.panel,
                meeting=meeting,
                person=world.commissioner,
                status=Attendance.Status.IN_ATTENDANCE,
                capacity="Police and Crime Commissioner",
            )
        )
    return present


def _minute(item: AgendaItem, meeting: Meeting, chair: Person) -> tuple[str, list[str]]:
    if item.kind == Kind.MINUTES and meeting.previous is not None:
        held = meeting.previous.start.astimezone(LONDON)
        return (
            f"The minutes of the meeting held on {held:%-d %B %Y} were signed by "
            f"{chair.display_name}.",
            ["That the minutes be approved as a correct record."],
        )
    if item.kind == Kind.PCC_UPDATE:
        return "The Commissioner presented the report and answered members' questions.", []
    if item.kind != Kind.REPORT:
        return "", []
    if item.title.startswith("Proposed Precept"):
        return (
            "The Commissioner presented the proposed precept (Band D).",
            [f"That the panel supports the {item.title[0].lower()}{item.title[1:]}."],
        )
    lines = ["That the report be noted."]
    if not item.is_exempt:
        lines.append(
            f"That the Commissioner reports back on {item.title[0].lower()}{item.title[1:]}."
        )
    return "Members discussed the report and asked questions of the officers.", lines


def _votes(world: SyntheticPanel, held: list[Held], at: dt.datetime) -> None:
    votes = _bulk(
        Vote,
        [Vote(panel=world.panel, resolution=h.precept, recorded_at=h.meeting.start) for h in held],
        at,
    )
    casts = []
    for vote, record in zip(votes, held, strict=True):
        for n, person in enumerate(record.present):
            cast = VoteCast.Cast.ABSTAINED if n == 1 else VoteCast.Cast.FOR
            if world.rng.random() < 0.15:
                cast = VoteCast.Cast.AGAINST
            casts.append(VoteCast(panel=world.panel, vote=vote, person=person, cast=cast))
    _bulk(VoteCast, casts, at)


def _publish(world: SyntheticPanel, meetings: list[Meeting]) -> None:
    """The agenda and minutes versions, from the rows by the publishing code's own snapshot."""
    panel = world.panel
    agendas, minutes = [], []
    for n in range(0, len(meetings), 50):
        batch = meetings[n : n + 50]
        live = snapshot.items_of(batch)
        for meeting in batch:
            meeting.panel = panel
            agenda, content = _versions(meeting, live[meeting.pk])
            agendas.append(agenda)
            minutes += _minutes_versions(meeting, content)
    AgendaVersion.objects.for_panel(panel).bulk_create(agendas, batch_size=200)
    MinutesVersion.objects.for_panel(panel).bulk_create(minutes, batch_size=200)


def _versions(meeting: Meeting, items: list[AgendaItem]) -> tuple[AgendaVersion, dict[str, Any]]:
    agenda = AgendaVersion(
        panel=meeting.panel,
        meeting=meeting,
        number=1,
        kind=AgendaVersion.Kind.AGENDA,
        published_at=meeting.start - dt.timedelta(days=10),
        content=snapshot.agenda_content(meeting, items=items),
    )
    return agenda, snapshot.minutes_content(meeting, agenda, items=items)


def _minutes_versions(meeting: Meeting, content: dict[str, Any]) -> list[MinutesVersion]:
    minutes = [
        MinutesVersion(
            panel=meeting.panel,
            meeting=meeting,
            number=1,
            kind=MinutesVersion.Kind.DRAFT,
            published_at=meeting.start + dt.timedelta(days=7),
            content=content,
        )
    ]
    if meeting.minutes_approved_at is not None:
        minutes.append(
            MinutesVersion(
                panel=meeting.panel,
                meeting=meeting,
                number=2,
                kind=MinutesVersion.Kind.APPROVED,
                published_at=meeting.minutes_approved_at.start,
                content=content,
            )
        )
    return minutes
