"""Attendance statistics: for each member of each body in a municipal year, the meetings they
were expected at, and how often they came, sent apologies, were substituted or were absent; the
figures councils publish beside their committee pages.

Read from the public record only: the latest published minutes of each meeting the reader may
see (what the minutes say of attendance is what the public was told), and the seats people held
on the day of each meeting (a member is expected at a meeting of their body while they hold a
voting seat on it; officers and designated substitutes are not expected). A substitute's own
attendance is counted on its own line ("attended as a substitute"). Four queries, whatever the
number of meetings and members.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from panel import years
from panel.access import Reader
from panel.models import Membership, Panel
from panel.querysets import VOTING_ROLES

from . import access
from .models import Attendance, MinutesVersion

S = Attendance.Status


@dataclass
class MemberRecord:
    person_id: int
    name: str
    council: str
    expected: int = 0
    present: int = 0
    apologies: int = 0
    substituted: int = 0
    as_substitute: int = 0

    @property
    def absent(self) -> int:
        return max(self.expected - self.present - self.apologies, 0)

    @property
    def percentage(self) -> int | None:
        return round(100 * self.present / self.expected) if self.expected else None


@dataclass
class BodyRecord:
    name: str
    slug: str
    meetings: int = 0
    members: dict[int, MemberRecord] = field(default_factory=dict)

    @property
    def rows(self) -> list[MemberRecord]:
        return sorted(self.members.values(), key=lambda m: m.name)


def _latest_minutes(panel: Panel, meeting_ids: list[int]) -> dict[int, dict[str, Any]]:
    versions = (
        MinutesVersion.objects.for_panel(panel)
        .filter(meeting_id__in=meeting_ids)
        .order_by("meeting_id", "number")
        .values_list("meeting_id", "content")
    )
    return dict(versions)  # the last version of each meeting wins


def _member(body: BodyRecord, seat: Membership) -> MemberRecord:
    found = body.members.get(seat.person_id)
    if found is None:
        council = seat.authority.name if seat.authority is not None else ""
        found = MemberRecord(seat.person_id, seat.person.display_name, council)
        body.members[seat.person_id] = found
    return found


def statistics(user: Reader, panel: Panel, year: str) -> list[BodyRecord]:
    """Each body's members' attendance at the meetings of ``year`` whose minutes are published,
    as ``user`` may see them."""
    span = years.bounds(year)
    if span is None:
        return []
    first, last = span
    meetings = list(
        access.visible_meetings(user, panel)
        .with_open_papers()
        .filter(minutes_versions__isnull=False)
        .filter(start__date__gte=first, start__date__lte=last)
        .select_related("body")
        .distinct()
        .order_by("start")
    )
    minutes = _latest_minutes(panel, [m.pk for m in meetings])
    seats = list(
        Membership.objects.for_panel(panel)
        .filter(body_id__in={m.body_id for m in meetings})
        .overlapping(first, last)
        .select_related("person", "authority")
    )
    bodies: dict[int, BodyRecord] = {}
    for meeting in meetings:
        body = bodies.setdefault(meeting.body_id, BodyRecord(meeting.body.name, meeting.body.slug))
        body.meetings += 1
        day = timezone.localtime(meeting.start).date()
        on_day = [
            s
            for s in seats
            if s.body_id == meeting.body_id
            and s.start_date <= day
            and (s.end_date is None or s.end_date >= day)
        ]
        _count(body, on_day, minutes.get(meeting.pk, {}).get("attendance", []))
    return sorted(bodies.values(), key=lambda b: (b.name != _main_name(meetings), b.name))


def _main_name(meetings: list[Any]) -> str:
    return next((m.body.name for m in meetings if m.body.kind == "panel"), "")


def _count(body: BodyRecord, seats: list[Membership], record: list[dict[str, Any]]) -> None:
    """One meeting: every voting seat expected; what the minutes recorded of each person."""
    by_name = {s.person.display_name: s.person_id for s in seats}

    def person_of(row: dict[str, Any], key: str, name_key: str) -> int | None:
        return row.get(key) or by_name.get(row.get(name_key) or "")

    said = {person_of(r, "person_id", "person"): r for r in record}
    substituted = {
        person_of(r, "substitute_for_id", "substitute_for")
        for r in record
        if r["status"] == S.SUBSTITUTE
    }
    for seat in seats:
        if seat.role not in VOTING_ROLES:
            if seat.role == Membership.Role.SUBSTITUTE:
                row = said.get(seat.person_id)
                if row is not None and row["status"] == S.SUBSTITUTE:
                    _member(body, seat).as_substitute += 1
            continue
        member = _member(body, seat)
        member.expected += 1
        status = said.get(seat.person_id, {}).get("status")
        member.present += status == S.PRESENT
        member.apologies += status == S.APOLOGIES
        member.substituted += seat.person_id in substituted


def years_with_minutes(user: Reader, panel: Panel) -> list[str]:
    """The municipal years with published minutes, latest first."""
    starts = (
        access.visible_meetings(user, panel)
        .with_open_papers()
        .filter(minutes_versions__isnull=False)
        .values_list("start", flat=True)
        .distinct()
    )
    written = {years.municipal_year(timezone.localtime(s).date()) for s in starts}
    return sorted(written, reverse=True)


def chosen_year(asked: str, with_minutes: list[str], today: dt.date) -> str:
    """The year asked for; else this municipal year when it has minutes; else the latest."""
    return asked or years.year_to_open(today, sorted(with_minutes))
