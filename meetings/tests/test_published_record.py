"""The public record is exactly what was published: a draft never reaches it through the minutes.

The reproduction of issue 13 drives the clerk's pages as the clerk would, then reads every surface
that shows minutes (the API's meeting detail, the minutes Atom feed, search, the meeting page) as
the public and as every role of both panels.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services, snapshot
from meetings.models import AgendaItem, MinutesVersion
from meetings.testing import LONDON
from panel.access import Role
from panel.tenancy import panel_scope

DRAFT_TITLE = "Unpublished draft item QXDRAFTTITLE"
RENAMED = "Renamed in the draft QXRENAMED"
READERS = [("alpha", role) for role in Role] + [("beta", role) for role in Role] + [(None, None)]


@pytest.fixture
def published(cast):
    """A meeting with its agenda published: item 1 General … item 3 Budget, 4 Any Urgent Items."""
    c = cast["alpha"]
    with panel_scope(c.panel):
        meeting = services.meeting_create(
            body=c.main_body,
            start=dt.datetime(2030, 1, 10, 10, tzinfo=LONDON),
            venue="Hall",
            actor=None,
        )
        budget = services.item_add(meeting=meeting, title="Budget", actor=None)
        services.minute_update(
            item=budget, text="Discussed.", resolutions=["Agreed the budget"], actor=None
        )
        services.agenda_publish(
            meeting=meeting, at=dt.datetime(2029, 12, 1, tzinfo=LONDON), actor=None
        )
        meeting.refresh_from_db()
        yield c, meeting, budget


def _surfaces(client_for, cast, meeting, user):
    client = client_for(user)
    slug = meeting.panel.slug
    return {
        "api": client.get(reverse("api:meetings:meeting", args=[slug, meeting.slug])),
        "feed": client.get(reverse("meetings:minutes-feed", args=[slug])),
        "search": client.get(reverse("search:search", args=[slug]), {"q": "QXDRAFTTITLE"}),
        "page": client.get(reverse("meetings:meeting", args=[slug, meeting.slug])),
    }


def _reader(cast, panel_key, role):
    return None if panel_key is None else cast.user(panel_key, role)


def test_it_refuses_minutes_while_the_agenda_has_unpublished_items(published, cast, client_for):
    c, meeting, _ = published
    clerk = client_for(cast.user("alpha", Role.CLERK))
    add = reverse("meetings:item-add", args=[c.panel.slug, meeting.slug])
    response = clerk.post(
        add, {"title": DRAFT_TITLE, "access": "public", "parent": "", "version": meeting.version}
    )
    assert response.status_code == 302
    publish = reverse("meetings:minutes-action", args=[c.panel.slug, meeting.slug, "publish"])
    response = clerk.post(publish, {"rose_at": ""}, follow=True)
    for panel_key, role in READERS:
        user = _reader(cast, panel_key, role)
        for name, got in _surfaces(client_for, cast, meeting, user).items():
            assert DRAFT_TITLE not in got.content.decode(), (panel_key, role, name)
    assert "unpublished changes" in response.content.decode()
    assert DRAFT_TITLE in response.content.decode()  # the clerk is told which item
    assert not MinutesVersion.objects.for_panel(c.panel).filter(meeting=meeting).exists()


def test_it_builds_minutes_from_the_published_agenda_not_the_live_rows(published, cast, client_for):
    """Minutes approved after the draft agenda changed still carry the published titles and
    numbers: the draft item, the renamed title and the moved numbers stay with the clerk."""
    c, meeting, budget = published
    with panel_scope(c.panel):
        services.minutes_publish(meeting=meeting, actor=None)
        numbers = {i["id"]: i["number"] for i in services_latest_minutes(meeting)["items"]}
        services.item_add(meeting=meeting, title=DRAFT_TITLE, actor=None)
        services.item_update(item=budget, title=RENAMED, actor=None)
        services.item_move(item=AgendaItem.objects.get(pk=budget.pk), direction=-1, actor=None)
        second = services.meeting_create(
            body=c.main_body,
            start=dt.datetime(2030, 3, 1, 10, tzinfo=LONDON),
            venue="Hall",
            previous=meeting,
            actor=None,
        )
        services.minutes_approve(
            meeting=meeting,
            at_meeting=second,
            signed_by=c.councillor,
            actor=None,
            at=dt.datetime(2030, 3, 1, 12, tzinfo=LONDON),
        )
        approved = services_latest_minutes(meeting)
    assert approved["items"] and {i["id"]: i["number"] for i in approved["items"]} == numbers
    assert "Budget" in [i["title"] for i in approved["items"]]
    for panel_key, role in READERS:
        user = _reader(cast, panel_key, role)
        for name, got in _surfaces(client_for, cast, meeting, user).items():
            body = got.content.decode()
            assert DRAFT_TITLE not in body and RENAMED not in body, (panel_key, role, name)


def services_latest_minutes(meeting):
    return (
        MinutesVersion.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .order_by("-number")
        .first()
        .content
    )


def test_it_names_every_kind_of_unpublished_change(published):
    c, meeting, budget = published
    with panel_scope(c.panel):
        services.item_add(meeting=meeting, title=DRAFT_TITLE, actor=None)
        services.item_update(item=budget, title=RENAMED, actor=None)
        services.report_update(
            item=AgendaItem.objects.get(pk=budget.pk), body_source="New text", actor=None
        )
        changes = snapshot.unpublished_changes(meeting)
        with pytest.raises(ValidationError) as refused:
            services.minutes_publish(meeting=meeting, actor=None)
    assert [(ch.title, ch.what) for ch in changes] == [
        (RENAMED, "renamed from “Budget”, its content changed"),
        (DRAFT_TITLE, "added"),
    ]
    message = " ".join(refused.value.messages)
    assert "supplementary" in message and DRAFT_TITLE in message and RENAMED in message


def test_it_publishes_minutes_after_the_supplementary_agenda(published):
    c, meeting, _ = published
    with panel_scope(c.panel):
        late = services.item_add(meeting=meeting, title="Late but published", actor=None)
        services.agenda_publish(meeting=meeting, late_reason="The report came late.", actor=None)
        services.minute_update(item=late, text="Noted the late report.", actor=None)
        version = services.minutes_publish(meeting=meeting, actor=None)
    rows = {i["title"]: i for i in version.content["items"]}
    assert rows["Late but published"]["minute"] == "Noted the late report."
    assert len({i["number"] for i in version.content["items"]}) == len(version.content["items"])


def test_it_minutes_urgent_business_the_chair_accepted_with_its_reason(published, cast, client_for):
    c, meeting, _ = published
    reason = "The lease offer expires before the next meeting."
    with panel_scope(c.panel):
        urgent = services.urgent_item_record(
            meeting=meeting, title="Lease of the Leek Wootton site", reason=reason, actor=None
        )
        services.minute_update(item=urgent, text="Members agreed to the lease.", actor=None)
        version = services.minutes_publish(meeting=meeting, actor=None)
    published_numbers = {
        i["number"] for i in meeting.agenda_versions.get(number=1).content["items"]
    }
    row = next(i for i in version.content["items"] if i["id"] == urgent.pk)
    assert row["urgent_reason"] == reason and row["number"] == "4(1)"
    assert row["number"] not in published_numbers
    assert urgent.pk not in {i["id"] for i in snapshot.agenda_content(meeting)["items"]}
    body = client_for(None).get(reverse("meetings:meeting", args=[c.panel.slug, meeting.slug]))
    assert reason in body.content.decode() and "Lease of the Leek Wootton site" in (
        body.content.decode()
    )


def test_it_refuses_urgent_business_without_its_special_circumstances(published):
    c, meeting, _ = published
    with panel_scope(c.panel), pytest.raises(ValidationError) as refused:
        services.urgent_item_record(meeting=meeting, title="Something", reason=" ", actor=None)
    assert "reason" in refused.value.message_dict
    with panel_scope(c.panel):
        assert not AgendaItem.objects.filter(meeting=meeting, title="Something").exists()


def test_it_keeps_minutes_being_drafted_to_the_clerk_in_the_api(published, cast, client_for):
    c, meeting, _ = published
    with panel_scope(c.panel):
        services.attendance_record(
            meeting=meeting, person=c.councillor, status="present", actor=None
        )
    url = reverse("api:meetings:meeting", args=[c.panel.slug, meeting.slug])
    for panel_key, role in READERS:
        status = client_for(_reader(cast, panel_key, role)).get(url).json()["meeting"]
        drafter = (panel_key, role) == ("alpha", Role.CLERK)
        assert status["minutes_status"] == ("draft" if drafter else "none"), (panel_key, role)
