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
from panel import services as panel_services
from panel.access import Role
from panel.tenancy import panel_scope


@pytest.fixture
def pm(cast):
    return published_meeting(cast["alpha"])


def detail_url(pm):
    return reverse("api:meetings:meeting", args=["alpha", pm.meeting.slug])


@pytest.mark.parametrize("actor", ["anonymous", "other-clerk", "opcc"])
def test_it_serves_outsiders_the_public_projection_only(cast, client_for, pm, actor):
    user = {
        "anonymous": None,
        "other-clerk": cast.user("beta", Role.CLERK),
        "opcc": cast.user("alpha", Role.OPCC_OFFICER),
    }[actor]
    client = client_for(user)
    body = client.get(detail_url(pm)).content.decode()
    for secret in (EXEMPT_REPORT_MARKER, EXEMPT_MINUTE_MARKER, DRAFT_MARKER):
        assert secret not in body
    data = json.loads(body)
    exempt = next(i for i in data["agenda"]["items"] if i["id"] == pm.exempt_item.pk)
    assert exempt["restricted"] is True and exempt["report"] is None
    listing = client.get(reverse("api:meetings:meetings", args=["alpha"])).json()
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
        reverse("api:meetings:meetings", args=["alpha"]),
        {"body": "panel", "start": "2030-06-20T10:00:00+01:00", "venue": "Shire Hall"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    item = client.post(
        reverse("api:meetings:item-create", args=["alpha", slug]),
        {"title": "Estates strategy", "access": "exempt", "exempt_paragraph": 3},
        content_type="application/json",
    )
    assert item.status_code == 201 and item.json()["paragraph"] == 3
    published = client.post(
        reverse("api:meetings:agenda-publish", args=["alpha", slug]),
        {"late_reason": "Test"},
        content_type="application/json",
    )
    assert published.status_code == 201
    with panel_scope(alpha.panel):
        assert Meeting.objects.get(slug=slug).agenda_version == 1


def test_it_answers_bad_input_with_field_errors_and_saves_nothing(cast, client_for, pm):
    client = client_for(cast.user("alpha", Role.CLERK))
    bad = client.post(
        reverse("api:meetings:meetings", args=["alpha"]),
        {"body": "nope", "start": "tomorrow"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert set(bad.json()) >= {"body", "start", "venue"}
    exempt_without_paragraph = client.post(
        reverse("api:meetings:item-create", args=["alpha", pm.meeting.slug]),
        {"title": "X", "access": "exempt"},
        content_type="application/json",
    )
    assert exempt_without_paragraph.status_code == 400
    assert "exempt_paragraph" in exempt_without_paragraph.json()
    url = reverse("api:meetings:item-create", args=["alpha", pm.meeting.slug])
    version = pm.meeting.version
    first = client.post(
        url, {"title": "Y", "access": "public", "version": version}, content_type="application/json"
    )
    assert first.status_code == 201
    stale = client.post(
        url, {"title": "Z", "access": "public", "version": version}, content_type="application/json"
    )
    assert stale.status_code == 400
    assert "Someone else changed this record" in stale.content.decode()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OPCC_OFFICER, Role.COMPLAINTS_HANDLER])
def test_it_refuses_writes_from_anyone_but_the_clerk(cast, client_for, pm, role):
    for user in (None, cast.user("alpha", role), cast.user("beta", Role.CLERK)):
        client = client_for(user)
        response = client.post(
            reverse("api:meetings:item-create", args=["alpha", pm.meeting.slug]),
            {"title": "Hijack", "access": "public"},
            content_type="application/json",
        )
        assert response.status_code in (403, 404)


def test_it_lets_the_clerk_write_the_report_appendix_attendance_declarations_and_minutes(
    cast, client_for, pm
):
    from documents.testing import pdf_bytes

    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    slug, item = pm.meeting.slug, pm.public_item.pk
    report = client.put(
        reverse("api:meetings:report", args=["alpha", slug, item]),
        {"recommendations": ["Note the report", "Ask for an update"], "body": "**Bold** text"},
        content_type="application/json",
    )
    assert report.status_code == 200, report.content
    assert report.json()["recommendations"] == ["Note the report", "Ask for an update"]
    assert "<strong>Bold</strong>" in report.json()["body_html"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    appendix = client.post(
        reverse("api:meetings:appendix-create", args=["alpha", slug, item]),
        {"title": "Map", "access": "public", "file": SimpleUploadedFile("map.pdf", pdf_bytes(1))},
    )
    assert appendix.status_code == 201, appendix.content
    assert appendix.json()["letter"] == "D"
    png = client.post(
        reverse("api:meetings:appendix-create", args=["alpha", slug, item]),
        {"title": "Photo", "access": "public", "file": SimpleUploadedFile("p.pdf", b"\x89PNG\r\n")},
    )
    assert png.status_code == 400 and "not a PDF" in png.json()["file"][0]
    attendance = client.post(
        reverse("api:meetings:attendance-create", args=["alpha", slug]),
        {"person": alpha.officer.slug, "status": "substitute"},
        content_type="application/json",
    )
    assert attendance.status_code == 400 and "substitute_for" in attendance.json()
    # Only one of the body's designated substitutes sits for an absent member.
    attendance = client.post(
        reverse("api:meetings:attendance-create", args=["alpha", slug]),
        {
            "person": alpha.officer.slug,
            "status": "substitute",
            "substitute_for": alpha.councillor.slug,
        },
        content_type="application/json",
    )
    assert attendance.status_code == 400
    assert "designated substitutes" in attendance.json()["person"][0]
    with panel_scope(alpha.panel):
        deputy = panel_services.person_create(panel=alpha.panel, name="Cllr Deputy", actor=None)
        panel_services.membership_create(
            body=alpha.main_body,
            person=deputy,
            role="substitute",
            authority=alpha.authority,
            start_date=alpha.membership.start_date,
            actor=None,
        )
    attendance = client.post(
        reverse("api:meetings:attendance-create", args=["alpha", slug]),
        {"person": deputy.slug, "status": "substitute", "substitute_for": alpha.councillor.slug},
        content_type="application/json",
    )
    assert attendance.status_code == 201, attendance.content
    other_panel = client.post(
        reverse("api:meetings:attendance-create", args=["alpha", slug]),
        {"person": cast["beta"].officer.slug, "status": "present"},
        content_type="application/json",
    )
    assert other_panel.status_code == 400 and "person" in other_panel.json()
    declaration = client.post(
        reverse("api:meetings:declaration-create", args=["alpha", slug]),
        {"person": alpha.councillor.slug, "item": item, "pecuniary": False, "nature": "Friend"},
        content_type="application/json",
    )
    assert declaration.status_code == 201
    minute = client.put(
        reverse("api:meetings:minute", args=["alpha", slug, item]),
        {"text": "Discussed", "resolutions": ["Noted"]},
        content_type="application/json",
    )
    assert minute.status_code == 200


def test_it_refuses_an_item_id_of_another_meeting_or_panel(cast, client_for, pm):
    other = published_meeting(cast["beta"])
    client = client_for(cast.user("alpha", Role.CLERK))
    response = client.put(
        reverse("api:meetings:report", args=["alpha", pm.meeting.slug, other.public_item.pk]),
        {"body": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_json_nested_too_deeply_is_a_400_not_a_500(pm, cast, client_for):
    """Python's JSON decoder gives up on "[" × 5000 with a RecursionError, which DRF's parser
    let through; the project's parser answers it as any malformed body, on every route."""
    client = client_for(cast.user("alpha", Role.CLERK))
    deep = "[" * 5000 + "]" * 5000
    slug, item = pm.meeting.slug, pm.public_item.pk
    for url in (
        reverse("api:meetings:meetings", args=["alpha"]),
        reverse("api:meetings:item-create", args=["alpha", slug]),
        reverse("api:meetings:appendix-create", args=["alpha", slug, item]),  # its own parsers
    ):
        response = client.post(url, deep, content_type="application/json")
        assert response.status_code == 400, (url, response.status_code)
        assert "nested too deeply" in response.json()["detail"]
