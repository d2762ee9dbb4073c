"""Letters to the complainant and to the person complained about, from templates, for each step."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Complaint

S = Complaint.Status
# kind -> (statuses at which it can be sent, recipients)
LETTERS: dict[str, tuple[set[str], tuple[str, ...]]] = {
    "acknowledgement": (set(S.values), ("complainant",)),
    "recorded": (
        {S.RECORDED, S.REFERRED, S.SET_ASIDE, S.INFORMAL, S.RESOLVED},
        ("complainant", "subject"),
    ),
    "not_recorded": ({S.NOT_RECORDED}, ("complainant",)),
    "outcome": ({S.SET_ASIDE, S.RESOLVED}, ("complainant", "subject")),
}
TITLES = {
    "acknowledgement": "Acknowledgement",
    "recorded": "Complaint recorded",
    "not_recorded": "Complaint not recorded",
    "outcome": "Outcome",
}


@dataclass(frozen=True)
class Letter:
    kind: str
    to: str
    title: str
    body: str


def _recipient(complaint: Complaint, to: str) -> str:
    return "complainant" if to == "complainant" else complaint.get_subject_display().lower()


def available(complaint: Complaint) -> list[tuple[str, str, str]]:
    """(kind, recipient, title) of each letter this case's step allows."""
    return [
        (
            kind,
            to,
            f"{TITLES[kind]}: to the {_recipient(complaint, to)}",
        )
        for kind, (statuses, recipients) in LETTERS.items()
        if complaint.status in statuses and not complaint.anonymised_at
        for to in recipients
    ]


def render_letter(complaint: Complaint, kind: str, to: str) -> Letter | None:
    if kind not in LETTERS or complaint.anonymised_at:
        return None
    statuses, recipients = LETTERS[kind]
    if complaint.status not in statuses or to not in recipients:
        return None
    body = render_to_string(
        f"complaints/letters/{kind}.txt",
        {"c": complaint, "to": to, "today": timezone.localdate(), "panel": complaint.panel},
    )
    return Letter(kind, to, TITLES[kind], body.strip())
