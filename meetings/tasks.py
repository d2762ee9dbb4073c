"""Celery tasks of meetings: thin callers that take ids."""

from __future__ import annotations

import contextlib

from celery import shared_task

from . import packs


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=True,
    retry_kwargs={"max_retries": 3},
)  # fmt: skip
def agenda_pack_generate(pack_id: int) -> None:
    # A PackError is recorded on the pack row and shown on the meeting page; a retry won't help.
    with contextlib.suppress(packs.PackError):
        packs.pack_generate(pack_id)


@shared_task
def agenda_packs_restart_stale() -> int:
    return packs.stale_packs_restart()
