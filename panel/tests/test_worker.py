"""Tasks go through the real Redis broker to a real worker."""

from __future__ import annotations

import time

from django.core import mail
from django.urls import reverse

from panel.access import Role


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_it_sends_the_password_reset_email_through_the_worker(cast, client, celery_worker):
    clerk = cast.user("alpha", Role.CLERK)
    clerk.email = "clerk@alpha.example.org"
    clerk.save()
    assert not celery_worker.conf.task_always_eager
    response = client.post(reverse("password_reset"), {"email": clerk.email})
    assert response.status_code == 302
    assert wait_for(lambda: len(mail.outbox) == 1), "the worker did not send the email"
    assert mail.outbox[0].to == [clerk.email]
    assert "/accounts/reset/" in mail.outbox[0].body
