"""Messages the product sends on its own (reminders): each at most once, and none lost.

A message's row (a table whose unique constraint allows it once) is written in the same
transaction as the sending: a re-run, or a second worker, finds the row and sends nothing twice;
a send that fails (the mail server down) rolls the row back, so the next run tries again.
"""

from __future__ import annotations

import logging
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .tenancy import TenantModel, insert_once

log = logging.getLogger(__name__)


def send_once(model: type[TenantModel], *, subject: str, body: str, to: str, **once: Any) -> bool:
    """Send ``subject`` and ``body`` to ``to`` unless ``model`` already records it (``once``:
    the row's fields); True when it was sent now."""
    try:
        with transaction.atomic():
            if not insert_once(model, **once):
                return False
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except (SMTPException, OSError) as error:
        log.warning("message not sent, to be tried again: %s: %s", subject, error)
        return False
    return True
