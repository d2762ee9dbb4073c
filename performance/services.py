"""State changes for the plan and its quarterly returns: every one validated in full before it
writes, in one transaction, as its actor.

A return moves draft -> submitted -> published (``RETURN_STEPS``); the clerk may send a submitted
return back to the office. Its figures are saved whole: a form, a CSV file or the API gives the
figures of a quarter, every row is checked, and either all are written or none is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from meetings.models import Meeting
from panel.audit import Actor, create_as, delete_as, save_as
from panel.models import Panel
from panel.services import StaleEdit, run_step
from panel.tenancy import own_row, require_same_panel
from statutory.models import StatutoryCase
from workprogramme import services as tracker

from .models import (
    MONEY_FIELDS,
    Figure,
    Measure,
    Plan,
    PlanVersion,
    Priority,
    Question,
    Return,
    quarter_label,
)

CSV_MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Entry:
    """A measure's figure as given (None: no figure this quarter)."""

    value: Decimal | None
    note: str = ""
    row: int = 0  # its row in a CSV file, to name it in an error


# The plan.


@transaction.atomic
def plan_create(
    *,
    panel: Panel,
    title: str,
    commissioner: str,
    starts_on: dt.date,
    ends_on: dt.date,
    slug: str = "",
    summary: str = "",
    actor: Actor,
) -> Plan:
    slug = slug or f"{starts_on.year}-{ends_on.year % 100:02d}"
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Give the plan's title."
    if ends_on <= starts_on:
        errors["ends_on"] = "The plan must end after it starts."
    if Plan.objects.for_panel(panel).filter(slug=slug).exists():
        errors["slug"] = f"The panel already has a plan for {slug}."
    if errors:
        raise ValidationError(errors)
    plan = create_as(
        Plan,
        actor,
        panel=panel,
        title=title.strip(),
        slug=slug,
        commissioner=commissioner,
        starts_on=starts_on,
        ends_on=ends_on,
        summary=summary,
    )
    create_as(
        PlanVersion,
        actor,
        panel=panel,
        plan=plan,
        number=1,
        adopted_on=starts_on,
        summary="The plan as first issued.",
    )
    return plan


@transaction.atomic
def plan_publish(*, plan: Plan, actor: Actor) -> Plan:
    current = own_row(plan).select_for_update().get()
    if current.published_at is not None:
        raise ValidationError("The plan is already published.")
    if not Measure.objects.for_panel(plan.panel_id).filter(plan=plan).exists():
        raise ValidationError("Add the plan's priorities and measures before publishing it.")
    current.published_at = timezone.now()
    save_as(current, actor, update_fields=["published_at"])
    plan.published_at = current.published_at
    return plan


def _unique_slug(rows: Any, title: str) -> str:
    base = slugify(title)
    if len(base) > 50:  # cut at a word, not in one
        base = base[:51].rsplit("-", 1)[0]
    base = base or "item"
    taken = set(rows.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def priority_add(*, plan: Plan, title: str, description: str = "", actor: Actor) -> Priority:
    if not title.strip():
        raise ValidationError({"title": "Give the priority's title."})
    rows = Priority.objects.for_panel(plan.panel_id).filter(plan=plan)
    return create_as(
        Priority,
        actor,
        panel_id=plan.panel_id,
        plan=plan,
        position=rows.count() + 1,
        title=title.strip(),
        slug=_unique_slug(rows, title),
        description=description,
    )


@transaction.atomic
def measure_add(
    *,
    priority: Priority,
    title: str,
    unit: str,
    good_direction: str,
    reference_kind: str = "",
    reference: Decimal | None = None,
    source: str = "",
    description: str = "",
    slug: str = "",
    illustrative: bool = False,
    actor: Actor,
) -> Measure:
    plan = priority.plan
    rows = Measure.objects.for_panel(plan.panel_id).filter(plan=plan)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Give the measure's title."
    if unit not in Measure.Unit.values:
        errors["unit"] = "Choose the measure's unit."
    if good_direction not in Measure.Direction.values:
        errors["good_direction"] = "Say whether higher or lower is better."
    if reference_kind not in Measure.Reference.values:
        errors["reference_kind"] = "Choose target, baseline or none."
    elif reference_kind and reference is None:
        errors["reference"] = f"Give the {reference_kind}'s value."
    elif not reference_kind and reference is not None:
        errors["reference_kind"] = "Say whether the value is a target or a baseline."
    if slug and rows.filter(slug=slug).exists():
        errors["slug"] = f"The plan already has a measure coded {slug}."
    if errors:
        raise ValidationError(errors)
    return create_as(
        Measure,
        actor,
        panel_id=plan.panel_id,
        plan=plan,
        priority=priority,
        position=rows.filter(priority=priority).count() + 1,
        title=title.strip(),
        slug=slug or _unique_slug(rows, title),
        unit=unit,
        good_direction=good_direction,
        reference_kind=reference_kind,
        reference=reference,
        source=source,
        description=description,
        illustrative=illustrative,
    )


@transaction.atomic
def plan_vary(
    *,
    plan: Plan,
    adopted_on: dt.date,
    summary: str,
    review_case: StatutoryCase | None = None,
    withdraw: list[Measure] | None = None,
    actor: Actor,
) -> PlanVersion:
    """A variation of the plan (PRSRA 2011 s 5(1)): a new version, naming the statutory case in
    which the panel reviewed the draft (s 28(3)); measures it withdraws stay on the record."""
    withdraw = withdraw or []
    require_same_panel(plan.panel_id, review_case=review_case)
    errors: dict[str, str] = {}
    if not summary.strip():
        errors["summary"] = "Say what the variation changed."
    if review_case is not None and review_case.kind not in (
        StatutoryCase.Kind.DRAFT_PLAN,
        StatutoryCase.Kind.PLAN_VARIATION,
    ):
        errors["review_case"] = "Choose the case in which the panel reviewed the draft plan."
    if any(m.plan_id != plan.pk for m in withdraw):
        errors["withdraw"] = "Choose measures of this plan."
    if errors:
        raise ValidationError(errors)
    current = own_row(plan).select_for_update().get()
    last = PlanVersion.objects.for_panel(plan.panel_id).filter(plan=plan).order_by("-number")
    version = create_as(
        PlanVersion,
        actor,
        panel_id=plan.panel_id,
        plan=current,
        number=(last.values_list("number", flat=True).first() or 0) + 1,
        adopted_on=adopted_on,
        summary=summary.strip(),
        review_case=review_case,
    )
    for measure in withdraw:
        measure.withdrawn_in = version
        save_as(measure, actor, update_fields=["withdrawn_in"])
    return version


# Returns.


@transaction.atomic
def return_open(*, plan: Plan, year: int, quarter: int, actor: Actor) -> Return:
    errors: dict[str, str] = {}
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = "Choose a quarter from 1 to 4."
    elif not plan.starts_on.year - 1 <= year <= plan.ends_on.year:
        errors["year"] = f"The plan runs from {plan.starts_on:%Y} to {plan.ends_on:%Y}."
    elif Return.objects.for_panel(plan.panel_id).filter(plan=plan, year=year, quarter=quarter):
        errors["quarter"] = f"There is already a return for {quarter_label(year, quarter)}."
    if errors:
        raise ValidationError(errors)
    return create_as(
        Return,
        actor,
        panel_id=plan.panel_id,
        plan=plan,
        year=year,
        quarter=quarter,
        created_by=actor,
    )


def _locked(of_return: Return, expected_version: int | None) -> Return:
    current: Return = own_row(of_return).select_for_update().get()
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit()
    current.version += 1
    current.plan = of_return.plan
    return current


def _checked_entries(
    plan: Plan, entries: Mapping[str, Entry]
) -> tuple[dict[Measure, Entry], dict[str, tuple[str, str]]]:
    """The entries' measures, and what is wrong with each bad one: code -> (field, problem)."""
    measures = {m.slug: m for m in Measure.objects.for_panel(plan.panel_id).filter(plan=plan)}
    found: dict[Measure, Entry] = {}
    errors: dict[str, tuple[str, str]] = {}
    for code, entry in entries.items():
        measure = measures.get(code)
        if measure is None:
            errors[code] = ("measure", f"no measure of this plan has the code {code}")
        elif problem := value_problem(measure, entry.value):
            errors[code] = ("value", problem)
        else:
            found[measure] = entry
    return found, errors


def value_problem(measure: Measure, value: Decimal | None) -> str | None:
    """Why ``value`` cannot be the measure's figure, or None."""
    if value is None:
        return None
    if not value.is_finite():
        return "give a number"
    if value.as_tuple().exponent < -2:  # type: ignore[operator]  # finite: an int
        return "give at most two decimal places"
    if value < 0:
        return "a figure cannot be negative"
    if measure.unit == Measure.Unit.PERCENT and value > 100:
        return "a percentage cannot be more than 100"
    if abs(value) >= Decimal("1e12"):
        return "the figure is too large"
    return None


@transaction.atomic
def return_save(
    *,
    of_return: Return,
    entries: Mapping[str, Entry],
    actor: Actor,
    money: Mapping[str, Decimal | None] | None = None,
    commentary: str | None = None,
    replace: bool = False,
    expected_version: int | None = None,
) -> Return:
    """Save a draft return's figures (by measure code). ``replace`` removes every figure not
    given (a whole quarter from a form); otherwise figures not given are left alone. An entry
    whose value is None removes that measure's figure (no figure, never zero)."""
    if of_return.status != Return.Status.DRAFT:
        raise ValidationError(
            "This return has been submitted: the clerk can send it back for changes."
        )
    found, problems = _checked_entries(of_return.plan, entries)
    errors = {code: [f"{field}: {problem}"] for code, (field, problem) in problems.items()}
    errors |= {
        name: ["not a money field of a return"] for name in set(money or {}) - set(MONEY_FIELDS)
    }
    if errors:
        raise ValidationError(errors)
    current = _locked(of_return, expected_version)
    for name, amount in (money or {}).items():
        setattr(current, name, amount)
    if commentary is not None:
        current.commentary = commentary
    save_as(current, actor)
    _write_figures(current, found, replace=replace, actor=actor)
    _refresh(of_return, current)
    return of_return


def _write_figures(
    of_return: Return, found: dict[Measure, Entry], *, replace: bool, actor: Actor
) -> None:
    rows = Figure.objects.for_panel(of_return.panel_id).filter(of_return=of_return)
    existing = {f.measure_id: f for f in rows}
    gone = [
        f
        for mid, f in existing.items()
        if (replace and mid not in {m.pk for m in found})
        or any(m.pk == mid and e.value is None for m, e in found.items())
    ]
    for old in gone:
        delete_as(old, actor)
    for measure, entry in found.items():
        if entry.value is None:
            continue
        figure = existing.get(measure.pk)
        if figure is None:
            create_as(
                Figure,
                actor,
                panel_id=of_return.panel_id,
                of_return=of_return,
                measure=measure,
                value=entry.value,
                note=entry.note,
            )
        elif (figure.value, figure.note) != (entry.value, entry.note):
            figure.value, figure.note = entry.value, entry.note
            save_as(figure, actor, update_fields=["value", "note"])


def _refresh(of_return: Return, current: Return) -> None:
    for name in ("version", "status", "commentary", "submitted_at", "published_at", *MONEY_FIELDS):
        setattr(of_return, name, getattr(current, name))


def parse_csv(data: bytes | str) -> dict[str, Entry]:
    """A return's CSV (columns ``measure,value`` and an optional ``note``; an empty value is no
    figure) as entries by measure code. Every row is checked; a ValidationError names each bad
    row and field, and nothing is returned unless every row is good."""
    if isinstance(data, bytes):
        if len(data) > CSV_MAX_BYTES:
            raise ValidationError({"file": ["The file is larger than 1 MB."]})
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": ["Save the file as CSV in UTF-8."]}) from None
    reader = csv.DictReader(io.StringIO(data))
    columns = {c.strip().lower() for c in (reader.fieldnames or [])}
    if not {"measure", "value"} <= columns:
        raise ValidationError({"file": ["The first row must name the columns measure and value."]})
    entries: dict[str, Entry] = {}
    problems: list[str] = []
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        code = row.get("measure", "")
        problem = _row_problem(code, row.get("value", ""), entries)
        if problem:
            problems.append(f"Row {number}, {problem}")
            continue
        text = row.get("value", "").replace(",", "")
        entries[code] = Entry(Decimal(text) if text else None, row.get("note", "")[:500], number)
    if problems:
        raise ValidationError({"file": problems})
    if not entries:
        raise ValidationError({"file": ["The file has no figures."]})
    return entries


def _row_problem(code: str, value: str, seen: Mapping[str, Entry]) -> str | None:
    if not code:
        return "measure: give the measure's code."
    if code in seen:
        return f"measure: {code} is given twice."
    text = value.replace(",", "")
    if text:
        try:
            number = Decimal(text)
        except InvalidOperation:
            return f"value: “{value}” is not a number."
        if not number.is_finite():
            return f"value: “{value}” is not a number."
    return None


@transaction.atomic
def return_load_csv(
    *, of_return: Return, data: bytes | str, actor: Actor, expected_version: int | None = None
) -> Return:
    """Load a CSV into a draft return: all its rows or none (a bad row names the row and the
    field, and the return is untouched)."""
    entries = parse_csv(data)
    _, problems = _checked_entries(of_return.plan, entries)
    if problems:
        raise ValidationError(
            {
                "file": [
                    f"Row {entries[code].row}, {field}: {problem}."
                    for code, (field, problem) in problems.items()
                ]
            }
        )
    return return_save(
        of_return=of_return, entries=entries, actor=actor, expected_version=expected_version
    )


def _move(
    of_return: Return,
    *,
    from_status: str,
    refusal: str,
    actor: Actor,
    expected_version: int | None,
    **changes: Any,
) -> Return:
    """One step of a return's workflow: refused unless it stands at ``from_status``; the row
    locked, its version checked and bumped, ``changes`` written, the caller's copy refreshed."""
    if of_return.status != from_status:
        raise ValidationError(refusal)
    current = _locked(of_return, expected_version)
    for name, value in changes.items():
        setattr(current, name, value)
    save_as(current, actor, update_fields=[*changes, "version"])
    _refresh(of_return, current)
    return of_return


@transaction.atomic
def return_submit(
    *, of_return: Return, actor: Actor, expected_version: int | None = None
) -> Return:
    if (
        of_return.status == Return.Status.DRAFT
        and not Figure.objects.for_panel(of_return.panel_id).filter(of_return=of_return).exists()
    ):
        raise ValidationError("Give at least one figure before submitting the return.")
    return _move(
        of_return,
        from_status=Return.Status.DRAFT,
        refusal="Only a draft return can be submitted.",
        actor=actor,
        expected_version=expected_version,
        status=Return.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def return_publish(
    *, of_return: Return, actor: Actor, expected_version: int | None = None
) -> Return:
    return _move(
        of_return,
        from_status=Return.Status.SUBMITTED,
        refusal="Only a submitted return can be published.",
        actor=actor,
        expected_version=expected_version,
        status=Return.Status.PUBLISHED,
        published_at=timezone.now(),
        published_by=actor,
    )


@transaction.atomic
def return_send_back(
    *, of_return: Return, actor: Actor, expected_version: int | None = None
) -> Return:
    return _move(
        of_return,
        from_status=Return.Status.SUBMITTED,
        refusal="Only a submitted return can be sent back.",
        actor=actor,
        expected_version=expected_version,
        status=Return.Status.DRAFT,
        submitted_at=None,
    )


RETURN_STEPS: dict[str, Callable[..., Return]] = {
    "submit": return_submit,
    "publish": return_publish,
    "send_back": return_send_back,
}


def return_step(*, of_return: Return, step: str, actor: Actor, **inputs: Any) -> Return:
    with transaction.atomic():
        return run_step(RETURN_STEPS, step, of_return=of_return, actor=actor, **inputs)


# The scrutiny loop.


@transaction.atomic
def question_raise(
    *,
    priority: Priority,
    kind: str,
    text: str,
    actor: Actor,
    measure: Measure | None = None,
    update_due: Meeting | None = None,
) -> Question:
    """A member's question or recommendation on a priority or one of its measures: an action in
    the tracker, led by the Commissioner's office, whose progress notes are its answers."""
    errors: dict[str, str] = {}
    if priority.plan.published_at is None:  # the tracker is public: it would publish the draft
        errors["priority"] = "Questions can be raised once the plan is published."
    if kind not in Question.Kind.values:
        errors["kind"] = "Choose question or recommendation."
    if not text.strip():
        errors["text"] = "Write the question or recommendation."
    if measure is not None and measure.priority_id != priority.pk:
        errors["measure"] = "Choose a measure of this priority."
    if errors:
        raise ValidationError(errors)
    what = measure.title if measure is not None else priority.title
    label = Question.Kind(kind).label
    action = tracker.action_create(
        panel=priority.plan.panel,
        text=f"{label} on “{what}” (Police and Crime Plan): {text.strip()}",
        raised_on=timezone.localdate(),
        lead_opcc=True,
        update_due=update_due,
        actor=actor,
    )
    return create_as(
        Question,
        actor,
        panel_id=priority.panel_id,
        plan=priority.plan,
        priority=priority,
        measure=measure,
        kind=kind,
        action=action,
        raised_by=actor,
    )
