"""Alerts end to end as production sends them: a real SMTP server (aiosmtpd) receives what a
real Celery worker, on the Redis broker, sends after the publishing transaction commits."""

from __future__ import annotations

import datetime as dt
import email
import multiprocessing
import os
import re
import socket
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.db import connections
from django.test import Client
from django.urls import reverse

from alerts import delivery
from alerts.models import Notice, Subscription
from meetings.testing import (
    DRAFT_MARKER,
    EXEMPT_APPENDIX_MARKER,
    EXEMPT_MINUTE_MARKER,
    EXEMPT_REPORT_MARKER,
    published_meeting,
)
from panel.tenancy import panel_scope

SECRETS = [DRAFT_MARKER, EXEMPT_APPENDIX_MARKER, EXEMPT_MINUTE_MARKER, EXEMPT_REPORT_MARKER]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 20) -> list[email.message.EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.messages) >= count, [m["Subject"] for m in self.messages]
        return self.messages

    def alerts(self) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["List-Unsubscribe"]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox(settings, tmp_path):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.MEDIA_ROOT = tmp_path
    yield handler
    controller.stop()


def _text(message: email.message.EmailMessage) -> str:
    parts = [str(message)]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_content())
    return "\n".join(parts)


def _link(message: email.message.EmailMessage, name: str) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(rf"https://panel\.example\.org(/alerts/{name}/[^\s]+/)", body)
    assert found, body
    return found.group(1)


def test_sign_up_confirm_alert_and_one_click_unsubscribe_through_a_worker_and_smtp(
    cast, inbox, celery_worker
):
    client = Client()
    response = client.post(
        reverse("alerts:subscribe", args=["alpha"]),
        {"email": "resident@example.org", "scope": "panel", "frequency": "immediate"},
    )
    assert response.status_code == 302
    [confirmation] = inbox.wait_for(1)
    assert confirmation["To"] == "resident@example.org"
    assert client.post(_link(confirmation, "confirm")).status_code == 200

    published_meeting(cast["alpha"])  # committed: the worker sends after the commit
    inbox.wait_for(3)
    agenda, minutes = inbox.alerts()
    assert agenda["Subject"].startswith("Agenda published: ")
    assert minutes["Subject"].startswith("Draft minutes published: ")
    assert agenda["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for message in inbox.messages:
        for secret in SECRETS:
            assert secret not in _text(message)

    link = agenda["List-Unsubscribe"].strip().strip("<>").removeprefix("https://panel.example.org")
    one_click = Client(enforce_csrf_checks=True).post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    with panel_scope(cast["alpha"].panel):
        assert not Subscription.objects.exists()
    published_meeting(cast["alpha"], dt.date(2030, 9, 1))
    time.sleep(2)  # give the worker the time it took above
    assert len(inbox.alerts()) == 2


def test_the_weekly_summary_reaches_the_server(cast, inbox, subscribe, transactional_db):
    subscribe(cast["alpha"], frequency="weekly")
    published_meeting(cast["alpha"])
    assert delivery.digests_send() == 1
    [summary] = inbox.wait_for(1)
    assert summary["Subject"] == "Your weekly summary: 2 new publications"
    assert summary["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = summary.get_body(preferencelist=("plain",)).get_content()
    assert "Agenda published" in body and "Draft minutes published" in body


def _deliver_and_die(notice_id: int) -> None:
    """A worker process that sends, then is killed before it records the sending."""
    delivery._record_sent = lambda *a, **k: os._exit(9)  # type: ignore[assignment]
    delivery.notice_deliver(notice_id)
    os._exit(0)  # not reached: the message was sent and the process died


def test_a_worker_process_killed_after_sending_does_not_mail_twice(
    cast, inbox, subscribe, transactional_db
):
    subscribe(cast["alpha"])
    published_meeting(cast["alpha"])  # on_commit ran eagerly: both notices sent once
    inbox.wait_for(2)
    with panel_scope(cast["alpha"].panel):
        notice = Notice.objects.order_by("pk").first()
    subscribe(cast["alpha"], email="second@example.org")
    with panel_scope(cast["alpha"].panel):  # confirmed before the notice: it is told of it
        Subscription.objects.filter(subscriber__email="second@example.org").update(
            confirmed_at=notice.created_at
        )

    connections.close_all()  # the child opens its own connection
    child = multiprocessing.get_context("fork").Process(target=_deliver_and_die, args=(notice.pk,))
    child.start()
    child.join(30)
    assert child.exitcode == 9  # killed after the server accepted the message
    to_second = [m for m in inbox.wait_for(3) if m["To"] == "second@example.org"]
    assert len(to_second) == 1

    assert delivery.notice_deliver(notice.pk) == 0  # the task's rerun (acks_late)
    time.sleep(0.5)
    assert len([m for m in inbox.messages if m["To"] == "second@example.org"]) == 1
