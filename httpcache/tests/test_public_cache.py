"""Published pages as cacheable documents: validators, 304s, the public/private split and the
app's own cache of anonymous pages (on the real Redis)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from decisions.testing import published as published_decision
from httpcache import stamps
from meetings import services
from meetings.testing import DRAFT_MARKER, EXEMPT_REPORT_MARKER, published_meeting
from panel.access import Role
from panel.tenancy import panel_scope
from panel.testing import api_token, token_header

pytestmark = pytest.mark.django_db

LATE_ITEM = "Late report on road safety"


@pytest.fixture(autouse=True)
def shared_cache():
    if not settings.HTTP_CACHE_SHARED:
        pytest.fail("REDIS_URL must point at a Redis server for the public cache tests")


def settled(made):
    """What a fixture made, as if its transaction had committed: the test's own transaction
    never does, so its changes' stamps stay pending; the rows (which it reads) have them."""
    for scope in ("alpha", "beta"):
        cache.delete(stamps.key(scope))
    return made


@pytest.fixture
def meeting(cast):
    return settled(published_meeting(cast["alpha"]))


def meeting_url(meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.meeting.panel.slug, meeting.meeting.slug])


def test_it_gives_an_anonymous_published_page_a_validator_and_a_shared_lifetime(client, meeting):
    response = client.get(meeting_url(meeting))
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert control == {"public", "max-age=60", "stale-while-revalidate=300"}
    assert "Cookie" in response["Vary"]
    assert not response.cookies


def test_it_answers_a_matching_validator_with_304(client, meeting):
    first = client.get(meeting_url(meeting))
    again = client.get(meeting_url(meeting), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"] and not again.content
    since = client.get(meeting_url(meeting), headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    other = client.get(meeting_url(meeting), headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200


def test_it_changes_the_validator_when_the_panel_publishes(
    client, cast, meeting, django_capture_on_commit_callbacks
):
    url = meeting_url(meeting)
    before = client.get(url)
    assert LATE_ITEM not in before.content.decode()
    with panel_scope(cast["alpha"].panel), django_capture_on_commit_callbacks(execute=True):
        services.item_add(meeting=meeting.meeting, title=LATE_ITEM, actor=None)
        m = meeting.meeting
        m.refresh_from_db()
        services.agenda_publish(
            meeting=m, late_reason="The figures came late", change_note="Late", actor=None
        )
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert LATE_ITEM in after.content.decode()


def test_it_changes_the_validator_when_papers_are_archived(
    client, cast, django_capture_on_commit_callbacks
):
    old = settled(published_meeting(cast["alpha"], day=dt.date(2012, 3, 15)))
    url = meeting_url(old)
    before = client.get(url)
    with panel_scope(cast["alpha"].panel), django_capture_on_commit_callbacks(execute=True):
        services.papers_archive(meeting=old.meeting, reason="Six years passed", actor=None)
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "have since been archived" in after.content.decode()


def test_it_keeps_one_panels_validator_when_another_publishes(client, cast, meeting):
    url = meeting_url(meeting)
    before = client.get(url)
    published_meeting(cast["beta"])
    assert client.get(url)["ETag"] == before["ETag"]


def test_it_never_marks_a_signed_in_readers_page_public(client_for, cast, meeting):
    for role in (Role.MEMBER, Role.CLERK):
        response = client_for(cast.user("alpha", role)).get(meeting_url(meeting))
        assert response.status_code == 200
        control = response["Cache-Control"]
        assert "private" in control and "public" not in control, role
        assert "Cookie" in response["Vary"]
        assert "ETag" not in response


def test_it_never_marks_an_api_tokens_answer_public(client, cast, meeting):
    _, key = api_token(cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    url = reverse("api:meetings:meetings", args=["alpha"])
    response = client.get(url, **token_header(key))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_it_serves_an_anonymous_published_page_from_its_cache_without_the_database(
    client, meeting, django_assert_num_queries
):
    url = meeting_url(meeting)
    rendered = client.get(url)
    assert "X-App-Cache" not in rendered
    with django_assert_num_queries(0):
        stored = client.get(url)
        head = client.head(url)
        not_modified = client.get(url, headers={"if-none-match": rendered["ETag"]})
    assert stored["X-App-Cache"] == "HIT"
    assert stored.content == rendered.content
    assert stored["ETag"] == rendered["ETag"]
    assert stored["Content-Security-Policy"] == rendered["Content-Security-Policy"]
    assert head.status_code == 200
    assert not_modified.status_code == 304


def test_it_never_serves_its_cache_to_a_session_or_a_token(client, client_for, cast, meeting):
    url = meeting_url(meeting)
    client.get(url)
    assert client.get(url)["X-App-Cache"] == "HIT"
    member = client_for(cast.user("alpha", Role.MEMBER))
    response = member.get(url)
    assert "X-App-Cache" not in response
    assert "private" in response["Cache-Control"]
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    assert "X-App-Cache" not in stranger.get(url)
    tokened = Client().get(url, headers={"authorization": "Token nonsense"})
    assert "X-App-Cache" not in tokened


def test_it_never_shares_what_a_member_reads(client, client_for, cast, meeting):
    """The member's page (the exempt report) is rendered first; the public then gets its own."""
    m, item = meeting.meeting, meeting.exempt_item
    item.refresh_from_db()
    url = reverse("meetings:item", args=["alpha", m.slug, item.number])
    member = client_for(cast.user("alpha", Role.MEMBER))
    assert EXEMPT_REPORT_MARKER in member.get(url).content.decode()
    public = Client()
    for _ in range(2):
        response = public.get(url)
        assert EXEMPT_REPORT_MARKER not in response.content.decode()
        assert DRAFT_MARKER not in response.content.decode()


def test_it_never_shares_a_page_that_sets_a_cookie(client):
    """The sign-in form carries a CSRF token: it sets its cookie and is never stored or public."""
    response = client.get(reverse("login"))
    assert response.cookies
    assert "public" not in response.get("Cache-Control", "")
    assert "X-App-Cache" not in client.get(reverse("login"))


def test_it_makes_the_public_decision_record_cacheable(client, cast):
    with panel_scope(cast["alpha"].panel):  # the alerts read the published decision
        decision = settled(published_decision(cast["alpha"]))
    url = reverse("decisions:decision", args=["alpha", decision.number])
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_it_reads_the_stamp_from_its_row_when_the_cache_has_lost_it(
    cast, meeting, django_capture_on_commit_callbacks
):
    first = stamps.current("alpha")
    cache.delete(stamps.key("alpha"))
    assert stamps.current("alpha") == first
    with django_capture_on_commit_callbacks(execute=False):
        stamps.bump("alpha")
        assert not stamps.current("alpha").value  # pending until the change commits
    cache.delete(stamps.key("alpha"))
    assert stamps.current("alpha").value not in ("", first.value)


def test_it_keeps_nothing_while_a_change_is_being_committed(client, cast, meeting):
    url = meeting_url(meeting)
    stamps.bump("alpha")  # the test's transaction never commits: the mark stays
    response = client.get(url)
    assert response.status_code == 200 and "ETag" not in response
    assert "X-App-Cache" not in client.get(url)
