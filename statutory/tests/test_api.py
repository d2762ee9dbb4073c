"""The OPCC's token API: notify and respond, and the 400 with field errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from panel.access import Role
from panel.testing import api_token, token_header
from statutory.testing import CANDIDATE_MARKER, DRAFT_MARKER

pytestmark = pytest.mark.django_db
DRAFT, CANDIDATE = DRAFT_MARKER, CANDIDATE_MARKER


def test_the_opcc_notifies_and_responds_by_token_and_gets_field_errors(world, cast, client):
    _token, key = api_token(cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    client.defaults.update(token_header(key))
    url = reverse("api:statutory:cases", args=["alpha"])
    bad = client.post(url, {"kind": "precept", "title": "P", "notified_on": "2017-01-30"})
    assert bad.status_code == 400 and "financial_year" in bad.json()
    bad = client.post(url, {"kind": "nonsense", "title": "", "notified_on": "x"})
    assert bad.status_code == 400 and {"kind", "title", "notified_on"} <= set(bad.json())
    good = client.post(
        url,
        {
            "kind": "precept",
            "title": "Proposed precept 2017/18",
            "notified_on": "2017-01-30",
            "financial_year": 2017,
            "proposed_precept": "200.00",
        },
    )
    assert good.status_code == 201 and good.json()["status"] == "notified"
    respond = reverse("api:statutory:case-respond", args=["alpha", world["vetoed"].number])
    wrong = client.post(
        respond, {"received_on": "2015-02-12", "text": "Revised.", "revised_precept": "199.99"}
    )
    assert wrong.status_code == 400
    assert "reg 5(3)(a)" in wrong.json()["revised_precept"][0]
    right = client.post(
        respond, {"received_on": "2015-02-12", "text": "Revised.", "revised_precept": "193.00"}
    )
    assert right.status_code == 200 and right.json()["status"] == "revised"
