"""Who may update an action: the clerk, its lead, the OPCC for the OPCC's actions."""

from __future__ import annotations

from django.urls import reverse

from panel import services as panel_services
from panel.access import Role
from panel.tenancy import panel_scope


def note(client, action):
    return client.post(
        reverse("workprogramme:action", args=["alpha", action.pk]),
        {"text": "Progress", "status": "in_progress", "version": action.version},
    )


def test_it_lets_only_the_lead_the_opcc_for_its_actions_and_the_clerk_update(
    world, cast, client_for, django_user_model
):
    other_member = django_user_model.objects.create_user("alpha-other-member")
    panel_services.role_grant(
        panel=world["alpha"].panel, user=other_member, role=Role.MEMBER, actor=None
    )
    assert note(client_for(world["member"]), world["mine"]).status_code == 302
    assert note(client_for(other_member), world["mine"]).status_code == 404
    assert note(client_for(cast.user("alpha", Role.OPCC_OFFICER)), world["opcc"]).status_code == 302
    assert note(client_for(cast.user("alpha", Role.OPCC_OFFICER)), world["mine"]).status_code == 404
    assert note(client_for(cast.user("alpha", Role.CLERK)), world["officer"]).status_code == 302
    for outsider in (None, *(cast.user("beta", r) for r in Role)):
        assert note(client_for(outsider), world["officer"]).status_code in (302, 404)
        api = client_for(outsider).post(
            reverse("api:workprogramme:action-notes", args=["alpha", world["officer"].pk]),
            {"text": "x", "status": "open"},
            content_type="application/json",
        )
        assert api.status_code in (401, 403, 404)
    world["officer"].refresh_from_db()
    with panel_scope(world["alpha"].panel):
        assert world["officer"].notes.count() == 1  # the clerk's only
    # The public reads the tracker (it is published in the agenda pack) but sees no form.
    page = (
        client_for(None)
        .get(reverse("workprogramme:action", args=["alpha", world["mine"].pk]))
        .content.decode()
    )
    assert "Add a progress note" not in page and "Ask for a performance appendix" in page
