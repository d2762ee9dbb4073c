"""Email alerts: who asked to be told (`Subscriber`, `Subscription`), what was published
(`Notice`), and each message sent (`Delivery`).

A notice is written in the publishing transaction from what the public may read, so no message
can carry more than the public page did; a delivery row is claimed (committed) before the
message goes to the mail server, so a rerun never mails twice.
"""

from __future__ import annotations

import secrets
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q

from panel.tenancy import M, TenantManager, TenantModel, TenantQuerySet


def new_key() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """An email address (with an account, or none): one row across every panel."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "As soon as something is published"
        WEEKLY = "weekly", "A weekly summary"

    email = models.EmailField(unique=True, help_text="Kept in lower case.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alert_subscriber",
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    # The secret in the link to manage every subscription of this address (sent in each
    # message). Replaced when the subscriber asks, which ends every old link.
    key = models.CharField(max_length=64, unique=True, default=new_key)
    created_at = models.DateTimeField(auto_now_add=True)
    # Weekly summaries cover the notices published after this moment.
    digest_through = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.email


class SubscriptionQuerySet(TenantQuerySet[M]):
    def confirmed(self) -> Self:
        return self.filter(confirmed_at__isnull=False)


class Subscription(TenantModel):
    """What one address follows in one panel: everything, a body's meetings, the decisions
    register, the reports register, or a saved search."""

    class Scope(models.TextChoices):
        PANEL = "panel", "Everything the panel publishes"
        BODY = "body", "A committee's or group's meetings"
        DECISIONS = "decisions", "The Commissioner's decisions"
        REPORTS = "reports", "The panel's reports and the Commissioner's responses"
        SEARCH = "search", "A search"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    scope = models.CharField(max_length=10, choices=Scope.choices)
    body = models.ForeignKey(
        "panel.Body", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    query = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When the confirmation was last sent: the per-address limit counts these.
    asked_at = models.DateTimeField(null=True, blank=True)

    objects = TenantManager.from_queryset(SubscriptionQuerySet)()

    class Meta:
        ordering = ["panel", "scope", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "panel", "scope", "body", "query"],
                name="alerts_subscription_once",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(scope="body", body__isnull=False)
                | (~Q(scope="body") & Q(body__isnull=True)),
                name="alerts_subscription_body_iff_body_scope",
            ),
            models.CheckConstraint(
                condition=(Q(scope="search") & ~Q(query="")) | (~Q(scope="search") & Q(query="")),
                name="alerts_subscription_query_iff_search",
            ),
        ]


class Notice(TenantModel):
    """Something published, as the public may read it, written in the publishing transaction."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda"
        MINUTES = "minutes", "Minutes"
        DECISION = "decision", "Decision"
        REPORT = "report", "Panel report"
        RESPONSE = "response", "Commissioner's response"

    # What was published, once: "agenda:<meeting>:<version>", "decision:<id>", …
    key = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.ForeignKey(
        "panel.Body", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        "statutory.StatutoryCase",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(max_length=300)
    context = models.CharField(max_length=300)
    path = models.CharField(max_length=300, help_text="The public page, from the site's root.")
    lines = models.JSONField(default=list, help_text="What it holds, as the public reads it.")
    published_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantManager()

    class Meta:
        ordering = ["published_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "key"], name="alerts_notice_once"),
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One notice to one subscriber, claimed before the message is sent (so never twice)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=200)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Left out of a message (withdrawn before the weekly summary went): never sent.
    skipped = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "notice"], name="alerts_delivery_once"),
        ]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"notice {self.notice_id} to subscriber {self.subscriber_id}"
