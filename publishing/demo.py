"""The demo: the panels and their people (panel.demo), then Warwickshire's business as its
26 September 2014 pack records it, each app loading its own part. Idempotent."""

from __future__ import annotations

from complaints.demo import load_complaints
from decisions.demo import load_decisions
from meetings.demo import load_meetings
from panel.demo import WARWICKSHIRE, load_panels
from panel.models import Panel
from panel.tenancy import panel_scope
from performance.demo import load_performance
from statutory.demo import load_statutory
from workprogramme.demo import load_work_programme


def load_demo() -> None:
    panels = load_panels()
    warwickshire = panels[WARWICKSHIRE.fields["slug"]]
    with panel_scope(warwickshire):
        _business(warwickshire)


def _business(panel: Panel) -> None:
    load_decisions(panel)
    load_meetings(
        panel,
        before_september=lambda p, june, july, september: load_work_programme(
            p, june=june, july=july, september=september
        ),
    )
    load_complaints(panel)
    load_statutory(panel)
    load_performance(panel)
