"""When each object was created and last modified, from the change history the models keep
(django-simple-history): the first and the last history row of each record."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db.models import Max, Min, Model, OuterRef, QuerySet, Subquery

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


# What a panel's public record is built from. Each change to one of them writes a row: a history
# row (a deletion too), or, for the append-only versions, corrections and files, a row of its
# own; a pack, once made, its time. So the newest row of each, its id and its time, together
# change with every publication, edit, withdrawal, archiving, deletion or pack made. The time is
# there for a database restored from a backup, whose ids are given again to different changes.
# Each newest row is one step down an index (the history's (panel, history_id), panel.history;
# the tables' own (panel, id); the packs' (panel, finished_at)), so the stamp costs the same in
# a panel's tenth year as in its first.
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
_ROWS: tuple[tuple[type[Model], str], ...] = (
    (AgendaVersion, "published_at"),
    (MinutesVersion, "published_at"),
    (DecisionCorrection, "made_at"),
    (StoredFile, "uploaded_at"),
)


def _newest(model: type[Model], key: str, column: str) -> Subquery:
    rows = model._base_manager.filter(panel_id=OuterRef("pk")).order_by(f"-{key}")
    return Subquery(rows.values(column)[:1])


def _stamp_row(panel_id: int) -> QuerySet[Any]:
    """One row: the panel's own change, then the newest row of each table."""
    columns: list[Subquery] = []
    for model in _TRACKED:
        history = model.history.model  # type: ignore[attr-defined]
        columns += [_newest(history, "history_id", c) for c in ("history_id", "history_date")]
    for model, at in _ROWS:
        columns += [_newest(model, "id", c) for c in ("id", at)]
    made = AgendaPack._base_manager.filter(panel_id=OuterRef("pk"), finished_at__isnull=False)
    columns.append(Subquery(made.order_by("-finished_at").values("finished_at")[:1]))
    stamps = {f"s{n}": column for n, column in enumerate(columns)}
    panel = Panel.objects.filter(pk=panel_id).order_by().annotate(**stamps)
    return panel.values_list("modified_at", *stamps)


# Compiled by the ORM once per process (panel.prepared).
_STAMP_ROW = Prepared(_stamp_row, panel_id=-1)


def record_stamp(panel: Panel) -> str:
    """A stamp of everything the panel's public record is built from, in one query: a cached
    record under another stamp is never served."""
    rows = _STAMP_ROW.rows(panel_id=panel.pk)
    text = "|".join(",".join(str(v) for v in row) for row in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
