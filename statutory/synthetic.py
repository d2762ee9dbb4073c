"""A synthetic panel's reports register for scale tests (`manage.py load_synthetic`): the
precept of every year, notified, reviewed at the panel's February meeting (the report naming
that meeting's resolution, whose vote is recorded), published, answered and issued, through
the services (the case's numbering, dates and statuses are theirs to keep)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from meetings.synthetic import Held
from panel.synthetic import SyntheticPanel

from . import services
from .models import StatutoryCase


def build_cases(world: SyntheticPanel, *, held: list[Held]) -> int:
    count = 0
    precept = Decimal("200.00") + Decimal(world.rng.randrange(0, 4000)) / 100
    for record in held:
        if record.precept is None or record.financial_year is None:
            continue
        year, day = record.financial_year, record.meeting.start.date()
        precept = (precept * Decimal("1.0299")).quantize(Decimal("0.01"))
        case = services.case_notify(
            panel=world.panel,
            kind=StatutoryCase.Kind.PRECEPT,
            title=f"Proposed precept {year}/{str(year + 1)[2:]}",
            notified_on=day - dt.timedelta(days=7),
            financial_year=year,
            proposed_precept=precept,
            actor=None,
        )
        services.case_step(
            case=case,
            step="report",
            actor=None,
            made_on=day,
            text="The panel reviewed the Commissioner's proposed precept and supports it.",
            recommendations="That the Commissioner reports on the savings plan.",
            resolution=record.precept,
        )
        services.case_step(case=case, step="publish_report", actor=None)
        services.case_step(
            case=case,
            step="respond",
            actor=None,
            received_on=day + dt.timedelta(days=5),
            text="The Commissioner thanks the panel and will report on the savings plan.",
            publish=True,
        )
        services.case_step(
            case=case,
            step="issue",
            actor=None,
            issued_precept=precept,
            issued_on=day + dt.timedelta(days=14),
        )
        count += 1
    return count
