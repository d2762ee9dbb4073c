"""Records and retention: a meeting's papers stay open six years beginning with the day of the
meeting (LGA 1972 s 100C); then the clerk may archive them on purpose, and restore them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import AgendaVersion
from meetings.retention import open_until
from meetings.testing import LONDON, published_meeting
from panel.access import Role
from panel.tenancy import panel_scope
from search.models import SearchEntry
from search.services import index_meeting

pytestmark = pytest.mark.django_db


def test_six_years_beginning_with_the_day_of_the_meeting_s_100c():
    """26 September 2014 is the first day: the six years end on 25 September 2020."""
    keep = open_until(dt.date(2014, 9, 26), "england")
    assert keep.last_day == dt.date(2020, 9, 25) and keep.cites == "LGA 1972 s 100C(1)"
    assert not keep.may_archive(dt.date(2020, 9, 25)) and keep.may_archive(dt.date(2020, 9, 26))
    wales = open_until(dt.date(2016, 2, 29), "wales")
    assert wales.last_day == dt.date(2022, 2, 28)  # the anniversary taken as 1 March: longer open
    assert "100C(1A)" in wales.cites


@pytest.fixture
def old(cast, time_machine):
    pm = published_meeting(cast["alpha"])  # 15 March 2030
    with panel_scope(pm.meeting.panel):
        index_meeting(pm.meeting)
    time_machine.move_to(dt.datetime(2036, 3, 14, 9, tzinfo=LONDON))  # the last day open
    return pm


def _surfaces(client, pm):
    meeting = pm.meeting
    slug = meeting.slug
    with panel_scope(meeting.panel):
        number = AgendaVersion.objects.filter(meeting=meeting).last().content["items"]
    number = next(i["number"] for i in number if i["id"] == pm.public_item.pk)
    return {
        "page": client.get(reverse("meetings:meeting", args=["alpha", slug])),
        "item": client.get(reverse("meetings:item", args=["alpha", slug, number])),
        "file": client.get(reverse("meetings:file", args=["alpha", slug, pm.public_file_id])),
        "minutes": client.get(reverse("meetings:minutes-version", args=["alpha", slug, 1])),
        "api": client.get(reverse("api:meetings:meeting", args=["alpha", slug])),
        "feed": client.get(reverse("meetings:agenda-feed", args=["alpha"])),
    }


def test_the_papers_are_archived_only_after_the_six_years_and_on_purpose(old, cast, client_for):
    meeting = old.meeting
    with panel_scope(meeting.panel), pytest.raises(ValidationError) as early:
        services.papers_archive(meeting=meeting, reason="Old", actor=None)
    assert "14 March 2036" in str(early.value) and "s 100C(1)" in str(early.value)
    clerk = client_for(cast.user("alpha", Role.CLERK))
    listing = clerk.get(reverse("meetings:records", args=["alpha"])).content.decode()
    assert "No meeting's papers may be archived yet" in listing


def test_archived_papers_leave_every_public_surface_and_come_back_when_restored(
    old, cast, client_for, time_machine
):
    time_machine.move_to(dt.datetime(2036, 3, 15, 9, tzinfo=LONDON))
    meeting = old.meeting
    clerk = client_for(cast.user("alpha", Role.CLERK))
    listing = clerk.get(reverse("meetings:records", args=["alpha"])).content.decode()
    assert "14 March 2036" in listing and "Archive the papers" in listing
    action = reverse("meetings:records-action", args=["alpha", meeting.slug, "archive"])
    assert clerk.post(action, {"reason": ""}, follow=True).status_code == 200  # a message, no 500
    meeting.refresh_from_db()
    assert meeting.papers_archived_at is None
    clerk.post(action, {"reason": "Beyond the statutory period"})
    meeting.refresh_from_db()
    assert meeting.papers_archived_at is not None
    with panel_scope(meeting.panel):
        assert not SearchEntry.objects.filter(meeting=meeting).exists()
    for who in (None, ("alpha", Role.MEMBER), ("alpha", Role.OPCC_OFFICER), ("beta", Role.CLERK)):
        got = _surfaces(client_for(cast.user(*who) if who else None), old)
        page = got["page"].content.decode()
        assert got["page"].status_code == 200 and 'id="papers-archived"' in page
        assert "Neighbourhood policing" not in page
        assert got["item"].status_code == 404 and got["file"].status_code == 404
        assert got["minutes"].status_code == 404
        assert got["api"].json()["agenda"] is None and got["api"].json()["minutes"] is None
        assert "Neighbourhood policing" not in got["feed"].content.decode()
    clerk = client_for(cast.user("alpha", Role.CLERK))  # one client, signed in again
    mine = _surfaces(clerk, old)
    assert mine["item"].status_code == 200
    assert mine["file"].status_code == 200
    restore = reverse("meetings:records-action", args=["alpha", meeting.slug, "restore"])
    clerk.post(restore)
    public = _surfaces(client_for(None), old)
    assert (
        public["item"].status_code == 200
        and "Neighbourhood policing" in public["page"].content.decode()
    )
    with panel_scope(meeting.panel):
        assert SearchEntry.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize(
    "who", [("alpha", Role.MEMBER), ("alpha", Role.OPCC_OFFICER), ("beta", Role.CLERK)]
)
def test_only_the_panels_clerk_archives(old, cast, client_for, who, time_machine):
    time_machine.move_to(dt.datetime(2036, 3, 16, 9, tzinfo=LONDON))
    client = client_for(cast.user(*who))
    assert client.get(reverse("meetings:records", args=["alpha"])).status_code == 404
    action = reverse("meetings:records-action", args=["alpha", old.meeting.slug, "archive"])
    assert client.post(action, {"reason": "x"}).status_code == 404
    old.meeting.refresh_from_db()
    assert old.meeting.papers_archived_at is None
