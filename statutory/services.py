"""The statutory cases' workflow: notify → report → respond → report on the revised precept →
issue, each step validated by the law (``statutory.law``) and run in one transaction.

The case row is locked by every step (``SELECT … FOR UPDATE``) and carries a ``version``: a
step taken from a stale screen (``expected_version`` no longer current) is refused with
``StaleEdit`` and changes nothing. A case's status and its notes are set here, from the law's
rulings, never typed. Who may take which step is ``statutory.access``'s business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from documents import exemptions
from documents.models import Access
from documents.services import store_pdf
from meetings.models import Meeting, Resolution, Vote
from meetings.services import meeting_day
from panel.access import PUBLIC
from panel.audit import Actor, save_as
from panel.models import Membership, Panel
from panel.services import StaleEdit, run_step
from panel.tenancy import next_in_sequence, own_row, panel_scope, require_same_panel

from . import extensions, law
from .models import (
    AttendanceRequirement,
    CaseCounter,
    CaseDocument,
    CommissionerResponse,
    PanelReport,
    StatutoryCase,
)

S = StatutoryCase.Status
K = StatutoryCase.Kind
Veto = PanelReport.Veto
Stage = PanelReport.Stage
VOTING_ROLES = ("chair", "vice_chair", "member", "co_opted")
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
        .filter(body__kind="panel", role__in=VOTING_ROLES)
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


def _check_notification(
    kind: str, financial_year: int | None, proposed: Decimal | None, candidate: str, **given: str
) -> None:
    errors: dict[str, str] = {}
    if kind in APPOINTMENTS and not candidate.strip():
        errors["candidate"] = "Name the candidate the Commissioner proposes to appoint."
    if kind == K.CHIEF_CONSTABLE:
        # PRSRA 2011 Sch 8 para 3(2)(b)–(d): the criteria, why the candidate satisfies them,
        # and the terms and conditions are notified with the name.
        for name, what in (
            ("criteria", "the criteria used to assess the candidate's suitability"),
            ("candidate_details", "why the candidate satisfies those criteria"),
            ("terms", "the terms and conditions of the appointment"),
        ):
            if not given.get(name, "").strip():
                errors[name] = f"Give {what} (PRSRA 2011 Sch 8 para 3(2))."
    elif kind not in APPOINTMENTS and (candidate.strip() or given.get("criteria", "").strip()):
        errors["candidate"] = "Only an appointment has a candidate."
    if kind == K.PRECEPT:
        if financial_year is None or not 2012 < financial_year < 2100:
            errors["financial_year"] = "Give the year the precept's financial year begins."
        if proposed is None or proposed <= 0:
            errors["proposed_precept"] = "Give the proposed precept (Band D, in pounds)."
    elif proposed is not None:
        errors["proposed_precept"] = "Only a precept case has a proposed precept."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_notify(
    *,
    panel: Panel,
    kind: str,
    title: str,
    notified_on: dt.date,
    actor: Actor,
    financial_year: int | None = None,
    proposed_precept: Decimal | None = None,
    candidate: str = "",
    candidate_details: str = "",
    criteria: str = "",
    terms: str = "",
) -> StatutoryCase:
    """The Commissioner notifies the panel (for a precept: SI 2012/2271 reg 3, by 1 February;
    for a chief constable, with the particulars of PRSRA 2011 Sch 8 para 3(2))."""
    if kind not in K.values:
        raise ValidationError({"kind": "Choose what the Commissioner notifies."})
    if not title.strip():
        raise ValidationError({"title": "Give the case a title."})
    _check_notification(
        kind,
        financial_year,
        proposed_precept,
        candidate,
        candidate_details=candidate_details,
        criteria=criteria,
        terms=terms,
    )
    case = StatutoryCase(
        panel=panel,
        kind=kind,
        title=title.strip(),
        notified_on=notified_on,
        financial_year=financial_year if kind == K.PRECEPT else None,
        proposed_precept=proposed_precept,
        candidate=candidate.strip(),
        candidate_details=candidate_details,
        criteria=criteria,
        terms=terms,
        created_by=actor,
        number=0,
    )
    with panel_scope(panel):
        case.full_clean(exclude=["number", "created_by"])
    case.number = next_in_sequence(CaseCounter, panel)
    case.status_note = str(report_due(case))
    save_as(case, actor)
    extensions.case_changed.send(sender=StatutoryCase, case=case)
    return case


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


def _stage_for_report(case: StatutoryCase) -> str:
    if case.status == S.NOTIFIED:
        return Stage.FIRST
    if case.status == S.REVISED:
        return Stage.REVISED
    if case.status == S.RESERVE:
        return Stage.RESERVE
    raise ValidationError("The panel has made its report at this step; no report is due now.")


def _check_recommendation(case: StatutoryCase, veto: str, recommendation: str) -> None:
    if recommendation not in Rec.values:
        raise ValidationError({"recommendation": "Choose the panel's recommendation."})
    if case.kind not in APPOINTMENTS:
        if recommendation:
            raise ValidationError(
                {"recommendation": "Only a report on an appointment recommends for or against it."}
            )
        return
    if veto == Veto.NONE and not recommendation:
        raise ValidationError(
            {
                "recommendation": "The report must include a recommendation as to whether or "
                "not the candidate should be appointed (PRSRA 2011 Sch 8 para 4(4); Sch 1 "
                "paras 9–11)."
            }
        )
    if veto != Veto.NONE and recommendation == Rec.APPOINT:
        raise ValidationError(
            {"recommendation": "A panel that vetoes an appointment does not recommend it."}
        )


def _check_report(
    case: StatutoryCase,
    stage: str,
    veto: str,
    recommendation: str,
    resolution: Resolution | None,
) -> None:
    require_same_panel(case.panel_id, resolution=resolution)
    allowed, _power = VETOES.get(case.kind, ((), law.VetoPower.PRECEPT))
    if veto not in Veto.values:
        raise ValidationError({"veto": "Choose whether the panel vetoes."})
    if veto != Veto.NONE and veto not in allowed:
        raise ValidationError(
            {
                "veto": "The panel has no such veto here: a precept is vetoed as too high or too "
                "low (PRSRA 2011 Sch 5 para 4), a chief constable's appointment (Sch 8 para 5); "
                "no other case is vetoed."
            }
        )
    if veto != Veto.NONE and stage == Stage.REVISED:
        raise ValidationError(
            {
                "veto": "There is no second veto: the panel reports on the revised precept "
                "without a veto (PRSRA 2011 Sch 5 para 4; SI 2012/2271 reg 6)."
            }
        )
    if veto != Veto.NONE and stage == Stage.RESERVE:
        raise ValidationError(
            {
                "veto": "There is no second veto: the panel reports on the reserve candidate "
                "with a recommendation (SI 2012/2271 Part 3)."
            }
        )
    _check_recommendation(case, veto, recommendation)
    if resolution is not None:
        item = resolution.item
        if not item.meeting.is_published or item.is_exempt or item.meeting.body.kind != "panel":
            raise ValidationError(
                {"resolution": "Choose a resolution of a public item at a meeting of the panel."}
            )
    if veto != Veto.NONE and (resolution is None or not _has_vote(resolution)):
        raise ValidationError(
            {
                "resolution": "A veto is a decision of the panel by the required majority: "
                "choose the resolution, with its vote recorded (PRSRA 2011 Sch 5 para 4(4))."
            }
        )


def _has_vote(resolution: Resolution) -> bool:
    return Vote.objects.for_panel(resolution.panel_id).filter(resolution=resolution).exists()


@transaction.atomic
def report_record(
    *,
    case: StatutoryCase,
    made_on: dt.date,
    text: str,
    actor: Actor,
    recommendations: str = "",
    veto: str = Veto.NONE,
    recommendation: str = Rec.NONE,
    resolution: Resolution | None = None,
    response_required_by: dt.date | None = None,
    expected_version: int | None = None,
) -> PanelReport:
    """The clerk's draft of the panel's report (made when published, ``report_publish``). On an
    appointment it recommends for or against the candidate unless it vetoes (PRSRA 2011 Sch 8
    para 4(4)–(5)); a veto of a chief constable recommends against."""
    current = _locked(case, expected_version)
    stage = _stage_for_report(current)
    _check_report(current, stage, veto, recommendation, resolution)
    if veto == Veto.APPOINTMENT:
        recommendation = Rec.NOT_APPOINT
    if response_required_by is not None:
        if current.kind in (K.PRECEPT, *APPOINTMENTS):
            raise ValidationError(
                {
                    "response_required_by": "The law sets this response's course itself; a date "
                    "is required only for other reports (PRSRA 2011 s 29(3))."
                }
            )
        if response_required_by <= made_on:
            raise ValidationError({"response_required_by": "Give a date after the report is made."})
    if not text.strip():
        raise ValidationError({"text": "Write the panel's report."})
    report = PanelReport.objects.for_panel(case.panel_id).filter(case=current, stage=stage).first()
    report = report or PanelReport(panel_id=case.panel_id, case=current, stage=stage)
    report.made_on, report.text, report.recommendations = made_on, text, recommendations
    report.veto, report.resolution = veto, resolution
    report.recommendation = recommendation
    report.response_required_by = response_required_by
    save_as(report, actor)
    save_as(current, actor, update_fields=["version"])
    return report


def _draft_report(case: StatutoryCase) -> PanelReport:
    stage = _stage_for_report(case)
    report = (
        PanelReport.objects.for_panel(case.panel_id)
        .select_related("resolution__item__meeting")
        .filter(case=case, stage=stage)
        .first()
    )
    if report is None:
        raise ValidationError("Record the panel's report before it is published.")
    return report


def _veto(case: StatutoryCase, report: PanelReport) -> None:
    """The veto's vote counted against the panel's membership on the day of the meeting, and
    its effect by the date of the report (SI 2012/2271 reg 4)."""
    resolution = report.resolution
    vote = (
        Vote.objects.for_panel(case.panel_id)
        .prefetch_related("casts")
        .filter(resolution=resolution)
        .first()
    )
    if resolution is None or vote is None:
        raise ValidationError({"resolution": "Record the vote on the veto first."})
    members = panel_members_on(case.panel_id, meeting_day(resolution.item.meeting))
    if members < 1:
        raise ValidationError("The panel had no members on the day of the vote.")
    power = VETOES[case.kind][1]
    outcome = law.veto_outcome(in_favour=vote.tally().in_favour, members=members, power=power)
    report.veto_outcome, report.veto_carried = f"{outcome.text} ({outcome.cites})", outcome.carried
    if not outcome.carried:
        case.status, case.status_note = S.REPORTED, str(response_due(case, report))
        return
    if case.kind == K.CHIEF_CONSTABLE:
        case.status = S.VETOED
        next_step = law.reserve_candidate_duty()
        case.status_note = f"The panel has vetoed the appointment. Next: {next_step}"
        return
    year = case.financial_year or 0  # a precept case always has one (case_notify)
    ruling = law.precept_veto_effective(financial_year=year, reported_on=report.made_on)
    if ruling.holds:
        due = law.precept_timetable(year).revised_precept
        case.status, case.status_note = S.VETOED, f"{ruling.text} ({ruling.cites}) Next: {due}"
    else:
        case.status, case.status_note = S.CLOSED, f"{ruling.text} ({ruling.cites})"


@transaction.atomic
def report_publish(
    *,
    case: StatutoryCase,
    actor: Actor,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> PanelReport:
    """The panel makes its report: published (PRSRA 2011 s 28(7)), the veto counted, and the
    case moves on as the law says."""
    current = _locked(case, expected_version)
    report = _draft_report(current)
    if report.made_on > timezone.localdate():
        raise ValidationError({"made_on": "A report cannot be made on a day still to come."})
    late = _late_confirmation(current, report)
    if late is not None:
        current.status, current.status_note = S.CLOSED, f"{late.text} ({late.cites})"
    elif report.veto != Veto.NONE:
        _veto(current, report)
    elif report.stage == Stage.REVISED:
        current.status = S.REVISED_REPORTED
        current.status_note = (
            "The panel has reported on the revised precept: the Commissioner may now issue "
            "the precept."
        )
    else:
        current.status = S.REPORTED
        current.status_note = str(response_due(current, report))
    report.published_at = at or timezone.now()
    save_as(report, actor)
    save_as(current, actor, update_fields=["status", "status_note", "version"])
    return report


def _late_confirmation(case: StatutoryCase, report: PanelReport) -> law.Ruling | None:
    """A chief constable's report made after the three weeks: the confirmation process had
    already ended (PRSRA 2011 Sch 8 para 2(3)); the report is published, but changes nothing."""
    if case.kind != K.CHIEF_CONSTABLE:
        return None
    due = report_due(case, report.stage)
    if not isinstance(due, law.Due):  # pragma: no cover - an appointment always has a date
        return None
    ruling = law.chief_constable_confirmation_ended_unreported(report_due=due, today=report.made_on)
    return ruling if ruling.holds else None


def _report_to_answer(case: StatutoryCase) -> PanelReport:
    if case.status not in (S.REPORTED, S.VETOED, S.REVISED_REPORTED):
        raise ValidationError("There is no published report of the panel awaiting a response.")
    if case.status == S.VETOED and case.kind == K.CHIEF_CONSTABLE:
        raise ValidationError(
            "After the veto the Commissioner proposes a reserve candidate (SI 2012/2271 Part 3)."
        )
    report = (
        PanelReport.objects.for_panel(case.panel_id)
        .published()
        .filter(case=case)
        .order_by("-made_on", "-pk")  # the latest report made
        .first()
    )
    if report is None:  # pragma: no cover - the status says there is one
        raise ValidationError("There is no published report of the panel to respond to.")
    return report


def _check_revised(case: StatutoryCase, report: PanelReport, revised: Decimal | None) -> None:
    vetoed = case.status == S.VETOED
    if not vetoed:
        if revised is not None:
            raise ValidationError({"revised_precept": "Only a vetoed precept is revised."})
        return
    if revised is None:
        raise ValidationError(
            {"revised_precept": "After a veto, give the revised precept (SI 2012/2271 reg 5(2))."}
        )
    error = law.revised_precept_error(
        proposed=case.proposed_precept or Decimal(0),
        revised=revised,
        vetoed_as=VETOED_AS[Veto(report.veto)],
    )
    if error:
        raise ValidationError({"revised_precept": error})


def _check_decision(case: StatutoryCase, report: PanelReport, decision: str) -> None:
    """On an appointment the Commissioner's response is the decision whether to accept or reject
    the panel's recommendation (PRSRA 2011 Sch 8 para 7(2)–(3)); nothing else carries one."""
    if decision not in CommissionerResponse.Decision.values:
        raise ValidationError({"decision": "Choose whether the recommendation is accepted."})
    if case.kind in APPOINTMENTS and report.recommendation and not decision:
        raise ValidationError(
            {
                "decision": "Say whether the Commissioner accepts or rejects the panel's "
                "recommendation (PRSRA 2011 Sch 8 para 7(3))."
            }
        )
    if decision and not report.recommendation:
        raise ValidationError({"decision": "There is no recommendation on an appointment here."})


@transaction.atomic
def response_record(
    *,
    case: StatutoryCase,
    received_on: dt.date,
    text: str,
    actor: Actor,
    revised_precept: Decimal | None = None,
    decision: str = "",
    publish: bool = False,
    expected_version: int | None = None,
) -> CommissionerResponse:
    """The Commissioner's response to the panel's latest report (after a veto, with the revised
    precept, which must go the way the veto said: SI 2012/2271 reg 5(3))."""
    current = _locked(case, expected_version)
    report = _report_to_answer(current)
    _check_revised(current, report, revised_precept)
    _check_decision(current, report, decision)
    if not text.strip():
        raise ValidationError({"text": "Write the Commissioner's response."})
    if received_on < report.made_on:
        raise ValidationError({"received_on": "A response comes after the report it answers."})
    response = CommissionerResponse.objects.for_panel(case.panel_id).filter(report=report).first()
    if response is not None and response.published_at is not None:
        raise ValidationError("The Commissioner's response has been published already.")
    response = response or CommissionerResponse(panel_id=case.panel_id, report=report)
    response.received_on, response.text = received_on, text
    response.revised_precept, response.decision = revised_precept, decision
    save_as(response, actor)
    if publish:
        _publish_response(current, report, response, actor)
    save_as(current, actor, update_fields=["status", "status_note", "version"])
    return response


# What the Commissioner's published response to the panel's report completes, by kind.
S29 = "PRSRA 2011 s 29(3)–(4)"
RESPONDED: dict[str, str] = {
    K.PRECEPT: "PRSRA 2011 Sch 5 paras 1(2)(a) and 5(2)",
    K.ANNUAL_REPORT: "PRSRA 2011 s 12(4)",
}


def _closing_note(case: StatutoryCase, report: PanelReport, response: CommissionerResponse) -> str:
    if response.decision:
        decided = response.get_decision_display().lower()
        ends = law.appointment_decision(
            kind="reserve" if report.stage == Stage.RESERVE else case.kind
        )
        return (
            f"The Commissioner has {decided} and notified the panel: the confirmation process "
            f"has ended ({ends.cites})."
        )
    return f"The Commissioner has responded ({RESPONDED.get(case.kind, S29)})."


def _publish_response(
    case: StatutoryCase, report: PanelReport, response: CommissionerResponse, actor: Actor
) -> None:
    response.published_at = timezone.now()
    save_as(response, actor, update_fields=["published_at"])
    if case.status == S.VETOED:
        due = report_due(case, Stage.REVISED)
        case.status, case.status_note = S.REVISED, f"Next: {due}"
    elif case.status == S.REPORTED:
        case.status = S.CLOSED
        case.status_note = _closing_note(case, report, response)


@transaction.atomic
def response_publish(
    *, case: StatutoryCase, actor: Actor, expected_version: int | None = None
) -> CommissionerResponse:
    """The Commissioner publishes the response (PRSRA 2011 Sch 5 para 5(2)(c); s 12(4))."""
    current = _locked(case, expected_version)
    report = _report_to_answer(current)
    response = CommissionerResponse.objects.for_panel(case.panel_id).filter(report=report).first()
    if response is None or response.published_at is not None:
        raise ValidationError("There is no draft response to publish.")
    _publish_response(current, report, response, actor)
    save_as(current, actor, update_fields=["status", "status_note", "version"])
    return response


@transaction.atomic
def reserve_propose(
    *,
    case: StatutoryCase,
    reserve_candidate: str,
    notified_on: dt.date,
    actor: Actor,
    reserve_details: str = "",
    expected_version: int | None = None,
) -> StatutoryCase:
    """After a carried veto the Commissioner, who must not appoint the vetoed candidate,
    notifies the panel of a reserve candidate (PRSRA 2011 Sch 8 para 2(5); SI 2012/2271
    Part 3); the panel reports on the reserve candidate within three weeks, without a veto."""
    current = _locked(case, expected_version)
    if current.kind != K.CHIEF_CONSTABLE or current.status != S.VETOED:
        raise ValidationError("A reserve candidate follows a carried veto of a chief constable.")
    name = reserve_candidate.strip()
    if not name:
        raise ValidationError({"reserve_candidate": "Name the reserve candidate."})
    if name.casefold() == current.candidate.casefold():
        raise ValidationError(
            {"reserve_candidate": "The Commissioner must not appoint the vetoed candidate."}
        )
    if not reserve_details.strip():
        raise ValidationError(
            {"reserve_details": "Give why the reserve candidate satisfies the criteria."}
        )
    vetoed = PanelReport.objects.for_panel(case.panel_id).published().filter(case=current).first()
    if vetoed is not None and notified_on < vetoed.made_on:
        raise ValidationError({"notified_on": "A reserve candidate follows the panel's veto."})
    current.reserve_candidate, current.reserve_details = name, reserve_details
    current.reserve_notified_on = notified_on
    current.status = S.RESERVE
    current.status_note = f"Next: {report_due(current, Stage.RESERVE)}"
    save_as(current, actor)
    return current


def _decision_record(case: StatutoryCase, number: int) -> None:
    """The decision record must be in the public register: it is what the public follows."""
    lookup = extensions.decision_records[0] if extensions.decision_records else None
    found = lookup(PUBLIC, case.panel, number) if lookup is not None else None
    if found is None or not found["published"]:
        raise ValidationError(
            {"decision_number": f"There is no published decision record {number} of this panel."}
        )


@transaction.atomic
def precept_issue(
    *,
    case: StatutoryCase,
    issued_precept: Decimal,
    issued_on: dt.date,
    actor: Actor,
    decision_number: int | None = None,
    expected_version: int | None = None,
) -> StatutoryCase:
    """The Commissioner issues the precept once the scrutiny process has ended, by a decision
    recorded in the Commissioner's register (its number links the two)."""
    current = _locked(case, expected_version)
    if current.kind != K.PRECEPT:
        raise ValidationError("Only a precept is issued.")
    if current.issued_on is not None or current.status not in (S.CLOSED, S.REVISED_REPORTED):
        raise ValidationError("The precept is issued once the scrutiny process has ended.")
    if issued_precept <= 0:
        raise ValidationError({"issued_precept": "Give the precept issued (Band D, in pounds)."})
    if decision_number is not None:
        _decision_record(current, decision_number)
    current.decision_number = decision_number
    current.issued_precept, current.issued_on = issued_precept, issued_on
    current.status, current.status_note = S.CLOSED, "The Commissioner has issued the precept."
    save_as(current, actor)
    return current


@transaction.atomic
def attendance_require(
    *,
    case: StatutoryCase,
    meeting: Meeting,
    who: str,
    notice_given_on: dt.date,
    actor: Actor,
    chief_constable_requested: bool = False,
    questions: str = "",
    expected_version: int | None = None,
) -> AttendanceRequirement:
    """The panel requires attendance before it at a meeting of the panel (PRSRA 2011 s 29(1)),
    at reasonable notice: notice is given before the day of the meeting."""
    current = _locked(case, expected_version)
    require_same_panel(case.panel_id, meeting=meeting)
    if meeting.body.kind != "panel":
        raise ValidationError({"meeting": "Choose a meeting of the panel itself."})
    if not who.strip():
        raise ValidationError({"who": "Say who the panel requires to attend."})
    day = meeting_day(meeting)
    if notice_given_on >= day:
        raise ValidationError(
            {
                "notice_given_on": "Attendance is required at reasonable notice: give the "
                "notice before the day of the meeting (PRSRA 2011 s 29(1))."
            }
        )
    requirement = AttendanceRequirement(
        panel_id=case.panel_id,
        case=current,
        meeting=meeting,
        who=who.strip(),
        chief_constable_requested=chief_constable_requested,
        notice_given_on=notice_given_on,
        questions=questions,
    )
    save_as(requirement, actor)
    save_as(current, actor, update_fields=["version"])
    return requirement


@transaction.atomic
def document_add(
    *,
    case: StatutoryCase,
    title: str,
    upload: IO[bytes],
    actor: Actor,
    access: str = Access.PUBLIC,
    exempt_paragraph: int | None = None,
) -> CaseDocument:
    """A paper of the case, public from the moment it is added unless exempt under its
    Schedule 12A paragraph (checked for the panel's nation). The file is checked before it is
    kept (``documents.services.store_pdf``); a refused upload leaves nothing behind."""
    if not title.strip():
        raise ValidationError({"title": "Give the document a title."})
    document = CaseDocument(
        panel_id=case.panel_id,
        case=case,
        title=title.strip(),
        access=access,
        exempt_paragraph=exempt_paragraph if access == Access.EXEMPT else None,
        added_by=actor,
    )
    if access not in Access.values:
        raise ValidationError({"access": "Choose public or exempt."})
    document.clean_exemption(set(exemptions.paragraphs_for(case.panel.jurisdiction)))
    document.stored_file = store_pdf(case.panel, upload)
    save_as(document, actor)
    return document


# A case's workflow, one step by name: its pages and its API both run a step through here.
STEPS: dict[str, Callable[..., Any]] = {
    "report": report_record,
    "publish_report": report_publish,
    "respond": response_record,
    "publish_response": response_publish,
    "issue": precept_issue,
    "propose_reserve": reserve_propose,
    "require_attendance": attendance_require,
}


@transaction.atomic
def case_step(*, case: StatutoryCase, step: str, actor: Actor, **inputs: Any) -> Any:
    done = run_step(STEPS, step, case=case, actor=actor, **inputs)
    extensions.case_changed.send(sender=StatutoryCase, case=case)
    return done
