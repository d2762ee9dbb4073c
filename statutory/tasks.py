"""Celery tasks of the statutory cases: thin callers."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from panel.models import Panel
from panel.tenancy import panel_scope

from . import reminders


@shared_task(acks_late=True)
def statutory_reminders_send() -> int:
    """Daily on beat: tell the clerk and the Chair of each deadline a week ahead, once."""
    today, sent = timezone.localdate(), 0
    for panel in Panel.objects.all():
        with panel_scope(panel):
            sent += reminders.send_for_panel(panel, today)
    return sent
