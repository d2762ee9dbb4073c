"""A decision's attached file is shown inline and never kept by a shared cache, to
the public as to the OPCC drafting it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from decisions import services
from decisions.testing import draft
from documents.testing import pdf_bytes, upload
from panel.access import Role


def _published_with_attachment(c, data):
    decision = draft(c)
    attachment = services.attachment_add(
        decision=decision, title="Valuation", upload=upload(data, "valuation.pdf"), actor=None
    )
    decision = services.decision_submit(decision=decision, actor=None)
    day = dt.date(2030, 1, 10)
    for reviewer in ("chief_executive", "chief_finance_officer"):
        services.decision_review(
            decision=decision, reviewer=reviewer, name="Officer", on=day, actor=None
        )
    services.decision_sign(decision=decision, name="The Commissioner", on=day, actor=None)
    return services.decision_publish(decision=decision, actor=None), attachment.stored_file


def _assert_private_pdf(response, data):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="valuation.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    response.close()


def test_it_serves_a_published_decisions_file_to_the_public(cast, client_for):
    data = pdf_bytes(2)
    decision, stored = _published_with_attachment(cast["alpha"], data)
    url = reverse("decisions:decision-file", args=["alpha", decision.number, stored.pk])
    _assert_private_pdf(client_for(None).get(url), data)


def test_it_serves_a_drafts_file_to_the_opcc(cast, client_for):
    decision = draft(cast["alpha"])
    data = pdf_bytes(2)
    attachment = services.attachment_add(
        decision=decision, title="Valuation", upload=upload(data, "valuation.pdf"), actor=None
    )
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    url = reverse(
        "decisions:decision-manage-file", args=["alpha", decision.pk, attachment.stored_file_id]
    )
    _assert_private_pdf(client.get(url), data)


def test_a_file_number_past_a_database_integer_is_a_404_not_a_500(cast, client_for):
    """The drafter's file page looks the file up through a foreign key, which sent a number
    past the integers to the database (an OverflowError); the address names no file."""
    decision = draft(cast["alpha"])
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    for number in ("2147483648", "99999999999999999999"):
        url = f"/alpha/manage/decisions/{decision.pk}/files/{number}/"
        assert client.get(url).status_code == 404, number
