from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from alerts.models import Subscriber, Subscription
from panel.tenancy import panel_scope


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """The sign-up limits count in the cache: each test starts with none used."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://panel.example.org"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def subscribe():
    """A confirmed subscription, made directly (the sign-up itself is tested on its own)."""

    def make(c, email="reader@example.org", frequency="immediate", scope="panel", **extra):
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        subscriber.frequency = frequency
        subscriber.digest_through = subscriber.digest_through or timezone.now()
        subscriber.save()
        with panel_scope(c.panel):
            return Subscription.objects.create(
                panel=c.panel,
                subscriber=subscriber,
                scope=scope,
                confirmed_at=timezone.now(),
                **extra,
            )

    return make
