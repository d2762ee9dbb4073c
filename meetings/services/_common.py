"""What the agenda and the minutes services share: the sections of an agenda, its numbering,
the optimistic lock on a meeting, the paragraphs of the panel's nation."""

from __future__ import annotations

import re
import string

from django.core.exceptions import ValidationError

from documents import exemptions
from panel.models import Panel
from panel.services import StaleEdit
from panel.tenancy import own_row

from ..models import (
    Access,
    AgendaItem,
    AgendaVersion,
    Meeting,
)

Kind = AgendaItem.Kind
TRAILING = (Kind.URGENT, Kind.NEXT_MEETING)


def _require_version(meeting: Meeting, expected_version: int | None) -> None:
    """Optimistic lock on the whole agenda: one clerk's save never silently undoes another's."""
    if expected_version is None:
        return
    bumped = own_row(meeting).filter(version=expected_version).update(version=expected_version + 1)
    if bumped != 1:
        raise StaleEdit()
    meeting.version = expected_version + 1


def _section(item: AgendaItem) -> int:
    """Public business, then the trailing standing items, the exclusion resolution, exempt."""
    if item.access == Access.EXEMPT:
        return 3
    if item.kind == Kind.EXCLUSION:
        return 2
    if item.kind in TRAILING:
        return 1
    return 0


def _paragraphs(panel: Panel) -> set[int]:
    return set(exemptions.paragraphs_for(panel.jurisdiction))


def _check_item(item: AgendaItem, panel: Panel) -> None:
    item.clean_exemption(_paragraphs(panel))
    parent = item.parent if item.parent_id else None
    if parent is not None and item.kind == Kind.HEADING:
        raise ValidationError({"heading": "A heading cannot go under another heading."})
    if parent is not None and parent.access != item.access and item.access == Access.PUBLIC:
        raise ValidationError({"access": "A public item cannot sit under an exempt one."})
    if not item.title.strip():
        raise ValidationError({"title": "Enter a title."})


def _published_numbers(meeting: Meeting) -> dict[int, str]:
    """The number each item has on the latest published agenda (by item id)."""
    latest = (
        AgendaVersion.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .order_by("-number")
        .values_list("content", flat=True)
        .first()
    )
    return {i["id"]: i["number"] for i in latest["items"]} if latest else {}


def _free_after(previous: str, used: set[str], wrap: str = "{}") -> str:
    """A number for an item added after ``previous`` that no published item uses: 3A, 3B, …
    after 3 (or after 3A); for a sub-item, inside ``wrap`` (1(3A))."""
    base = re.match(r"\d*", previous)[0] or "0"  # type: ignore[index]  # \d* always matches
    for letter in string.ascii_uppercase:
        number = wrap.format(base + letter)
        if number not in used:
            return number
    raise ValidationError("Too many items have been added between two published items.")


def renumber(meeting: Meeting) -> None:
    """Put items in section order and number them: 1, 2, … and sub-items 1(1), 1(2).

    Numbers never change once published: an item on the published agenda keeps its number
    (page, pack, minutes and API all use it), and an item added since takes a number after the
    one before it that no published item uses (a late item after 3 is 3A, before "Any Urgent
    Items" 4, which stays 4)."""
    items = list(AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting))
    top = sorted((i for i in items if i.parent_id is None), key=lambda i: (_section(i), i.position))
    published = _published_numbers(meeting) if meeting.agenda_version else {}
    used = set(published.values())
    previous = "0"
    for n, item in enumerate(top, start=1):
        item.position = n
        if not published:
            item.number = str(n)
        elif item.pk in published:
            item.number = published[item.pk]
        elif previous.isdigit() and str(int(previous) + 1) not in used and item is top[-1]:
            item.number = str(int(previous) + 1)  # a new last item simply follows
        else:
            item.number = _free_after(previous, used)
        used.add(item.number)
        previous = item.number
        children = sorted((c for c in items if c.parent_id == item.pk), key=lambda c: c.position)
        before = "0"
        for m, child in enumerate(children, start=1):
            child.position = m
            if not published:
                child.number = f"{item.number}({m})"
            elif child.pk in published:
                child.number = published[child.pk]
            elif child is children[-1] and f"{item.number}({m})" not in used:
                child.number = f"{item.number}({m})"
            else:
                child.number = _free_after(before, used, wrap=f"{item.number}({{}})")
            used.add(child.number)
            before = re.sub(r"^.*\(|\)$", "", child.number)
    AgendaItem.objects.for_panel(meeting.panel).bulk_update(items, ["position", "number"])
