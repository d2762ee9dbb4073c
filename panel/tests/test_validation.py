"""Bad input gets a clear error and nothing is half-saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from panel import services
from panel.access import Role
from panel.models import Membership, Panel, Person
from panel.tenancy import panel_scope

D = dt.date


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_it_refuses_a_duplicate_panel_slug(cast):
    with pytest.raises(ValidationError) as caught:
        services.panel_create(
            name="Another",
            slug="alpha",
            police_area="X",
            jurisdiction="england",
            decision_prefix="XPCC",
            actor=None,
        )
    assert messages_of(caught.value)["slug"] == ["Another panel already uses this address."]
    assert not Panel.objects.filter(name="Another").exists()


def test_it_refuses_a_reserved_panel_slug(db):
    with pytest.raises(ValidationError) as caught:
        services.panel_create(
            name="Admin panel",
            slug="admin",
            police_area="X",
            jurisdiction="england",
            decision_prefix="XPCC",
            actor=None,
        )
    assert "reserved" in messages_of(caught.value)["slug"][0]


def test_it_refuses_a_membership_that_ends_before_it_starts(cast):
    alpha = cast["alpha"]
    with panel_scope(alpha.panel), pytest.raises(ValidationError) as caught:
        services.membership_create(
            body=alpha.working_group,
            person=alpha.officer,
            role="member",
            start_date=D(2025, 6, 1),
            end_date=D(2025, 5, 31),
            actor=None,
        )
    assert messages_of(caught.value)["end_date"] == [
        "The end date must be on or after the start date."
    ]


def test_it_refuses_a_person_in_a_body_twice_at_once(cast):
    alpha = cast["alpha"]
    with panel_scope(alpha.panel):
        services.membership_create(
            body=alpha.working_group,
            person=alpha.officer,
            role="member",
            start_date=D(2024, 6, 1),
            end_date=D(2025, 5, 31),
            actor=None,
        )
        with pytest.raises(ValidationError) as caught:
            services.membership_create(
                body=alpha.working_group,
                person=alpha.officer,
                role="chair",
                start_date=D(2025, 1, 1),
                actor=None,
            )
        assert "already has a seat" in messages_of(caught.value)["person"][0]
        # The next municipal year is fine.
        services.membership_create(
            body=alpha.working_group,
            person=alpha.officer,
            role="chair",
            start_date=D(2025, 6, 1),
            actor=None,
        )
        assert Membership.objects.for_panel(alpha.panel).filter(person=alpha.officer).count() == 2


def test_it_refuses_two_chairs_at_once(cast):
    alpha = cast["alpha"]
    with panel_scope(alpha.panel), pytest.raises(ValidationError) as caught:
        services.membership_create(
            body=alpha.main_body,
            person=alpha.officer,
            role="chair",
            start_date=D(2025, 1, 1),
            actor=None,
        )
    assert "already has a Chair" in messages_of(caught.value)["role"][0]


def test_it_refuses_another_panels_person_or_authority(cast):
    alpha, beta = cast["alpha"], cast["beta"]
    with panel_scope(alpha.panel), pytest.raises(ValidationError) as caught:
        services.membership_create(
            body=alpha.working_group,
            person=beta.officer,
            role="member",
            authority=beta.authority,
            start_date=D(2025, 1, 1),
            actor=None,
        )
    assert set(messages_of(caught.value)) == {"person", "authority"}


def test_it_refuses_a_stale_edit_and_keeps_both_versions_safe(cast):
    alpha = cast["alpha"]
    body = alpha.working_group
    services.body_update(body=body, expected_version=1, frequency="Monthly", actor=None)
    with pytest.raises(services.StaleEdit):
        services.body_update(body=body, expected_version=1, frequency="Weekly", actor=None)
    body.refresh_from_db()
    assert (body.frequency, body.version) == ("Monthly", 2)


def test_it_shows_field_errors_on_the_membership_form_and_saves_nothing(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("panel:membership-create", args=["alpha", alpha.working_group.slug])
    before = Membership.objects.for_panel(alpha.panel).count()
    response = client.post(
        url,
        {
            "person": alpha.officer.pk,
            "role": "member",
            "start_date": "2025-06-01",
            "end_date": "2025-05-01",
        },
    )
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert Membership.objects.for_panel(alpha.panel).count() == before


def test_it_shows_the_twice_at_once_error_on_the_form(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("panel:membership-create", args=["alpha", alpha.main_body.slug])
    response = client.post(
        url, {"person": alpha.councillor.pk, "role": "member", "start_date": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "already has a seat" in response.content.decode()


def test_it_refuses_a_clashing_edit_on_the_page_and_keeps_the_typed_text(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("panel:body-edit", args=["alpha", alpha.working_group.slug])
    form = {"name": alpha.working_group.name, "kind": "working_group", "version": 1}
    assert client.post(url, {**form, "frequency": "Monthly"}).status_code == 302
    response = client.post(url, {**form, "frequency": "Fortnightly, on Tuesdays"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else changed this record" in page
    assert "Fortnightly, on Tuesdays" in page  # what the second clerk typed is still there
    alpha.working_group.refresh_from_db()
    assert alpha.working_group.frequency == "Monthly"


def test_it_refuses_a_duplicate_person_address_on_the_form(cast, client_for):
    client = client_for(cast.user("alpha", Role.CLERK))
    response = client.post(
        reverse("panel:person-create", args=["alpha"]),
        {"name": "Someone", "slug": cast["alpha"].councillor.slug},
    )
    assert response.status_code == 400
    assert "already has a person at this address" in response.content.decode()
    assert not Person.objects.for_panel(cast["alpha"].panel).filter(name="Someone").exists()


def test_it_creates_a_body_and_a_membership_through_the_pages(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    response = client.post(
        reverse("panel:body-create", args=["alpha"]),
        {
            "name": "Victims' Services Task and Finish Group",
            "kind": "task_and_finish",
            "role_and_objectives": "Hear from victims' organisations\nReport to the panel",
        },
    )
    assert response.status_code == 302
    slug = "victims-services-task-and-finish-group"
    response = client.post(
        reverse("panel:membership-create", args=["alpha", slug]),
        {"person": alpha.officer.pk, "role": "member", "start_date": "2025-06-01"},
    )
    assert response.status_code == 302
    page = client.get(reverse("panel:body", args=["alpha", slug])).content.decode()
    assert alpha.officer.name in page
    assert "Report to the panel" in page


def test_a_nul_character_is_a_clear_400_never_a_500(cast, client_for):
    page = client_for(None).get("/alpha/actions/?lead=a%00b")
    assert page.status_code == 400
    assert "There is a problem with the request" in page.content.decode()
    api = client_for(None).get("/api/panels/alpha/work-programme/?year=2014%00")
    assert api.status_code == 400 and "characters" in api.json()["detail"]
    clerk = client_for(cast.user("alpha", Role.CLERK))
    form = clerk.post(
        reverse("panel:body-create", args=["alpha"]), {"name": "A\x00B", "kind": "panel"}
    )
    assert form.status_code == 400


def test_the_api_answers_json_for_an_address_it_does_not_have(cast, client_for):
    for path in ("/api/panels/no-such-panel/", "/api/panels/alpha/decisions/not-a-number/"):
        response = client_for(None).get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_a_huge_limit_or_offset_is_an_empty_page_not_a_500(cast, client_for):
    for query in ("limit=17203765761296357068734726144", "offset=17203765761296357068734726144"):
        response = client_for(None).get(f"/api/panels/alpha/meetings/?{query}")
        assert response.status_code == 200, query
