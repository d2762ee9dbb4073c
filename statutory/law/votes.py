"""The required majority for a veto: two-thirds of the panel's members, not of those present.

PRSRA 2011 Sch 5 para 4(3)–(4) (the precept): a veto is "the panel making a decision, by the
required majority, that the proposed precept should not be the precept for the financial year",
and "the panel makes that decision by the required majority if at least two-thirds of the
persons who are members of the panel at the time when the decision is made vote in favour of
making that decision."

The chief constable's veto is PRSRA 2011 Sch 8 para 5 (Sch 8 para 4(5) refers to the panel
vetoing "the proposed appointment under paragraph 5"). The text of para 5 could not be read
here; the Policing Protocol Order 2011 (SI 2011/2744) Sch para 24(b) describes it as "the power
of veto ..., by a two-thirds majority of the total Panel membership, over the PCC’s proposed
candidate for Chief Constable", and the same count is applied.

Who counts: the caller (the statutory app's services, next) counts the persons who are members
of the panel on the day of the vote, from the panel's memberships: councillors and co-opted
members alike (both are members of the panel), a vacant seat not at all. Attendance does not
change the number: a member who is absent or abstains is simply not "in favour". The functions
here take the two numbers and do exact integer arithmetic, never floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class VetoPower(StrEnum):
    """The two powers of veto, each with its own citation."""

    PRECEPT = "precept"
    CHIEF_CONSTABLE = "chief_constable"

    @property
    def cites(self) -> str:
        if self is VetoPower.PRECEPT:
            return "PRSRA 2011 Sch 5 para 4(4)"
        return "PRSRA 2011 Sch 8 para 5"


def veto_threshold(members: int) -> int:
    """The fewest votes in favour that are "at least two-thirds" of ``members``: the smallest
    whole number v with 3v ≥ 2 × members (8 of 12, 7 of 10, 8 of 11, 9 of 13, 10 of 15)."""
    if members < 1:
        raise ValueError("A panel with no members cannot vote.")
    return -(-2 * members // 3)


def two_thirds_of(members: int) -> str:
    """Two-thirds of ``members`` written exactly: "8", "6⅔", "7⅓"."""
    whole, thirds = divmod(2 * members, 3)
    return str(whole) + ("", "⅓", "⅔")[thirds]


@dataclass(frozen=True)
class VetoOutcome:
    carried: bool
    in_favour: int
    members: int
    needed: int
    text: str
    cites: str


def veto_outcome(*, in_favour: int, members: int, power: VetoPower) -> VetoOutcome:
    """Whether a vote to veto carries, and the sentence the minutes carry, e.g.
    "vetoed: 8 of 12 members in favour (two-thirds of 12 is 8)"."""
    if not 0 <= in_favour <= members:
        raise ValueError(f"{in_favour} in favour cannot be counted among {members} members.")
    needed = veto_threshold(members)
    exact = two_thirds_of(members)
    because = f"two-thirds of {members} is {exact}"
    if exact != str(needed):
        because += f", so {needed} are needed"
    carried = in_favour >= needed
    if carried:
        text = f"vetoed: {in_favour} of {members} members in favour ({because})"
    else:
        text = (
            f"not vetoed: {in_favour} of {members} members in favour, fewer than the "
            f"{needed} needed ({because})"
        )
    return VetoOutcome(
        carried=carried,
        in_favour=in_favour,
        members=members,
        needed=needed,
        text=text,
        cites=power.cites,
    )
