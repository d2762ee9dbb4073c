"""What the statutory cases tell the floors above, and what they ask of them: events sent inside
the transaction of the change, and providers filled when the project starts (see
meetings/extensions.py; `publishing/wiring.py` connects both)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

from panel.access import Reader
from panel.models import Panel

# Sent with case= when what the register shows of a case changes: notified, a report or a
# response published, the precept issued.
case_changed = Signal()
# Sent with case= when a paper is added to a case (its pages are then found in search).
case_document_added = Signal()

# The Commissioner's decision record a case links to (the precept is issued by one): (reader,
# panel, number) -> {"label", "title", "url", "published"} as the reader may see it, or None
# when the reader may see no record of that number. Statutory cases and decision records stand
# side by side, so neither imports the other; publishing connects the decisions app here.
DecisionRecord = Callable[[Reader, Panel, int], dict[str, Any] | None]
decision_records: list[DecisionRecord] = []
