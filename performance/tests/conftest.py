"""The plan's world: alpha's published plan with two published quarters (one with a figure
missing), a submitted and a draft return carrying a marker; beta's own plan."""

from __future__ import annotations

import pytest

from performance import testing

DRAFT = testing.DRAFT_FIGURE_NOTE


@pytest.fixture
def world(cast):
    plan = testing.plan(cast["alpha"])
    q1 = testing.quarter(plan, 2014, 1, {"victim-satisfaction": "80", "burglaries": "2300"})
    q2 = testing.quarter(plan, 2014, 2, {"victim-satisfaction": "83.5"})  # burglaries missing
    submitted = testing.quarter(plan, 2014, 3, {"burglaries": "7777"}, status="submitted")
    draft = testing.quarter(plan, 2014, 4, {"burglaries": "8888"}, status="draft")
    from panel.tenancy import panel_scope
    from performance import services

    with panel_scope(plan.panel_id):
        services.return_save(
            of_return=draft, entries={}, commentary=f"Early view {DRAFT}", actor=None
        )
    beta = testing.plan(cast["beta"])
    return {"plan": plan, "q1": q1, "q2": q2, "submitted": submitted, "draft": draft, "beta": beta}
