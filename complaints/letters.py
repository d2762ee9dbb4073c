"""The letters each step of a case needs, from templates, each naming the regulation of
SI 2012/62 it is sent under, to the people that regulation names.

Recipients: "complainant", "subject" (the person complained against, reg 2(1): the Commissioner
or the Deputy) and "oversight" (the Commission: the IPCC, or the IOPC from 8 January 2018, named
by the case's date). Where the text of the regulation behind a letter was not read (regs 13, 16
after the first words of (3), and the rest of reg 15), the recipients are the panel's practice
as these letters had it, and the docstring of ``complaints.law`` says which texts were read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Complaint

S = Complaint.Status


@dataclass(frozen=True)
class Kind:
    title: str
    cites: str
    statuses: frozenset[str]
    recipients: tuple[str, ...]


LETTERS: dict[str, Kind] = {
    "acknowledgement": Kind("Acknowledgement", "SI 2012/62", frozenset(S.values), ("complainant",)),
    # reg 10(2): the decision to take no action and its grounds, to the complainant.
    "not_recorded": Kind(
        "Complaint not recorded",
        "SI 2012/62 reg 10(2)",
        frozenset({S.NOT_RECORDED}),
        ("complainant",),
    ),
    "recorded": Kind(
        "Complaint recorded",
        "SI 2012/62 regs 9 and 31",
        frozenset({S.RECORDED, S.REFERRED, S.SET_ASIDE, S.INFORMAL, S.RESOLVED}),
        ("complainant", "subject"),
    ),
    # reg 13: the referral itself to the Commission; the complainant and the person complained
    # against are told of it (reg 13's text was not read: see the module's docstring).
    "referral": Kind(
        "Referral", "SI 2012/62 reg 13", frozenset(), ("oversight", "complainant", "subject")
    ),
    # reg 15(2)-(3): the complaint handled otherwise than under Part 4, on a ground of (3).
    "set_aside": Kind(
        "Complaint set aside (disapplication)",
        "SI 2012/62 reg 15",
        frozenset({S.SET_ASIDE}),
        ("complainant", "subject"),
    ),
    # reg 16(1): the withdrawal recorded; reg 16(3): the Commission told when it holds the case.
    "withdrawal": Kind(
        "Withdrawal recorded",
        "SI 2012/62 reg 16",
        frozenset({S.WITHDRAWN}),
        ("complainant", "subject", "oversight"),
    ),
    "outcome": Kind(
        "Outcome", "SI 2012/62 reg 28", frozenset({S.RESOLVED}), ("complainant", "subject")
    ),
}


@dataclass(frozen=True)
class Letter:
    kind: str
    to: str
    title: str
    cites: str
    body: str


def recipient(complaint: Complaint, to: str) -> str:
    """Who a letter goes to, as a phrase that follows "to"."""
    if to == "complainant":
        return "the complainant"
    if to == "oversight":
        return f"the {complaint.oversight().name} ({complaint.oversight().short})"
    return complaint.get_subject_display()


def _sent(complaint: Complaint, kind: str, to: str) -> bool:
    letter = LETTERS[kind]
    if complaint.anonymised_at or to not in letter.recipients:
        return False
    if complaint.is_conduct_matter:
        # No complainant: the Commission and the person whose conduct it is.
        referral = kind == "referral" and bool(complaint.iopc_referred_on)
        outcome = kind == "outcome" and complaint.status in letter.statuses
        return to != "complainant" and (referral or outcome)
    if kind == "referral":
        return bool(complaint.iopc_referred_on)
    if kind == "withdrawal" and to == "oversight":
        return _withdrawn_while_referred(complaint)
    return complaint.status in letter.statuses


def _withdrawn_while_referred(complaint: Complaint) -> bool:
    """SI 2012/62 reg 16(3): withdrawn while referred to the Commission and not referred back."""
    return (
        complaint.status == S.WITHDRAWN
        and bool(complaint.iopc_referred_on)
        and not complaint.iopc_outcome
    )


def available(complaint: Complaint) -> list[tuple[str, str, str]]:
    """(kind, recipient, title) of each letter this case's step allows."""
    return [
        (kind, to, f"{letter.title}: to {recipient(complaint, to)}")
        for kind, letter in LETTERS.items()
        for to in letter.recipients
        if _sent(complaint, kind, to)
    ]


def render_letter(complaint: Complaint, kind: str, to: str) -> Letter | None:
    if kind not in LETTERS or not _sent(complaint, kind, to):
        return None
    letter = LETTERS[kind]
    body = render_to_string(
        f"complaints/letters/{kind}.txt",
        {
            "c": complaint,
            "to": to,
            "today": timezone.localdate(),
            "panel": complaint.panel,
            "body": complaint.oversight(),
            "cites": letter.cites,
            "ground_cite": _ground_cite(complaint),
        },
    )
    title = f"{letter.title}: to {recipient(complaint, to)}"
    return Letter(kind, to, title, letter.cites, body.strip())


def _ground_cite(complaint: Complaint) -> str:
    # SI 2012/62 reg 15(3)(a)-(f): the label of each ground begins with its paragraph.
    label = complaint.get_set_aside_ground_display() if complaint.set_aside_ground else ""
    return label.split(":", 1)[0].replace("Reg ", "regulation ") if label else ""
