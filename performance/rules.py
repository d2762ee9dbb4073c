"""How a figure is judged: against the measure's target or baseline, and against the quarter
before. Pure functions on numbers (no database), so the pages, the API, the pack and the tests
all judge alike.

"Within tolerance" is the plan's own tolerance (a local arrangement, not law): a figure within
that percentage of what it is compared with counts as level, neither better nor worse.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class Judgement(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    LEVEL = "level"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "better": "Better",
            "worse": "Worse",
            "level": "Within tolerance",
            "unknown": "No figure",
        }[self.value]


def judge(
    value: Decimal | None, against: Decimal | None, *, good: str, tolerance_percent: Decimal
) -> Judgement:
    """``value`` compared with ``against`` for a measure whose good direction is ``good``
    ("up" or "down"). Either missing: unknown. Within the tolerance of ``against``: level."""
    if value is None or against is None:
        return Judgement.UNKNOWN
    margin = abs(against) * tolerance_percent / 100
    if abs(value - against) <= margin:
        return Judgement.LEVEL
    rose = value > against
    return Judgement.BETTER if rose == (good == "up") else Judgement.WORSE
