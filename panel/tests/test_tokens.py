"""The office's API tokens: stored hashed, shown once, expiring, revocable, and kept to their
panel and role; the pages that make and revoke them, and who may use them."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from decisions.testing import draft, published
from panel import services
from panel.access import Role, act_under_token, acts_in_person, forget_roles, roles_in
from panel.models import ApiToken
from panel.testing import api_token, token_header

TOKENS = "panel:api-tokens"


def decisions_api(panel: str = "alpha") -> str:
    return reverse("api:decisions:decisions", args=[panel])


def create_decision(client, key: str, panel: str = "alpha"):
    return client.post(
        decisions_api(panel),
        json.dumps({"title": "By token", "executive_summary": "S", "decision": "D"}),
        content_type="application/json",
        **token_header(key),
    )


def every_stored_value() -> str:
    with scopes_disabled():
        rows = list(ApiToken.objects.values_list()) + list(ApiToken.history.values_list())
    return repr(rows)


# --- Making a token on the office's page ------------------------------------------------------


def test_it_shows_the_key_once_and_stores_only_its_digest(cast, client_for, caplog):
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse(TOKENS, args=["alpha"]), {"name": "Case system", "days": 90})
    assert response.status_code == 200
    page = response.content.decode()
    key = page.split('id="token-key">')[1].split("</code>")[0]
    assert len(key) == 64 and "will not be shown again" in page
    assert "no-store" in response["Cache-Control"]
    assert key not in every_stored_value()
    assert key not in caplog.text and key not in str(response.cookies)
    listing = client.get(reverse(TOKENS, args=["alpha"])).content.decode()
    assert "Case system" in listing and key not in listing
    with scopes_disabled():
        token = ApiToken.objects.get()
    assert token.digest not in listing and token.user == cast.user("alpha", Role.OPCC_OFFICER)
    assert token.role == Role.OPCC_OFFICER and token.panel == cast["alpha"].panel
    assert token.expiry.date() == (timezone.now() + dt.timedelta(days=90)).date()
    assert create_decision(client_for(None), key).status_code == 201


def test_it_answers_bad_input_with_messages(cast, client_for):
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    response = client.post(reverse(TOKENS, args=["alpha"]), {"name": "  ", "days": "7"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the name of the system" in page and "after 30, 90 or 365 days" in page
    response = client.post(reverse(TOKENS, args=["alpha"]), {"name": "x" * 101, "days": "x"})
    assert response.status_code == 400 and "100 characters" in response.content.decode()
    with scopes_disabled():
        assert not ApiToken.objects.exists()


def test_the_service_makes_a_token_only_for_a_role_its_user_holds(cast):
    officer = cast.user("alpha", Role.OPCC_OFFICER)
    with pytest.raises(ValidationError) as refused:
        services.api_token_create(
            panel=cast["alpha"].panel, name="X", days=30, role=Role.CLERK, actor=officer
        )
    assert "role" in refused.value.error_dict
    with pytest.raises(ValidationError):
        services.api_token_create(
            panel=cast["beta"].panel, name="X", days=30, role=Role.OPCC_OFFICER, actor=officer
        )


# --- Using it ---------------------------------------------------------------------------------


def test_an_expired_token_is_refused_and_kept(cast, client_for):
    officer = cast.user("alpha", Role.OPCC_OFFICER)
    _token, key = api_token(officer, cast["alpha"].panel, days=30)
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        response = create_decision(client_for(None), key)
        assert response.status_code == 401 and "expired" in response.json()["detail"]
        assert response["WWW-Authenticate"] == "Token"
        page = client_for(officer).get(reverse(TOKENS, args=["alpha"])).content.decode()
    assert "Expired" in page
    with scopes_disabled():
        assert ApiToken.objects.count() == 1


def test_a_revoked_token_is_refused(cast, client):
    officer = cast.user("alpha", Role.OPCC_OFFICER)
    token, key = api_token(officer, cast["alpha"].panel)
    assert client.get(decisions_api(), **token_header(key)).status_code == 200
    services.api_token_revoke(token=token, actor=officer)
    response = client.get(decisions_api(), **token_header(key))
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_a_bad_key_is_a_401_never_a_500(cast, client):
    for header in ("Token nope", "Token " + "é" * 20, "Token a b", "Token"):
        response = client.get(decisions_api(), HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header


def test_it_records_the_last_use_at_most_once_a_minute(cast, client):
    token, key = api_token(cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    assert token.last_used is None
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get(decisions_api(), **token_header(key)).status_code == 200
    with scopes_disabled():
        token.refresh_from_db()
    assert token.last_used == start
    soon = start + dt.timedelta(seconds=30)
    with time_machine.travel(soon, tick=False), CaptureQueriesContext(connection) as queries:
        client.get(decisions_api(), **token_header(key))
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]
    later = start + dt.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        client.get(decisions_api(), **token_header(key))
    with scopes_disabled():
        token.refresh_from_db()
    assert token.last_used == later


def test_a_token_of_another_panel_reads_what_the_public_reads_and_writes_nothing(cast, client):
    beta = cast["beta"]
    published(beta, title="Published in beta")
    draft(beta, title="Draft in beta")
    _token, key = api_token(cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    as_token = client.get(decisions_api("beta"), **token_header(key))
    as_public = client.get(decisions_api("beta"))
    assert as_token.status_code == 200 and as_token.json() == as_public.json()
    assert "Draft in beta" not in as_token.content.decode()
    assert create_decision(client, key, panel="beta").status_code == 404
    assert create_decision(client, key, panel="alpha").status_code == 201


def test_a_token_stops_writing_when_its_user_loses_the_role(cast, client):
    officer = cast.user("alpha", Role.OPCC_OFFICER)
    _token, key = api_token(officer, cast["alpha"].panel)
    assert create_decision(client, key).status_code == 201
    services.role_revoke(
        panel=cast["alpha"].panel, user=officer, role=Role.OPCC_OFFICER, actor=None
    )
    assert create_decision(client, key).status_code == 404


def test_a_token_acts_as_its_role_only_though_its_user_is_also_clerk(cast, client, client_for):
    officer = cast.user("alpha", Role.OPCC_OFFICER)
    services.role_grant(panel=cast["alpha"].panel, user=officer, role=Role.CLERK, actor=None)
    _token, key = api_token(officer, cast["alpha"].panel)
    meeting = {"body": "panel", "start": "2031-06-20T10:00:00+01:00", "venue": "Shire Hall"}
    url = reverse("api:meetings:meetings", args=["alpha"])
    as_token = client.post(url, json.dumps(meeting), "application/json", **token_header(key))
    assert as_token.status_code == 404
    assert create_decision(client, key).status_code == 201  # its own role, yes
    signed_in = client_for(officer)  # the same user in person may act as clerk
    assert signed_in.get(reverse("panel:manage", args=["alpha"])).status_code == 200


def test_the_scope_keeps_roles_to_the_tokens_panel_and_role(cast):
    officer = cast.user("alpha", Role.OPCC_OFFICER)
    services.role_grant(panel=cast["alpha"].panel, user=officer, role=Role.CLERK, actor=None)
    forget_roles(officer)
    alpha, beta = cast["alpha"].panel, cast["beta"].panel
    assert roles_in(officer, alpha) == {Role.OPCC_OFFICER, Role.CLERK}
    act_under_token(officer, panel_id=alpha.pk, roles=frozenset({Role.OPCC_OFFICER}))
    assert roles_in(officer, alpha) == {Role.OPCC_OFFICER}
    assert roles_in(officer, beta) == frozenset()
    assert not acts_in_person(officer)


# --- Revoking it ------------------------------------------------------------------------------


def test_revoking_asks_first_and_twice_is_a_message(cast, client_for):
    officer = cast.user("alpha", Role.OPCC_OFFICER)
    token, _key = api_token(officer, cast["alpha"].panel)
    client = client_for(officer)
    url = reverse("panel:api-token-revoke", args=["alpha", token.pk])
    confirm = client.get(url).content.decode()
    assert "stops working at once" in confirm and "Revoke token" in confirm
    done = client.post(url, follow=True).content.decode()
    assert "has been revoked" in done and "Revoked" in done
    again = client.post(url, follow=True)
    assert again.status_code == 200 and "was revoked already" in again.content.decode()
    assert "was revoked on" in client.get(url).content.decode()
    with scopes_disabled():
        token.refresh_from_db()
        assert token.revoked_by == officer
        kinds = list(token.history.order_by("history_id").values_list("history_type", flat=True))
    assert kinds == ["+", "~"]


# --- Who may use the pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "lists", "creates", "revokes"),
    [
        (("alpha", Role.OPCC_OFFICER), 200, True, True),
        (("alpha", Role.CLERK), 200, False, True),
        (("alpha", Role.MEMBER), 404, False, False),
        (("alpha", Role.COMPLAINTS_HANDLER), 404, False, False),
        (("beta", Role.OPCC_OFFICER), 404, False, False),
        (("beta", Role.CLERK), 404, False, False),
        (None, 302, False, False),
    ],
)
def test_the_pages_open_to_the_office_and_the_clerk_only(
    cast, client_for, who, lists, creates, revokes
):
    token, _key = api_token(cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    client = client_for(cast.user(*who) if who else None)
    page = client.get(reverse(TOKENS, args=["alpha"]))
    assert page.status_code == lists
    if lists == 302:
        assert page["Location"].startswith(reverse("login"))
    assert ("Create a token" in page.content.decode()) == creates
    created = client.post(reverse(TOKENS, args=["alpha"]), {"name": "Mine", "days": 30})
    assert (created.status_code == 200) == creates
    revoke = reverse("panel:api-token-revoke", args=["alpha", token.pk])
    assert (client.get(revoke).status_code == 200) == revokes
    client.post(revoke)
    with scopes_disabled():
        token.refresh_from_db()
        assert (token.revoked_at is not None) == revokes
        assert ApiToken.objects.filter(name="Mine").exists() == creates


def test_a_token_of_another_panel_is_not_found_on_this_panels_pages(cast, client_for):
    token, _key = api_token(cast.user("beta", Role.OPCC_OFFICER), cast["beta"].panel)
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    revoke = reverse("panel:api-token-revoke", args=["alpha", token.pk])
    assert client.get(revoke).status_code == 404
    assert client.post(revoke).status_code == 404
    assert (
        "Case management system" not in client.get(reverse(TOKENS, args=["alpha"])).content.decode()
    )


def test_the_overview_and_the_clerks_manage_page_link_to_the_tokens(cast, client_for):
    url = reverse(TOKENS, args=["alpha"])
    for role in (Role.OPCC_OFFICER, Role.CLERK):
        home = client_for(cast.user("alpha", role)).get(reverse("panel:home", args=["alpha"]))
        assert url in home.content.decode(), role
    manage = client_for(cast.user("alpha", Role.CLERK)).get(reverse("panel:manage", args=["alpha"]))
    assert url in manage.content.decode()
    for user in (None, cast.user("alpha", Role.MEMBER), cast.user("beta", Role.OPCC_OFFICER)):
        home = client_for(user).get(reverse("panel:home", args=["alpha"]))
        assert url not in home.content.decode()
