"""When each object was created and last modified, from the change history the models keep
(django-simple-history): the first and the last history row of each record."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db.models import Count, Max, Min, Model, QuerySet

from decisions.models import Decision, DecisionAttachment, DecisionCorrection
from documents.models import StoredFile
from meetings.models import AgendaPack, AgendaVersion, Meeting, MinutesVersion
from panel.models import Body, Membership, Panel, Person
from panel.prepared import Prepared
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


def _stamp_rows(panel_id: int) -> QuerySet[Any]:
    """A row per table."""
    rows = [_row(m.history.model, "history_id", "history_date", panel_id) for m in _TRACKED]  # type: ignore[attr-defined]
    rows += [_row(model, key, at, panel_id) for model, key, at in _ROWS]
    panel = Panel.objects.filter(pk=panel_id).order_by().values_list("pk", "pk", "modified_at")
    return panel.union(*rows, all=True)


# Compiled by the ORM once per process (panel.prepared).
_STAMP_ROWS = Prepared(_stamp_rows, panel_id=-1)


def record_stamp(panel: Panel) -> str:
    """A stamp of everything the panel's public record is built from, in one query: a cached
    record under another stamp is never served."""
    rows = _STAMP_ROWS.rows(panel_id=panel.pk)
    text = "|".join(",".join(str(v) for v in row) for row in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
