"""What changed between two published versions of a meeting's minutes, item by item, as a
reader may see both (each version is projected by the access rules first, so an exempt minute's
change is never shown to someone who may not read the minute)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class ItemChange:
    number: str
    title: str
    what: str  # "minute" or "resolutions"
    diff: SafeString


def word_diff(before: str, after: str) -> SafeString:
    """``after`` with words removed since ``before`` struck through (<del>) and words added
    marked (<ins>); every word escaped."""
    old, new = before.split(), after.split()
    parts: list[SafeString] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            parts.append(format_html("<del>{}</del>", " ".join(old[i1:i2])))
        if op in ("replace", "insert"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new[j1:j2])))
        if op == "equal":
            parts.append(escape(" ".join(old[i1:i2])))
    return format_html_join(" ", "{}", ((part,) for part in parts))


def _texts(item: dict[str, Any]) -> dict[str, str]:
    return {
        "minute": item.get("minute", ""),
        "resolutions": "\n".join(item.get("resolutions", [])),
    }


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[ItemChange]:
    """The items whose minute or resolutions differ between two projected versions."""
    earlier = {i["id"]: i for i in before["items"]}
    out = []
    for item in after["items"]:
        old = _texts(earlier.get(item["id"], {}))
        for what, text in _texts(item).items():
            if text != old[what]:
                out.append(
                    ItemChange(item["number"], item["title"], what, word_diff(old[what], text))
                )
    return out
