"""``modified_since`` on the API's lists: what changed after a moment.

What "changed" means is read from the change history (django-simple-history), not from a
``modified`` column. Every service writes its change through ``panel.audit`` in the change's own
transaction, so a row's history is complete; a row's history also records the changes of the
parts its representation is built from (a decision's attachments, a case's reports, an action's
notes), their deletion included (a ``-`` row names its parent), which a column of the parent,
touched only when its own ``save()`` runs, would miss. Publication is read from the versions a
publication writes (``AgendaVersion.published_at``). A list names its sources (``Source``), each
asked with an ``EXISTS`` on its indexed id and date: one query, whatever the length of the list.

Deletions: a deleted row is no longer listed, whatever ``modified_since`` says; a consumer learns
of one by comparing the ids it holds with a full list (without ``modified_since``), or from the
OParl endpoint's tombstones (``deleted: true``) for what the public may read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

NAME = "modified_since"
QS = TypeVar("QS", bound=QuerySet[Any])

PARAMETER = OpenApiParameter(
    NAME,
    OpenApiTypes.DATETIME,
    description="Only what changed after this moment: an ISO 8601 date and time with its offset, "
    "like 2014-09-26T10:00:00+01:00 (send the + as %2B). A bad value is a 400 naming "
    "modified_since. A change is one to the record or to a part its representation shows, as "
    "the change history records it; a deleted record is no longer listed (compare ids with a "
    "full list; the OParl endpoint at /oparl/v1/ serves public deletions as tombstones).",
)

# An offset's "+" sent unencoded arrives as a space ("2014-09-26T10:00:00 01:00").
_SPACED_OFFSET = re.compile(r" (\d{2}(?::?\d{2})?)$")
MESSAGE = "Give an ISO 8601 date and time with its offset, like 2014-09-26T10:00:00+01:00."


def parse_moment(text: str, *, offset_required: bool = False) -> dt.datetime | None:
    """An ISO 8601 date and time, in UTC; None if it is not one (or has no offset where one is
    required). Without an offset, it is read in the project's time zone."""
    try:
        moment = parse_datetime(_SPACED_OFFSET.sub(r"+\1", text.strip()))
    except ValueError:
        return None
    if moment is None or (moment.tzinfo is None and offset_required):
        return None
    try:
        return (moment if timezone.is_aware(moment) else timezone.make_aware(moment)).astimezone(
            dt.UTC
        )
    except (ValueError, OverflowError):  # past year 1 or 9999 once in UTC
        return None


def modified_since(query: Any) -> dt.datetime | None:
    """The request's ``modified_since``, or None without one; a 400 naming it if it is bad."""
    if NAME not in query:
        return None
    moment = parse_moment(str(query[NAME]), offset_required=True)
    if moment is None:
        raise ValidationError({NAME: [MESSAGE]})
    return moment


@dataclass(frozen=True)
class Source:
    """A table with a time column (``at``) whose rows name a listed row: their column ``link``
    holds the listed row's ``outer`` (its id, or the id of a row it shows, like its body)."""

    model: type[Model]
    link: str = "id"
    at: str = "history_date"
    outer: str = "pk"


def tracked(model: type[Model], link: str = "id", outer: str = "pk") -> Source:
    """A tracked model's history: the row's own (``tracked(Decision)``), a part's
    (``tracked(DecisionAttachment, "decision_id")``) or a row it shows
    (``tracked(Body, outer="body_id")``). Its rows are joined to the listed rows, which the
    reader's scoped list holds already, by their ids: it never reaches another panel's."""
    return Source(model.history.model, link, outer=outer)  # type: ignore[attr-defined]


def changed_after(rows: QS, moment: dt.datetime, sources: Iterable[Source]) -> QS:
    changed = Q()
    for source in sources:
        later = source.model._default_manager.filter(
            **{source.link: OuterRef(source.outer), f"{source.at}__gt": moment}
        )
        changed |= Q(Exists(later))
    return rows.filter(changed)


def since(query: Any, rows: QS, sources: Iterable[Source]) -> QS:
    """``rows`` as they are, or only those changed after the query's ``modified_since``."""
    moment = modified_since(query)
    return rows if moment is None else changed_after(rows, moment, sources)
