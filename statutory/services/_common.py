"""What the statutory cases' steps share: the case's locking, the kinds and stages, who counts as a
member on the day, and when the law says the next report or response is due.
"""

from __future__ import annotations

import datetime as dt

from panel.models import Membership, Panel
from panel.services import StaleEdit
from panel.tenancy import own_row

from .. import law
from ..models import (
    PanelReport,
    StatutoryCase,
)

S = StatutoryCase.Status
K = StatutoryCase.Kind
Veto = PanelReport.Veto
Stage = PanelReport.Stage
Rec = PanelReport.Recommendation
VETOED_AS = {Veto.TOO_HIGH: law.VetoedAs.TOO_HIGH, Veto.TOO_LOW: law.VetoedAs.TOO_LOW}
APPOINTMENTS = (K.CHIEF_CONSTABLE, K.SENIOR_APPOINTMENT)
# Which veto each kind of case may carry, and by which power (PRSRA 2011 Sch 5 para 4; Sch 8
# para 5). Senior appointments have none (Sch 1 paras 9–11).
VETOES: dict[str, tuple[tuple[str, ...], law.VetoPower]] = {
    K.PRECEPT: ((Veto.TOO_HIGH, Veto.TOO_LOW), law.VetoPower.PRECEPT),
    K.CHIEF_CONSTABLE: ((Veto.APPOINTMENT,), law.VetoPower.CHIEF_CONSTABLE),
}


def panel_members_on(panel: Panel | int, day: dt.date) -> int:
    """The persons who are members of the panel on ``day`` (PRSRA 2011 Sch 5 para 4(4)): seats
    on its main body held that day, co-opted members included, vacancies (no row) not, officers
    and substitutes not."""
    return (
        Membership.objects.for_panel(panel)
        .filter(body__kind="panel")
        .voting()
        .current(day)
        .values("person_id")
        .distinct()
        .count()
    )


def _locked(case: StatutoryCase, expected_version: int | None) -> StatutoryCase:
    current: StatutoryCase = own_row(case).select_for_update().get()
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit()
    current.version += 1
    current.panel = case.panel
    return current


def report_due(case: StatutoryCase, stage: str = Stage.FIRST) -> law.Due | law.Duty:
    """When the panel's report on ``case`` is due, as the law computes it."""
    if case.kind == K.PRECEPT and case.financial_year:
        timetable = law.precept_timetable(case.financial_year)
        return timetable.revised_report if stage == Stage.REVISED else timetable.report
    if stage == Stage.RESERVE and case.reserve_notified_on is not None:
        return law.reserve_candidate_report_due(notification_received_on=case.reserve_notified_on)
    if case.kind == K.CHIEF_CONSTABLE:
        return law.chief_constable_report_due(notification_received_on=case.notified_on)
    if case.kind == K.SENIOR_APPOINTMENT:
        return law.senior_appointment_report_due(notification_received_on=case.notified_on)
    if case.kind == K.ANNUAL_REPORT:
        return law.annual_report_duties()[0]
    if case.kind in (K.DRAFT_PLAN, K.PLAN_VARIATION):
        return law.draft_plan_duties()[0]
    return law.Duty(
        what="the panel makes its report or recommendation",
        cites="PRSRA 2011 s 28(6)",
        when="no date is set by the Act",
    )


def response_due(case: StatutoryCase, report: PanelReport) -> law.Due | law.Duty:
    """When the Commissioner's response to ``report`` is due."""
    if case.kind == K.PRECEPT and case.financial_year:
        if report.veto_carried and case.status == S.VETOED:
            return law.precept_timetable(case.financial_year).revised_precept
        return law.response_without_veto()
    if case.kind in APPOINTMENTS:
        reserve = report.stage == Stage.RESERVE
        return law.appointment_decision(kind="reserve" if reserve else case.kind)
    return law.response_due(report_made_on=report.made_on, required_by=report.response_required_by)
