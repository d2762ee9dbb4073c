"""Who sees what of a meeting: the public and other panels never see exempt business or drafts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.testing import (
    DRAFT_MARKER,
    EXEMPT_APPENDIX_MARKER,
    EXEMPT_MINUTE_MARKER,
    EXEMPT_REPORT_MARKER,
    PUBLIC_REPORT_TEXT,
    published_meeting,
)
from panel.access import Role

SECRETS = (EXEMPT_REPORT_MARKER, EXEMPT_APPENDIX_MARKER, EXEMPT_MINUTE_MARKER)
OUTSIDERS = (
    ["anonymous"]
    + [f"other:{r.value}" for r in Role]
    + ["own:opcc_officer", "own:complaints_handler"]
)
INSIDERS = ["own:clerk", "own:member"]


def who(cast, actor):
    if actor == "anonymous":
        return None
    where, role = actor.split(":")
    return cast.user("alpha" if where == "own" else "beta", Role(role))


@pytest.fixture
def pm(cast):
    return published_meeting(cast["alpha"])


def urls(pm):
    m = pm.meeting
    args = ["alpha", m.slug]
    return {
        "meeting": reverse("meetings:meeting", args=args),
        "public_item": reverse("meetings:item", args=[*args, pm.public_item.number]),
        "exempt_item": reverse("meetings:item", args=[*args, pm.exempt_item.number]),
        "restricted": reverse("meetings:item-restricted", args=[*args, pm.exempt_item.number]),
        "appendix_restricted": reverse(
            "meetings:appendix-restricted", args=[*args, pm.public_item.number, "B"]
        ),
        "public_file": reverse("meetings:file", args=[*args, pm.public_file_id]),
        "exempt_file": reverse("meetings:file", args=[*args, pm.exempt_file_id]),
        "calendar": reverse("meetings:meetings", args=["alpha"]),
        "ics": reverse("meetings:meetings-ics", args=["alpha"]),
        "agendas": reverse("meetings:agenda-feed", args=["alpha"]),
        "minutes": reverse("meetings:minutes-feed", args=["alpha"]),
    }


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_it_never_shows_exempt_business_or_drafts_to_outsiders(cast, client_for, pm, actor):
    client = client_for(who(cast, actor))
    u = urls(pm)
    for name in (
        "meeting",
        "public_item",
        "exempt_item",
        "restricted",
        "appendix_restricted",
        "calendar",
        "ics",
        "agendas",
        "minutes",
    ):
        response = client.get(u[name])
        assert response.status_code == 200, (name, actor)
        body = response.content.decode()
        for secret in (*SECRETS, DRAFT_MARKER):
            assert secret not in body, (name, actor, secret)
    assert PUBLIC_REPORT_TEXT in client.get(u["public_item"]).content.decode()
    assert (
        "Tender prices are commercially sensitive." in client.get(u["restricted"]).content.decode()
    )
    assert client.get(u["public_file"]).status_code == 200
    assert client.get(u["exempt_file"]).status_code == 404


@pytest.mark.parametrize("actor", INSIDERS)
def test_it_shows_exempt_business_to_the_panels_clerk_and_members(cast, client_for, pm, actor):
    client = client_for(who(cast, actor))
    u = urls(pm)
    assert EXEMPT_REPORT_MARKER in client.get(u["exempt_item"]).content.decode()
    page = client.get(u["meeting"]).content.decode()
    assert "You can see exempt business" in page
    assert EXEMPT_MINUTE_MARKER in page
    assert EXEMPT_APPENDIX_MARKER in client.get(u["public_item"]).content.decode()
    download = client.get(u["exempt_file"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("inline; filename=")
    # Nobody reads the live draft on the public pages, not even the clerk.
    assert DRAFT_MARKER not in page


@pytest.mark.parametrize("actor", [*OUTSIDERS, "own:member"])
def test_it_lists_a_scheduled_meeting_for_everyone_but_shows_its_draft_to_the_clerk_only(
    cast, client_for, actor
):
    import datetime as dt

    from meetings import services
    from meetings.testing import LONDON
    from panel.tenancy import panel_scope

    alpha = cast["alpha"]
    with panel_scope(alpha.panel):
        draft = services.meeting_create(
            body=alpha.main_body,
            start=dt.datetime(2031, 1, 1, 10, tzinfo=LONDON),
            venue="Hall",
            actor=None,
        )
        services.item_add(meeting=draft, title=DRAFT_MARKER, actor=None)
    client = client_for(who(cast, actor))
    page = client.get(reverse("meetings:meeting", args=["alpha", draft.slug]))
    assert page.status_code == 200 and "Agenda to follow" in page.content.decode()
    assert DRAFT_MARKER not in page.content.decode()
    assert draft.slug in client.get(reverse("meetings:meetings", args=["alpha"])).content.decode()
    assert "2031" in client.get(reverse("meetings:meetings-ics", args=["alpha"])).content.decode()
    clerk = client_for(cast.user("alpha", Role.CLERK))
    editor = clerk.get(reverse("meetings:meeting-edit", args=["alpha", draft.slug]))
    assert DRAFT_MARKER in editor.content.decode()


@pytest.mark.parametrize("role", list(Role))
def test_it_gives_another_panels_users_404_on_every_clerk_screen(cast, client_for, pm, role):
    client = client_for(cast.user("beta", role))
    m = pm.meeting
    for url in (
        reverse("meetings:meeting-create", args=["alpha"]),
        reverse("meetings:meeting-edit", args=["alpha", m.slug]),
        reverse("meetings:item-edit", args=["alpha", m.slug, pm.public_item.pk]),
        reverse("meetings:minutes-edit", args=["alpha", m.slug]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("meetings:item-add", args=["alpha", m.slug]),
        reverse("meetings:item-action", args=["alpha", m.slug, pm.public_item.pk]),
        reverse("meetings:agenda-publish", args=["alpha", m.slug]),
        reverse("meetings:minutes-action", args=["alpha", m.slug, "publish"]),
    ):
        assert client.post(url, {"action": "remove", "version": m.version}).status_code == 404, url


def test_it_gives_404_for_another_panels_meeting_or_file_under_your_panel(cast, client_for, pm):
    client = client_for(cast.user("beta", Role.CLERK))
    assert (
        client.get(reverse("meetings:meeting", args=["beta", pm.meeting.slug])).status_code == 404
    )
    beta_meeting = published_meeting(cast["beta"])
    url = reverse("meetings:file", args=["beta", beta_meeting.meeting.slug, pm.public_file_id])
    assert client.get(url).status_code == 404


def test_it_uses_a_constant_number_of_queries_for_the_meeting_page_and_calendar(
    cast, client_for, django_assert_max_num_queries
):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings import services
    from meetings.testing import LONDON
    from panel.tenancy import panel_scope

    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.MEMBER))
    pm = published_meeting(alpha)
    urls_ = [
        reverse("meetings:meeting", args=["alpha", pm.meeting.slug]),
        reverse("meetings:meetings", args=["alpha"]),
    ]
    counts = []
    for url in urls_:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    with panel_scope(alpha.panel):
        for n in range(20):
            services.item_add(meeting=pm.meeting, title=f"Extra {n}", actor=None)
            start = dt.datetime(2029, 1, 1 + n, 10, tzinfo=LONDON)
            extra = services.meeting_create(
                body=alpha.working_group, start=start, venue="Room", actor=None
            )
            services.agenda_publish(meeting=extra, late_reason="test", at=start, actor=None)
        services.agenda_publish(meeting=pm.meeting, late_reason="More items", actor=None)
    # The meeting's agenda is now republished late: the late versions' contents are read, once
    # (late_publications reads contents only when a version came late), whatever the items.
    extra = [1, 0]
    for url, count, more in zip(urls_, counts, extra, strict=True):
        with django_assert_max_num_queries(count + more):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("first", INSIDERS)
def test_the_agenda_a_member_was_shown_is_never_shown_to_outsiders(cast, client_for, pm, first):
    """The meeting page keeps its rendering of a published agenda (one per version for readers
    who see exempt business, one for those who do not): an insider's reaches nobody else."""
    u = urls(pm)
    inside = client_for(who(cast, first)).get(u["meeting"]).content.decode()
    assert u["exempt_file"] in inside and u["public_file"] in inside
    for actor in OUTSIDERS:
        page = client_for(who(cast, actor)).get(u["meeting"]).content.decode()
        assert u["public_file"] in page and u["appendix_restricted"] in page, actor
        assert u["exempt_file"] not in page, actor
    assert (
        u["exempt_file"] in client_for(who(cast, "own:member")).get(u["meeting"]).content.decode()
    )
