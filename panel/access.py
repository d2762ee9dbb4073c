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

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypeGuard

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import get_objects_for_user

from .models import (
    ApiToken,
    Body,
    Membership,
    Panel,
    PanelGroupObjectPermission,
    PanelUserObjectPermission,
    Person,
)
from .prepared import Prepared
from .querysets import ApiTokenQuerySet, BodyQuerySet, MembershipQuerySet, PersonQuerySet
from .roles import ROLE_LABELS as ROLE_LABELS
from .roles import Role as Role

if TYPE_CHECKING:
    from typing_extensions import TypeIs  # typing's own from Python 3.13

# Whoever reads a page or the API: a user, signed in or not, or the anonymous public (the
# project keeps Django's own user model).
Reader: TypeAlias = User | AnonymousUser


# The anonymous public, for surfaces that are always built as the public sees them (feeds).
PUBLIC = AnonymousUser()


_CACHE_ATTR = "_panel_roles_cache"
_SCOPE_ATTR = "_panel_token_scope"


@dataclass(frozen=True)
class TokenScope:
    """What a request made with an API token may act as: one panel, and there only the token's
    roles (``panel.tokens.PanelTokenAuthentication`` sets it on the token's user)."""

    panel_id: int
    roles: frozenset[Role]


def is_signed_in(user: Reader | None) -> TypeIs[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def act_under_token(user: User, *, panel_id: int, roles: frozenset[Role]) -> None:
    """Mark this user object (one request's) as acting under an API token: ``roles_in`` then
    answers nothing for any other panel and, for ``panel_id``, the roles the user really holds
    there that the token names, so a token stops working when its user loses the role."""
    user.__dict__[_SCOPE_ATTR] = TokenScope(panel_id, roles)


def token_scope(user: Reader) -> TokenScope | None:
    scope: TokenScope | None = user.__dict__.get(_SCOPE_ATTR)
    return scope


def acts_in_person(user: Reader) -> TypeGuard[User]:
    """Signed in, and not through an API token. A token acts by its role only: rules that rest
    on who the user is (a complaint granted to them, their seat on a sub-committee, an action
    they lead, their own contact details) do not apply to it."""
    return is_signed_in(user) and token_scope(user) is None


def roles_in(user: Reader, panel: Panel | int) -> frozenset[Role]:
    """The roles ``user`` holds in ``panel``; read once per user object (one request).

    Takes a panel or its id, so that policy checks on a row need only its ``panel_id``. Under an
    API token, only the token's panel and roles (``act_under_token``).
    """
    if not is_signed_in(user):
        return frozenset()
    panel_id = panel if isinstance(panel, int) else panel.pk
    scope = token_scope(user)
    if scope is not None and scope.panel_id != panel_id:
        return frozenset()
    cache: dict[int, frozenset[Role]] = user.__dict__.setdefault(_CACHE_ATTR, {})
    if panel_id not in cache:
        perms = _granted(user, panel_id)
        cache[panel_id] = frozenset(
            Role(p.removeprefix("role_")) for p in perms if p.startswith("role_")
        )
    return cache[panel_id] if scope is None else cache[panel_id] & scope.roles


def _grants(user_id: int, panel_id: int, panel_type: int) -> QuerySet[Any, str]:
    on_panel = {"content_object_id": panel_id, "permission__content_type_id": panel_type}
    own = PanelUserObjectPermission.objects.filter(user_id=user_id, **on_panel)
    groups = PanelGroupObjectPermission.objects.filter(group__user=user_id, **on_panel)
    codename = "permission__codename"
    return own.values_list(codename, flat=True).union(groups.values_list(codename, flat=True))


# Asked on nearly every signed-in request: compiled once per process (panel.prepared).
_GRANTS = Prepared(_grants, user_id=-7_340_001, panel_id=-7_340_002, panel_type=-7_340_003)


def _granted(user: User, panel_id: int) -> list[str]:
    """The permissions granted to ``user`` on the panel, from the tables guardian keeps them in
    (the user's own grants and their groups'), in one query where guardian's checker asks two;
    a superuser's through the checker (all of them), as guardian answers."""
    if user.is_superuser:
        return ObjectPermissionChecker(user).get_perms(Panel(pk=panel_id))
    panel_type = ContentType.objects.get_for_model(Panel).pk
    rows = _GRANTS.rows(user_id=user.pk, panel_id=panel_id, panel_type=panel_type)
    return [codename for (codename,) in rows]


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
    listed = [(panel, roles_in(user, panel)) for panel in panels.order_by("name")]
    return [(panel, roles) for panel, roles in listed if roles]


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
    oneself = acts_in_person(user) and person.user_id == user.pk
    return oneself or has_role(user, person.panel_id, Role.CLERK)


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


# The API tokens of the Commissioner's office: its officers create them and revoke them; the
# clerk sees them and may revoke one (a system the panel no longer trusts); nobody else learns
# that one exists. The pages make tokens for the office's own role only, for now.


def can_create_api_token(user: Reader, panel: Panel | int) -> bool:
    return acts_in_person(user) and has_role(user, panel, Role.OPCC_OFFICER)


def can_view_api_tokens(user: Reader, panel: Panel | int) -> bool:
    return acts_in_person(user) and has_role(user, panel, Role.OPCC_OFFICER, Role.CLERK)


def can_revoke_api_token(user: Reader, token: ApiToken) -> bool:
    return can_view_api_tokens(user, token.panel_id)


def visible_api_tokens(user: Reader, panel: Panel) -> ApiTokenQuerySet[ApiToken]:
    tokens = ApiToken.objects.for_panel(panel)
    return tokens if can_view_api_tokens(user, panel) else tokens.none()


def access_api_token(
    user: Reader, panel: Panel, token_id: int, *, for_change: bool = False
) -> ApiToken:
    token = visible_api_tokens(user, panel).select_related("user", "revoked_by")
    found = token.filter(pk=token_id).first()
    if found is None or (for_change and not can_revoke_api_token(user, found)):
        raise Http404("No such token")
    found.panel = panel
    return found
