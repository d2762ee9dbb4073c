"""The Commissioner notifies the panel of a case (for a chief constable with the particulars of
PRSRA 2011 Sch 8 para 3(2)).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from panel.audit import Actor, save_as
from panel.models import Panel
from panel.tenancy import next_in_sequence, panel_scope

from .. import extensions
from ..models import (
    CaseCounter,
    StatutoryCase,
)
from ._common import (
    APPOINTMENTS,
    K,
    report_due,
)


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
