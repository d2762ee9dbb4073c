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
