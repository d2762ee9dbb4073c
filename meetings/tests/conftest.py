"""Fixtures the meetings tests share."""

from __future__ import annotations

import datetime as dt

import pytest

from meetings import services
from meetings.testing import LONDON
from panel.tenancy import panel_scope


@pytest.fixture
def two_meetings(cast, time_machine):
    """A held meeting with its agenda published (one item, "Budget") and the meeting after it,
    where its minutes are approved; the clock set after both have met (minutes are approved at
    a meeting that has taken place)."""
    c = cast["alpha"]
    with panel_scope(c.panel):
        first = services.meeting_create(
            body=c.main_body,
            start=dt.datetime(2030, 1, 10, 10, tzinfo=LONDON),
            venue="Hall",
            actor=None,
        )
        second = services.meeting_create(
            body=c.main_body,
            start=dt.datetime(2030, 3, 15, 10, tzinfo=LONDON),
            venue="Hall",
            previous=first,
            actor=None,
        )
        item = services.item_add(meeting=first, title="Budget", actor=None)
        services.agenda_publish(
            meeting=first, at=dt.datetime(2029, 12, 1, tzinfo=LONDON), actor=None
        )
        time_machine.move_to(dt.datetime(2030, 3, 16, 9, tzinfo=LONDON))
        yield c, first, second, item
