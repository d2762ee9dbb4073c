"""The ground's services refuse bad input whole: slugs, memberships, chairs, stale edits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from panel import services
from panel.models import Membership, Panel
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
