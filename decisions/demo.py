"""Demo decisions of the Warwickshire Commissioner: WPCC 0037 to WPCC 0043, the decisions listed in
the Commissioner's report to the panel of 26 September 2014. The titles are the pack's; the
summaries, dates and categories are illustrative. WPCC 0040 has an exempt part; one more decision
is a draft. Idempotent: nothing is loaded if the panel already has decisions.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from panel.models import Panel

from . import services
from .models import Decision, DecisionCounter

LONDON = ZoneInfo("Europe/London")
C = Decision.Category

DECISIONS = [
    (
        "Independent Assessment of the Strategic Alliance",
        C.GOVERNANCE,
        dt.date(2014, 7, 24),
        "Commission an independent assessment of how the Warwickshire and West Mercia Strategic "
        "Alliance is governed and whether it delivers for Warwickshire.",
        "To commission an independent assessment of the Strategic Alliance and publish its findings.",
    ),
    (
        "Commissioner's Grant 2014/15",
        C.COMMISSIONING,
        dt.date(2014, 7, 31),
        "Approve the second round of the Commissioner's grants to community organisations for "
        "2014/15.",
        "To award the grants listed in the schedule to this record.",
    ),
    (
        "Media and Communications Officer",
        C.STAFFING,
        dt.date(2014, 8, 7),
        "Create a post of Media and Communications Officer in the Commissioner's office.",
        "To create and fund the post for two years.",
    ),
    (
        "Sale of the former Police Station, Birmingham Rd, Coleshill, B46 1DJ",
        C.ESTATES,
        dt.date(2014, 8, 14),
        "Sell the former police station at Coleshill, which is surplus to operational needs.",
        "To accept the highest compliant offer for the site.",
    ),
    (
        "Creation of Dashboard for new OPCC website",
        C.COMMUNICATIONS,
        dt.date(2014, 8, 28),
        "Build a performance dashboard for the Commissioner's new website so the public can see how "
        "the force is doing.",
        "To commission the dashboard within the website budget.",
    ),
    (
        "Memorandum of Understanding between the PCC and CC",
        C.GOVERNANCE,
        dt.date(2014, 9, 4),
        "Agree a memorandum setting out how the Commissioner and the Chief Constable work together.",
        "To sign the memorandum of understanding with the Chief Constable.",
    ),
    (
        "Settlement of the Protected Pension Age (PPA) Claim",
        C.FINANCE,
        dt.date(2014, 9, 11),
        "Settle claims brought by officers about their protected pension age.",
        "To settle the claims on the terms recommended by the force's legal advisers.",
    ),
]

EXEMPT_SALE = (
    "The offers received and the recommended buyer's identity are commercially sensitive until "
    "contracts are exchanged."
)


def load_decisions(panel: Panel) -> None:
    if Decision.objects.for_panel(panel).exists():
        return
    DecisionCounter.objects.create(panel=panel, last_number=36)
    for title, category, day, summary, text in DECISIONS:
        exempt = title.startswith("Sale of the former Police Station")
        decision = services.decision_create(
            panel=panel,
            title=title,
            category=category,
            executive_summary=summary,
            decision=text,
            background="Illustrative demo text: the real record is published by the Commissioner.",
            financial_implications="As set out in the decision.",
            declaration_of_interests="None.",
            exempt_part=EXEMPT_SALE if exempt else "",
            exempt_paragraph=3 if exempt else None,
            exempt_reason="Financial or business affairs of particular persons." if exempt else "",
            actor=None,
        )
        at = dt.datetime.combine(day, dt.time(9), tzinfo=LONDON)
        services.decision_submit(decision=decision, at=at - dt.timedelta(days=3), actor=None)
        services.decision_review(
            decision=decision,
            reviewer="chief_executive",
            name="Neil Hewison",
            on=day - dt.timedelta(days=2),
            actor=None,
        )
        services.decision_review(
            decision=decision,
            reviewer="chief_finance_officer",
            name="Dave Clarke",
            on=day - dt.timedelta(days=2),
            actor=None,
        )
        services.decision_sign(
            decision=decision, name="Ron Ball", on=day - dt.timedelta(days=1), actor=None
        )
        services.decision_publish(decision=decision, at=at, actor=None)
    services.decision_create(
        panel=panel,
        title="Community Remedy Document",
        category=C.GOVERNANCE,
        executive_summary="Adopt the list of community remedies after the consultation that ends "
        "on 19 September 2014.",
        decision="To adopt the Community Remedy Document.",
        actor=None,
    )
