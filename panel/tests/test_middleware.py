"""The middleware: a NUL character is a clear 400, never a 500."""

from __future__ import annotations

from django.urls import reverse

from panel.access import Role


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
