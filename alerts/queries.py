"""Read-side of the alerts: an address's subscriptions across panels, as its pages list them."""

from __future__ import annotations

from typing import Any

from panel import access as panel_access
from panel.access import Reader
from panel.models import Panel

from . import access
from .models import Subscriber, Subscription


def subscriber_of(user: Reader) -> Subscriber | None:
    """The signed-in reader's subscriber: linked to the account, or with its address."""
    if not user.is_authenticated:
        return None
    linked = Subscriber.objects.filter(user_id=user.pk).first()
    if linked is not None:
        return linked
    email = (getattr(user, "email", "") or "").strip().lower()
    return Subscriber.objects.filter(email=email).first() if email else None


def subscriptions_of(subscriber: Subscriber) -> list[dict[str, Any]]:
    """Each subscription of the address (every panel's), with what it follows in words."""
    with access.across_panels():
        rows = list(
            Subscription.objects.filter(subscriber=subscriber)
            .select_related("panel", "body")
            .order_by("panel__name", "scope", "pk")
        )
    return [
        {
            "pk": s.pk,
            "panel": s.panel,
            "confirmed": s.confirmed_at is not None,
            "what": describe(s),
        }
        for s in rows
    ]


def describe(subscription: Subscription) -> str:
    scope = Subscription.Scope
    if subscription.scope == scope.BODY and subscription.body is not None:
        return f"Meetings of {subscription.body.name}"
    if subscription.scope == scope.SEARCH:
        return f"Searches for “{subscription.query}”"
    return str(scope(subscription.scope).label)


def panels_to_follow(user: Reader) -> list[Panel]:
    return list(panel_access.visible_panels(user))
