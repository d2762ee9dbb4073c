"""The meetings API: same policy as the pages; 400 with field errors on bad input."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.testing import (
    DRAFT_MARKER,
    EXEMPT_MINUTE_MARKER,
    EXEMPT_REPORT_MARKER,
    published_meeting,
)
from panel.policy import Role
from panel.tenancy import panel_scope


@pytest.fixture
def pm(cast):
    return published_meeting(cast["alpha"])


def detail_url(pm):
    return reverse("api:meeting", args=["alpha", pm.meeting.slug])


@pytest.mark.parametrize("actor", ["anonymous", "other-clerk", "opcc"])
def test_it_serves_outsiders_the_public_projection_only(cast, client_for, pm, actor):
    user = {"anonymous": None, "other-clerk": cast.user("beta", Role.CLERK),
            "opcc": cast.user("alpha", Role.OPCC_OFFICER)}[actor]  # fmt: skip
    client = client_for(user)
    body = client.get(detail_url(pm)).content.decode()
    for secret in (EXEMPT_REPORT_MARKER, EXEMPT_MINUTE_MARKER, DRAFT_MARKER):
        assert secret not in body
    data = json.loads(body)
    exempt = next(i for i in data["agenda"]["items"] if i["id"] == pm.exempt_item.pk)
    assert exempt["restricted"] is True and exempt["report"] is None
    listing = client.get(reverse("api:meetings", args=["alpha"])).json()
    assert [m["slug"] for m in listing["results"]] == [pm.meeting.slug]


def test_it_serves_members_the_exempt_business(cast, client_for, pm):
    client = client_for(cast.user("alpha", Role.MEMBER))
    body = client.get(detail_url(pm)).content.decode()
    assert EXEMPT_REPORT_MARKER in body and EXEMPT_MINUTE_MARKER in body
    assert DRAFT_MARKER not in body


def test_it_lets_the_clerk_create_a_meeting_add_items_and_publish(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    created = client.post(
        reverse("api:meetings", args=["alpha"]),
        {"body": "panel", "start": "2030-06-20T10:00:00+01:00", "venue": "Shire Hall"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    item = client.post(
        reverse("api:item-create", args=["alpha", slug]),
        {"title": "Estates strategy", "access": "exempt", "exempt_paragraph": 3},
        content_type="application/json",
    )
    assert item.status_code == 201 and item.json()["paragraph"] == 3
    published = client.post(
        reverse("api:agenda-publish", args=["alpha", slug]), {"late_reason": "Test"},
        content_type="application/json",
    )  # fmt: skip
    assert published.status_code == 201
    with panel_scope(alpha.panel):
        assert Meeting.objects.get(slug=slug).agenda_version == 1


def test_it_answers_bad_input_with_field_errors_and_saves_nothing(cast, client_for, pm):
    client = client_for(cast.user("alpha", Role.CLERK))
    bad = client.post(
        reverse("api:meetings", args=["alpha"]), {"body": "nope", "start": "tomorrow"},
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 400
    assert set(bad.json()) >= {"body", "start", "venue"}
    exempt_without_paragraph = client.post(
        reverse("api:item-create", args=["alpha", pm.meeting.slug]),
        {"title": "X", "access": "exempt"}, content_type="application/json",
    )  # fmt: skip
    assert exempt_without_paragraph.status_code == 400
    assert "exempt_paragraph" in exempt_without_paragraph.json()
    url = reverse("api:item-create", args=["alpha", pm.meeting.slug])
    version = pm.meeting.version
    first = client.post(url, {"title": "Y", "access": "public", "version": version},
                        content_type="application/json")  # fmt: skip
    assert first.status_code == 201
    stale = client.post(url, {"title": "Z", "access": "public", "version": version},
                        content_type="application/json")  # fmt: skip
    assert stale.status_code == 400
    assert "Someone else changed this record" in stale.content.decode()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OPCC_OFFICER, Role.COMPLAINTS_HANDLER])
def test_it_refuses_writes_from_anyone_but_the_clerk(cast, client_for, pm, role):
    for user in (None, cast.user("alpha", role), cast.user("beta", Role.CLERK)):
        client = client_for(user)
        response = client.post(
            reverse("api:item-create", args=["alpha", pm.meeting.slug]),
            {"title": "Hijack", "access": "public"}, content_type="application/json",
        )  # fmt: skip
        assert response.status_code in (403, 404)
