"""The reports register, a case, its Atom feed; the OPCC's notification and response, the
clerk's report, and the steps they take (thin: the access rules, a service, a template)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST

from documents.http import pdf_download
from panel.access import PUBLIC
from panel.forms import cleaned_or_raise
from panel.http import PanelRequest, SignedInRequest
from panel.models import Panel
from panel.views import role_required

from . import access, forms, queries, services
from .models import CANDIDATE_EXEMPT_PARAGRAPH, StatutoryCase

opcc_only = role_required(access.can_notify_cases)
clerk_only = role_required(access.can_report_on_cases)


def _to_case(case: StatutoryCase) -> HttpResponse:
    return redirect("statutory:case", panel_slug=case.panel.slug, number=case.number)


def register(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    rows = queries.register(request.user, panel, timezone.localdate())
    context = {"rows": rows, "can_notify": access.can_notify_cases(request.user, panel)}
    return render(request, "statutory/register.html", context)


def case_detail(request: PanelRequest, panel_slug: str, number: int) -> HttpResponse:
    panel = request.panel
    case = access.access_case(request.user, panel, number)
    view = access.case_for(request.user, case)
    steps = queries.timeline(case, view)
    context = {
        "c": view,
        "steps": steps,
        "status": queries.register_status(steps, case, timezone.localdate()),
        "can": {s: access.can_take_step(request.user, panel, s) for s in access.STEP_ROLES},
        "draft_report": queries.draft_report(case),
        "draft_response": queries.has_draft_response(case),
        "candidate_paragraph": CANDIDATE_EXEMPT_PARAGRAPH[panel.jurisdiction],
        "issue_form": forms.IssueForm(initial={"version": case.version}),
        "decision_record": access.decision_record(request.user, case),
        "document_form": _document_form(panel),
        "can_add_documents": access.can_add_case_documents(request.user, panel),
    }
    return render(request, "statutory/case.html", context)


def _document_form(panel: Panel, *args: Any) -> forms.DocumentForm:
    form = forms.DocumentForm(*args, initial={"access": "public"})
    form.set_jurisdiction(panel.jurisdiction)
    return form


def document(request: PanelRequest, panel_slug: str, number: int, document_id: int) -> Any:
    """A case's document, for a reader the case's access rules allow (an exempt one is never
    cached by others)."""
    found = access.case_document(request.user, request.panel, number, document_id)
    return pdf_download(found.stored_file, private=found.is_exempt)


@login_required
@require_POST
def document_add(request: SignedInRequest, panel_slug: str, number: int) -> HttpResponse:
    panel = request.panel
    if not access.can_add_case_documents(request.user, panel):
        raise Http404("No such case")
    case = access.access_case(request.user, panel, number)
    form = _document_form(panel, request.POST, request.FILES)
    try:
        data = cleaned_or_raise(form)
        services.document_add(case=case, actor=request.user, upload=data.pop("file"), **data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The document has been added to the case.")
    return _to_case(case)


class RegisterFeed(Feed):
    """The reports register, as the public sees it."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, panel_slug: str) -> Panel:
        return cast(PanelRequest, request).panel  # a feed's address is under its panel

    def title(self, panel: Panel) -> str:
        return f"{panel.name}: reports register"

    def link(self, panel: Panel) -> str:
        return reverse("statutory:register", args=[panel.slug])

    def items(self, panel: Panel) -> list[dict[str, Any]]:
        rows = queries.register(PUBLIC, panel, timezone.localdate())[:50]
        return [{**row, "panel_slug": panel.slug} for row in rows]

    def item_title(self, row: dict[str, Any]) -> str:
        case = row["case"]
        return f"{case['kind_label']} {case['number']}: {case['title']} ({row['status']})"

    def item_description(self, row: dict[str, Any]) -> str:
        reports = row["case"]["reports"]
        outcome = next((r["veto_outcome"] for r in reversed(reports) if r["veto_outcome"]), "")
        return " ".join(filter(None, [row["case"]["status_note"], outcome]))

    def item_link(self, row: dict[str, Any]) -> str:
        return reverse("statutory:case", args=[row["panel_slug"], row["case"]["number"]])

    def item_pubdate(self, row: dict[str, Any]) -> dt.datetime:
        return dt.datetime.combine(row["case"]["notified_on"], dt.time(), tzinfo=dt.UTC)


# The OPCC's and the clerk's screens.


@opcc_only
def notify(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    form = forms.NotifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_notify(panel=panel, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "The panel has been notified.")
            return _to_case(case)
    context = {"form": form, "heading": "Notify the panel", "button": "Notify the panel"}
    return render(request, "statutory/form.html", context, status=400 if form.errors else 200)


@clerk_only
def report(request: SignedInRequest, panel_slug: str, number: int) -> HttpResponse:
    panel = request.panel
    case = access.access_case_for_step(request.user, panel, number, "report")
    draft = queries.draft_report(case)
    initial = {"version": case.version, "made_on": timezone.localdate()}
    if draft is not None:
        fields = (
            "made_on",
            "text",
            "recommendations",
            "veto",
            "recommendation",
            "resolution",
            "response_required_by",
        )
        initial |= {f: getattr(draft, f) for f in fields}
    form = forms.ReportForm(
        request.POST or None, resolutions=queries.resolutions_for_report(panel), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.case_step(
                case=case, step="report", actor=request.user, expected_version=version, **data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "The draft report has been saved.")
            return _to_case(case)
    context = {"form": form, "case": case, "heading": "The panel's report", "button": "Save"}
    return render(request, "statutory/form.html", context, status=400 if form.errors else 200)


def _form_step(
    request: SignedInRequest,
    number: int,
    step: str,
    form_class: type[Any],
    page: dict[str, str],
    **form_kwargs: Any,
) -> HttpResponse:
    """A step that needs a page of its own: its form, the service, back to the case."""
    case = access.access_case_for_step(request.user, request.panel, number, step)
    initial = {"version": case.version}
    form = form_class(request.POST or None, initial=initial, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.case_step(
                case=case, step=step, actor=request.user, expected_version=version, **data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, page["done"])
            return _to_case(case)
    context = {"form": form, "case": case, "heading": page["heading"], "button": page["button"]}
    return render(request, "statutory/form.html", context, status=400 if form.errors else 200)


@opcc_only
def respond(request: SignedInRequest, panel_slug: str, number: int) -> HttpResponse:
    page = {
        "heading": "The Commissioner's response",
        "button": "Save the response",
        "done": "The response has been recorded.",
    }
    return _form_step(request, number, "respond", forms.ResponseForm, page)


@opcc_only
def reserve(request: SignedInRequest, panel_slug: str, number: int) -> HttpResponse:
    page = {
        "heading": "Propose a reserve candidate",
        "button": "Notify the panel",
        "done": "The panel has been notified of the reserve candidate.",
    }
    return _form_step(request, number, "propose_reserve", forms.ReserveForm, page)


@clerk_only
def attendance(request: SignedInRequest, panel_slug: str, number: int) -> HttpResponse:
    page = {
        "heading": "Require attendance before the panel",
        "button": "Record the requirement",
        "done": "The requirement to attend has been recorded.",
    }
    meetings = queries.meetings_for_attendance(request.panel)
    return _form_step(
        request, number, "require_attendance", forms.AttendanceForm, page, meetings=meetings
    )


STEP_DONE = {
    "publish_report": "The panel's report has been published.",
    "publish_response": "The Commissioner's response has been published.",
    "issue": "The precept issued has been recorded.",
}
STEP_FORMS: dict[str, type[forms.StepForm]] = {
    "publish_report": forms.StepForm,
    "publish_response": forms.StepForm,
    "issue": forms.IssueForm,
}


@login_required
@require_POST
def step(request: SignedInRequest, panel_slug: str, number: int, step: str) -> HttpResponse:
    """Publish the report, publish the response, issue the precept: buttons on the case page."""
    panel = request.panel
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        raise Http404("No such step")
    case = access.access_case_for_step(request.user, panel, number, step)
    form = form_class(request.POST)
    try:
        data = cleaned_or_raise(form)
        version = data.pop("version")
        services.case_step(
            case=case, step=step, actor=request.user, expected_version=version, **data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, STEP_DONE[step])
    return _to_case(case)
