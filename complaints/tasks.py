"""Celery tasks of the complaints app: thin callers of the services."""

from __future__ import annotations

from celery import shared_task

from panel.models import Panel
from panel.tenancy import panel_scope

from . import services


@shared_task(acks_late=True)
def complaints_anonymise_all() -> int:
    """The retention schedule (daily, on beat): anonymise every panel's long-closed cases."""
    cutoff = services.retention_cutoff()
    total = 0
    for panel in Panel.objects.all():
        with panel_scope(panel):
            total += services.complaints_anonymise(panel=panel, closed_before=cutoff, actor=None)
    return total
