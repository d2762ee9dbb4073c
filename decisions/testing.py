"""Test helpers for decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from panel.testing import PanelCast

from . import services
from .models import Decision

EXEMPT_MARKER = "SECRET-DECISION-EXEMPT-3b9e"
DRAFT_MARKER = "SECRET-DECISION-DRAFT-81f0"


def draft(c: PanelCast, title: str = "Estates strategy", **fields: Any) -> Decision:
    defaults = {"executive_summary": "A summary.", "decision": "To approve it."}
    return services.decision_create(
        panel=c.panel, title=title, actor=None, **{**defaults, **fields}
    )


def published(c: PanelCast, title: str = "Sale of a police station", **fields: Any) -> Decision:
    decision = draft(c, title, **fields)
    decision = services.decision_submit(decision=decision, actor=None)
    day = dt.date(2030, 1, 10)
    services.decision_review(
        decision=decision, reviewer="chief_executive", name="CE", on=day, actor=None
    )
    services.decision_review(
        decision=decision, reviewer="chief_finance_officer", name="CFO", on=day, actor=None
    )
    services.decision_sign(decision=decision, name="The Commissioner", on=day, actor=None)
    return services.decision_publish(decision=decision, actor=None)


def published_with_exempt_part(c: PanelCast) -> Decision:
    paragraph = 3 if c.panel.jurisdiction == "england" else 14
    return published(
        c, exempt_part=EXEMPT_MARKER, exempt_paragraph=paragraph, exempt_reason="Offers received."
    )
