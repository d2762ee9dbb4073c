"""Test helpers for statutory cases: a precept notified, reported on with a vote, answered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from meetings import services as meeting_services
from meetings.testing import VotingMeeting, voting_meeting
from panel.tenancy import panel_scope
from panel.testing import PanelCast

from . import services
from .models import StatutoryCase

PROPOSED = Decimal("196.83")
DRAFT_MARKER = "SECRET-STATUTORY-DRAFT-REPORT-5e1d"
CANDIDATE_MARKER = "SECRET-STATUTORY-CANDIDATE-77aa"


def precept(c: PanelCast, *, year: int = 2015, notified_on: dt.date | None = None) -> StatutoryCase:
    with panel_scope(c.panel):
        return services.case_notify(
            panel=c.panel,
            kind="precept",
            title=f"Proposed precept {year}/{str(year + 1)[2:]}",
            notified_on=notified_on or dt.date(year, 1, 30),
            financial_year=year,
            proposed_precept=PROPOSED,
            actor=None,
        )


def vetoed_at_meeting(
    c: PanelCast, *, in_favour: int, members: int = 12, day: dt.date = dt.date(2015, 2, 3)
) -> VotingMeeting:
    """The panel's meeting on ``day``, ``members`` strong, all present, ``in_favour`` of them
    voting for the veto and the rest against."""
    v = voting_meeting(c, day=day, members=members)
    with panel_scope(c.panel):
        casts = [(p, "for" if n < in_favour else "against") for n, p in enumerate(v.members)]
        meeting_services.vote_record(resolution=v.resolution, casts=casts, actor=None)
    return v


def chief_constable(
    c: PanelCast,
    *,
    notified_on: dt.date = dt.date(2016, 3, 1),
    candidate: str = "A Candidate",
    details: str = CANDIDATE_MARKER,
) -> StatutoryCase:
    """A proposed chief constable notified with the particulars of PRSRA 2011 Sch 8 para 3(2)."""
    with panel_scope(c.panel):
        return services.case_notify(
            panel=c.panel,
            kind="chief_constable",
            title="Proposed appointment of the chief constable",
            notified_on=notified_on,
            candidate=candidate,
            criteria="Strategic leadership; a record of public accountability.",
            candidate_details=details,
            terms="A fixed term of five years; salary as the Home Office determination.",
            actor=None,
        )
