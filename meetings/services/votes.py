"""Recorded votes: how each member present voted on a minuted resolution.

Only the people present at the meeting who sit on its body that day may vote (a substitute for
a member who sits on it); officers and the public in attendance never do. A vote is recorded
again in full (the casts replace the last ones) while the minutes are open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from panel.audit import Actor, create_as, delete_as, update_or_create_as
from panel.models import Membership, Person
from panel.tenancy import require_same_panel

from ..models import Attendance, Meeting, Resolution, Vote, VoteCast
from .minutes import _draft, _minutes_open


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localdate(meeting.start)


def voters(meeting: Meeting) -> list[Person]:
    """The people who may vote at ``meeting``: present, and members of its body on the day (or
    a substitute for one), in name order."""
    members = set(
        Membership.objects.for_panel(meeting.panel_id)
        .filter(body_id=meeting.body_id)
        .voting()
        .current(meeting_day(meeting))
        .values_list("person_id", flat=True)
    )
    present = (
        Attendance.objects.for_panel(meeting.panel_id)
        .filter(
            meeting=meeting, status__in=[Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTE]
        )
        .select_related("person")
        .order_by("person__name")
    )
    return [
        a.person
        for a in present
        if a.person_id in members
        or (a.status == Attendance.Status.SUBSTITUTE and a.substitute_for_id in members)
    ]


@transaction.atomic
def vote_record(
    *, resolution: Resolution, casts: Iterable[tuple[Person, str]], actor: Actor
) -> Vote:
    """Record how each voter voted on ``resolution``; people not named did not vote."""
    meeting = resolution.item.meeting
    _minutes_open(meeting)
    casts = list(casts)
    require_same_panel(meeting.panel_id, resolution=resolution)
    for person, _ in casts:
        require_same_panel(meeting.panel_id, person=person)
    allowed = {p.pk for p in voters(meeting)}
    errors = [
        f"{person.display_name} may not vote: only the members present at the meeting vote."
        for person, _ in casts
        if person.pk not in allowed
    ]
    if len({person.pk for person, _ in casts}) != len(casts):
        errors.append("Each member votes once.")
    if any(cast not in VoteCast.Cast.values for _, cast in casts):
        errors.append("A vote is for, against or an abstention.")
    if not casts:
        errors.append("Record at least one member's vote.")
    if errors:
        raise ValidationError({"casts": errors})
    vote, _ = update_or_create_as(
        Vote.objects.for_panel(meeting.panel_id),
        actor,
        resolution=resolution,
        defaults={"panel_id": meeting.panel_id, "recorded_at": timezone.now()},
    )
    delete_as(VoteCast.objects.for_panel(meeting.panel_id).filter(vote=vote), actor)
    for person, cast in casts:
        create_as(VoteCast, actor, panel_id=meeting.panel_id, vote=vote, person=person, cast=cast)
    _draft(meeting)
    return vote
