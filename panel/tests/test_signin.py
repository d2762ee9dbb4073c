"""The session and the signed-in user, read by prepared queries (panel/sessions, panel/backends):
what Django's own engines and backend answer, for every state a session and a user can be in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user as user_of
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from panel.access import Role
from panel.backends import ModelBackend
from panel.sessions import cached_db, db

ENGINES = [db.SessionStore, cached_db.SessionStore]


@pytest.mark.parametrize("store", ENGINES, ids=["db", "cached_db"])
def test_a_session_is_read_until_it_expires_then_forgotten(cast, store):
    session = store()
    session["seen"] = "yes"
    session.save()
    key = session.session_key
    assert store(session_key=key).load() == {"seen": "yes"}
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    # not in the cache (where it would have expired by now): read from the database
    caches[settings.SESSION_CACHE_ALIAS].delete(cached_db.SessionStore.cache_key_prefix + key)
    expired = store(session_key=key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new one is made: the old key is never reused
    missing = store(session_key="x" * 32)
    assert missing.load() == {} and missing.session_key is None


def _request_as(user, backend="panel.backends.ModelBackend"):
    request = RequestFactory().get("/")
    session = db.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    request.session = db.SessionStore(session_key=session.session_key)
    return request


def test_the_signed_in_user_is_djangos_answer_active_inactive_or_gone(cast):
    member = cast.user("alpha", Role.MEMBER)
    assert user_of(_request_as(member)) == member
    assert ModelBackend().get_user(member.pk) == member
    member.is_active = False
    member.save()
    assert not user_of(_request_as(member)).is_authenticated
    assert ModelBackend().get_user(member.pk) is None
    assert ModelBackend().get_user(2**31 - 1) is None


def test_a_member_signed_in_through_the_form_reads_their_pages(cast, client):
    member = cast.user("alpha", Role.MEMBER)
    member.set_password("a long enough password 2014")
    member.save()
    login = client.post(
        reverse("login"), {"username": member.username, "password": "a long enough password 2014"}
    )
    assert login.status_code == 302
    page = client.get(reverse("workprogramme:actions", args=["alpha"]))
    assert page.status_code == 200 and "Signed in as" in page.content.decode()
    assert client.session[BACKEND_SESSION_KEY] == "panel.backends.ModelBackend"
