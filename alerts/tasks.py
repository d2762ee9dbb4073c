"""Celery tasks of the alerts: thin callers that take ids.

Each runs late-acknowledged, so a worker that dies mid-task leaves it to be run again; the
deliveries' claims (`delivery.py`) make the rerun send nothing twice.
"""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from . import delivery

_RETRIED = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": True,
    "retry_kwargs": {"max_retries": 6},
}


@shared_task(**_RETRIED)
def notice_deliver(notice_id: int) -> int:
    return delivery.notice_deliver(notice_id)


@shared_task(**_RETRIED)
def confirmation_send(subscription_id: int, token: str) -> None:
    delivery.confirmation_send(subscription_id, token)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def digests_send() -> int:
    return delivery.digests_send()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def alerts_sweep() -> int:
    return delivery.sweep()
