"""Plans and returns made in tests (and the security world): a small published plan with a
measure whose good direction is up and one whose good direction is down."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from panel.tenancy import panel_scope

from . import services
from .models import Measure, Plan, Return

DRAFT_FIGURE_NOTE = "DRAFT-RETURN-MARKER"


def plan(cast: Any, *, publish: bool = True) -> Plan:
    """Alpha's (or any cast's) plan 2013–17: priority "Protecting people from harm" with
    victim satisfaction (up, target 85%) and burglaries (down, baseline 2,400)."""
    with panel_scope(cast.panel):
        made = services.plan_create(
            panel=cast.panel,
            title="Police and Crime Plan 2013-2017",
            commissioner="Ron Ball",
            starts_on=dt.date(2013, 4, 1),
            ends_on=dt.date(2017, 3, 31),
            actor=None,
        )
        harm = services.priority_add(plan=made, title="Protecting people from harm", actor=None)
        services.measure_add(
            priority=harm,
            title="Victim satisfaction",
            slug="victim-satisfaction",
            unit=Measure.Unit.PERCENT,
            good_direction=Measure.Direction.UP,
            reference_kind=Measure.Reference.TARGET,
            reference=Decimal("85"),
            actor=None,
        )
        services.measure_add(
            priority=harm,
            title="Domestic burglaries",
            slug="burglaries",
            unit=Measure.Unit.COUNT,
            good_direction=Measure.Direction.DOWN,
            reference_kind=Measure.Reference.BASELINE,
            reference=Decimal("2400"),
            actor=None,
        )
        if publish:
            services.plan_publish(plan=made, actor=None)
        return made


def quarter(
    plan: Plan,
    year: int,
    q: int,
    figures: dict[str, str | None],
    *,
    status: str = Return.Status.PUBLISHED,
    actor: Any = None,
    **money: Decimal,
) -> Return:
    """A return with these figures, taken as far as ``status``."""
    with panel_scope(plan.panel_id):
        made = services.return_open(plan=plan, year=year, quarter=q, actor=actor)
        entries = {
            code: services.Entry(None if v is None else Decimal(v), "")
            for code, v in figures.items()
        }
        services.return_save(of_return=made, entries=entries, money=money, actor=actor)
        if status != Return.Status.DRAFT:
            services.return_submit(of_return=made, actor=actor)
        if status == Return.Status.PUBLISHED:
            services.return_publish(of_return=made, actor=actor)
        return made
