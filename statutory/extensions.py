"""What the statutory cases tell the floors above: sent inside the transaction of the change
(see meetings/extensions.py; `publishing/wiring.py` connects the receivers)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with case= when what the register shows of a case changes: notified, a report or a
# response published, the precept issued.
case_changed = Signal()
