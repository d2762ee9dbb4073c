"""What decisions tells the floors above: sent inside the transaction of the change (see
meetings/extensions.py; `publishing/apps.py` connects the receivers)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with decision= when what the register shows of a decision changes: published, withdrawn,
# corrected.
register_changed = Signal()
