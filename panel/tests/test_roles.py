"""roles_in: a user's roles in a panel, from their own grants and their groups', in one query."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from guardian.shortcuts import assign_perm

from panel.access import Role, forget_roles, roles_in


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("reader")


def test_it_reads_own_and_group_grants_in_one_query(cast, user):
    alpha, beta = cast["alpha"].panel, cast["beta"].panel
    assign_perm(Role.MEMBER.permission, user, alpha)
    group = Group.objects.create(name="Democratic services")
    group.user_set.add(user)
    assign_perm(Role.CLERK.permission, group, alpha)
    assign_perm(Role.OPCC_OFFICER.permission, group, beta)
    with CaptureQueriesContext(connection) as captured:
        assert roles_in(user, alpha) == {Role.MEMBER, Role.CLERK}
        assert roles_in(user, alpha) == {Role.MEMBER, Role.CLERK}  # kept on the user object
    assert len(captured) == 1
    assert roles_in(user, beta) == {Role.OPCC_OFFICER}


def test_it_gives_nothing_for_another_user_s_or_another_group_s_grants(cast, user):
    alpha = cast["alpha"].panel
    other = Group.objects.create(name="Elsewhere")
    assign_perm(Role.CLERK.permission, other, alpha)
    assert roles_in(user, alpha) == frozenset()
    assert roles_in(cast.user("alpha", Role.CLERK), cast["beta"].panel) == frozenset()


def test_it_gives_a_superuser_every_role_and_an_inactive_user_none(cast, user):
    alpha = cast["alpha"].panel
    admin = get_user_model().objects.create_superuser("admin")
    assert roles_in(admin, alpha) == set(Role)
    clerk = cast.user("alpha", Role.CLERK)
    clerk.is_active = False
    forget_roles(clerk)
    assert roles_in(clerk, alpha) == frozenset()
