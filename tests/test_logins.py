"""Logins and sessions: the lockout, other sessions ended by a password change, security headers."""

from __future__ import annotations

import datetime as dt
import json
import re

import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.testing import published_meeting
from panel.access import Role
from panel.testing import PASSWORD

from .test_settings import PRODUCTION, run


def sign_in(client: Client, username: str, password: str = PASSWORD, address: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_ten_failures_lock_that_username_from_that_address_for_fifteen_minutes(cast):
    clerk = cast.user("alpha", Role.CLERK)
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(9):
            assert sign_in(client, clerk.username, "wrong").status_code == 200
        # The tenth failure locks; then even the right password is refused.
        sign_in(client, clerk.username, "wrong")
        locked = sign_in(client, clerk.username)
        assert locked.status_code == 429
        assert "Too many attempts" in locked.content.decode()
        assert "_auth_user_id" not in client.session
        # The same username from another address, and another user from this one, still work.
        assert sign_in(Client(), clerk.username, address="10.0.0.2").status_code == 302
        member = cast.user("alpha", Role.MEMBER)
        assert sign_in(Client(), member.username).status_code == 302
        # The lock lasts 15 minutes from the last attempt (trying again while locked extends it).
        clock.shift(dt.timedelta(minutes=14))
        assert sign_in(client, clerk.username).status_code == 429
        clock.shift(dt.timedelta(minutes=15, seconds=1))
        assert sign_in(client, clerk.username).status_code == 302


def test_changing_the_password_signs_out_every_other_session(cast):
    member = cast.user("alpha", Role.MEMBER)
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        assert sign_in(client, member.username).status_code == 302
    assert elsewhere.get(reverse("password_change")).status_code == 200

    page = here.get(reverse("password_change"))
    assert "Change your password" in page.content.decode()
    bad = here.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    assert bad.status_code == 200
    assert "There is a problem" in bad.content.decode()
    done = here.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-fresh-passphrase-9",
            "new_password2": "a-fresh-passphrase-9",
        },
    )
    assert done.status_code == 302
    assert here.get(reverse("password_change")).status_code == 200  # still signed in here
    gone = elsewhere.get(reverse("password_change"))
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("login"))


def test_resetting_the_password_signs_out_every_session(cast, django_capture_on_commit_callbacks):
    clerk = cast.user("alpha", Role.CLERK)
    clerk.email = "clerk@alpha.example.org"
    clerk.save()
    signed_in = Client()
    assert sign_in(signed_in, clerk.username).status_code == 302
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": clerk.email})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "another-passphrase-7", "new_password2": "another-passphrase-7"},
    )
    gone = signed_in.get(reverse("password_change"))
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("login"))


def _responses(cast):
    """One response of every kind the product sends."""
    alpha = cast["alpha"]
    meeting = published_meeting(alpha)
    public = Client()
    clerk = Client()
    clerk.force_login(cast.user("alpha", Role.CLERK))
    server_error = Client(raise_request_exception=False)
    item_pdf = reverse(
        "meetings:item-pdf", args=["alpha", meeting.meeting.slug, meeting.public_item.number]
    )
    file = reverse("meetings:file", args=["alpha", meeting.meeting.slug, meeting.public_file_id])
    return {
        "page": public.get("/alpha/"),
        "not found": public.get("/alpha/no-such-page/"),
        "sign-in redirect": public.get("/alpha/manage/"),
        "API": public.get("/api/panels/alpha/meetings/"),
        "API 400": clerk.post(
            f"/api/panels/alpha/meetings/{meeting.meeting.slug}/items/",
            data=json.dumps({"title": ""}),
            content_type="application/json",
        ),
        "item PDF": public.get(item_pdf),
        "file": public.get(file),
        "calendar": public.get("/alpha/meetings.ics"),
        "Atom feed": public.get("/alpha/feeds/agendas/"),
        "health": public.get("/healthz"),
        "admin": public.get("/admin/"),
        "server error": _server_error(server_error),
    }


def _server_error(client: Client):
    from unittest import mock

    with mock.patch("panel.views.render", side_effect=RuntimeError("boom")):
        return client.get("/")


def test_every_kind_of_response_carries_the_security_headers(cast):
    for kind, response in _responses(cast).items():
        assert "frame-ancestors 'none'" in response.get("Content-Security-Policy", ""), kind
        assert "default-src 'self'" in response["Content-Security-Policy"], kind
        assert response.get("X-Frame-Options") == "DENY", kind
        assert response.get("X-Content-Type-Options") == "nosniff", kind
        assert response.get("Referrer-Policy") == "same-origin", kind


HSTS_PROBE = (
    "import django; django.setup();"
    "from django.test import Client;"
    "r = Client().get('/healthz', secure=True, HTTP_HOST='panels.example.org');"
    "print(r.status_code, r.get('Strict-Transport-Security'))"
)


def test_production_sends_hsts_and_redirects_http_to_https(tmp_path):
    result = run(["-c", HSTS_PROBE], {**PRODUCTION, "VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    _, hsts = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert hsts.startswith("max-age=31536000") and "includeSubDomains" in hsts
    insecure = run(
        ["-c", HSTS_PROBE.replace("secure=True", "secure=False")],
        {**PRODUCTION, "VAR_DIR": str(tmp_path)},
    )
    assert insecure.stdout.strip().splitlines()[-1].startswith("301")


def test_the_sign_in_page_never_loops_a_signed_in_reader(cast):
    """A signed-in reader sent to the sign-in page with ``next`` pointing at the sign-in page
    itself goes home (it was a 500: "Redirection loop for authenticated user detected")."""
    client = Client()
    anonymous = client.get(reverse("login")).content.decode()
    assert "?next=/accounts/login/" not in anonymous  # the page no longer links to the loop
    clerk = cast.user("alpha", Role.CLERK)
    signed_in = client.post(
        f"{reverse('login')}?next={reverse('login')}",
        {"username": clerk.username, "password": PASSWORD},
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("home")
    for target in (reverse("login"), f"{reverse('login')}?x=1"):
        again = client.get(reverse("login"), {"next": target})
        assert again.status_code == 302 and again["Location"] == reverse("home")
    onward = client.get(reverse("login"), {"next": "/alpha/"})
    assert onward.status_code == 302 and onward["Location"] == "/alpha/"
