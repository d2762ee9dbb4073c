"""Sending alerts: each notice to each subscriber at most once, and nothing lost quietly.

A message is **claimed before it is sent**: the `Delivery` rows (unique per subscriber and
notice) are committed, then the message goes to the mail server, then the rows are marked
sent. So a worker killed after the server accepted the message, and before it recorded that,
leaves a claim behind, and the task's rerun (acks_late) finds it and sends nothing twice. A
send the server refuses (or cannot be reached for) gives its claims back and the task is
retried. The one window left (killed after the claim and before the server answered) leaves a
claim never marked sent: `stale_claims` lists them, and the sweep logs each, rather than risk
mailing twice.

Every message is checked against the public record when it is sent (`access.still_public`):
what was withdrawn or archived since the notice was written is left out.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from smtplib import SMTPException
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from panel.tenancy import panel_scope, scopes_disabled

from . import access, tokens
from .models import Delivery, Notice, Subscriber, Subscription

log = logging.getLogger(__name__)

Scope = Subscription.Scope
# The sweep sends what a lost queue message left unsent, for notices this recent.
SWEEP_WINDOW = dt.timedelta(days=2)
STALE_CLAIM = dt.timedelta(hours=1)


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _matches(subscription: Subscription, notice: Notice, searched: dict[str, bool]) -> bool:
    if subscription.panel_id != notice.panel_id:
        return False
    if subscription.confirmed_at is None or subscription.confirmed_at > notice.created_at:
        return False  # a subscription is told of what is published after it was confirmed
    scope = subscription.scope
    if scope == Scope.PANEL:
        return True
    if scope == Scope.BODY:
        return notice.body_id is not None and notice.body_id == subscription.body_id
    if scope == Scope.DECISIONS:
        return notice.kind == Notice.Kind.DECISION
    if scope == Scope.REPORTS:
        return notice.kind in (Notice.Kind.REPORT, Notice.Kind.RESPONSE)
    if scope == Scope.SEARCH:
        if subscription.query not in searched:
            searched[subscription.query] = access.matches_search(notice, subscription.query)
        return searched[subscription.query]
    return False


def _unsubscribe_url(token: str) -> str:
    return _site(reverse("subscriptions:unsubscribe", args=[token]))


def _message(
    subscriber: Subscriber,
    *,
    subject: str,
    template: str,
    context: dict[str, object],
    unsubscribe: str,
    message_id: str,
) -> EmailMultiAlternatives:
    unsubscribe_url = _unsubscribe_url(unsubscribe)
    context = {
        **context,
        "subscriber": subscriber,
        "unsubscribe_url": unsubscribe_url,
        "manage_url": _site(reverse("subscriptions:manage", args=[subscriber.key])),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/email/{template}.txt", context),
        to=[subscriber.email],
        headers={
            # RFC 2369 and RFC 8058: a one-click unsubscribe, by POST, that mail clients offer.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Police and Crime Panel alerts <alerts.{_domain()}>",
            "Auto-Submitted": "auto-generated",  # RFC 3834: no auto-replies, please
            "Message-ID": message_id,
        },
    )
    html = render_to_string(f"alerts/email/{template}.html", context)
    message.attach_alternative(html, "text/html")
    return message


def _claim(subscriber: Subscriber, notices: Iterable[Notice], message_id: str) -> list[Notice]:
    """The notices whose delivery to this subscriber this caller now holds: rows committed
    (each in its own savepoint), so that no rerun or other worker sends them again."""
    claimed = []
    for notice in notices:
        try:
            with transaction.atomic():
                Delivery.objects.create(subscriber=subscriber, notice=notice, message_id=message_id)
        except IntegrityError:
            continue
        claimed.append(notice)
    return claimed


def _release(subscriber: Subscriber, notices: list[Notice]) -> None:
    Delivery.objects.filter(subscriber=subscriber, notice__in=notices, sent_at=None).delete()


def _send(message: EmailMultiAlternatives, subscriber: Subscriber, notices: list[Notice]) -> None:
    try:
        message.send()
    except (SMTPException, OSError):
        _release(subscriber, notices)  # not accepted: the retry may send it
        raise
    _record_sent(subscriber, notices)


def _record_sent(subscriber: Subscriber, notices: list[Notice]) -> None:
    Delivery.objects.filter(subscriber=subscriber, notice__in=notices).update(
        sent_at=timezone.now()
    )


def notice_deliver(notice_id: int) -> int:
    """Send a notice at once to every subscriber who asked for immediate alerts and whose
    subscriptions it matches (one message however many match). The number of messages sent."""
    with scopes_disabled():
        notice = (
            Notice.objects.select_related("panel", "meeting", "decision", "body")
            .filter(pk=notice_id)
            .first()
        )
    if notice is None:
        return 0
    with panel_scope(notice.panel_id):
        if not access.still_public(notice):
            return 0
        subscriptions = (
            Subscription.objects.for_panel(notice.panel)
            .confirmed()
            .filter(subscriber__frequency=Subscriber.Frequency.IMMEDIATE)
            .select_related("subscriber")
            .order_by("subscriber_id", "pk")
        )
        searched: dict[str, bool] = {}
        matched: dict[int, list[Subscription]] = defaultdict(list)
        for subscription in subscriptions:
            if _matches(subscription, notice, searched):
                matched[subscription.subscriber_id].append(subscription)
        sent = 0
        for matching in matched.values():
            sent += _send_one(matching[0].subscriber, notice, matching)
    return sent


def _send_one(subscriber: Subscriber, notice: Notice, matching: list[Subscription]) -> int:
    message_id = f"<alert.{notice.pk}.{subscriber.pk}@{_domain()}>"
    if not _claim(subscriber, [notice], message_id):
        return 0
    message = _message(
        subscriber,
        subject=f"{notice.title}: {notice.context} ({notice.panel.name})",
        template="notice",
        context={"notice": notice, "url": _site(notice.path), "panel": notice.panel},
        unsubscribe=tokens.unsubscribe_token(subscription_ids=[s.pk for s in matching]),
        message_id=message_id,
    )
    _send(message, subscriber, [notice])
    return 1


def digests_send(now: dt.datetime | None = None) -> int:
    """The weekly summaries: each weekly subscriber's notices since the last one, in one
    message. The number of messages sent."""
    now = now or timezone.now()
    subscriber_ids = list(
        Subscriber.objects.filter(frequency=Subscriber.Frequency.WEEKLY)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    return sum(digest_send(pk, now) for pk in subscriber_ids)


def digest_send(subscriber_id: int, now: dt.datetime) -> int:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.frequency != Subscriber.Frequency.WEEKLY:
        return 0
    since = subscriber.digest_through or subscriber.created_at
    with scopes_disabled():
        subscriptions = list(subscriber.subscriptions.confirmed().select_related("panel"))
        candidates = list(
            Notice.objects.filter(
                panel_id__in={s.panel_id for s in subscriptions},
                created_at__gt=since,
                created_at__lte=now,
            )
            .exclude(deliveries__subscriber=subscriber)
            .select_related("panel", "meeting", "decision", "body")
            .order_by("panel__name", "published_at", "pk")
        )
    notices = []
    for notice in candidates:
        with panel_scope(notice.panel_id):
            searched: dict[str, bool] = {}
            if any(_matches(s, notice, searched) for s in subscriptions) and (
                access.still_public(notice)
            ):
                notices.append(notice)
    sent = 0
    if notices:
        message_id = f"<digest.{subscriber.pk}.{now:%Y%m%d%H%M}@{_domain()}>"
        claimed = _claim(subscriber, notices, message_id)
        if claimed:
            by_panel: dict[str, list[Notice]] = defaultdict(list)
            for notice in claimed:
                by_panel[notice.panel.name].append(notice)
            message = _message(
                subscriber,
                subject=f"Your weekly summary: {len(claimed)} new "
                + ("publication" if len(claimed) == 1 else "publications"),
                template="digest",
                context={
                    "panels": [
                        (name, [(n, _site(n.path)) for n in items])
                        for name, items in by_panel.items()
                    ],
                    "since": since,
                    "count": len(claimed),
                },
                unsubscribe=tokens.unsubscribe_token(subscriber_id=subscriber.pk),
                message_id=message_id,
            )
            _send(message, subscriber, claimed)
            sent = 1
    Subscriber.objects.filter(pk=subscriber.pk).update(digest_through=now)
    return sent


def sweep(now: dt.datetime | None = None) -> int:
    """What a lost queue message left unsent: recent notices delivered again (each delivery is
    claimed, so nothing goes twice); claims never marked sent are logged for an operator."""
    now = now or timezone.now()
    with scopes_disabled():
        recent = list(
            Notice.objects.filter(created_at__gte=now - SWEEP_WINDOW).values_list("pk", flat=True)
        )
        for claim in stale_claims(now):
            log.warning(
                "alert %s to subscriber %s claimed at %s and never marked sent: "
                "the worker stopped while sending; not sent again",
                claim.notice_id,
                claim.subscriber_id,
                claim.claimed_at,
            )
    return sum(notice_deliver(pk) for pk in recent)


def stale_claims(now: dt.datetime) -> list[Delivery]:
    return list(
        Delivery.objects.filter(sent_at=None, skipped=False, claimed_at__lt=now - STALE_CLAIM)
    )


def confirmation_send(subscription_id: int, token: str) -> None:
    with scopes_disabled():
        subscription = (
            Subscription.objects.select_related("subscriber", "panel", "body")
            .filter(pk=subscription_id)
            .first()
        )
    if subscription is None or subscription.confirmed_at is not None:
        return
    subscriber = subscription.subscriber
    context = {
        "subscription": subscription,
        "panel": subscription.panel,
        "confirm_url": _site(reverse("subscriptions:confirm", args=[token])),
        "subscriber": subscriber,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    message = EmailMultiAlternatives(
        subject=f"Confirm your alerts from {subscription.panel.name}",
        body=render_to_string("alerts/email/confirm.txt", context),
        to=[subscriber.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string("alerts/email/confirm.html", context), "text/html")
    message.send()
