"""A synthetic Commissioner's decision register for scale tests (`manage.py load_synthetic`):
about fifteen decisions a year, numbered from 1 in the panel's own sequence (the counter is set
to the last, so the next record submitted takes the next number), signed off and published; one
in ten has an exempt part. Written in bulk with their history rows; the search index is rebuilt
afterwards (`search_reindex`)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from simple_history.utils import bulk_create_with_history

from panel.synthetic import SyntheticPanel

from .models import Decision, DecisionCounter

LONDON = ZoneInfo("Europe/London")
C = Decision.Category
SUBJECTS = (
    ("Commissioner's community grants round", C.COMMISSIONING),
    ("Victims' services contract extension", C.COMMISSIONING),
    ("Sale of a surplus police station", C.ESTATES),
    ("Refurbishment of the custody suite", C.ESTATES),
    ("Post of Performance Analyst in the office", C.STAFFING),
    ("Treasury management strategy", C.FINANCE),
    ("Capital programme variation", C.FINANCE),
    ("Joint corporate governance framework", C.GOVERNANCE),
    ("Memorandum of understanding with the fire authority", C.GOVERNANCE),
    ("Public consultation on the precept", C.COMMUNICATIONS),
    ("Road safety camera partnership funding", C.OTHER),
)
PER_YEAR = 15
EXEMPT_PART = "The offers received and the buyer's identity, until contracts are exchanged."


def build_decisions(world: SyntheticPanel, *, years: list[int], built_at: dt.datetime) -> int:
    rng, panel = world.rng, world.panel
    signer, reviewer = world.commissioner.name, world.opcc_chief_executive.name
    decisions = []
    number = 0
    for year in years:
        for n in range(PER_YEAR):
            number += 1
            day = dt.date(year, 5, 10) + dt.timedelta(days=n * 24 + rng.randrange(10))
            subject, category = rng.choice(SUBJECTS)
            exempt = rng.random() < 0.1
            at = dt.datetime.combine(day, dt.time(9), LONDON)
            decisions.append(
                Decision(
                    panel=panel,
                    number=number,
                    status=Decision.Status.PUBLISHED,
                    title=f"{subject} {year}/{str(year + 1)[2:]}",
                    category=category,
                    executive_summary=f"To approve the {subject.lower()} for the year.",
                    decision=f"The Commissioner approves the {subject.lower()}.",
                    background="Illustrative synthetic record.",
                    financial_implications="Within the approved budget.",
                    declaration_of_interests="None.",
                    exempt_part=EXEMPT_PART if exempt else "",
                    exempt_paragraph=(3 + (11 if panel.jurisdiction == "wales" else 0))
                    if exempt
                    else None,
                    exempt_reason="Financial or business affairs." if exempt else "",
                    submitted_at=at - dt.timedelta(days=4),
                    chief_executive=reviewer,
                    chief_executive_on=day - dt.timedelta(days=3),
                    chief_finance_officer=reviewer,
                    chief_finance_officer_on=day - dt.timedelta(days=3),
                    signed_by=signer,
                    signed_on=day - dt.timedelta(days=1),
                    published_at=at,
                )
            )
    bulk_create_with_history(decisions, Decision, batch_size=500, default_date=built_at)
    DecisionCounter.objects.create(panel=panel, last_number=number)
    return number
