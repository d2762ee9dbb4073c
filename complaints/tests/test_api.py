"""Complaints through the API: the handler's steps, with field errors."""

from __future__ import annotations

from django.urls import reverse

from panel.access import Role


def test_it_lets_the_handler_use_the_api_with_field_errors(cast, client_for, setup):
    client = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))
    bad = client.post(
        reverse("api:complaints:complaints", args=["alpha"]),
        {"channel": "pigeon"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and {"channel", "complainant_name", "subject", "text"} <= set(
        bad.json()
    )
    done = client.post(
        reverse(
            "api:complaints:complaint-action", args=["alpha", setup.complaint.pk, "not_record"]
        ),
        {},
        content_type="application/json",
    )
    assert done.status_code == 400 and "grounds" in done.json()


def test_a_step_without_what_it_needs_is_a_400_naming_it_and_changes_nothing(
    cast, client_for, setup
):
    client = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))
    url = reverse("api:complaints:complaint-action", args=["alpha", setup.complaint.pk, "refer"])
    before = client.get(reverse("api:complaints:complaint", args=["alpha", setup.complaint.pk]))
    for body in ({}, {"reference": "IOPC/2014/1"}):
        refused = client.post(url, body, content_type="application/json")
        assert refused.status_code == 400 and "referred_on" in refused.json(), refused.content
    after = client.get(reverse("api:complaints:complaint", args=["alpha", setup.complaint.pk]))
    assert after.json() == before.json()
