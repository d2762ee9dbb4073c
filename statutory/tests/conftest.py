"""The statutory pages' world: a vetoed precept, a draft report, a candidate's material."""

from __future__ import annotations

import datetime as dt

import pytest

from panel.tenancy import panel_scope
from statutory import services
from statutory.testing import (
    CANDIDATE_MARKER,
    DRAFT_MARKER,
    chief_constable,
    precept,
    vetoed_at_meeting,
)

DRAFT, CANDIDATE = DRAFT_MARKER, CANDIDATE_MARKER


@pytest.fixture
def world(cast):
    """Alpha: a precept vetoed by a published report, and a second with a draft report; a chief
    constable case with a candidate's personal material."""
    c = cast["alpha"]
    vetoed, drafted = precept(c), precept(c, year=2016, notified_on=dt.date(2016, 1, 25))
    v = vetoed_at_meeting(c, in_favour=8)
    with panel_scope(c.panel):
        services.case_step(
            case=vetoed,
            step="report",
            actor=None,
            made_on=dt.date(2015, 2, 3),
            text="The panel vetoes it.",
            veto="too_high",
            resolution=v.resolution,
        )
        services.case_step(case=vetoed, step="publish_report", actor=None)
        services.case_step(
            case=drafted, step="report", actor=None, made_on=dt.date(2016, 2, 2), text=DRAFT
        )
    chief_constable(c)
    return {"vetoed": vetoed, "drafted": drafted}
