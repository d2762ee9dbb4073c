"""The office's token API for returns, and the figures for everyone."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from panel.access import Role
from panel.testing import api_token, token_header

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"api:performance:{name}", args=["alpha", "2013-17", *args])


def test_the_office_opens_fills_and_submits_a_quarter_by_token(world, cast, client):
    _token, key = api_token(cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    client.defaults.update(token_header(key))
    bad = client.post(_url("returns"), {"year": 2015, "quarter": 7})
    assert bad.status_code == 400 and "quarter" in bad.json()
    opened = client.post(_url("returns"), {"year": 2015, "quarter": 1})
    assert opened.status_code == 201 and opened.json()["status"] == "draft"
    ret = _url("return", "2015-16-q1")
    wrong = client.post(
        ret,
        {
            "figures": [
                {"measure": "victim-satisfaction", "value": "101"},
                {"measure": "nope", "value": "1"},
            ]
        },
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert wrong.json() == {
        "victim-satisfaction": ["value: a percentage cannot be more than 100"],
        "nope": ["measure: no measure of this plan has the code nope"],
    }
    saved = client.post(
        ret,
        {
            "figures": [{"measure": "burglaries", "value": "2150"}],
            "budget": "91000000.00",
            "version": 1,
        },
        content_type="application/json",
    )
    assert saved.status_code == 200
    body = saved.json()
    assert body["figures"] == [{"measure": "burglaries", "value": "2150.00", "note": ""}]
    assert body["budget"] == "91000000.00" and body["version"] == 2
    stale = client.post(ret, {"figures": [], "version": 1}, content_type="application/json")
    assert stale.status_code == 400
    csv = SimpleUploadedFile("q.csv", b"measure,value\nburglaries,x\n", content_type="text/csv")
    refused = client.post(_url("return-csv", "2015-16-q1"), {"file": csv})
    assert refused.status_code == 400
    assert refused.json()["file"] == ["Row 2, value: “x” is not a number."]
    assert client.post(_url("return-step", "2015-16-q1", "publish")).status_code == 404
    submitted = client.post(_url("return-step", "2015-16-q1", "submit"))
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"


def test_figures_are_public_and_drafts_are_not(world, cast, client_for):
    public = client_for(None)
    rows = public.get(_url("figures")).json()
    assert {r["value"] for r in rows} == {"80.00", "83.50", "2300.00", None}
    listed = public.get(_url("returns")).json()
    assert [r["key"] for r in listed] == ["2014-15-q1", "2014-15-q2"]
    assert public.get(_url("return", world["draft"].key)).status_code == 404
    other = client_for(cast.user("beta", Role.OPCC_OFFICER))
    assert other.get(_url("return", world["draft"].key)).status_code == 404
    office = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    assert office.get(_url("return", world["draft"].key)).json()["figures"][0]["value"] == "8888.00"
    detail = public.get(reverse("api:performance:plan", args=["alpha", "2013-17"])).json()
    assert [m["code"] for m in detail["measures"]] == ["victim-satisfaction", "burglaries"]
