"""What every CSV the product offers does to a cell before it is written."""

from __future__ import annotations


def safe_cell(text: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
