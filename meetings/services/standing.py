"""The panel's standing items: the template every new agenda opens with, edited as one list."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from panel.audit import Actor, delete_as, save_as
from panel.models import Panel
from panel.services import StaleEdit

from ..models import (
    Access,
    StandingItem,
)
from ._common import Kind, _paragraphs

# The standing items of a new agenda when the panel has no template of its own.
DEFAULT_STANDING_ITEMS: list[dict[str, Any]] = [
    {"kind": Kind.HEADING, "title": "General"},
    {"kind": Kind.APOLOGIES, "title": "Apologies", "parent_title": "General"},
    {
        "kind": Kind.DECLARATIONS,
        "parent_title": "General",
        "title": "Members' Disclosures of Pecuniary and Non-Pecuniary Interests",
        "purpose": "Members declare any disclosable pecuniary interest not yet registered, and any "
        "non-pecuniary interest, at the start of the meeting.",
    },
    {"kind": Kind.MINUTES, "title": "Minutes of the previous meeting", "parent_title": "General"},
    {
        "kind": Kind.PUBLIC_QUESTIONS,
        "panel_only": True,
        "title": "Public Question Time",
        "purpose": "Up to 30 minutes for questions from the public on the business of the panel or "
        "the Commissioner. Contact Democratic Services at least 3 working days before.",
    },
    {
        "kind": Kind.URGENT,
        "title": "Any Urgent Items",
        "purpose": "Items the Chair considers urgent; please tell Democratic Services beforehand.",
    },
    {"kind": Kind.NEXT_MEETING, "title": "Date of Next Meeting"},
    {
        "kind": Kind.EXCLUSION,
        "title": "Reports Containing Confidential or Exempt Information",
        "purpose": "To consider excluding the public for the items below, because their presence "
        "would involve the disclosure of exempt information.",
    },
    {
        "kind": Kind.COMPLAINTS,
        "panel_only": True,
        "title": "Complaints",
        "access": Access.EXEMPT,
        "paragraph": 2,
        "purpose": "A verbal update on complaints received about the conduct of the Police and "
        "Crime Commissioner or the Deputy Commissioner.",
    },
]


def _template_rows(panel: Panel) -> list[StandingItem]:
    """The panel's standing items in order: its own, or the standard set (unsaved rows)."""
    return list(StandingItem.objects.for_panel(panel).order_by("position")) or standard_rows(panel)


def standing_rows_for(panel: Panel, body_kind: str) -> list[StandingItem]:
    """The template as a body of this kind opens its agendas with: the panel's own meetings take
    every item; its working groups, task and finish groups and sub-committees leave out the
    items marked for the panel only (a working group takes no public questions), and a heading
    left with nothing under it."""
    rows = _template_rows(panel)
    if body_kind == "panel":
        return rows
    kept = [row for row in rows if not row.panel_only]
    used = {row.parent_title for row in kept if row.parent_title}
    return [row for row in kept if row.kind != Kind.HEADING or row.title in used]


def standard_rows(panel: Panel) -> list[StandingItem]:
    """The standard standing items, as unsaved rows, with the paragraphs of the panel's nation."""
    offset = 11 if panel.jurisdiction == "wales" else 0
    rows = []
    for d in DEFAULT_STANDING_ITEMS:
        paragraph = d.get("paragraph")
        rows.append(
            StandingItem(
                panel=panel,
                kind=d["kind"],
                title=d["title"],
                purpose=d.get("purpose", ""),
                parent_title=d.get("parent_title", ""),
                access=d.get("access", Access.PUBLIC),
                exempt_paragraph=paragraph + offset if paragraph else None,
                panel_only=d.get("panel_only", False),
            )
        )
    return rows


# The panel's standing items: the template every new agenda opens with.


def standing_fingerprint(panel: Panel) -> str:
    """A digest of the whole template: a form carries it, and a save made after someone else
    changed the template is refused (the template is edited as one list)."""
    rows = (
        StandingItem.objects.for_panel(panel)
        .order_by("position")
        .values_list(
            "pk",
            "position",
            "kind",
            "title",
            "purpose",
            "parent_title",
            "access",
            "exempt_paragraph",
            "panel_only",
        )
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


def _lock_template(panel: Panel, expected: str | None) -> list[StandingItem]:
    """Lock the panel's row (edits of its template queue behind each other) and check that the
    template is still the one the form was made from; the template's rows, in order."""
    Panel.objects.select_for_update().get(pk=panel.pk)
    if expected is not None and expected != standing_fingerprint(panel):
        raise StaleEdit()
    return _template_rows(panel)  # the first change starts from the standard items


def _row(rows: list[StandingItem], item: StandingItem) -> StandingItem:
    found = next((row for row in rows if row.pk == item.pk), None)
    if found is None:
        raise StaleEdit()  # removed by someone else meanwhile
    return found


def _check_template(panel: Panel, rows: list[StandingItem]) -> None:
    """What meeting_create needs of the template: titles, paragraphs of the panel's nation,
    each sub-item after a heading of its title, no public item under an exempt heading."""
    allowed, headings = _paragraphs(panel), dict[str, StandingItem]()
    for row in rows:
        if not row.title.strip():
            raise ValidationError({"title": "Enter a title."})
        if row.kind not in Kind.values:
            raise ValidationError({"kind": "Choose what kind of item it is."})
        if row.access == Access.EXEMPT and row.exempt_paragraph not in allowed:
            raise ValidationError(
                {"exempt_paragraph": "Choose the paragraph that makes it exempt."}
            )
        if row.access == Access.PUBLIC:
            row.exempt_paragraph = None
        if row.parent_title:
            heading = headings.get(row.parent_title)
            if heading is None:
                raise ValidationError(
                    {
                        "parent_title": (
                            f"“{row.title}” sits under “{row.parent_title}”, so it must come after "
                            "that heading."
                        )
                    }
                )
            if heading.access == Access.EXEMPT and row.access == Access.PUBLIC:
                raise ValidationError({"access": "A public item cannot sit under an exempt one."})
        if row.kind == Kind.HEADING:
            if row.parent_title:
                raise ValidationError({"parent_title": "A heading cannot sit under another."})
            headings[row.title] = row


TEMPLATE_FIELDS = ("position", "kind", "title", "purpose", "parent_title", "access", "panel_only")


def _values(row: StandingItem) -> tuple[Any, ...]:
    return (*(getattr(row, f) for f in TEMPLATE_FIELDS), row.exempt_paragraph)


def _save_template(panel: Panel, rows: list[StandingItem], actor: Actor) -> None:
    """Write the template as ``actor``: the rows removed deleted, and only the rows new or
    changed saved, so the change history shows what changed and nothing else."""
    _check_template(panel, rows)
    kept = [row.pk for row in rows if row.pk]
    stored = StandingItem.objects.for_panel(panel)
    delete_as(stored.exclude(pk__in=kept), actor)
    before = {row.pk: _values(row) for row in stored.filter(pk__in=kept)}
    for position, row in enumerate(rows, start=1):
        row.panel, row.position = panel, position
        if before.get(row.pk) != _values(row):
            save_as(row, actor)


@transaction.atomic
def standing_items_customise(*, panel: Panel, actor: Actor) -> list[StandingItem]:
    """Make the standard items the panel's own template, to change them."""
    rows = _lock_template(panel, None)
    if not any(row.pk for row in rows):
        _save_template(panel, rows, actor)
    return rows


@transaction.atomic
def standing_item_save(
    *,
    panel: Panel,
    item: StandingItem | None = None,
    expected: str | None = None,
    actor: Actor,
    **fields: Any,
) -> StandingItem:
    """Add an item at the end of the template (``item`` None) or change one. Renaming a heading
    keeps its sub-items under it."""
    rows = _lock_template(panel, expected)
    if item is None:
        item = StandingItem(panel=panel)
        rows.append(item)
    else:
        item = _row(rows, item)
    old_title = item.title if item.kind == Kind.HEADING else None
    for name, value in fields.items():
        setattr(item, name, value)
    if old_title and old_title != item.title:
        for row in rows:
            if row.parent_title == old_title:
                row.parent_title = item.title
    _save_template(panel, rows, actor)
    return item


@transaction.atomic
def standing_item_move(
    *,
    panel: Panel,
    item: StandingItem,
    direction: int,
    expected: str | None = None,
    actor: Actor,
) -> None:
    rows = _lock_template(panel, expected)
    index = rows.index(_row(rows, item))
    other = index + direction
    if not 0 <= other < len(rows):
        return
    rows[index], rows[other] = rows[other], rows[index]
    _save_template(panel, rows, actor)


@transaction.atomic
def standing_item_remove(
    *, panel: Panel, item: StandingItem, expected: str | None = None, actor: Actor
) -> None:
    """Remove an item; a removed heading's sub-items become items of their own."""
    rows = [row for row in _lock_template(panel, expected) if row.pk != item.pk]
    if item.kind == Kind.HEADING:
        for row in rows:
            if row.parent_title == item.title:
                row.parent_title = ""
    _save_template(panel, rows, actor)
