"""Celery tasks of the search: thin callers that take ids."""

from __future__ import annotations

from celery import shared_task
from django_scopes import scopes_disabled

from meetings.models import Meeting

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def meeting_reindex(meeting_id: int) -> None:
    """A meeting's entries rewritten once its public pack is made: run after the pack is
    served, so that reading the text of its pages never holds the pack back."""
    with scopes_disabled():
        meeting = Meeting.objects.select_related("panel", "body").filter(pk=meeting_id).first()
    if meeting is not None:
        services.index_meeting(meeting)
