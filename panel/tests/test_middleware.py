"""The middleware: a NUL character is a clear 400, never a 500; each address resolved once."""

from __future__ import annotations

from django.urls import reverse

from panel.access import Role
from panel.middleware import _panel_slug


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


def test_each_short_address_is_resolved_once_and_a_long_one_is_not_kept(cast, client):
    _panel_slug.cache_clear()
    assert client.get("/alpha/meetings/").status_code == 200
    assert client.get("/alpha/meetings/").status_code == 200
    assert (_panel_slug.cache_info().hits, _panel_slug.cache_info().currsize) == (1, 1)
    long = "/alpha/meetings/" + "x" * 300 + "/"
    assert client.get(long).status_code == 404  # still resolved, under the panel
    assert client.get("/nowhere/meetings/" + "x" * 300 + "/").status_code == 404
    assert _panel_slug.cache_info().currsize == 1
