"""The Commissioner's steps after the panel's report: the response (with the revised precept after
a veto, or the decision on an appointment's recommendation), the reserve candidate after a chief
constable's veto, the precept issued by a decision record.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from panel.access import PUBLIC
from panel.audit import Actor, save_as

from .. import extensions, law
from ..models import (
    CommissionerResponse,
    PanelReport,
    StatutoryCase,
)
from ._common import (
    APPOINTMENTS,
    VETOED_AS,
    K,
    S,
    Stage,
    Veto,
    _locked,
    report_due,
)


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
