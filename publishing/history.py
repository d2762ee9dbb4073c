"""The change history: who changed what and when, from django-simple-history's tables, across
the apps (it is composition: each role sees the history of the records it keeps).

Read-side only. ``changes`` merges the history of every kind the reader may see (the policy's
``history_kinds``), newest first, and works out each change's fields from the record before it,
in a fixed number of queries whatever the page holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from complaints.models import Complaint, ComplaintAttachment
from decisions.models import Decision, DecisionAttachment
from meetings.models import (
    AgendaItem,
    Appendix,
    Attendance,
    Declaration,
    Meeting,
    Minute,
    Question,
    Report,
    Resolution,
    StandingItem,
    Vote,
    VoteCast,
)
from panel.access import Reader, Role, is_signed_in, roles_in
from panel.models import ApiToken, Authority, Body, Membership, Panel, Person, RoleGrant
from performance.models import Measure, Plan, Priority, Return, quarter_label
from statutory.models import CommissionerResponse, PanelReport, StatutoryCase
from workprogramme.models import Action, ActionNote, WorkProgrammeItem

KINDS: dict[str, tuple[type[Any], str]] = {  # models with ``history`` (simple-history's manager)
    "meeting": (Meeting, "Meeting"),
    "item": (AgendaItem, "Agenda item"),
    "report": (Report, "Report"),
    "appendix": (Appendix, "Appendix"),
    "attendance": (Attendance, "Attendance"),
    "declaration": (Declaration, "Declaration of interest"),
    "minute": (Minute, "Minute"),
    "resolution": (Resolution, "Resolution"),
    "question": (Question, "Question"),
    "vote": (Vote, "Recorded vote"),
    "vote_cast": (VoteCast, "A member's vote"),
    "work_item": (WorkProgrammeItem, "Work programme item"),
    "action": (Action, "Action"),
    "action_note": (ActionNote, "Action progress note"),
    "decision": (Decision, "Decision"),
    "decision_attachment": (DecisionAttachment, "Decision attachment"),
    "complaint": (Complaint, "Complaint"),
    "complaint_attachment": (ComplaintAttachment, "Complaint attachment"),
    "statutory_case": (StatutoryCase, "Statutory case"),
    "panel_report": (PanelReport, "The panel's report on a case"),
    "commissioner_response": (CommissionerResponse, "The Commissioner's response"),
    "plan": (Plan, "Police and Crime Plan"),
    "plan_priority": (Priority, "Plan priority"),
    "plan_measure": (Measure, "Plan measure"),
    "plan_return": (Return, "Quarterly return"),
    "authority": (Authority, "Council"),
    "person": (Person, "Person"),
    "body": (Body, "Body"),
    "membership": (Membership, "Membership"),
    "role_grant": (RoleGrant, "Role granted"),
    "standing_item": (StandingItem, "Standing item"),
    "api_token": (ApiToken, "API token"),
}
HOW = {"+": "Created", "~": "Changed", "-": "Deleted"}
RELATED = {"role_grant": ("user",), "membership": ("person", "body")}  # named in the description
SKIP = {"version", "body_html", "text_html", "position", "number"}
PAGE = 50
SHOWN = 160

# The change history (django-simple-history): each role sees the history of what it keeps. The
# clerk, the panel's meetings, minutes (with recorded votes), work programme, and the statutory
# cases with the panel's reports (drafts included); OPCC officers, their decisions (drafts
# included, which nobody else may read), the cases and the Commissioner's responses (drafts
# included); both, the plan and its quarterly returns (drafts included, which both may read);
# complaints handlers, complaints. Nobody else sees any.

HISTORY_KINDS_BY_ROLE = {
    Role.CLERK: (
        "meeting",
        "item",
        "report",
        "appendix",
        "attendance",
        "declaration",
        "minute",
        "resolution",
        "question",
        "vote",
        "vote_cast",
        "work_item",
        "action",
        "action_note",
        "statutory_case",
        "panel_report",
        "plan",
        "plan_priority",
        "plan_measure",
        "plan_return",
        "authority",
        "person",
        "body",
        "membership",
        "role_grant",
        "standing_item",
        "api_token",
    ),
    Role.OPCC_OFFICER: (
        "api_token",
        "decision",
        "decision_attachment",
        "statutory_case",
        "commissioner_response",
        "plan",
        "plan_priority",
        "plan_measure",
        "plan_return",
    ),
    Role.COMPLAINTS_HANDLER: ("complaint", "complaint_attachment"),
}


def history_kinds(user: Reader, panel: Panel | int) -> tuple[str, ...]:
    roles = roles_in(user, panel) if is_signed_in(user) else frozenset()
    mine = (k for role, kinds in HISTORY_KINDS_BY_ROLE.items() if role in roles for k in kinds)
    return tuple(dict.fromkeys(mine))  # a kind two of the reader's roles keep, once


def can_view_history(user: Reader, panel: Panel | int) -> bool:
    return bool(history_kinds(user, panel))


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    kind: str
    label: str
    object_id: int
    what: str
    how: str
    who: str
    when: Any
    fields: list[FieldChange]


def _text(value: Any) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _diff(model: type[Model], record: Any, before: Any | None) -> list[FieldChange]:
    out = []
    for field in model._meta.concrete_fields:
        name = field.attname
        if name in SKIP or name in ("id", "panel_id") or not hasattr(record, name):
            continue  # a field the history leaves out (a token's digest) is never shown
        new = getattr(record, name)
        old = getattr(before, name) if before is not None else None
        if before is None and (new in (None, "", False) or field.is_relation):
            continue  # a new record: its own fields, not the ids of what it belongs to
        if before is None or old != new:
            out.append(FieldChange(str(field.verbose_name).capitalize(), _text(old), _text(new)))
    return out


def changes(
    user: Reader, panel: Panel, *, kind: str = "", object_id: int | None = None, page: int = 1
) -> dict[str, Any]:
    allowed = history_kinds(user, panel)
    kinds = [k for k in allowed if not kind or k == kind]
    limit = PAGE * page + 1
    rows: list[tuple[str, Any]] = []
    for key in kinds:
        model = KINDS[key][0]
        records = model.history.filter(panel_id=panel.pk).select_related(
            "history_user", *RELATED.get(key, ())
        )
        if object_id is not None:
            records = records.filter(id=object_id)
        rows += [(key, r) for r in records.order_by("-history_date", "-history_id")[:limit]]
    rows.sort(key=lambda row: (row[1].history_date, row[1].history_id), reverse=True)
    shown = rows[PAGE * (page - 1) : PAGE * page]
    # The record before each shown one, per kind, in one query each.
    previous: dict[tuple[str, int], Any] = {}
    for key in {k for k, _ in shown}:
        model = KINDS[key][0]
        mine = [r for k, r in shown if k == key]
        earlier = (
            model.history.filter(panel_id=panel.pk, id__in={r.id for r in mine})
            .filter(history_date__lte=max(r.history_date for r in mine))
            .order_by("id", "history_date", "history_id")
        )
        last: dict[int, Any] = {}
        for record in earlier:
            previous[(key, record.history_id)] = last.get(record.id)
            last[record.id] = record
    entries = []
    for key, record in shown:
        model, label = KINDS[key]
        before = previous.get((key, record.history_id))
        who = record.history_user.get_username() if record.history_user else "The system"
        fields = [] if record.history_type == "-" else _diff(model, record, before)
        how = HOW.get(record.history_type, record.history_type)
        entries.append(
            Change(
                key, label, record.id, _describe(key, record), how, who, record.history_date, fields
            )
        )
    return {
        "changes": entries,
        "kinds": [(k, KINDS[k][1]) for k in allowed],
        "kind": kind if kind in allowed else "",
        "object_id": object_id,
        "page": page,
        "has_next": len(rows) > PAGE * page,
    }


def _describe(kind: str, record: Any) -> str:
    if kind == "complaint":
        return f"Complaint {record.number}"  # a case is named by number, never by a person
    if kind == "role_grant":
        return f"{record.role.replace('_', ' ').capitalize()}: {record.user.get_username()}"
    if kind == "membership":
        return f"{record.person.name}, {record.get_role_display()} of {record.body.name}"
    if kind == "plan_return":
        return f"Return for {quarter_label(record.year, record.quarter)}"
    if kind in ("person", "api_token"):
        return _text(record.name)[:80]
    for attr in ("title", "topic", "slug", "text", "nature"):
        value = getattr(record, attr, None)
        if value:
            return _text(value)[:80]
    return f"#{record.id}"
