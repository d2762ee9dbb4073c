"""The access matrix of the tenancy app: role × object kind × own panel / other panel / public.

One table says who may do what; the policy, the pages and the API are each checked against it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from panel import access
from panel.access import Role

ACTORS = ["anonymous"] + [f"own:{r.value}" for r in Role] + [f"other:{r.value}" for r in Role]
EVERYONE = set(ACTORS)
OWN_CLERK = {"own:clerk"}

# (object kind, action) -> the actors allowed. Everyone else is refused.
MATRIX = {
    ("panel", "view"): EVERYONE,
    ("panel", "manage"): OWN_CLERK,
    ("body", "view"): EVERYONE,
    ("body", "change"): OWN_CLERK,
    ("person", "view"): EVERYONE,
    ("person_contact", "view"): OWN_CLERK,
    ("person", "change"): OWN_CLERK,
    ("membership", "view"): EVERYONE,
    ("membership", "change"): OWN_CLERK,
    ("role_grants", "view"): OWN_CLERK,
}

POLICY = {
    ("panel", "view"): lambda u, c: access.visible_panels(u).filter(pk=c.panel.pk).exists(),
    ("panel", "manage"): lambda u, c: access.can_manage_panel(u, c.panel),
    ("body", "view"): lambda u, c: (
        access.visible_bodies(u, c.panel).filter(pk=c.working_group.pk).exists()
    ),
    ("body", "change"): lambda u, c: access.can_change_body(u, c.working_group),
    ("person", "view"): lambda u, c: (
        access.visible_people(u, c.panel).filter(pk=c.councillor.pk).exists()
    ),
    ("person_contact", "view"): lambda u, c: access.can_view_contact_details(u, c.councillor),
    ("person", "change"): lambda u, c: access.can_change_person(u, c.councillor),
    ("membership", "view"): lambda u, c: (
        access.visible_memberships(u, c.panel).filter(pk=c.membership.pk).exists()
    ),
    ("membership", "change"): lambda u, c: access.can_change_membership(u, c.membership),
    ("role_grants", "view"): lambda u, c: access.can_view_role_grants(u, c.panel),
}


def actor_user(cast, actor):
    if actor == "anonymous":
        return cast.anonymous
    where, role = actor.split(":")
    return cast.user("alpha" if where == "own" else "beta", Role(role))


def test_it_covers_every_kind_and_action_in_the_policy_table():
    assert set(POLICY) == set(MATRIX)


@pytest.mark.parametrize("actor", ACTORS)
def test_it_answers_the_policy_as_the_matrix_says(cast, actor):
    user = actor_user(cast, actor)
    for key, allowed in MATRIX.items():
        assert POLICY[key](user, cast["alpha"]) == (actor in allowed), (key, actor)


def page_urls(c):
    """(kind, action) -> a page of alpha's that needs exactly that permission."""
    p = c.panel.slug
    return {
        ("panel", "view"): reverse("panel:home", args=[p]),
        ("panel", "manage"): reverse("panel:manage", args=[p]),
        ("body", "view"): reverse("panel:body", args=[p, c.working_group.slug]),
        ("body", "change"): reverse("panel:body-edit", args=[p, c.working_group.slug]),
        ("person", "view"): reverse("panel:person", args=[p, c.councillor.slug]),
        ("person", "change"): reverse("panel:person-edit", args=[p, c.councillor.slug]),
        ("membership", "view"): reverse("panel:membership", args=[p]),
        ("membership", "change"): reverse("panel:membership-edit", args=[p, c.membership.pk]),
        ("role_grants", "view"): reverse("panel:manage-access", args=[p]),
    }


@pytest.mark.parametrize("actor", ACTORS)
def test_it_serves_pages_as_the_matrix_says(cast, client_for, actor):
    user = actor_user(cast, actor)
    client = client_for(None if actor == "anonymous" else user)
    for key, url in page_urls(cast["alpha"]).items():
        response = client.get(url)
        if actor in MATRIX[key]:
            assert response.status_code == 200, (key, actor, url)
        elif actor == "anonymous":
            # Clerk pages ask the public to sign in, before looking anything up.
            assert response.status_code == 302, (key, actor, url)
            assert response["Location"].startswith(reverse("login"))
        else:
            assert response.status_code == 404, (key, actor, url)


@pytest.mark.parametrize("actor", ACTORS)
def test_it_shows_contact_details_only_as_the_matrix_says(cast, client_for, actor):
    alpha = cast["alpha"]
    client = client_for(None if actor == "anonymous" else actor_user(cast, actor))
    allowed = actor in MATRIX[("person_contact", "view")]
    page = client.get(reverse("panel:person", args=[alpha.panel.slug, alpha.councillor.slug]))
    assert (alpha.councillor.email in page.content.decode()) == allowed
    api = client.get(reverse("api:panel:person", args=[alpha.panel.slug, alpha.councillor.slug]))
    assert api.status_code == 200
    assert (api.json()["email"] == alpha.councillor.email) == allowed
    listing = client.get(reverse("api:panel:people", args=[alpha.panel.slug])).content.decode()
    assert (alpha.councillor.email in listing) == allowed


def test_it_lets_a_person_see_their_own_contact_details(cast):
    alpha = cast["alpha"]
    me = cast.user("alpha", Role.MEMBER)
    alpha.councillor.user = me
    alpha.councillor.save()
    assert access.can_view_contact_details(me, alpha.councillor)
    assert not access.can_view_contact_details(me, alpha.officer)


def test_it_lists_the_panels_where_a_user_has_roles_and_no_others(cast):
    rows = access.panels_with_roles(cast.user("alpha", Role.CLERK))
    assert [(p.slug, roles) for p, roles in rows] == [("alpha", frozenset({Role.CLERK}))]
    assert access.panels_with_roles(cast.anonymous) == []


def test_it_never_treats_a_model_wide_permission_as_a_panel_grant(cast, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("global", password="x")
    user.user_permissions.add(Permission.objects.get(codename="role_clerk"))
    assert access.roles_in(user, cast["alpha"].panel) == frozenset()
    assert access.panels_with_roles(user) == []


def test_it_drops_grants_with_their_panel(cast):
    from panel.models import PanelUserObjectPermission

    assert PanelUserObjectPermission.objects.filter(content_object=cast["beta"].panel).exists()
    assert (
        PanelUserObjectPermission._meta.get_field("content_object").remote_field.on_delete.__name__
        == "CASCADE"
    )


def test_it_reads_roles_once_per_request(cast, django_assert_num_queries):
    user = cast.user("alpha", Role.CLERK)
    access.forget_roles(user)
    # One query, once: the user's own grants and their groups' grants on the panel.
    with django_assert_num_queries(1):
        for _ in range(5):
            access.roles_in(user, cast["alpha"].panel)
            access.can_change_body(user, cast["alpha"].working_group)
