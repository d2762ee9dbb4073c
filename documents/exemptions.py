"""Exempt information: Schedule 12A to the Local Government Act 1972.

England uses Part 1 (paragraphs 1 to 7); Wales uses Part 4 (paragraphs 12 to 18), which covers
the same categories. The panel's jurisdiction decides which numbers its clerks may choose.
"""

from __future__ import annotations

from dataclasses import dataclass

from panel.models import Jurisdiction


@dataclass(frozen=True)
class Paragraph:
    number: int
    summary: str
    meaning: str


CATEGORIES = [
    (
        "Information relating to any individual.",
        "The report contains personal information about a named or identifiable person.",
    ),
    (
        "Information which is likely to reveal the identity of an individual.",
        "Publishing the report would let readers work out who a person is, for example a "
        "complainant or a witness.",
    ),
    (
        "Information relating to the financial or business affairs of any particular person "
        "(including the authority holding that information).",
        "The report contains commercially sensitive information, such as tender prices or a "
        "contractor's finances.",
    ),
    (
        "Information relating to any consultations or negotiations, or contemplated "
        "consultations or negotiations, in connection with any labour relations matter.",
        "The report concerns negotiations with staff or their trade unions.",
    ),
    (
        "Information in respect of which a claim to legal professional privilege could be "
        "maintained in legal proceedings.",
        "The report contains legal advice given in confidence.",
    ),
    (
        "Information which reveals that the authority proposes to give a notice, or to make an "
        "order or direction, under any enactment.",
        "Publishing the report would give early warning of a statutory notice, order or direction.",
    ),
    (
        "Information relating to any action taken or to be taken in connection with the "
        "prevention, investigation or prosecution of crime.",
        "Publishing the report could prejudice the prevention or investigation of crime or a "
        "prosecution.",
    ),
]

ENGLAND = {
    i + 1: Paragraph(i + 1, summary, meaning) for i, (summary, meaning) in enumerate(CATEGORIES)
}
WALES = {
    i + 12: Paragraph(i + 12, summary, meaning) for i, (summary, meaning) in enumerate(CATEGORIES)
}


def paragraphs_for(jurisdiction: str) -> dict[int, Paragraph]:
    return WALES if jurisdiction == Jurisdiction.WALES else ENGLAND


def legal_reference(jurisdiction: str, number: int) -> str:
    part = "Part 4" if jurisdiction == Jurisdiction.WALES else "Part 1"
    return f"Paragraph {number} of {part} of Schedule 12A to the Local Government Act 1972"


def choices_for(jurisdiction: str) -> list[tuple[int, str]]:
    return [(n, f"Paragraph {n}: {p.summary}") for n, p in paragraphs_for(jurisdiction).items()]
