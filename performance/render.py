"""The plan's published performance as an agenda pack appendix: generated when an agenda with a
performance report item is published, and frozen in that agenda version (as the work programme
is), so a pack shows the figures the panel had in front of it."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from panel.models import Panel

from . import queries


def appendices(panel: Panel, on: dt.date) -> list[tuple[str, str]]:
    plan = queries.plan_for(panel, on)
    if plan is None:
        return []
    data = queries.plan_data(plan)
    if not data.returns:
        return []
    for view in data.measures:
        view.chart = view.draw(f"pack-measure-{view.measure.pk}")
    html = render_to_string("performance/pack_appendix.html", {"data": data, "panel": panel})
    return [(f"{plan.title}: performance to {data.returns[-1].label}", html)]
