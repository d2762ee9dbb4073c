"""Reminders (workprogramme/reminders.py): the leads and a digest, once, before the deadline."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import mail

from meetings import services as meetings
from panel.tenancy import panel_scope
from workprogramme import reminders, services


def test_it_emails_leads_and_a_digest_before_the_deadline_once(world, settings_override=None):
    alpha = world["alpha"]
    assert "action-reminders" in settings.CELERY_BEAT_SCHEDULE
    with panel_scope(alpha.panel):
        due = services.action_create(
            panel=alpha.panel,
            text="Councillor to report back",
            raised_on=dt.date(2024, 1, 1),
            lead_person=alpha.councillor,
            update_due=world["upcoming"],
            actor=None,
        )
        today = meetings.deadline_for(world["upcoming"]) - dt.timedelta(days=2)
        sent = reminders.send_for_panel(alpha.panel, today)
        assert reminders.send_for_panel(alpha.panel, today) == 0  # never twice
    assert sent == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "Councillor to report back" in by_to[alpha.councillor.email].body
    assert "OPCC to report on rural crime" not in by_to[alpha.councillor.email].body
    digest = by_to[alpha.panel.contact_email].body
    assert "Councillor to report back" in digest and "OPCC to report on rural crime" in digest
    tracker = f"{settings.SITE_URL}/{alpha.panel.slug}/actions/"
    assert tracker in by_to[alpha.councillor.email].body and tracker in digest
    assert due.pk
