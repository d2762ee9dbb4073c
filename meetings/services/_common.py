"""What the agenda and the minutes services share: the sections of an agenda, its numbering,
the optimistic lock on a meeting, the paragraphs of the panel's nation."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from documents import exemptions
from panel.models import Panel
from panel.services import StaleEdit
from panel.tenancy import own_row

from ..models import (
    Access,
    AgendaItem,
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
    if parent is not None and parent.access != item.access and item.access == Access.PUBLIC:
        raise ValidationError({"access": "A public item cannot sit under an exempt one."})
    if not item.title.strip():
        raise ValidationError({"title": "Enter a title."})


def renumber(meeting: Meeting) -> None:
    """Put items in section order and number them: 1, 2, … and sub-items 1(1), 1(2)."""
    items = list(AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting))
    top = sorted((i for i in items if i.parent_id is None), key=lambda i: (_section(i), i.position))
    for n, item in enumerate(top, start=1):
        item.position, item.number = n, str(n)
        children = sorted((c for c in items if c.parent_id == item.pk), key=lambda c: c.position)
        for m, child in enumerate(children, start=1):
            child.position, child.number = m, f"{n}({m})"
    AgendaItem.objects.for_panel(meeting.panel).bulk_update(items, ["position", "number"])
