"""Celery tasks of the tenancy app: thin callers that take plain values, never instances."""

from __future__ import annotations

from celery import shared_task
from django.core.mail import EmailMessage


@shared_task(  # type: ignore[untyped-decorator]  # Celery's is not annotated
    autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}, acks_late=True
)
def email_send(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> None:
    """Send one plain-text email through Django's configured backend; retried on SMTP errors."""
    EmailMessage(subject=subject, body=body, to=to, from_email=from_email).send()
