"""The decision workflow: draft → submitted (numbered) → reviewed → signed → published, or
withdrawn.

Numbers come from a per-panel counter row locked in the submitting transaction, with a unique
constraint behind it: concurrent submissions never share a number and never leave a gap
(PostgreSQL sequences would leave gaps on rollback).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from documents import exemptions
from documents.services import store_pdf
from panel.audit import Actor, create_as, save_as
from panel.models import Panel
from panel.services import StaleEdit, run_step
from panel.tenancy import next_in_sequence, own_row, panel_scope

from . import extensions
from .models import (
    CONTENT_FIELDS,
    Decision,
    DecisionAttachment,
    DecisionCorrection,
    DecisionCounter,
)

S = Decision.Status
EDITABLE = (S.DRAFT, S.SUBMITTED, S.REVIEWED)
REVIEWERS = {"chief_executive": "Chief Executive", "chief_finance_officer": "Chief Finance Officer"}


def _validate(decision: Decision, panel: Panel) -> None:
    with panel_scope(panel):
        decision.full_clean(exclude=["created_by"])
    errors: dict[str, str] = {}
    if decision.exempt_part.strip():
        if decision.exempt_paragraph not in exemptions.paragraphs_for(panel.jurisdiction):
            errors["exempt_paragraph"] = "Choose the paragraph that makes the exempt part exempt."
        if not decision.exempt_reason.strip():
            errors["exempt_reason"] = "Say why the exempt part is not for publication."
    elif decision.exempt_paragraph is not None:
        errors["exempt_paragraph"] = "There is no exempt part to give a paragraph for."
    if errors:
        raise ValidationError(errors)


def _locked(decision: Decision) -> Decision:
    return own_row(decision).select_for_update().get()


@transaction.atomic
def decision_create(*, panel: Panel, actor: Actor, **fields: Any) -> Decision:
    unknown = set(fields) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    decision = Decision(panel=panel, created_by=actor, **fields)
    _validate(decision, panel)
    save_as(decision, actor)
    return decision


@transaction.atomic
def decision_update(
    *, decision: Decision, expected_version: int | None = None, actor: Actor, **fields: Any
) -> Decision:
    """Edit before signature; an edit after review sends it back for review."""
    unknown = set(fields) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    current = _locked(decision)
    if current.status not in EDITABLE:
        raise ValidationError("A signed decision cannot be changed. Record a correction instead.")
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit()
    for field, value in fields.items():
        setattr(current, field, value)
    _validate(current, decision.panel)
    if current.status == S.REVIEWED:
        current.status = S.SUBMITTED
        current.chief_executive = current.chief_finance_officer = ""
        current.chief_executive_on = current.chief_finance_officer_on = None
    current.version += 1
    save_as(current, actor)
    return current


@transaction.atomic
def decision_submit(*, decision: Decision, actor: Actor, at: dt.datetime | None = None) -> Decision:
    current = _locked(decision)
    if current.status != S.DRAFT:
        raise ValidationError("Only a draft can be submitted.")
    _validate(current, decision.panel)
    current.number = next_in_sequence(DecisionCounter, decision.panel)
    current.status = S.SUBMITTED
    current.submitted_at = at or timezone.now()
    save_as(current, actor, update_fields=["number", "status", "submitted_at"])
    return current


@transaction.atomic
def decision_review(
    *, decision: Decision, reviewer: str, name: str, on: dt.date, actor: Actor
) -> Decision:
    """The Chief Executive's or the Chief Finance Officer's sign-off, with its date."""
    if reviewer not in REVIEWERS:
        raise ValidationError(
            {"reviewer": "Choose the Chief Executive or the Chief Finance Officer."}
        )
    if not name.strip():
        raise ValidationError({"name": f"Give the name of the {REVIEWERS[reviewer]}."})
    current = _locked(decision)
    if current.status not in (S.SUBMITTED, S.REVIEWED):
        raise ValidationError("Only a submitted decision is reviewed.")
    setattr(current, reviewer, name)
    setattr(current, f"{reviewer}_on", on)
    if current.chief_executive_on and current.chief_finance_officer_on:
        current.status = S.REVIEWED
    save_as(current, actor)
    return current


@transaction.atomic
def decision_sign(*, decision: Decision, name: str, on: dt.date, actor: Actor) -> Decision:
    current = _locked(decision)
    if current.status != S.REVIEWED:
        raise ValidationError(
            "The Chief Executive and the Chief Finance Officer sign it off first."
        )
    if not name.strip():
        raise ValidationError({"name": "Give the name of the Commissioner."})
    current.signed_by, current.signed_on, current.status = name, on, S.SIGNED
    save_as(current, actor, update_fields=["signed_by", "signed_on", "status"])
    return current


@transaction.atomic
def decision_publish(
    *, decision: Decision, actor: Actor, at: dt.datetime | None = None
) -> Decision:
    current = _locked(decision)
    if current.status != S.SIGNED:
        raise ValidationError("Only a signed decision is published.")
    current.status, current.published_at = S.PUBLISHED, at or timezone.now()
    save_as(current, actor, update_fields=["status", "published_at"])
    _index(current)
    return current


def _index(decision: Decision) -> None:
    """The register changed: the floors above (search) follow, in the same transaction."""
    extensions.register_changed.send(sender=Decision, decision=decision)


@transaction.atomic
def decision_withdraw(*, decision: Decision, reason: str, actor: Actor) -> Decision:
    """Withdrawn before signature; a numbered one keeps its number, marked withdrawn."""
    current = _locked(decision)
    if current.status not in EDITABLE:
        raise ValidationError("A signed decision cannot be withdrawn; record a correction.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the decision is withdrawn."})
    current.status, current.withdrawn_at, current.withdrawn_reason = (
        S.WITHDRAWN,
        timezone.now(),
        reason,
    )
    save_as(current, actor, update_fields=["status", "withdrawn_at", "withdrawn_reason"])
    return current


@transaction.atomic
def decision_correct(
    *, decision: Decision, changes: dict[str, Any], reason: str, actor: Actor
) -> DecisionCorrection:
    if decision.status not in (S.SIGNED, S.PUBLISHED):
        raise ValidationError("Only a signed decision is corrected; edit a draft directly.")
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown or not changes:
        raise ValidationError({"changes": "Name at least one field of the decision to correct."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the decision is corrected."})
    correction = DecisionCorrection.objects.create(
        panel=decision.panel,
        decision=decision,
        changes=changes,
        reason=reason,
        made_by=actor,
        made_at=timezone.now(),
    )
    _index(decision)
    return correction


@transaction.atomic
def attachment_add(
    *, decision: Decision, title: str, upload: IO[bytes], access: str = "public", actor: Actor
) -> DecisionAttachment:
    if decision.status not in EDITABLE:
        raise ValidationError("Attachments are added before the decision is signed.")
    if not title.strip():
        raise ValidationError({"title": "Give the attachment a title."})
    stored = store_pdf(decision.panel, upload)
    return create_as(
        DecisionAttachment,
        actor,
        panel=decision.panel,
        decision=decision,
        title=title,
        access=access,
        stored_file=stored,
    )


# The workflow, one step by name: the manage page and the API both run a step through here.
STEPS: dict[str, Callable[..., Decision]] = {
    "submit": decision_submit,
    "review": decision_review,
    "sign": decision_sign,
    "publish": decision_publish,
    "withdraw": decision_withdraw,
}


def decision_step(*, decision: Decision, step: str, actor: Actor, **inputs: Any) -> Decision:
    return run_step(STEPS, step, decision=decision, actor=actor, **inputs)
