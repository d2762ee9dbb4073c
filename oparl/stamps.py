"""When each object was created and last modified, from the change history the models keep
(django-simple-history): the first and the last history row of each record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Min

Stamps = dict[int, tuple[dt.datetime, dt.datetime]]


def history_stamps(model: Any, panel_id: int) -> Stamps:
    rows = (
        model.history.filter(panel_id=panel_id)
        .values("id")
        .annotate(first=Min("history_date"), last=Max("history_date"))
        .order_by()
    )
    return {row["id"]: (row["first"], row["last"]) for row in rows}


def iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def deleted(model: Any, panel_id: int, key: str) -> list[tuple[int, str]]:
    """Records of the panel deleted since the history began (the admin is the only way to delete
    one): each one's id and public key, from the history's deletion rows."""
    rows = model.history.filter(panel_id=panel_id, history_type="-").values_list("id", key)
    return [(pk, str(value)) for pk, value in rows]
