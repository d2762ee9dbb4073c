"""The plan's pages (public once published), its downloads, a quarter's return, and the office's
and the clerk's screens (thin: the access rules, a service, a template)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from panel.forms import cleaned_or_raise
from panel.http import PanelRequest, SignedInRequest, whole_number
from panel.views import role_required
from statutory import access as statutory_access
from statutory.models import StatutoryCase

from . import access, forms, queries, services
from .models import MONEY_FIELDS, Plan, Return

preparers = role_required(access.can_prepare)
questioners = role_required(access.can_raise_questions)


def _to_plan(plan: Plan) -> HttpResponse:
    return redirect("performance:plan-manage", panel_slug=plan.panel.slug, plan_slug=plan.slug)


def _to_return(of_return: Return) -> HttpResponse:
    plan = of_return.plan
    return redirect(
        "performance:quarter", panel_slug=plan.panel.slug, plan_slug=plan.slug, key=of_return.key
    )


def plans(request: PanelRequest, panel_slug: str) -> HttpResponse:
    found = queries.plans_for(request.user, request.panel)
    context = {"plans": found, "can_prepare": access.can_prepare(request.user, request.panel)}
    return render(request, "performance/plans.html", context)


def plan(request: PanelRequest, panel_slug: str, plan_slug: str) -> HttpResponse:
    found = access.access_plan(request.user, request.panel, plan_slug)
    context = {
        "data": queries.plan_data(found),
        "versions": queries.versions(found),
        "can_prepare": access.can_prepare(request.user, request.panel),
    }
    return render(request, "performance/plan.html", context)


def priority(request: PanelRequest, panel_slug: str, plan_slug: str, slug: str) -> HttpResponse:
    found = access.access_priority(request.user, request.panel, plan_slug, slug)
    context = {
        "priority": found,
        "data": queries.with_charts(queries.plan_data(found.plan, priority=found)),
        "questions": queries.questions(found),
        "form": forms.QuestionForm(),
        "can_ask": access.can_question_plan(request.user, found.plan),
    }
    return render(request, "performance/priority.html", context)


def measure(request: PanelRequest, panel_slug: str, plan_slug: str, slug: str) -> HttpResponse:
    found = access.access_measure(request.user, request.panel, plan_slug, slug)
    data = queries.with_charts(queries.plan_data(found.plan, measure=found))
    context = {
        "measure": found,
        "view": data.measures[0],
        "data": data,
        "questions": queries.questions(found.priority, found),
        "form": forms.QuestionForm(),
        "can_ask": access.can_question_plan(request.user, found.plan),
    }
    return render(request, "performance/measure.html", context)


@questioners
@require_POST
def question_raise(
    request: SignedInRequest, panel_slug: str, plan_slug: str, slug: str
) -> HttpResponse:
    found = access.access_priority(request.user, request.panel, plan_slug, slug, for_change=True)
    measure_slug = request.POST.get("measure", "")
    measure = (
        access.access_measure(request.user, request.panel, plan_slug, measure_slug)
        if measure_slug
        else None
    )
    try:
        data = cleaned_or_raise(forms.QuestionForm(request.POST))
        services.question_raise(priority=found, measure=measure, actor=request.user, **data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "Your question is in the tracker; the Commissioner's office will answer it."
        )
    name, args = (
        ("performance:measure", measure.slug)
        if measure is not None
        else ("performance:priority", found.slug)
    )
    return redirect(name, panel_slug=request.panel.slug, plan_slug=plan_slug, slug=args)


def money(request: PanelRequest, panel_slug: str, plan_slug: str) -> HttpResponse:
    found = access.access_plan(request.user, request.panel, plan_slug)
    context = {"plan": found, "money": queries.money(found)}
    return render(request, "performance/money.html", context)


def quarter(request: PanelRequest, panel_slug: str, plan_slug: str, key: str) -> HttpResponse:
    """A quarter's return: published, for everyone; a draft, for the office and the clerk, with
    the office's forms while it is a draft and the clerk's steps once submitted."""
    found = access.access_return(request.user, request.panel, plan_slug, key)
    editable = found.status == Return.Status.DRAFT and access.can_fill_returns(
        request.user, request.panel
    )
    context = {
        "r": found,
        "plan": found.plan,
        "rows": queries.draft_rows(found),
        "editable": editable,
        "form": _return_form(found) if editable else None,
        "csv_form": forms.CsvForm(initial={"version": found.version}) if editable else None,
        "can_publish": access.can_publish_returns(request.user, request.panel),
    }
    return render(request, "performance/quarter.html", context)


def _return_form(of_return: Return, data: Any = None) -> forms.ReturnForm:
    rows = queries.draft_rows(of_return)
    initial: dict[str, Any] = {"version": of_return.version, "commentary": of_return.commentary}
    initial |= {f"m-{r['measure'].slug}": r["figure"].value for r in rows if r["figure"]}
    initial |= {name: getattr(of_return, name) for name in MONEY_FIELDS}
    return forms.ReturnForm(data, measures=[r["measure"] for r in rows], initial=initial)


@role_required(access.can_fill_returns)
def return_edit(
    request: SignedInRequest, panel_slug: str, plan_slug: str, key: str
) -> HttpResponse:
    found = access.access_return(request.user, request.panel, plan_slug, key, for_change=True)
    form = _return_form(found, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_save(
                of_return=found,
                entries=form.entries(),
                money=form.money(),
                commentary=form.cleaned_data["commentary"],
                replace=True,
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(_on_fields(error))
        else:
            messages.success(request, f"The figures for {found.label} have been saved.")
            return _to_return(found)
    context = {"r": found, "plan": found.plan, "form": form}
    return render(
        request, "performance/return_form.html", context, status=400 if form.errors else 200
    )


def _on_fields(error: ValidationError) -> ValidationError:
    """A service's errors by measure code, on the form's fields for those measures."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            (f"m-{name}" if name not in MONEY_FIELDS and name != "__all__" else name): e
            for name, e in error.error_dict.items()
        }
    )


@role_required(access.can_fill_returns)
@require_POST
def return_csv(request: SignedInRequest, panel_slug: str, plan_slug: str, key: str) -> HttpResponse:
    found = access.access_return(request.user, request.panel, plan_slug, key, for_change=True)
    form = forms.CsvForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.return_load_csv(
                of_return=found,
                data=form.cleaned_data["file"].read(services.CSV_MAX_BYTES + 1),
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"The file's figures are in the return for {found.label}.")
            return _to_return(found)
    context = {
        "r": found,
        "plan": found.plan,
        "rows": queries.draft_rows(found),
        "editable": True,
        "form": _return_form(found),
        "csv_form": form,
        "can_publish": False,
    }
    return render(request, "performance/quarter.html", context, status=400)


@role_required(access.can_view_drafts)
@require_POST
def return_step(
    request: SignedInRequest, panel_slug: str, plan_slug: str, key: str, step: str
) -> HttpResponse:
    if not access.can_take_return_step(request.user, request.panel, step):
        raise Http404("No such step")
    found = access.access_return(request.user, request.panel, plan_slug, key)
    version = request.POST.get("version", "")
    try:
        services.return_step(
            of_return=found,
            step=step,
            actor=request.user,
            expected_version=whole_number(version),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The return for {found.label}: {found.get_status_display()}.")
    return _to_return(found)


@preparers
def returns(request: SignedInRequest, panel_slug: str, plan_slug: str) -> HttpResponse:
    found = access.access_plan(request.user, request.panel, plan_slug, for_change=True)
    form = forms.ReturnOpenForm(request.POST or None)
    if request.method == "POST":
        if not access.can_fill_returns(request.user, request.panel):
            raise Http404("Not found")
        if form.is_valid():
            try:
                opened = services.return_open(plan=found, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return _to_return(opened)
    context = {
        "plan": found,
        "rows": queries.return_status(found, timezone.localdate()),
        "form": form,
        "can_fill": access.can_fill_returns(request.user, request.panel),
    }
    return render(request, "performance/returns.html", context, status=400 if form.errors else 200)


# Downloads: the published figures, for everyone.

EXPORT_FIELDS = [
    "priority",
    "measure",
    "title",
    "unit",
    "good_direction",
    "reference_kind",
    "reference",
    "quarter",
    "value",
    "note",
]


def _csv(rows: list[dict[str, Any]], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return response


def data_csv(request: PanelRequest, panel_slug: str, plan_slug: str) -> HttpResponse:
    found = access.access_plan(request.user, request.panel, plan_slug)
    return _csv(queries.export_rows(found), f"{panel_slug}-plan-{found.slug}.csv")


def measure_csv(request: PanelRequest, panel_slug: str, plan_slug: str, slug: str) -> HttpResponse:
    found = access.access_measure(request.user, request.panel, plan_slug, slug)
    return _csv(queries.export_rows(found.plan, found), f"{panel_slug}-{found.slug}.csv")


def data_json(request: PanelRequest, panel_slug: str, plan_slug: str) -> HttpResponse:
    found = access.access_plan(request.user, request.panel, plan_slug)
    body = {
        "plan": found.title,
        "commissioner": found.commissioner,
        "figures": [
            {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}
            for row in queries.export_rows(found)
        ],
    }
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, indent=1), content_type="application/json"
    )


# The office's and the clerk's screens for the plan itself.


@preparers
def plan_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    form = forms.PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.plan_create(
                panel=request.panel, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _to_plan(made)
    context = {"form": form, "heading": "A new Police and Crime Plan", "button": "Create the plan"}
    return render(request, "performance/form.html", context, status=400 if form.errors else 200)


@preparers
def plan_manage(request: SignedInRequest, panel_slug: str, plan_slug: str) -> HttpResponse:
    found = access.access_plan(request.user, request.panel, plan_slug, for_change=True)
    measure_form = forms.MeasureForm()
    measure_form.choose_from("priority", found.priorities.all())
    context = {
        "vary_form": _vary_form(request, found),
        "plan": found,
        "data": queries.plan_data(found, current_only=False),
        "versions": queries.versions(found),
        "priority_form": forms.PriorityForm(),
        "measure_form": measure_form,
    }
    return render(request, "performance/plan_manage.html", context)


@preparers
@require_POST
def plan_change(
    request: SignedInRequest, panel_slug: str, plan_slug: str, what: str
) -> HttpResponse:
    found = access.access_plan(request.user, request.panel, plan_slug, for_change=True)
    try:
        _change(request, found, what)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _to_plan(found)


def _change(request: SignedInRequest, found: Plan, what: str) -> None:
    if what == "publish":
        services.plan_publish(plan=found, actor=request.user)
        messages.success(request, "The plan is published.")
    elif what == "priority":
        data = cleaned_or_raise(forms.PriorityForm(request.POST))
        services.priority_add(plan=found, actor=request.user, **data)
        messages.success(request, "The priority has been added.")
    elif what == "measure":
        form = forms.MeasureForm(request.POST)
        form.choose_from("priority", found.priorities.all())
        services.measure_add(actor=request.user, **cleaned_or_raise(form))
        messages.success(request, "The measure has been added.")
    elif what == "vary":
        data = cleaned_or_raise(_vary_form(request, found, request.POST))
        data["withdraw"] = list(data["withdraw"])
        services.plan_vary(plan=found, actor=request.user, **data)
        messages.success(request, "The variation has been recorded.")
    else:
        raise Http404("No such change")


def _vary_form(request: SignedInRequest, found: Plan, *args: Any) -> forms.VaryForm:
    form = forms.VaryForm(*args)
    kinds = (StatutoryCase.Kind.DRAFT_PLAN, StatutoryCase.Kind.PLAN_VARIATION)
    cases = statutory_access.visible_cases(request.user, request.panel).filter(kind__in=kinds)
    form.choose_from("review_case", cases)
    form.choose_from("withdraw", found.measures.filter(withdrawn_in=None))
    return form
