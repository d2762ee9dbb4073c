"""Celery tasks of meetings: thin callers that take ids."""

from __future__ import annotations

import contextlib
import datetime as dt

from celery import shared_task
from celery.signals import worker_init, worker_process_init
from django.conf import settings

from . import packs
from .packs import parts


@worker_init.connect
@worker_process_init.connect
def _prepare_for_packs(**_: object) -> None:
    """A worker readies what every pack needs once it starts, not during its first pack."""
    parts.prepare()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 3},
)
def agenda_pack_generate(pack_id: int) -> None:
    # A PackError is recorded on the pack row and shown on the meeting page; a retry won't help.
    with contextlib.suppress(packs.PackError):
        packs.pack_generate(pack_id)


@shared_task
def agenda_packs_restart_stale() -> int:
    ids = packs.stale_packs_restart()
    for pack_id in ids:
        agenda_pack_generate.delay(pack_id)
    return len(ids)


@shared_task
def pack_cache_prune() -> int:
    return parts.prune_cache(dt.timedelta(days=settings.PACK_CACHE_DAYS))
