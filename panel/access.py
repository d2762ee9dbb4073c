"""Who may see and change what: the vocabulary every app's access rules are written in, and the
rules for the tenancy app's own objects (panels, bodies, people, memberships, role grants).

Roles are granted per panel with django-guardian (object permissions on the Panel, never
model-wide: ``accept_global_perms=False``). A user's roles in a panel are read once per request
and kept on the user object, so lists ask nothing per row. Each domain app says who sees its own
objects in its ``access.py``, on these roles and the same rules: ``can_<verb>_<entity>`` answers
yes/no; ``visible_<entities>`` returns a queryset filtered for the user; ``access_<entity>``
fetches and authorises in one call and raises Http404 for "missing" and "not allowed" alike.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import get_objects_for_user

from .models import Body, Membership, Panel, Person
from .querysets import BodyQuerySet, MembershipQuerySet, PersonQuerySet

if TYPE_CHECKING:
    from typing_extensions import TypeIs  # typing's own from Python 3.13

# Whoever reads a page or the API: a user, signed in or not, or the anonymous public (the
# project keeps Django's own user model).
Reader: TypeAlias = User | AnonymousUser


# The anonymous public, for surfaces that are always built as the public sees them (feeds).
PUBLIC = AnonymousUser()


class Role(StrEnum):
    CLERK = "clerk"
    MEMBER = "member"
    OPCC_OFFICER = "opcc_officer"
    COMPLAINTS_HANDLER = "complaints_handler"

    @property
    def codename(self) -> str:
        return f"role_{self.value}"

    @property
    def permission(self) -> str:
        return f"panel.role_{self.value}"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.CLERK: "Clerk (democratic services)",
    Role.MEMBER: "Panel member",
    Role.OPCC_OFFICER: "OPCC officer",
    Role.COMPLAINTS_HANDLER: "Complaints handler",
}
_CACHE_ATTR = "_panel_roles_cache"


def is_signed_in(user: Reader | None) -> TypeIs[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles_in(user: Reader, panel: Panel | int) -> frozenset[Role]:
    """The roles ``user`` holds in ``panel``; read once per user object (one request).

    Takes a panel or its id, so that policy checks on a row need only its ``panel_id``.
    """
    if not is_signed_in(user):
        return frozenset()
    panel_id = panel if isinstance(panel, int) else panel.pk
    cache: dict[int, frozenset[Role]] = user.__dict__.setdefault(_CACHE_ATTR, {})
    if panel_id not in cache:
        perms = ObjectPermissionChecker(user).get_perms(Panel(pk=panel_id))
        cache[panel_id] = frozenset(
            Role(p.removeprefix("role_")) for p in perms if p.startswith("role_")
        )
    return cache[panel_id]


def forget_roles(user: Reader) -> None:
    user.__dict__.pop(_CACHE_ATTR, None)


def has_role(user: Reader, panel: Panel | int, *roles: Role) -> bool:
    return not roles_in(user, panel).isdisjoint(roles)


def panels_with_roles(user: Reader) -> list[tuple[Panel, frozenset[Role]]]:
    """The panels where ``user`` holds any role, with those roles."""
    if not is_signed_in(user):
        return []
    perms = [role.permission for role in Role]
    panels = get_objects_for_user(
        user, perms, klass=Panel, any_perm=True, accept_global_perms=False
    )
    return [(panel, roles_in(user, panel)) for panel in panels.order_by("name")]


# Panels, authorities, bodies and memberships are the public record of who sits on what.


def visible_panels(user: Reader) -> QuerySet[Panel]:
    return Panel.objects.all()


def can_manage_panel(user: Reader, panel: Panel) -> bool:
    return has_role(user, panel, Role.CLERK)


def visible_bodies(user: Reader, panel: Panel) -> BodyQuerySet[Body]:
    return Body.objects.for_panel(panel)


def can_change_body(user: Reader, body: Body) -> bool:
    return has_role(user, body.panel_id, Role.CLERK)


def visible_people(user: Reader, panel: Panel) -> PersonQuerySet[Person]:
    return Person.objects.for_panel(panel)


def can_view_contact_details(user: Reader, person: Person) -> bool:
    """A person's own email and phone: the clerk and the person themselves."""
    if not is_signed_in(user):
        return False
    return person.user_id == user.pk or has_role(user, person.panel_id, Role.CLERK)


def can_change_person(user: Reader, person: Person) -> bool:
    return has_role(user, person.panel_id, Role.CLERK)


def visible_memberships(user: Reader, panel: Panel) -> MembershipQuerySet[Membership]:
    return Membership.objects.for_panel(panel)


def can_change_membership(user: Reader, membership: Membership) -> bool:
    return has_role(user, membership.panel_id, Role.CLERK)


def can_view_role_grants(user: Reader, panel: Panel) -> bool:
    return has_role(user, panel, Role.CLERK)


def can_use_admin(user: Reader) -> bool:
    """The Django admin is for the platform's superusers only; it crosses panels."""
    return is_signed_in(user) and user.is_staff and user.is_superuser


# Fetch and authorise in one call: a missing row and a forbidden one are the same 404.


def access_body(user: Reader, panel: Panel, slug: str, *, for_change: bool = False) -> Body:
    body = visible_bodies(user, panel).filter(slug=slug).first()
    if body is None or (for_change and not can_change_body(user, body)):
        raise Http404("No such body")
    body.panel = panel
    return body


def access_person(user: Reader, panel: Panel, slug: str, *, for_change: bool = False) -> Person:
    person = visible_people(user, panel).filter(slug=slug).first()
    if person is None or (for_change and not can_change_person(user, person)):
        raise Http404("No such person")
    person.panel = panel
    return person


def access_membership(
    user: Reader, panel: Panel, membership_id: int, *, for_change: bool = False
) -> Membership:
    membership = (
        visible_memberships(user, panel)
        .select_related("person", "body", "authority")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None or (for_change and not can_change_membership(user, membership)):
        raise Http404("No such membership")
    membership.panel = panel
    return membership
