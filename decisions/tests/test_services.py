"""A decision record's workflow through its services: drafted, reviewed, signed, corrected."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from decisions import services
from decisions.models import Decision, DecisionCorrection
from decisions.testing import draft, published

DAY = dt.date(2030, 1, 10)


def test_it_goes_from_draft_to_published(cast):
    alpha = cast["alpha"]
    decision = draft(alpha)
    assert decision.number is None
    with pytest.raises(ValidationError):
        services.decision_sign(decision=decision, name="PCC", on=DAY, actor=None)
    decision = services.decision_submit(decision=decision, actor=None)
    services.decision_review(
        decision=decision, reviewer="chief_executive", name="CE", on=DAY, actor=None
    )
    decision.refresh_from_db()
    assert decision.status == "submitted"
    with pytest.raises(ValidationError, match="sign it off first"):
        services.decision_sign(decision=decision, name="PCC", on=DAY, actor=None)
    services.decision_review(
        decision=decision, reviewer="chief_finance_officer", name="CFO", on=DAY, actor=None
    )
    decision.refresh_from_db()
    assert decision.status == "reviewed"
    with pytest.raises(ValidationError):
        services.decision_publish(decision=decision, actor=None)
    services.decision_sign(decision=decision, name="PCC", on=DAY, actor=None)
    decision = services.decision_publish(decision=decision, actor=None)
    assert (decision.status, decision.published_at is not None) == ("published", True)


def test_it_sends_an_edited_reviewed_decision_back_for_review(cast):
    decision = services.decision_submit(decision=draft(cast["alpha"]), actor=None)
    services.decision_review(
        decision=decision, reviewer="chief_executive", name="CE", on=DAY, actor=None
    )
    services.decision_review(
        decision=decision, reviewer="chief_finance_officer", name="CFO", on=DAY, actor=None
    )
    edited = services.decision_update(decision=decision, title="Retitled", actor=None)
    assert (edited.status, edited.chief_executive, edited.chief_finance_officer_on) == (
        "submitted",
        "",
        None,
    )


def test_it_makes_a_signed_decision_immutable_in_the_service_and_the_database(cast):
    decision = published(cast["alpha"])
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.decision_update(decision=decision, title="Changed", actor=None)
    with pytest.raises(ValidationError):
        services.decision_withdraw(decision=decision, reason="Oops", actor=None)
    with pytest.raises(IntegrityError, match="immutable"), transaction.atomic():
        Decision._base_manager.filter(pk=decision.pk).update(decision="Rewritten")
    with pytest.raises(IntegrityError, match="never deleted"), transaction.atomic():
        Decision._base_manager.filter(pk=decision.pk).delete()


def test_it_records_a_correction_over_the_signed_text(cast, client):
    alpha = cast["alpha"]
    decision = published(alpha)
    with pytest.raises(ValidationError):
        services.decision_correct(decision=decision, changes={"title": "X"}, reason="", actor=None)
    services.decision_correct(
        decision=decision,
        changes={"decision": "To approve it, as amended."},
        reason="Typo in the amount",
        actor=None,
    )
    page = client.get(
        reverse("decisions:decision", args=["alpha", decision.number])
    ).content.decode()
    assert "To approve it, as amended." in page and "Typo in the amount" in page
    decision.refresh_from_db()
    assert decision.decision == "To approve it."


def test_a_correction_stays_in_the_record_even_for_the_admin(cast, client_for, django_user_model):
    decision = published(cast["alpha"])
    services.decision_correct(
        decision=decision, changes={"title": "Corrected"}, reason="A typo", actor=None
    )
    correction = DecisionCorrection._base_manager.get(decision=decision)
    root = django_user_model.objects.create_superuser("root", password="x")
    url = f"/admin/decisions/decisioncorrection/{correction.pk}/delete/"
    assert client_for(root).post(url, {"post": "yes"}).status_code == 403
    assert DecisionCorrection._base_manager.filter(pk=correction.pk).exists()


def test_it_needs_a_paragraph_and_a_reason_for_an_exempt_part(cast):
    with pytest.raises(ValidationError) as caught:
        draft(cast["alpha"], exempt_part="Secret")
    assert {"exempt_paragraph", "exempt_reason"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError) as caught:
        draft(cast["beta"], exempt_part="Secret", exempt_paragraph=3, exempt_reason="Why")
    assert "exempt_paragraph" in caught.value.message_dict  # Wales: paragraphs 12 to 18
