"""State changes for panels, people, bodies, memberships, role grants and API tokens.

Each service validates fully before it writes and runs in one transaction, so bad input gives
a ``ValidationError`` with field errors and never a half-saved record.
"""

from __future__ import annotations

import datetime as dt
import inspect
import logging
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from guardian.shortcuts import assign_perm, remove_perm
from knox.models import get_digest_token
from knox.settings import CONSTANTS

from .access import Role, forget_roles, roles_in
from .audit import Actor, create_as, delete_as, get_or_create_as, save_as
from .models import ApiToken, Authority, Body, Membership, Panel, Person, RoleGrant
from .tenancy import TenantModel, own_row, panel_scope, require_same_panel

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)
V = TypeVar("V", Person, Body)  # the rows edited under optimistic locking (a ``version``)

log = logging.getLogger(__name__)

PANEL_FIELDS = (
    "name",
    "slug",
    "police_area",
    "jurisdiction",
    "decision_prefix",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "address",
    "webcast_base_url",
    "is_demo",
)
BODY_FIELDS = (
    "name",
    "slug",
    "kind",
    "rationale",
    "role_and_objectives",
    "information_needed",
    "indicators_of_success",
    "frequency",
    "established_on",
    "scope",
    "ends_on",
)
PERSON_FIELDS = ("slug", "title", "name", "job_title", "organisation", "email", "phone", "user")


class UnknownStep(Http404):
    """A workflow step that does not exist: the same 404 as a missing record, on a page or the
    API (the API's error handler answers a 404 for every Http404)."""


def run_step(steps: Mapping[str, Callable[..., T]], step: str, **arguments: Any) -> T:
    """Run one named step of a workflow from its table of services (the pages and the API of an
    app both run steps through here); an unknown step is a 404, as a missing record is."""
    run = steps.get(step)
    if run is None:
        raise UnknownStep(step)
    missing = [name for name in _required(run) if name not in arguments]
    if missing:  # an API body that left out what the step needs: a 400 that names it
        raise ValidationError({name: "This field is required." for name in missing})
    return run(**arguments)


@cache
def _required(run: Callable[..., Any]) -> tuple[str, ...]:
    """The arguments a step's service cannot do without (those with no default)."""
    return tuple(
        name
        for name, parameter in inspect.signature(run).parameters.items()
        if parameter.default is parameter.empty
        and parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    )


class StaleEdit(ValidationError):
    """Someone else saved the record after this edit began."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this record while you were editing it. Your changes have "
            "not been saved: reload the page to see their version, then make your changes again.",
            code="stale",
        )


def _clean(obj: models.Model) -> None:
    """Validate fields and constraints, scoped to the row's own panel."""
    if isinstance(obj, TenantModel):
        with panel_scope(obj.panel_id):
            obj.full_clean()
    else:
        obj.full_clean()


def _save_validated(obj: M, actor: Actor) -> M:
    _clean(obj)
    return save_as(obj, actor)


def _update_if_unchanged(
    obj: V, *, expected_version: int, changes: dict[str, Any], actor: Actor
) -> V:
    """Optimistic locking: write only if nobody saved since ``expected_version`` (the row is
    locked while it is checked), recorded in the history as ``actor``."""
    for field, value in changes.items():
        setattr(obj, field, value)
    _clean(obj)
    if not own_row(obj).select_for_update().filter(version=expected_version).exists():
        raise StaleEdit()
    obj.version = expected_version + 1
    return save_as(obj, actor, update_fields=[*changes, "version"])


@transaction.atomic
def panel_create(*, actor: Actor, host_authority: Authority | None = None, **fields: Any) -> Panel:
    unknown = set(fields) - set(PANEL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    panel = _save_validated(Panel(**fields), actor)
    log.info("panel created: %s", panel.slug)
    return panel


@transaction.atomic
def authority_create(
    *, panel: Panel, name: str, kind: str, slug: str = "", actor: Actor
) -> Authority:
    authority = Authority(panel=panel, name=name, kind=kind, slug=slug or slugify(name))
    return _save_validated(authority, actor)


@transaction.atomic
def person_create(*, panel: Panel, name: str, actor: Actor, **fields: Any) -> Person:
    fields.setdefault("slug", slugify(name))
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    return _save_validated(Person(panel=panel, name=name, **fields), actor)


@transaction.atomic
def person_update(*, person: Person, expected_version: int, actor: Actor, **changes: Any) -> Person:
    return _update_if_unchanged(
        person, expected_version=expected_version, changes=changes, actor=actor
    )


@transaction.atomic
def body_create(*, panel: Panel, name: str, kind: str, actor: Actor, **fields: Any) -> Body:
    fields.setdefault("slug", slugify(name))
    unknown = set(fields) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    return _save_validated(Body(panel=panel, name=name, kind=kind, **fields), actor)


@transaction.atomic
def body_update(*, body: Body, expected_version: int, actor: Actor, **changes: Any) -> Body:
    if "kind" in changes and changes["kind"] != body.kind:
        raise ValidationError({"kind": "A body's kind cannot change once it exists."})
    return _update_if_unchanged(
        body, expected_version=expected_version, changes=changes, actor=actor
    )


def _check_membership(membership: Membership) -> None:
    """The rules a membership must keep beyond its own fields.

    A person holds one seat on a body at a time, and a body has one Chair and one Vice-Chair
    at a time. Called with the person's row locked, so two clerks cannot both pass it.
    """
    require_same_panel(
        membership.panel_id,
        person=membership.person,
        body=membership.body,
        authority=membership.authority,
    )
    errors: dict[str, list[str]] = {}
    others = (
        Membership.objects.for_panel(membership.panel)
        .filter(body=membership.body)
        .overlapping(membership.start_date, membership.end_date)
        .exclude(pk=membership.pk)
    )
    if others.filter(person=membership.person).exists():
        errors["person"] = [
            f"{membership.person} already has a seat on {membership.body} for some of these "
            "dates. End that membership first, or change these dates."
        ]
    if membership.is_leadership and others.filter(role=membership.role).exists():
        errors["role"] = [
            f"{membership.body} already has a {membership.get_role_display()} for some of "
            "these dates."
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def membership_create(
    *,
    body: Body,
    person: Person,
    role: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    authority: Authority | None = None,
    co_opted: bool = False,
    actor: Actor,
) -> Membership:
    membership = Membership(
        panel_id=body.panel_id,
        body=body,
        person=person,
        role=role,
        authority=authority,
        co_opted=co_opted,
        start_date=start_date,
        end_date=end_date,
    )
    _clean(membership)
    own_row(person).select_for_update().first()
    _check_membership(membership)
    return save_as(membership, actor)


@transaction.atomic
def membership_update(*, membership: Membership, actor: Actor, **changes: Any) -> Membership:
    allowed = {"role", "authority", "co_opted", "start_date", "end_date"}
    if set(changes) - allowed:
        raise TypeError(f"unknown fields {sorted(set(changes) - allowed)}")
    Person.objects.for_panel(membership.panel_id).select_for_update().filter(
        pk=membership.person_id
    ).first()
    for field, value in changes.items():
        setattr(membership, field, value)
    _clean(membership)
    _check_membership(membership)
    return save_as(membership, actor)


def membership_end(*, membership: Membership, end_date: dt.date, actor: Actor) -> Membership:
    return membership_update(membership=membership, end_date=end_date, actor=actor)


@transaction.atomic
def role_grant(*, panel: Panel, user: User, role: Role, actor: Actor) -> None:
    forget_roles(user)
    if role in roles_in(user, panel):
        return
    assign_perm(role.permission, user, panel)
    get_or_create_as(RoleGrant.objects.for_panel(panel), actor, panel=panel, user=user, role=role)
    forget_roles(user)
    log.info("role granted: panel=%s role=%s user_id=%s", panel.slug, role, user.pk)


@transaction.atomic
def role_revoke(*, panel: Panel, user: User, role: Role, actor: Actor) -> None:
    remove_perm(role.permission, user, panel)
    delete_as(RoleGrant.objects.for_panel(panel).filter(user=user, role=role), actor)
    forget_roles(user)
    log.info("role revoked: panel=%s role=%s user_id=%s", panel.slug, role, user.pk)


# API tokens: how long a new one lasts, in days (the form offers these), and how often its last
# use is written (a request a minute after the last write writes again; none in between).
TOKEN_LIFETIMES = (30, 90, 365)
TOKEN_USE_INTERVAL = dt.timedelta(minutes=1)


def _token_fields(*, panel: Panel, name: str, days: int, role: Role, actor: User) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Enter the name of the system that will use the token."
    elif len(name.strip()) > 100:
        errors["name"] = "The name must be 100 characters or fewer."
    if days not in TOKEN_LIFETIMES:
        errors["days"] = "Choose how long the token lasts: 30, 90 or 365 days."
    if role not in roles_in(actor, panel):
        errors["role"] = f"You do not hold the role “{role.label}” in {panel}."
    return errors


@transaction.atomic
def api_token_create(
    *, panel: Panel, name: str, days: int, role: Role, actor: User
) -> tuple[ApiToken, str]:
    """A new token for ``actor`` in ``panel`` as ``role``, and its key: the only time the key
    exists outside the caller's hands (the row keeps its digest)."""
    errors = _token_fields(panel=panel, name=name, days=days, role=role, actor=actor)
    if errors:
        raise ValidationError(errors)
    digest, key = get_digest_token()
    token = create_as(
        ApiToken,
        actor,
        panel=panel,
        user=actor,
        digest=digest,
        token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
        name=name.strip(),
        role=role.value,
        expiry=timezone.now() + dt.timedelta(days=days),
    )
    log.info("api token created: panel=%s token_id=%s user_id=%s", panel.slug, token.pk, actor.pk)
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token for good; its row stays, for the record. The row is locked first, so of two
    revocations the second is told the token was revoked already."""
    locked = own_row(token).select_for_update().get()
    if locked.revoked_at is not None:
        when = timezone.localtime(locked.revoked_at)
        raise ValidationError(
            f"“{locked.name}” was revoked already, on {when:%-d %B %Y at %H:%M}.", code="revoked"
        )
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    save_as(locked, actor, update_fields=["revoked_at", "revoked_by"])
    log.info("api token revoked: panel_id=%s token_id=%s", locked.panel_id, locked.pk)
    return locked


def api_token_record_use(*, token: ApiToken, at: dt.datetime) -> None:
    """Bookkeeping (no history): the token's last use, written at most once a minute."""
    if token.last_used is not None and at - token.last_used < TOKEN_USE_INTERVAL:
        return
    stale = models.Q(last_used__isnull=True) | models.Q(last_used__lte=at - TOKEN_USE_INTERVAL)
    own_row(token).filter(stale).update(last_used=at)
    token.last_used = at
