"""The signed links in alert messages: a confirmation (valid for a week) and a one-click
unsubscribe (valid until used; repeating it is harmless). Django's signing, keyed by SECRET_KEY
and a salt of their own, so neither can be forged, nor one used as the other."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing

CONFIRM_MAX_AGE = dt.timedelta(days=7)
_CONFIRM = "alerts.confirm"
_UNSUBSCRIBE = "alerts.unsubscribe"


def confirm_token(subscription_id: int, frequency: str) -> str:
    return signing.dumps({"s": subscription_id, "f": frequency}, salt=_CONFIRM)


def read_confirm(token: str) -> dict[str, Any] | None:
    try:
        data = signing.loads(token, salt=_CONFIRM, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # forged, or older than a week (SignatureExpired)
        return None
    return data if isinstance(data, dict) else None


def unsubscribe_token(
    *, subscription_ids: list[int] | None = None, subscriber_id: int | None = None
) -> str:
    """One click ends these subscriptions, or every subscription of the address."""
    payload: dict[str, Any] = (
        {"a": subscriber_id} if subscriber_id is not None else {"s": sorted(subscription_ids or [])}
    )
    return signing.dumps(payload, salt=_UNSUBSCRIBE)


def read_unsubscribe(token: str) -> dict[str, Any] | None:
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None
