"""Reminders of a statutory deadline: the clerk and the Chair, a week ahead, once per step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from panel.tenancy import panel_scope
from statutory import reminders, services
from statutory.models import ReminderSent
from statutory.tasks import statutory_reminders_send
from statutory.testing import precept

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(cast):
    """The cast's Chair of the panel, councillor@alpha.example.org."""
    return cast["alpha"].councillor


def test_the_clerk_and_the_chair_hear_of_the_precept_report_a_week_ahead_once(cast, chair):
    c = cast["alpha"]
    precept(c, year=2026, notified_on=dt.date(2026, 1, 20))
    with panel_scope(c.panel):
        # 8 February 2026 (SI 2012/2271 reg 4(1); a Sunday, not moved) is 12 days away.
        assert reminders.send_for_panel(c.panel, dt.date(2026, 1, 27)) == 0
        assert reminders.send_for_panel(c.panel, dt.date(2026, 2, 2)) == 2
        assert reminders.send_for_panel(c.panel, dt.date(2026, 2, 3)) == 0  # sent already
    assert sorted(m.to[0] for m in mail.outbox) == [
        "clerk@alpha.example.org",  # the panel's contact address
        "councillor@alpha.example.org",  # the Chair
    ]
    message = mail.outbox[0]
    assert "due 8 February 2026" in message.subject and "reg 4(1)" in message.body
    assert "/alpha/reports-register/" in message.body


def test_a_closed_case_or_a_past_deadline_sends_nothing(cast, chair):
    c = cast["alpha"]
    case = precept(c, year=2026, notified_on=dt.date(2026, 1, 20))
    with panel_scope(c.panel):
        assert reminders.send_for_panel(c.panel, dt.date(2026, 2, 9)) == 0  # after the day
        services.case_step(
            case=case, step="report", actor=None, made_on=dt.date(2026, 2, 3), text="Supported."
        )
        services.case_step(case=case, step="publish_report", actor=None)
        services.case_step(
            case=case,
            step="respond",
            actor=None,
            received_on=dt.date(2026, 2, 5),
            text="Thanks.",
            publish=True,
        )
    assert reminders.due_soon(c.panel, dt.date(2026, 2, 2)) == []
    assert mail.outbox == []


def test_the_daily_task_reminds_every_panel(cast, chair, monkeypatch):
    precept(cast["alpha"], year=2026, notified_on=dt.date(2026, 1, 20))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 2, 4))
    assert statutory_reminders_send() == 2
    assert statutory_reminders_send() == 0


def test_a_reminder_the_mail_server_refused_is_sent_on_the_next_run(cast, chair, settings):
    """The row that records a reminder is written with its sending: a failed send leaves none,
    so the next run sends it (and only once)."""
    c = cast["alpha"]
    precept(c, year=2026, notified_on=dt.date(2026, 1, 20))
    settings.EMAIL_BACKEND = "panel.testing.FailingEmailBackend"
    with panel_scope(c.panel):
        assert reminders.send_for_panel(c.panel, dt.date(2026, 2, 2)) == 0
        assert not ReminderSent.objects.for_panel(c.panel).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with panel_scope(c.panel):
        assert reminders.send_for_panel(c.panel, dt.date(2026, 2, 2)) == 2
        assert reminders.send_for_panel(c.panel, dt.date(2026, 2, 2)) == 0
    assert len(mail.outbox) == 2
