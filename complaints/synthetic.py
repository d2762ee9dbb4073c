"""A synthetic panel's complaints about its Commissioner for scale tests (`manage.py
load_synthetic`): two a year, received, recorded and resolved informally, through the services
(a complaint's events, numbering and per-case grants are the services' to keep). Confidential:
only the handler and the complaints sub-committee see them."""

from __future__ import annotations

import datetime as dt

from panel.synthetic import SyntheticPanel

from . import services

WHAT = (
    "The Commissioner did not reply to two letters about a local issue.",
    "The Deputy Commissioner's remarks at a public meeting were discourteous.",
    "The Commissioner's office did not answer a request for information on time.",
)


def build_complaints(world: SyntheticPanel, *, years: list[int]) -> int:
    count = 0
    for year in years:
        for n in range(2):
            received = dt.date(year, 7 + n * 5, 3 + world.rng.randrange(20))
            complaint = services.complaint_receive(
                panel=world.panel,
                received_on=received,
                channel="email",
                complainant_name="A complainant (synthetic)",
                complainant_email="c@example.org",
                subject="pcc" if n == 0 else "dpcc",
                text=world.rng.choice(WHAT),
                actor=None,
            )
            services.complaint_record(complaint=complaint, serious=False, actor=None)
            services.complaint_informal(
                complaint=complaint, note="To the sub-committee.", actor=None
            )
            services.complaint_resolve(
                complaint=complaint,
                outcome="The office apologised and replied in full.",
                record="Resolved informally by the sub-committee.",
                actor=None,
            )
            count += 1
    return count
