"""Recorded votes: who may vote, the outcome, the published minutes, the API and the history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import Resolution, Vote
from meetings.testing import voting_meeting
from panel.access import Role
from panel.tenancy import panel_scope

pytestmark = pytest.mark.django_db


def test_it_records_a_vote_and_computes_a_simple_majority(cast):
    c = cast["alpha"]
    v = voting_meeting(c, members=5)
    with panel_scope(c.panel):
        casts = [(p, "for") for p in v.members[:3]] + [(v.members[3], "against")]
        vote = services.vote_record(resolution=v.resolution, casts=casts, actor=None)
        tally = vote.tally()
    assert (tally.in_favour, tally.against, tally.abstained) == (3, 1, 0)
    assert tally.carried
    assert tally.text == "Carried: 3 for, 1 against, 0 abstained"


def test_it_refuses_a_vote_from_someone_absent_or_not_a_member(cast):
    c = cast["alpha"]
    v = voting_meeting(c, members=4, present=3)
    with panel_scope(c.panel):
        services.attendance_record(
            meeting=v.meeting, person=c.officer, status="in_attendance", actor=None
        )
        for person in (v.members[3], c.officer):
            with pytest.raises(ValidationError) as error:
                services.vote_record(resolution=v.resolution, casts=[(person, "for")], actor=None)
            assert "may not vote" in str(error.value)
        assert not Vote.objects.for_panel(c.panel).exists()


def test_it_refuses_another_panels_member(cast):
    v = voting_meeting(cast["alpha"], members=3)
    other = cast["beta"].councillor
    with panel_scope(cast["alpha"].panel), pytest.raises(ValidationError) as error:
        services.vote_record(resolution=v.resolution, casts=[(other, "for")], actor=None)
    assert "person" in error.value.message_dict


def test_it_keeps_the_vote_when_the_minute_is_edited_and_refuses_to_drop_it(cast):
    c = cast["alpha"]
    v = voting_meeting(c, members=3)
    with panel_scope(c.panel):
        services.vote_record(resolution=v.resolution, casts=[(v.members[0], "for")], actor=None)
        services.minute_update(
            item=v.item, text="Edited.", resolutions=["Reworded.", "Another."], actor=None
        )
        assert Resolution.objects.for_panel(c.panel).get(pk=v.resolution.pk).text == "Reworded."
        with pytest.raises(ValidationError):
            services.minute_update(item=v.item, text="Edited.", resolutions=[], actor=None)


def test_it_shows_the_vote_in_the_published_minutes_page_and_api(cast, client):
    c = cast["alpha"]
    v = voting_meeting(c, members=3)
    with panel_scope(c.panel):
        casts = [(v.members[0], "for"), (v.members[1], "against"), (v.members[2], "abstained")]
        services.vote_record(resolution=v.resolution, casts=casts, actor=None)
        services.minutes_publish(meeting=v.meeting, actor=None)
    page = client.get(reverse("meetings:meeting", args=[c.panel.slug, v.meeting.slug]))
    assert "Lost: 1 for, 1 against, 1 abstained" in page.content.decode()
    api = client.get(reverse("api:meetings:meeting", args=[c.panel.slug, v.meeting.slug]))
    items = api.json()["minutes"]["items"]
    vote = next(i for i in items if i["votes"])["votes"][0]
    assert (vote["resolution"], vote["in_favour"], vote["against"]) == (1, 1, 1)
    assert {x["cast"] for x in vote["casts"]} == {"for", "against", "abstained"}


def test_the_clerk_records_a_vote_on_the_minutes_screen_and_it_is_in_the_history(cast, client_for):
    c = cast["alpha"]
    v = voting_meeting(c, members=3)
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("meetings:resolution-vote", args=[c.panel.slug, v.meeting.slug, v.resolution.pk])
    assert client.get(url).status_code == 200
    data = {f"person_{p.pk}": "for" for p in v.members}
    response = client.post(url, data)
    assert response.status_code == 302
    history = client.get(reverse("publishing:history", args=[c.panel.slug]) + "?kind=vote_cast")
    assert history.status_code == 200 and "A member" in history.content.decode()
    for role in (Role.MEMBER, Role.OPCC_OFFICER):
        assert client_for(cast.user("alpha", role)).get(url).status_code == 404
    assert client_for(cast.user("beta", Role.CLERK)).get(url).status_code == 404
