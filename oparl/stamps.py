"""When each object was created and last modified, from the change history the models keep
(django-simple-history): the first and the last history row of each record."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, Max, Min, Model, QuerySet

from decisions.models import Decision, DecisionAttachment, DecisionCorrection
from documents.models import StoredFile
from meetings.models import AgendaPack, AgendaVersion, Meeting, MinutesVersion
from panel.models import Body, Membership, Panel, Person
from statutory.models import CaseDocument, CommissionerResponse, PanelReport, StatutoryCase

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


# What a panel's public record is built from. Each change to one of them writes a history row
# (or, for the append-only versions, corrections and files, a row), so the count, the highest
# id and the latest time of each table, together, change with every publication, edit,
# withdrawal, archiving, deletion or pack made. The time is there for a database restored from
# a backup, whose ids are given again to different changes.
_TRACKED: tuple[type[Model], ...] = (
    Body,
    Person,
    Membership,
    Meeting,
    Decision,
    DecisionAttachment,
    StatutoryCase,
    PanelReport,
    CommissionerResponse,
    CaseDocument,
)
_ROWS: tuple[tuple[type[Model], str, str], ...] = (
    (AgendaVersion, "id", "published_at"),
    (MinutesVersion, "id", "published_at"),
    (DecisionCorrection, "id", "made_at"),
    (StoredFile, "id", "uploaded_at"),
    (AgendaPack, "id", "finished_at"),  # a pack counts once it is made
)


def _row(model: type[Model], key: str, at: str, panel_id: int) -> QuerySet[Any]:
    rows = model._base_manager.filter(panel_id=panel_id).order_by().values("panel_id")
    return rows.annotate(n=Count("*"), k=Max(key), at=Max(at)).values_list("n", "k", "at")


_ANY_PANEL = -1  # a panel id no panel has, replaced by the panel's own when the query runs


@cache
def _stamp_query() -> tuple[str, tuple[Any, ...]]:
    """The query, compiled by the ORM once per process: a row per table."""
    rows = [_row(m.history.model, "history_id", "history_date", _ANY_PANEL) for m in _TRACKED]  # type: ignore[attr-defined]
    rows += [_row(model, key, at, _ANY_PANEL) for model, key, at in _ROWS]
    panel = Panel.objects.filter(pk=_ANY_PANEL).order_by().values_list("pk", "pk", "modified_at")
    return panel.union(*rows, all=True).query.sql_with_params()


def record_stamp(panel: Panel) -> str:
    """A stamp of everything the panel's public record is built from, in one query: a cached
    record under another stamp is never served."""
    sql, params = _stamp_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [panel.pk if p == _ANY_PANEL else p for p in params])
        rows = cursor.fetchall()
    text = "|".join(",".join(str(v) for v in row) for row in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
