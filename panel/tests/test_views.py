"""The tenancy pages: what they show, how many queries they take, signing in and out."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from panel import services
from panel.access import Role
from panel.tenancy import panel_scope


def test_it_lists_the_panels_on_the_front_page(cast, client):
    page = client.get("/").content.decode()
    assert "Alphashire" in page and "Betagwent" in page


def test_it_groups_the_membership_by_authority_with_roles(cast, client):
    alpha = cast["alpha"]
    with panel_scope(alpha.panel):
        coopted = services.person_create(panel=alpha.panel, name="Independent Person", actor=None)
        services.membership_create(
            body=alpha.main_body,
            person=coopted,
            role="vice_chair",
            co_opted=True,
            start_date=dt.date(2024, 6, 1),
            actor=None,
        )
    page = client.get(reverse("panel:membership", args=["alpha"])).content.decode()
    assert "Alphashire County Council" in page
    assert re.search(r"Alpha Councillor</a></td>\s*<td[^>]*>Chair", page)
    co_opted_section = page.split("Co-opted independent members</h2>")[1]
    assert "Independent Person" in co_opted_section and "Vice-Chair" in co_opted_section


def test_it_shows_membership_as_at_a_past_date_and_ignores_a_bad_one(cast, client):
    url = reverse("panel:membership", args=["alpha"])
    assert "Alpha Councillor" not in client.get(url + "?on=2020-01-01").content.decode()
    for bad in ("not-a-date", "2014-13-45", "2014-02-30"):
        response = client.get(url, {"on": bad})
        assert response.status_code == 200 and "Alpha Councillor" in response.content.decode()


def test_it_shows_terms_of_reference_of_a_body(cast, client):
    alpha = cast["alpha"]
    page = client.get(reverse("panel:body", args=["alpha", alpha.working_group.slug]))
    assert "alpha budget scrutiny" in page.content.decode()


def add_members(c, start, n):
    with panel_scope(c.panel):
        for i in range(start, start + n):
            person = services.person_create(
                panel=c.panel, name=f"Member {i}", title="Councillor", actor=None
            )
            authority = services.authority_create(
                panel=c.panel, name=f"Council {i}", kind="district", actor=None
            )
            services.membership_create(
                body=c.main_body,
                person=person,
                role="member",
                authority=authority,
                start_date=dt.date(2024, 6, 1),
                actor=None,
            )


@pytest.mark.parametrize(
    "name,args",
    [("panel:membership", []), ("panel:home", []), ("panel:body", ["panel"])],
)
def test_it_uses_the_same_number_of_queries_for_3_or_30_members(
    cast, client_for, django_assert_max_num_queries, name, args
):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse(name, args=["alpha", *args])
    add_members(alpha, 0, 3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_members(alpha, 3, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_it_signs_in_and_out(cast, client):
    clerk = cast.user("alpha", Role.CLERK)
    response = client.post(
        reverse("login"), {"username": clerk.username, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert "Signed in as" in client.get("/alpha/").content.decode()
    assert client.post(reverse("logout")).status_code == 302
    assert "Signed in as" not in client.get("/alpha/").content.decode()


def test_it_sends_a_password_reset_email_that_works(
    cast, client, django_capture_on_commit_callbacks
):
    clerk = cast.user("alpha", Role.CLERK)
    clerk.email = "clerk@alpha.example.org"
    clerk.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": clerk.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert done.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("a-brand-new-passphrase")


def test_it_locks_a_username_after_ten_failures_from_one_address(cast, client):
    clerk = cast.user("alpha", Role.CLERK)
    for _ in range(10):
        client.post(reverse("login"), {"username": clerk.username, "password": "wrong"})
    locked = client.post(
        reverse("login"), {"username": clerk.username, "password": "correct-horse-battery-staple"}
    )
    assert "Too many attempts" in locked.content.decode()
    # Another user from the same (shared council) address is not locked out.
    other = cast.user("alpha", Role.MEMBER)
    ok = client.post(
        reverse("login"), {"username": other.username, "password": "correct-horse-battery-staple"}
    )
    assert ok.status_code == 302


def test_it_sets_security_headers(cast, client):
    response = client.get("/alpha/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_serves_the_api_schema(cast, client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/api/panels/{panel_slug}/memberships/" in response.content.decode()
