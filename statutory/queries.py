"""The reports register and a case page, assembled from the access rules and the law."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from meetings.models import Meeting, Resolution
from panel import years
from panel.access import Reader
from panel.models import Panel

from . import access, law, services
from .models import PanelReport, StatutoryCase

S = StatutoryCase.Status
K = StatutoryCase.Kind


@dataclass(frozen=True)
class Step:
    """One line of a case's timeline: what is due, by when (or the law's words), and when done."""

    what: str
    cites: str
    due: dt.date | None
    when: str
    done: dt.date | None


def _due(due: law.Due | law.Duty, done: dt.date | None) -> Step:
    if isinstance(due, law.Due):
        return Step(due.what, due.cites, due.on, "", done)
    return Step(due.what, due.cites, None, due.when, done)


def timeline(case: StatutoryCase, view: dict[str, Any]) -> list[Step]:
    """Notification, the panel's reports and the Commissioner's responses, due and done, from
    what the reader may see (``view``, the policy's projection)."""
    first = next((r for r in view["reports"] if r["stage"] == "first"), None)
    steps = []
    if case.kind == StatutoryCase.Kind.PRECEPT and case.financial_year:
        steps.append(_due(law.precept_timetable(case.financial_year).notify, case.notified_on))
    else:
        steps.append(Step("the Commissioner notifies the panel", "", None, "", case.notified_on))
    steps.append(_due(services.report_due(case), _made(first)))
    for report in view["reports"]:
        if report["stage"] in ("revised", "reserve"):
            steps.append(_due(services.report_due(case, report["stage"]), _made(report)))
        if case.kind == K.CHIEF_CONSTABLE and report["stage"] == "first" and report["veto_carried"]:
            steps.append(_due(law.reserve_candidate_duty(), case.reserve_notified_on))
            continue
        steps.append(_response_step(case, report))
    for attendance in view["attendance"]:
        meeting = attendance["meeting"]
        day = timezone.localtime(meeting["start"]).date()
        due = law.attendance_due(
            meeting_day=day, chief_constable_requested=attendance["chief_constable_requested"]
        )
        steps.append(_due(due, day if day <= timezone.localdate() else None))
    stages = {r["stage"] for r in view["reports"]}
    if case.status in (S.REVISED, S.REVISED_REPORTED) and "revised" not in stages:
        steps.append(_due(services.report_due(case, "revised"), None))
    if case.status == S.RESERVE and "reserve" not in stages:
        steps.append(_due(services.report_due(case, "reserve"), None))
    return steps


def _made(report: dict[str, Any] | None) -> dt.date | None:
    return report["made_on"] if report and report["published"] else None


def _response_step(case: StatutoryCase, report: dict[str, Any]) -> Step:
    response = report["response"]
    done = response["received_on"] if response and response["published_at"] else None
    vetoed = case.kind == StatutoryCase.Kind.PRECEPT and report["veto_carried"]
    if vetoed and case.financial_year and (case.status != S.CLOSED or done):
        return _due(law.precept_timetable(case.financial_year).revised_precept, done)
    if case.kind == StatutoryCase.Kind.PRECEPT:
        return _due(law.response_without_veto(), done)
    if case.kind in services.APPOINTMENTS:
        kind = "reserve" if report["stage"] == "reserve" else case.kind
        return _due(law.appointment_decision(kind=kind), done)
    required_by = report["response_required_by"]
    return _due(law.response_due(report_made_on=report["made_on"], required_by=required_by), done)


WAITING = {
    S.NOTIFIED: "report",
    S.REVISED: "report",
    S.RESERVE: "report",
    S.REPORTED: "response",
    S.VETOED: "response",
}


def register_status(steps: list[Step], case: StatutoryCase, today: dt.date) -> str:
    """Awaiting the panel's report or the Commissioner's response, overdue, or closed."""
    if case.status == S.CLOSED:
        return "closed"
    waiting = WAITING.get(S(case.status))
    if case.status == S.VETOED and case.kind == K.CHIEF_CONSTABLE:
        waiting = "reserve candidate"
    if waiting is None:
        return "awaiting the precept's issue"
    pending = next((s for s in steps if s.done is None), None)
    if pending is not None and pending.due is not None and today > pending.due:
        return f"{waiting} overdue"
    return f"awaiting {waiting}"


def register(user: Reader, panel: Panel, today: dt.date) -> list[dict[str, Any]]:
    """Every case of the panel with its timeline and status, as the reader may see it (three
    queries whatever the number of cases)."""
    rows = []
    for case in access.visible_cases(user, panel).in_register_order():
        case.panel = panel
        view = access.case_for(user, case)
        steps = timeline(case, view)
        rows.append({"case": view, "steps": steps, "status": register_status(steps, case, today)})
    return rows


def due_next(user: Reader, panel: Panel, today: dt.date) -> dict[str, Any] | None:
    """The panel overview's statutory business: what each open case waits for next (from the
    register, so as the reader may see it), overdue first, then by the date due; None when no
    case is open."""
    overdue: list[dict[str, Any]] = []
    upcoming: list[dict[str, Any]] = []
    for row in register(user, panel, today):
        if row["status"] == "closed":
            continue
        step = next((s for s in row["steps"] if s.done is None), None)
        if step is None:
            continue
        entry = {"case": row["case"], "step": step}
        (overdue if step.due is not None and today > step.due else upcoming).append(entry)
    if not overdue and not upcoming:
        return None
    upcoming.sort(key=lambda e: (e["step"].due is None, e["step"].due or today))
    return {"template": "statutory/_overview.html", "overdue": overdue, "upcoming": upcoming}


def year_dates(user: Reader, panel: Panel, year: str) -> list[dict[str, Any]]:
    """The dates the law sets in a municipal year ("2014/15", May to April), for the work
    programme: the precept's timetable for the financial year that follows (its February falls in
    this municipal year), and each open case's next step due in the year, as the reader may see
    it. Nothing typed: every date is computed and cites its law."""
    span = years.bounds(year)
    if span is None:
        return []
    first, last = span
    start = first.year
    rows = register(user, panel, timezone.localdate())
    precepts = {
        r["case"]["financial_year"]: r["case"]
        for r in rows
        if r["case"]["kind"] == StatutoryCase.Kind.PRECEPT
    }
    dates = [
        {"on": due.on, "what": due.what, "cites": due.cites, "case": precepts.get(start + 1)}
        for due in law.precept_timetable(start + 1).dues()
    ]
    for row in rows:
        if row["case"]["kind"] == StatutoryCase.Kind.PRECEPT or row["status"] == "closed":
            continue
        for step in row["steps"]:
            if step.done is None and step.due is not None and first <= step.due <= last:
                dates.append(
                    {"on": step.due, "what": step.what, "cites": step.cites, "case": row["case"]}
                )
    return dates


def draft_report(case: StatutoryCase) -> PanelReport | None:
    """The report the clerk is drafting at this step, if any (for the report form)."""
    stage = {S.REVISED: "revised", S.RESERVE: "reserve"}.get(S(case.status), "first")
    return next(
        (r for r in case.reports.all() if r.stage == stage and r.published_at is None), None
    )


def meetings_for_attendance(panel: Panel) -> QuerySet[Meeting]:
    """The panel's own meetings still to come, where attendance may be required."""
    return (
        Meeting.objects.for_panel(panel)
        .filter(body__kind="panel", start__gte=timezone.now())
        .select_related("body")
        .order_by("start")
    )


def resolutions_for_report(panel: Panel) -> QuerySet[Resolution]:
    """The resolutions a report may cite: public items of the panel's published meetings."""
    return (
        Resolution.objects.for_panel(panel)
        .filter(item__meeting__body__kind="panel", item__meeting__agenda_version__gt=0)
        .exclude(item__access="exempt")
        .select_related("item__meeting")
        .order_by("-item__meeting__start", "item__position", "position")
    )


def has_draft_response(case: StatutoryCase) -> bool:
    """Whether a response is drafted and not yet published (read only by the OPCC, whose
    prefetched responses include drafts)."""
    return any(
        getattr(r, "response", None) is not None and r.response.published_at is None
        for r in case.reports.all()
    )
