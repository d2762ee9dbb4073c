"""The complaints handler's screens, and the sub-committee's reading of its cases.

Every reading of a case, a letter or a file is logged. Anyone else gets a 404 for every URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from documents.http import pdf_download
from panel.forms import StepForm, cleaned_or_raise, posted, step_inputs
from panel.http import SignedInRequest
from panel.models import Panel
from panel.views import role_required

from . import access, forms, letters, queries, services
from .models import Complaint

case_readers = role_required(access.can_list_complaints)
handler_only = role_required(access.can_handle_complaints)


@case_readers
def complaint_list(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    context = queries.case_list(request.user, request.panel, today=timezone.localdate())
    return render(request, "complaints/list.html", context)


@handler_only
def complaint_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    form = forms.ComplaintForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_receive(
                panel=panel, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, f"Complaint {complaint.number} has been recorded as received."
            )
            return redirect(
                "complaints:complaint", panel_slug=panel.slug, complaint_id=complaint.pk
            )
    context = {"form": form, "heading": "Record a new complaint", "button": "Record the complaint"}
    return render(request, "complaints/form.html", context, status=400 if form.errors else 200)


@handler_only
def conduct_matter_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    form = forms.ConductMatterForm(
        request.POST or None, initial={"recorded_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            matter = services.conduct_matter_record(
                panel=panel, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Conduct matter {matter.number} has been recorded.")
            return redirect("complaints:complaint", panel_slug=panel.slug, complaint_id=matter.pk)
    context = {"form": form, "heading": "Record a conduct matter", "button": "Record it"}
    return render(request, "complaints/form.html", context, status=400 if form.errors else 200)


def _people(panel: Panel) -> Any:
    return queries.subcommittee_people(panel)


def _meetings(panel: Panel) -> Any:
    return queries.subcommittee_meetings(panel)


@case_readers
def complaint_detail(request: SignedInRequest, panel_slug: str, complaint_id: int) -> HttpResponse:
    panel = request.panel
    complaint = access.access_complaint(request.user, panel, complaint_id)
    services.complaint_log_view(complaint=complaint, user=request.user)
    handler = access.can_handle_complaints(request.user, panel)
    today = timezone.localdate()
    context = {
        "complaint": complaint,
        "events": list(complaint.events.select_related("actor")),
        "handler": handler,
        "timetable": queries.timetable(complaint, today=today),
        "body": complaint.oversight(),
        "today": today,
        "letters": letters.available(complaint),
        "attachments": list(complaint.attachments.all()),
        "exclusions": list(complaint.exclusions.select_related("person")),
    }
    if handler:
        context |= {
            "not_record_form": forms.NotRecordForm(),
            "record_form": forms.RecordForm(),
            "refer_form": forms.ReferForm(),
            "iopc_form": forms.IopcOutcomeForm(),
            "set_aside_form": forms.SetAsideForm(),
            "withdraw_form": forms.WithdrawForm(),
            "informal_form": forms.InformalForm(meetings=_meetings(panel)),
            "resolve_form": forms.ResolveForm(meetings=_meetings(panel)),
            "exclude_form": forms.ExcludeForm(people=_people(panel)),
            "attachment_form": forms.AttachmentForm(),
        }
    return render(request, "complaints/detail.html", context)


# Each step of a case that takes inputs (the steps: services.STEPS) and the form it reads.
STEP_FORMS: dict[str, StepForm] = {
    "not_record": StepForm(posted(forms.NotRecordForm)),
    "record": StepForm(posted(forms.RecordForm)),
    "refer": StepForm(posted(forms.ReferForm)),
    "iopc_outcome": StepForm(posted(forms.IopcOutcomeForm)),
    "set_aside": StepForm(posted(forms.SetAsideForm)),
    "informal": StepForm(
        lambda request, complaint: forms.InformalForm(
            request.POST, meetings=_meetings(request.panel)
        )
    ),
    "resolve": StepForm(
        lambda request, complaint: forms.ResolveForm(
            request.POST, meetings=_meetings(request.panel)
        )
    ),
    "withdraw": StepForm(posted(forms.WithdrawForm)),
}


@handler_only
@require_POST
def complaint_action(
    request: SignedInRequest, panel_slug: str, complaint_id: int, action: str
) -> HttpResponse:
    panel = request.panel
    complaint = access.access_complaint(request.user, panel, complaint_id, for_change=True)
    try:
        _act(request, complaint, action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Saved.")
    return redirect("complaints:complaint", panel_slug=panel.slug, complaint_id=complaint.pk)


def _exclude(request: SignedInRequest, complaint: Complaint) -> None:
    data = cleaned_or_raise(forms.ExcludeForm(request.POST, people=_people(request.panel)))
    services.complaint_exclude(complaint=complaint, actor=request.user, **data)


def _attach(request: SignedInRequest, complaint: Complaint) -> None:
    data = cleaned_or_raise(forms.AttachmentForm(request.POST, request.FILES))
    services.attachment_add(
        complaint=complaint, title=data["title"], upload=data["file"], actor=request.user
    )


# The case page's changes beside the steps of the case.
CHANGES: dict[str, Callable[[SignedInRequest, Complaint], None]] = {
    "exclude": _exclude,
    "attach": _attach,
}


def _act(request: SignedInRequest, complaint: Complaint, action: str) -> None:
    change = CHANGES.get(action)
    if change is not None:
        change(request, complaint)
        return
    inputs = step_inputs(STEP_FORMS, action, request, complaint)
    services.complaint_step(complaint=complaint, step=action, actor=request.user, **inputs)


@case_readers
def complaint_letter(
    request: SignedInRequest, panel_slug: str, complaint_id: int, kind: str, to: str
) -> HttpResponse:
    panel = request.panel
    complaint = access.access_complaint(request.user, panel, complaint_id)
    letter = letters.render_letter(complaint, kind, to)
    if letter is None:
        raise Http404("No such letter")
    services.complaint_log_view(complaint=complaint, user=request.user, what=f"letter:{kind}:{to}")
    return render(request, "complaints/letter.html", {"complaint": complaint, "letter": letter})


@case_readers
def complaint_file(
    request: SignedInRequest, panel_slug: str, complaint_id: int, file_id: int
) -> Any:
    panel = request.panel
    complaint = access.access_complaint(request.user, panel, complaint_id)
    if not complaint.attachments.filter(stored_file_id=file_id).exists():
        raise Http404("No such file")
    services.complaint_log_view(complaint=complaint, user=request.user, what="file")
    return pdf_download(access.complaint_file(complaint, file_id), private=True)


@handler_only
def complaint_log(request: SignedInRequest, panel_slug: str, complaint_id: int) -> HttpResponse:
    complaint = access.access_complaint(request.user, request.panel, complaint_id, for_change=True)
    views = complaint.views.select_related("user")
    return render(request, "complaints/log.html", {"complaint": complaint, "views": views})
