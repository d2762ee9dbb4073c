"""An agenda item's public address is its number on the published agenda: item 4 is
``item-4``, sub-item 1(3) is ``item-1-3`` (brackets are awkward in a URL); an item added to
the published agenda after item 3 is ``item-3A``."""

from __future__ import annotations

import re

_SUB = re.compile(r"^(\d+[A-Z]?)\((\d+[A-Z]?)\)$")


class ItemNumberConverter:
    regex = r"[0-9]+[A-Z]?(?:-[0-9]+[A-Z]?)?"

    def to_python(self, value: str) -> str:
        top, _, sub = value.partition("-")
        return f"{top}({sub})" if sub else top

    def to_url(self, value: str) -> str:
        match = _SUB.match(str(value))
        return f"{match[1]}-{match[2]}" if match else str(value)
