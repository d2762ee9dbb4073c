"""The tenancy guard: an unscoped query raises; another panel's rows are a 404."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse
from django_scopes import ScopeError, scopes_disabled

from panel.access import Role
from panel.models import Body, Membership, Person
from panel.tenancy import TenantManager, TenantModel, panel_scope
from panel.testing import api_token


def test_it_raises_on_an_unscoped_query_of_a_tenant_model(cast):
    for model in (Body, Person, Membership):
        with pytest.raises(ScopeError):
            list(model.objects.all())
        with pytest.raises(ScopeError):
            model.objects.filter(pk=1).exists()


def test_it_gives_every_tenant_model_the_tenancy_manager():
    """Each model names its manager (so the type checker knows its queryset); one that forgot
    would get Django's unscoped default."""
    tenant_models = [m for m in apps.get_models() if issubclass(m, TenantModel)]
    assert len(tenant_models) > 30
    unguarded = [
        m.__name__
        for m in tenant_models
        if not isinstance(m.objects, TenantManager)
        or not isinstance(m._default_manager, TenantManager)
    ]
    assert unguarded == []


def test_it_scopes_for_panel_to_one_panel(cast):
    alpha, beta = cast["alpha"].panel, cast["beta"].panel
    assert set(Body.objects.for_panel(alpha)) == {
        cast["alpha"].main_body,
        cast["alpha"].working_group,
    }
    assert cast["alpha"].councillor not in Person.objects.for_panel(beta)


def test_it_scopes_ambient_queries_inside_a_panel_scope(cast):
    with panel_scope(cast["beta"].panel):
        assert set(Person.objects.all()) == {cast["beta"].councillor, cast["beta"].officer}


def test_it_refuses_for_panel_without_a_saved_panel():
    from panel.models import Panel

    with pytest.raises(ValueError):
        Body.objects.for_panel(Panel())


def test_it_gives_404_for_an_unknown_panel_slug(client, db):
    assert client.get("/no-such-panel/").status_code == 404
    assert client.get("/no-such-panel/membership/").status_code == 404
    assert client.get("/api/panels/no-such-panel/bodies/").status_code == 404


def other_panels_urls(cast):
    """URLs under beta's prefix that name alpha's objects: never found, for anyone."""
    a, b = cast["alpha"], "beta"
    return [
        reverse("panel:person", args=[b, a.councillor.slug]),
        reverse("panel:person-edit", args=[b, a.councillor.slug]),
        reverse("panel:membership-edit", args=[b, a.membership.pk]),
        reverse("api:panel:person", args=[b, a.councillor.slug]),
    ]


@pytest.mark.parametrize("role", list(Role))
def test_it_gives_404_for_another_panels_objects_under_your_own_panel(cast, client_for, role):
    client = client_for(cast.user("beta", role))
    for url in other_panels_urls(cast):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", list(Role))
def test_it_gives_404_for_every_private_url_of_another_panel(cast, client_for, role):
    alpha = cast["alpha"]
    client = client_for(cast.user("beta", role))
    p = alpha.panel.slug
    private = [
        reverse("panel:manage", args=[p]),
        reverse("panel:manage-access", args=[p]),
        reverse("panel:body-create", args=[p]),
        reverse("panel:body-edit", args=[p, alpha.working_group.slug]),
        reverse("panel:membership-create", args=[p, alpha.working_group.slug]),
        reverse("panel:membership-edit", args=[p, alpha.membership.pk]),
        reverse("panel:person-create", args=[p]),
        reverse("panel:person-edit", args=[p, alpha.councillor.slug]),
    ]
    for url in private:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Hijack"}).status_code == 404, url
    assert not Body.objects.for_panel(alpha.panel).filter(name="Hijack").exists()


def test_it_keeps_the_admin_to_superusers(cast, client_for, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    assert client_for(staff).get("/admin/").status_code == 302
    root = django_user_model.objects.create_superuser("root", password="x")
    client = client_for(root)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/panel/person/").status_code == 200
    assert (
        client.get(f"/admin/panel/body/{cast['beta'].working_group.pk}/change/").status_code == 200
    )


def test_it_shows_a_superuser_the_api_tokens_in_the_admin_without_their_keys(
    cast, client_for, django_user_model
):
    token, key = api_token(cast.user("alpha", Role.OPCC_OFFICER), cast["alpha"].panel)
    root = django_user_model.objects.create_superuser("root2", password="x")
    client = client_for(root)
    listing = client.get("/admin/panel/apitoken/")
    assert listing.status_code == 200 and "Case management system" in listing.content.decode()
    detail = client.get(f"/admin/panel/apitoken/{token.pk}/change/").content.decode()
    for secret in (key, token.digest, token.token_key):
        assert secret not in listing.content.decode() and secret not in detail
    assert client.get("/admin/panel/apitoken/add/").status_code == 403  # made by the office
    revoked = client.post(
        "/admin/panel/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert "1 token(s) revoked" in revoked.content.decode()
    with scopes_disabled():
        token.refresh_from_db()
    assert token.revoked_by == root
