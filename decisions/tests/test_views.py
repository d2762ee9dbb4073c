"""The decision pages: the OPCC's steps, field errors, refusals, attachments and corrections."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from decisions.models import Decision
from decisions.testing import draft, published
from panel.access import Role
from panel.tenancy import panel_scope


def steps(decision):
    return [
        ("submit", {}),
        ("review", {"reviewer": "chief_executive", "name": "CE", "on": "2030-01-10"}),
        ("review", {"reviewer": "chief_finance_officer", "name": "CFO", "on": "2030-01-10"}),
        ("sign", {"name": "PCC", "on": "2030-01-11"}),
        ("publish", {}),
    ]


def test_it_shows_field_errors_on_the_form_and_saves_nothing(cast, client_for):
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    response = client.post(
        reverse("decisions:decision-create", args=["alpha"]),
        {"title": "", "category": "finance", "exempt_part": "Secret"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "This field is required." in page
    assert not Decision.objects.for_panel(cast["alpha"].panel).exists()


def test_it_lets_an_opcc_officer_take_a_decision_through_every_step_on_the_pages(cast, client_for):
    alpha = cast["alpha"]
    decision = draft(alpha)
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    for action, data in steps(decision):
        response = client.post(
            reverse("decisions:decision-action", args=["alpha", decision.pk, action]), data
        )
        assert response.status_code == 302
        decision.refresh_from_db()
    assert decision.status == "published"


@pytest.mark.parametrize(
    "actor",
    [
        "anonymous",
        "own:clerk",
        "own:member",
        "own:complaints_handler",
        "other:opcc_officer",
        "other:clerk",
    ],
)
def test_it_refuses_every_step_to_anyone_but_the_panels_opcc_officers(cast, client_for, actor):
    alpha = cast["alpha"]
    decision = draft(alpha, "Draft only")
    user = None
    if actor != "anonymous":
        where, role = actor.split(":")
        user = cast.user("alpha" if where == "own" else "beta", Role(role))
    client = client_for(user)
    for action, data in steps(decision):
        response = client.post(
            reverse("decisions:decision-action", args=["alpha", decision.pk, action]), data
        )
        assert response.status_code in (302, 404)
        if user is not None:
            assert response.status_code == 404
        api = client.post(
            reverse("api:decisions:decision-action", args=["alpha", decision.pk, action]), data
        )
        assert api.status_code in (401, 403, 404)
    for url in (
        reverse("decisions:decision-manage", args=["alpha", decision.pk]),
        reverse("decisions:decision-manage-list", args=["alpha"]),
        reverse("decisions:decision-create", args=["alpha"]),
    ):
        assert client.get(url).status_code in ((302, 404) if user is None else (404,))
    decision.refresh_from_db()
    assert (decision.status, decision.number) == ("draft", None)


@pytest.mark.parametrize("step", ["bogus", "decision_submit", "attachment_add", "correct"])
def test_it_answers_an_unknown_step_with_a_404_on_the_page_and_the_api(cast, client_for, step):
    decision = draft(cast["alpha"])
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    if step != "correct":  # the manage page corrects a signed decision; the API does not
        page = client.post(reverse("decisions:decision-action", args=["alpha", decision.pk, step]))
        assert page.status_code == 404
    api = client.post(reverse("api:decisions:decision-action", args=["alpha", decision.pk, step]))
    assert api.status_code == 404
    decision.refresh_from_db()
    assert (decision.status, decision.number) == ("draft", None)


def test_it_attaches_a_file_and_corrects_a_signed_decision_on_the_manage_page(cast, client_for):
    from decisions.models import DecisionCorrection
    from documents.testing import pdf_bytes, upload

    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    decision = draft(alpha)
    url = reverse("decisions:decision-action", args=["alpha", decision.pk, "attach"])
    attached = client.post(url, {"title": "Map", "access": "public", "file": upload(pdf_bytes())})
    assert attached.status_code == 302
    signed = published(alpha, "Fleet")
    url = reverse("decisions:decision-action", args=["alpha", signed.pk, "correct"])
    corrected = client.post(url, {"field": "title", "text": "Fleet vans", "reason": "A typo"})
    assert corrected.status_code == 302
    refused = client.post(url, {"field": "title", "text": "Fleet cars", "reason": ""}, follow=True)
    assert "This field is required." in refused.content.decode()
    with panel_scope(alpha.panel):
        assert decision.attachments.get().title == "Map"
    correction = DecisionCorrection.objects.for_panel(alpha.panel).get(decision=signed)
    assert (correction.changes, correction.reason) == ({"title": "Fleet vans"}, "A typo")


def test_the_decision_pdf_is_headed_as_the_commissioners_record(cast, client):
    """The record is the Commissioner's: the panel only keeps the register it is published in."""
    c = cast["alpha"]
    decision = published(c, title="Sale of a police station")
    pdf = client.get(reverse("decisions:decision-pdf", args=["alpha", decision.number]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    first_line = text.strip().splitlines()[0]
    assert first_line.startswith(f"Police and Crime Commissioner for {c.panel.police_area}")
    assert "Panel" not in first_line
    assert f"kept by the {c.panel.name}" in " ".join(text.split())


def test_the_register_opens_on_the_twelve_months_to_the_newest_and_reaches_back(cast, client):
    """Ten years of decisions are over a thousand: the register opens on the twelve months to
    the newest record; a year, "All years", a category or words reach the rest."""
    import datetime as dt

    from django.utils import timezone

    alpha = cast["alpha"]
    now = timezone.now()
    for title, days in (("Newest", 1), ("Ten months back", 300), ("Two years back", 730)):
        decision = published(alpha, title)
        Decision._base_manager.filter(pk=decision.pk).update(
            published_at=now - dt.timedelta(days=days)
        )
    url = reverse("decisions:decisions", args=["alpha"])
    page = client.get(url).content.decode()
    assert "Newest" in page and "Ten months back" in page and "Two years back" not in page
    assert "Choose a year, or search, for the earlier ones" in page
    for query in ("?year=all", f"?year={(now - dt.timedelta(days=730)).year}", "?q=Two+years"):
        assert "Two years back" in client.get(url + query).content.decode(), query
    assert 'value="all" selected' in client.get(url + "?year=all").content.decode()


@pytest.mark.parametrize("year", ["0", "99999", "10000", "-1", "x", "2014.5", "²"])
def test_a_year_no_panel_has_shows_the_register_as_it_opens_not_an_error(cast, client, year):
    """A year the database's dates cannot hold was a 500: the register opens as it would."""
    url = reverse("decisions:decisions", args=["alpha"])
    assert client.get(url + f"?year={year}").status_code == 200
