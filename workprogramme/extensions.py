"""Where the apps beside the work programme add to it, without importing each other.

`publishing/wiring.py` fills these when the project starts; with nothing connected, the
programme shows its own items only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from panel.access import Reader
from panel.models import Panel

# Dates the law sets in a municipal year ("2014/15"), for the programme's page: (reader, panel,
# year) -> [{"on": date, "what": str, "cites": str, "case": the case's projection or None}].
YearDates = Callable[[Reader, Panel, str], list[dict[str, Any]]]
year_dates: list[YearDates] = []
