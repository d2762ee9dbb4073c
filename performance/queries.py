"""Read-side assembly of the plan's pages, downloads and pack appendix: the published quarters
as series, each measure judged (``rules``), and charts drawn (``charts``). A constant number of
queries whatever the number of measures and quarters.

Only published returns are read here: a draft's figures are shown on its own page, to the office
and the clerk, and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString

from panel import changes
from panel.access import Reader
from panel.models import Panel
from workprogramme.models import ActionNote

from . import access, charts
from .models import (
    MONEY_FIELDS,
    Figure,
    Measure,
    Plan,
    PlanVersion,
    Priority,
    Question,
    Return,
    quarter_end,
    quarter_key,
    quarter_label,
)
from .rules import Judgement, judge

Quarter = tuple[int, int]


def fmt(value: Decimal | None, unit: str) -> str:
    """A figure as a reader reads it: 78.5%, £1,234,000, 12.5 days; "no figure" if missing."""
    if value is None:
        return "no figure"
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if unit == "pounds" and value % 1:
        text = f"{value:,.2f}"
    return {
        "percent": f"{text}%",
        "pounds": f"£{text}",
        "days": f"{text} days",
        "rate": f"{text} per 1,000",
    }.get(unit, text)


UNIT_AXIS = {"percent": "%", "pounds": "£", "days": "days", "rate": "per 1,000", "count": ""}


@dataclass
class MeasureView:
    measure: Measure
    quarters: list[Quarter]
    values: list[Decimal | None]
    notes: list[str]
    tolerance: Decimal
    chart: SafeString | None = None

    @property
    def latest(self) -> Decimal | None:
        return self.values[-1] if self.values else None

    @property
    def previous(self) -> Decimal | None:
        return self.values[-2] if len(self.values) > 1 else None

    @property
    def status(self) -> Judgement:
        return judge(
            self.latest,
            self.measure.reference,
            good=self.measure.good_direction,
            tolerance_percent=self.tolerance,
        )

    @property
    def trend(self) -> Judgement:
        return judge(
            self.latest,
            self.previous,
            good=self.measure.good_direction,
            tolerance_percent=self.tolerance,
        )

    @property
    def rows(self) -> list[dict[str, Any]]:
        unit = self.measure.unit
        return [
            {"label": quarter_label(*q), "value": v, "shown": fmt(v, unit), "note": n}
            for q, v, n in zip(self.quarters, self.values, self.notes, strict=True)
        ]

    @property
    def missing(self) -> int:
        return sum(v is None for v in self.values)

    def describe(self) -> str:
        m = self.measure
        if not self.quarters:
            return f"{m.title}: no published figures yet."
        span = f"{quarter_label(*self.quarters[0])} to {quarter_label(*self.quarters[-1])}"
        parts = [f"{m.title}, quarterly from {span}; {m.get_good_direction_display().lower()}."]
        parts.append(f"Latest ({quarter_label(*self.quarters[-1])}): {fmt(self.latest, m.unit)}.")
        if m.reference is not None:
            parts.append(
                f"{m.get_reference_kind_display()} {fmt(m.reference, m.unit)}: "
                f"{self.status.label.lower()}."
            )
        parts.append(f"Against the quarter before: {self.trend.label.lower()}.")
        if self.missing:
            parts.append(f"{self.missing} quarter(s) have no figure.")
        return " ".join(parts)

    def draw(self, chart_id: str) -> SafeString:
        m = self.measure
        series = charts.Series(
            title=m.title,
            description=self.describe(),
            unit=UNIT_AXIS.get(m.unit, ""),
            labels=[quarter_label(*q) for q in self.quarters],
            values=self.values,
            reference=m.reference,
            reference_label=m.get_reference_kind_display() if m.reference is not None else "",
        )
        return charts.trend_svg(series, chart_id=chart_id)


@dataclass
class PriorityView:
    priority: Priority
    measures: list[MeasureView] = field(default_factory=list)

    def count(self, judgement: str) -> int:
        return sum(m.status == judgement for m in self.measures)

    @property
    def counts(self) -> dict[str, int]:
        return {j.value: self.count(j) for j in Judgement}


def _span(returns: list[Return]) -> list[Quarter]:
    """Every quarter from the first published return to the last, a quarter without a
    return included (it is drawn as missing, never as zero)."""
    if not returns:
        return []
    (y, q), last = (returns[0].year, returns[0].quarter), (returns[-1].year, returns[-1].quarter)
    span = []
    while (y, q) <= last:
        span.append((y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return span


@dataclass
class PlanData:
    plan: Plan
    returns: list[Return]
    quarters: list[Quarter]
    priorities: list[PriorityView]

    @property
    def measures(self) -> list[MeasureView]:
        return [m for p in self.priorities for m in p.measures]

    @property
    def latest(self) -> Return | None:
        return self.returns[-1] if self.returns else None


def plan_data(
    plan: Plan,
    *,
    priority: Priority | None = None,
    measure: Measure | None = None,
    upto: dt.datetime | None = None,
    current_only: bool = True,
) -> PlanData:
    """The plan's published figures (as they stood at ``upto``, for a pack), by priority and
    measure; narrowed to one priority or measure for their pages. Five queries."""
    panel_id = plan.panel_id
    returns_rows = Return.objects.for_panel(panel_id).filter(plan=plan).published().in_order()
    if upto is not None:
        returns_rows = returns_rows.filter(published_at__lte=upto)
    returns = list(returns_rows)
    quarters = _span(returns)
    measures = Measure.objects.for_panel(panel_id).filter(plan=plan).in_plan_order()
    if current_only and measure is None:
        measures = measures.current()
    if priority is not None:
        measures = measures.filter(priority=priority)
    if measure is not None:
        measures = measures.filter(pk=measure.pk)
    figures: dict[tuple[int, Quarter], Figure] = {
        (f.measure_id, (f.of_return.year, f.of_return.quarter)): f
        for f in Figure.objects.for_panel(panel_id)
        .filter(of_return__in=[r.pk for r in returns], measure__in=measures)
        .select_related("of_return")
    }
    views: dict[int, PriorityView] = {}
    for m in measures:
        view = views.setdefault(m.priority_id, PriorityView(m.priority))
        cells = [figures.get((m.pk, q)) for q in quarters]
        view.measures.append(
            MeasureView(
                measure=m,
                quarters=quarters,
                values=[c.value if c else None for c in cells],
                notes=[c.note if c else "" for c in cells],
                tolerance=plan.tolerance_percent,
            )
        )
    if priority is None and measure is None:
        for p in Priority.objects.for_panel(panel_id).filter(plan=plan, withdrawn_in=None):
            views.setdefault(p.pk, PriorityView(p))
    ordered = sorted(views.values(), key=lambda v: v.priority.position)
    return PlanData(plan=plan, returns=returns, quarters=quarters, priorities=ordered)


def with_charts(data: PlanData) -> PlanData:
    for view in data.measures:
        view.chart = view.draw(f"measure-{view.measure.pk}")
    return data


def versions(plan: Plan) -> list[PlanVersion]:
    return list(
        PlanVersion.objects.for_panel(plan.panel_id)
        .filter(plan=plan)
        .select_related("review_case")
        .order_by("number")
    )


def questions(priority: Priority, measure: Measure | None = None) -> list[dict[str, Any]]:
    """Members' questions and recommendations with the Commissioner's office's answers (the
    action's progress notes). Two queries."""
    rows = (
        Question.objects.for_panel(priority.panel_id)
        .filter(priority=priority)
        .select_related("action", "measure")
    )
    if measure is not None:
        rows = rows.filter(measure=measure)
    found = list(rows)
    notes: dict[int, list[ActionNote]] = {}
    for note in (
        ActionNote.objects.for_panel(priority.panel_id)
        .filter(action__in=[q.action_id for q in found])
        .order_by("written_on", "pk")
    ):
        notes.setdefault(note.action_id, []).append(note)
    return [
        {"question": q, "action": q.action, "answers": notes.get(q.action_id, [])} for q in found
    ]


def money(plan: Plan) -> dict[str, Any]:
    """The Budget Working Group's view: budget, forecast and spend by quarter, reserves and the
    precept, from published returns. One query."""
    returns = list(Return.objects.for_panel(plan.panel_id).filter(plan=plan).published().in_order())
    quarters = _span(returns)
    by_quarter = {(r.year, r.quarter): r for r in returns}
    cells = [by_quarter.get(q) for q in quarters]
    labels = [quarter_label(*q) for q in quarters]

    def column(name: str) -> list[Decimal | None]:
        return [getattr(r, name) if r else None for r in cells]

    spending = {
        "Budget": column("budget"),
        "Forecast outturn": column("forecast"),
        "Spent to date": column("spend_to_date"),
    }
    reserves = {
        "General reserves": column("reserves_general"),
        "Earmarked reserves": column("reserves_earmarked"),
    }
    rows = [
        {"label": label, **{n: fmt(v, "pounds") for n, v in zip(MONEY_FIELDS, values, strict=True)}}
        for label, *values in zip(
            labels, *spending.values(), *reserves.values(), column("precept_band_d"), strict=True
        )
    ]
    return {
        "quarters": labels,
        "rows": rows,
        "spending": _money_chart(
            "Budget, forecast outturn and spending", labels, spending, "money-spending"
        ),
        "reserves": _money_chart("Reserves", labels, reserves, "money-reserves"),
    }


def _money_chart(
    title: str, labels: list[str], groups: dict[str, list[Decimal | None]], chart_id: str
) -> SafeString | None:
    if not labels:
        return None
    described = "; ".join(
        f"{name}: latest {fmt(next((v for v in reversed(vals) if v is not None), None), 'pounds')}"
        for name, vals in groups.items()
    )
    series = charts.MoneySeries(
        title=title,
        description=f"By quarter from {labels[0]} to {labels[-1]}. {described}.",
        labels=labels,
        groups=groups,
    )
    return charts.money_svg(series, chart_id=chart_id)


def return_status(plan: Plan, today: dt.date) -> list[dict[str, Any]]:
    """Each quarter of the plan that has ended: its return's status, when it is due (the plan's
    local deadline after the quarter ends), and whether it is late or missing."""
    returns = {
        (r.year, r.quarter): r
        for r in Return.objects.for_panel(plan.panel_id).filter(plan=plan).in_order()
    }
    rows = []
    y, q = (plan.starts_on.year, 1) if plan.starts_on.month >= 4 else (plan.starts_on.year - 1, 4)
    while quarter_end(y, q) <= min(today, plan.ends_on + dt.timedelta(days=1)) or (y, q) in returns:
        found = returns.get((y, q))
        due = quarter_end(y, q) + dt.timedelta(days=plan.return_due_days)
        waiting = found is None or found.status == Return.Status.DRAFT
        rows.append(
            {
                "label": quarter_label(y, q),
                "key": quarter_key(y, q),
                "year": y,
                "quarter": q,
                "return": found,
                "due": due,
                "late": waiting and due < today,
                "missing": found is None,
            }
        )
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return rows


def draft_rows(of_return: Return) -> list[dict[str, Any]]:
    """A return's figures (any status) against every current measure, for its own page."""
    figures = {
        f.measure_id: f
        for f in Figure.objects.for_panel(of_return.panel_id).filter(of_return=of_return)
    }
    measures = Measure.objects.for_panel(of_return.panel_id).filter(plan_id=of_return.plan_id)
    return [
        {
            "measure": m,
            "figure": figures.get(m.pk),
            "shown": fmt(figures[m.pk].value if m.pk in figures else None, m.unit),
        }
        for m in measures.current().in_plan_order()
    ]


def export_rows(
    plan: Plan, measure: Measure | None = None, changed_after: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Every published figure, a row each, for the CSV and JSON downloads; with
    ``changed_after``, only the rows of a quarter whose return, or of a measure (or its
    priority), changed after it, as the change history records."""
    data = plan_data(plan, measure=measure, current_only=False)
    rows = [
        {
            "priority": view.measure.priority.title,
            "measure": view.measure.slug,
            "title": view.measure.title,
            "unit": view.measure.unit,
            "good_direction": view.measure.good_direction,
            "reference_kind": view.measure.reference_kind,
            "reference": view.measure.reference,
            "quarter": quarter_label(*q),
            "value": value,
            "note": note,
        }
        for view in data.measures
        for q, value, note in zip(view.quarters, view.values, view.notes, strict=True)
    ]
    if changed_after is None:
        return rows
    quarters, measures = _changed(plan, changed_after)
    return [r for r in rows if r["quarter"] in quarters or r["measure"] in measures]


def _changed(plan: Plan, moment: dt.datetime) -> tuple[set[str], set[str]]:
    returns = Return.objects.for_panel(plan.panel_id).filter(plan=plan).published()
    returns = changes.changed_after(returns, moment, [changes.tracked(Return)])
    measures = Measure.objects.for_panel(plan.panel_id).filter(plan=plan)
    measures = changes.changed_after(
        measures,
        moment,
        [changes.tracked(Measure), changes.tracked(Priority, outer="priority_id")],
    )
    return (
        {quarter_label(r.year, r.quarter) for r in returns},
        set(measures.values_list("slug", flat=True)),
    )


def plans_for(user: Reader, panel: Panel) -> list[Plan]:
    return list(access.visible_plans(user, panel).order_by("-starts_on"))


def plan_for(panel: Panel, on: dt.date) -> Plan | None:
    """The published plan in force on ``on``, or the latest published one before it."""
    plans = Plan.objects.for_panel(panel).published()
    return (
        plans.filter(starts_on__lte=on, ends_on__gte=on).first()
        or plans.filter(starts_on__lte=on).order_by("-starts_on").first()
    )


def overview(user: Reader, panel: Panel, today: dt.date) -> dict[str, Any] | None:
    """The panel overview's plan section: the latest published quarter for everyone; for the
    office and the clerk, the returns that are late or wait for the clerk."""
    plan = plan_for(panel, today)
    if plan is None:
        return None
    latest = (
        Return.objects.for_panel(panel)
        .filter(plan=plan)
        .published()
        .order_by("-year", "-quarter")
        .first()
    )
    waiting = []
    if access.can_view_drafts(user, panel):
        waiting = [
            row
            for row in return_status(plan, today)
            if row["late"] or (row["return"] and row["return"].status == Return.Status.SUBMITTED)
        ]
    return {
        "template": "performance/_overview.html",
        "plan": plan,
        "latest": latest,
        "waiting": waiting,
    }
