"""Celery tasks of the search: thin callers that take ids."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def meeting_reindex(panel_id: int, meeting_id: int) -> None:
    """A meeting's entries rewritten once its public pack is made: run after the pack is
    served, so that reading the text of its pages never holds the pack back."""
    services.meeting_reindex(panel_id, meeting_id)
