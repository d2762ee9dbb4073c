"""The statutory cases' workflow: notify → report → respond → report on the revised precept →
issue, each step validated by the law (``statutory.law``) and run in one transaction.

The case row is locked by every step (``SELECT … FOR UPDATE``) and carries a ``version``: a
step taken from a stale screen (``expected_version`` no longer current) is refused with
``StaleEdit`` and changes nothing. A case's status and its notes are set here, from the law's
rulings, never typed. Who may take which step is ``statutory.access``'s business.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from panel.audit import Actor
from panel.services import run_step

from .. import extensions
from ..models import StatutoryCase
from ._common import (
    APPOINTMENTS,
    VETOES,
    panel_members_on,
    report_due,
    response_due,
)
from .commissioner import precept_issue, reserve_propose, response_publish, response_record
from .notify import case_notify
from .papers import attendance_require, document_add
from .reports import report_publish, report_record

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


__all__ = [
    "APPOINTMENTS",
    "STEPS",
    "VETOES",
    "attendance_require",
    "case_notify",
    "case_step",
    "document_add",
    "panel_members_on",
    "precept_issue",
    "report_due",
    "report_publish",
    "report_record",
    "reserve_propose",
    "response_due",
    "response_publish",
    "response_record",
]
