"""The panel's report on a case: drafted by the clerk, made (published), a veto counted from the
recorded vote, a late report on a chief constable finding the process ended.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from meetings.models import Resolution, Vote
from meetings.services import meeting_day
from panel.audit import Actor, save_as
from panel.tenancy import require_same_panel

from .. import law
from ..models import (
    PanelReport,
    StatutoryCase,
)
from ._common import (
    APPOINTMENTS,
    VETOES,
    K,
    Rec,
    S,
    Stage,
    Veto,
    _locked,
    panel_members_on,
    report_due,
    response_due,
)


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
