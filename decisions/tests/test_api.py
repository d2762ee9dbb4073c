"""The decisions API: the OPCC's tokens, field errors, attachments with the same PDF checks."""

from __future__ import annotations

from django.urls import reverse

from decisions.testing import draft
from panel import services
from panel.access import Role
from panel.testing import api_token, token_header


def token_client(client, user, panel):
    client.logout()
    token, key = api_token(user, panel)
    client.defaults.update(token_header(key))
    return token


def create(client):
    return client.post(
        reverse("api:decisions:decisions", args=["alpha"]),
        {"title": "By token", "executive_summary": "S", "decision": "D"},
        content_type="application/json",
    )


def test_it_accepts_an_opcc_token_and_refuses_a_missing_foreign_or_revoked_one(cast, client):
    assert create(client).status_code == 404  # no token: nothing to see here
    beta = cast.user("beta", Role.OPCC_OFFICER)
    token = token_client(client, beta, cast["beta"].panel)
    assert create(client).status_code == 404  # another panel's OPCC officer
    services.api_token_revoke(token=token, actor=beta)
    alpha = cast.user("alpha", Role.OPCC_OFFICER)
    token = token_client(client, alpha, cast["alpha"].panel)
    response = create(client)
    assert response.status_code == 201, response.content
    decision_id = response.json()["id"]
    submitted = client.post(
        reverse("api:decisions:decision-action", args=["alpha", decision_id, "submit"])
    )
    assert submitted.status_code == 200 and submitted.json()["reference"] == "APCC 0001"
    services.api_token_revoke(token=token, actor=alpha)
    assert create(client).status_code == 401


def test_it_answers_bad_api_input_with_field_errors(cast, client):
    token_client(client, cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    response = client.post(
        reverse("api:decisions:decisions", args=["alpha"]),
        {"title": "", "exempt_part": "Secret"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {"title", "executive_summary", "decision"} <= set(response.json())
    response = client.post(
        reverse("api:decisions:decisions", args=["alpha"]),
        {"title": "T", "executive_summary": "S", "decision": "D", "exempt_part": "Secret"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "exempt_paragraph" in response.json()


def test_it_takes_attachments_through_the_api_with_the_same_pdf_checks(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.testing import pdf_bytes

    token_client(client, cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    decision = draft(cast["alpha"])
    url = reverse("api:decisions:decision-attachments", args=["alpha", decision.pk])
    bad = client.post(
        url, {"title": "Plan", "file": SimpleUploadedFile("plan.pdf", pdf_bytes(password="x"))}
    )
    assert bad.status_code == 400 and "password-protected" in bad.json()["file"][0]
    good = client.post(url, {"title": "Plan", "file": SimpleUploadedFile("plan.pdf", pdf_bytes(2))})
    assert good.status_code == 201, good.content
    from panel.tenancy import panel_scope

    with panel_scope(decision.panel_id):
        assert decision.attachments.count() == 1
