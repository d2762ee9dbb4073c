"""Two illustrative complaints for the Warwickshire demo panel. The people are invented; the pack
records only that the panel took complaints as a standing exempt item. Idempotent."""

from __future__ import annotations

import datetime as dt

from panel.models import Panel

from . import services
from .models import Complaint


def load_complaints(panel: Panel) -> None:
    if Complaint.objects.for_panel(panel).exists():
        return
    resolved = services.complaint_receive(
        panel=panel,
        received_on=dt.date(2014, 8, 4),
        channel="email",
        complainant_name="Sam Example (illustrative)",
        complainant_email="sam@example.org",
        subject="pcc",
        text="The Commissioner did not reply to two letters about a local issue.",
        actor=None,
    )
    services.complaint_record(complaint=resolved, serious=False, actor=None)
    services.complaint_informal(complaint=resolved, note="Passed to the sub-committee.", actor=None)
    services.complaint_resolve(
        complaint=resolved,
        outcome="The Commissioner's office apologised and replied in full.",
        record="Resolved informally by the sub-committee; the complainant was satisfied.",
        actor=None,
    )
    services.complaint_receive(
        panel=panel,
        received_on=dt.date(2014, 9, 15),
        channel="letter",
        complainant_name="Alex Sample (illustrative)",
        complainant_address="1 Example Street, Warwick",
        subject="dpcc",
        text="The Deputy Commissioner's remarks at a public meeting were discourteous.",
        actor=None,
    )
