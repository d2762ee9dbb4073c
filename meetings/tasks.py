"""Celery tasks of meetings: thin callers that take ids.

A pack is a chord: one task per part not yet rendered (``agenda_pack_part_render``), spread
over every pack worker on the broker, then the merge (``agenda_pack_merge``) as its callback.
They run on the packs queue (``config.celery.route_task``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging

from celery import Signature, chord, shared_task
from celery.signals import worker_init, worker_process_init
from django.conf import settings

from . import packs
from .packs import parts, prerender

logger = logging.getLogger(__name__)


@worker_init.connect
@worker_process_init.connect
def _prepare_for_packs(**_: object) -> None:
    """A worker readies what every pack needs once it starts, not during its first pack."""
    parts.prepare()


# acks_late with reject_on_worker_lost: a task whose worker dies goes back to the queue and
# runs again; every pack task may (a part is rendered to a temporary file renamed into place,
# a finished pack is never made again).
RERUN_IF_LOST = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(
    **RERUN_IF_LOST,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 3},
)
def agenda_pack_generate(pack_id: int) -> None:
    needed: list[str] = []
    with contextlib.suppress(packs.PackError):  # recorded on the pack row, as in the merge
        needed = packs.pack_start(pack_id)  # with nothing to render, the pack is made here
    if not needed:
        return
    step = max(1, 60 // len(needed))
    header = [agenda_pack_part_render.s(html, pack_id, step) for html in needed]
    _then(header, agenda_pack_merge.si(pack_id))


def _then(header: list[Signature], callback: Signature) -> None:
    """The header's tasks, then the callback: a chord on a broker. With tasks in-process (no
    broker) they run one after the other here: an eager chord waits on its header through
    Celery's process-wide "may a result be joined" flag, which another thread's eager task sets
    against it (two clerks publishing at once under a threaded server: a 500 after the commit)."""
    if callback.app.conf.task_always_eager:
        for task in header:
            task.apply()
        callback.apply()
        return
    chord(header)(callback)


# Its result (None) is kept only for the chord's count. A part that fails is rendered again by
# the merge, which records the reason on the pack: a failed part task would leave the chord
# without its merge, and the pack "being generated" until the stale-job restart.
@shared_task(**RERUN_IF_LOST, ignore_result=False)
def agenda_pack_part_render(html: str, pack_id: int | None = None, step: int = 0) -> None:
    try:
        packs.part_render(html, pack_id, step)
    except Exception:  # whatever WeasyPrint raised, the merge meets it again and says why
        logger.exception("a pack part failed to render; the merge will try it again")


@shared_task(
    **RERUN_IF_LOST,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 3},
)
def agenda_pack_merge(pack_id: int) -> None:
    # A PackError is recorded on the pack row and shown on the meeting page; a retry won't help.
    with contextlib.suppress(packs.PackError):
        packs.pack_generate(pack_id)


@shared_task(**RERUN_IF_LOST)
def agenda_packs_prerender(meeting_id: int, token: str, spread: bool = True) -> None:
    """Render the parts the clerk's edits changed, unless a later edit asked again (debounce):
    first each missing part as a task of its own, then (``spread`` False) the contents."""
    if not prerender.is_latest(meeting_id, token):
        return
    needed = prerender.parts_needed(meeting_id) if spread else []
    if needed:
        header = [agenda_pack_part_render.s(html) for html in needed]
        _then(header, agenda_packs_prerender.si(meeting_id, token, spread=False))
        return
    prerender.finish(meeting_id, token)


@shared_task
def agenda_packs_restart_stale() -> int:
    ids = packs.stale_packs_restart()
    for pack_id in ids:
        agenda_pack_generate.delay(pack_id)
    return len(ids)


@shared_task
def pack_cache_prune() -> int:
    return parts.prune_cache(dt.timedelta(days=settings.PACK_CACHE_DAYS))
