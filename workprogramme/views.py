"""Pages of the work programme and the recommendations and actions tracker."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from meetings import access as meetings_access
from meetings import queries as meetings_queries
from panel import queries as panel_queries
from panel import years
from panel.forms import StepForm, cleaned_or_raise, posted, step_inputs
from panel.http import PanelRequest, SignedInRequest, signed_in_user
from panel.models import Panel
from panel.spreadsheets import safe_cell
from panel.views import clerk_only

from . import access, forms, queries, services
from .models import WorkProgrammeItem


def _meetings(panel: Panel) -> Any:
    return meetings_queries.panel_meetings(panel)


def _people(panel: Panel) -> Any:
    return panel_queries.people_of(panel)


def work_programme(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    asked = request.GET.get("year", "")
    year = years.parse(asked) if asked else None
    if asked and year is None:
        raise Http404("Not a municipal year")
    context = queries.programme(request.user, panel, year, today=timezone.localdate())
    context["can_edit"] = access.can_edit_work_programme(request.user, panel)
    if context["can_edit"]:
        context["form"] = forms.WorkItemForm(
            meetings=_meetings(panel), initial={"municipal_year": context["year"]}
        )
        context["schedule_form"] = forms.ScheduleForm(meetings=_meetings(panel))
        context["defer_form"] = forms.DeferForm()
    return render(request, "workprogramme/programme.html", context)


def tracker(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    context = queries.tracker(request.user, panel, request.GET)
    context["can_create"] = access.can_edit_work_programme(request.user, panel)
    return render(request, "workprogramme/tracker.html", context)


def tracker_csv(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{panel.slug}-actions.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "Date raised",
            "Meeting",
            "Recommendation / action",
            "Lead",
            "Update due",
            "Status",
            "Progress notes",
        ]
    )
    for a in queries.filtered_actions(request.user, panel, request.GET, outstanding=True):
        notes = " | ".join(f"{n.written_on:%d/%m/%Y}: {n.text}" for n in a.notes.all())
        writer.writerow(
            [
                a.raised_on.isoformat(),
                a.raised_at.slug if a.raised_at else "",
                safe_cell(a.text),
                a.lead_label,
                a.update_due.slug if a.update_due else "",
                a.get_status_display(),
                safe_cell(notes),
            ]
        )
    return response


def action_detail(request: PanelRequest, panel_slug: str, action_id: int) -> HttpResponse:
    panel = request.panel
    action = access.access_action(request.user, panel, action_id)
    can_update = access.can_update_action(request.user, action)
    form = None
    if can_update:
        form = forms.NoteForm(
            request.POST or None, initial={"status": action.status, "version": action.version}
        )
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.action_step(
                    action=action,
                    step="note",
                    text=data["text"],
                    status=data["status"],
                    expected_version=data["version"],
                    actor=signed_in_user(request),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Your progress note has been added.")
                return redirect("workprogramme:action", panel_slug=panel.slug, action_id=action.pk)
    elif request.method == "POST":
        raise Http404("Not found")
    notes = action.notes.select_related("author")
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(
        request,
        "workprogramme/action.html",
        {"action": action, "notes": notes, "form": form},
        status=status,
    )


@clerk_only
def action_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    form = forms.ActionForm(request.POST or None, people=_people(panel), meetings=_meetings(panel))
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(panel=panel, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "The action has been added to the tracker.")
            return redirect("workprogramme:action", panel_slug=panel.slug, action_id=action.pk)
    return render(
        request,
        "workprogramme/action_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@clerk_only
@require_POST
def action_from_resolution(
    request: SignedInRequest, panel_slug: str, resolution_id: int
) -> HttpResponse:
    panel = request.panel
    resolution = meetings_access.access_resolution(request.user, panel, resolution_id)
    try:
        data = cleaned_or_raise(
            forms.LeadFields(request.POST, people=_people(panel), meetings=_meetings(panel))
        )
        action = services.action_from_resolution(resolution=resolution, actor=request.user, **data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(
            "meetings:minutes-edit",
            panel_slug=panel.slug,
            meeting_slug=resolution.item.meeting.slug,
        )
    messages.success(request, "The resolution is now an action on the tracker.")
    return redirect("workprogramme:action", panel_slug=panel.slug, action_id=action.pk)


@clerk_only
@require_POST
def work_item_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    try:
        data = cleaned_or_raise(forms.WorkItemForm(request.POST, meetings=_meetings(panel)))
        item = services.work_item_create(panel=panel, actor=request.user, **data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workprogramme:work-programme", panel_slug=panel.slug)
    messages.success(request, f"“{item.topic}” is on the work programme.")
    return redirect(f"/{panel.slug}/work-programme/?year={item.municipal_year}")


def _agenda_meeting(
    data: dict[str, Any], request: PanelRequest, item: WorkProgrammeItem
) -> dict[str, Any]:
    """The meeting the item is scheduled for: the agenda it joins."""
    meeting = _meetings(request.panel).filter(pk=item.next_meeting_id).first()
    if meeting is None:
        raise ValidationError("Schedule the item for a meeting first.")
    return {"meeting": meeting}


# Each step of a work programme item (the steps: services.WORK_ITEM_STEPS) and the form it reads.
WORK_ITEM_FORMS: dict[str, StepForm] = {
    "defer": StepForm(posted(forms.DeferForm)),
    "schedule": StepForm(
        lambda request, item: forms.ScheduleForm(request.POST, meetings=_meetings(request.panel))
    ),
    "add_to_agenda": StepForm(inputs=_agenda_meeting),
}


def _added_to_agenda(
    request: PanelRequest, item: WorkProgrammeItem, inputs: dict[str, Any]
) -> HttpResponse:
    panel, meeting = request.panel, inputs["meeting"]
    messages.success(request, f"“{item.topic}” has been added to the agenda.")
    return redirect("meetings:meeting-edit", panel_slug=panel.slug, meeting_slug=meeting.slug)


# Where a step leaves the clerk, unless back on the programme with "Saved.".
WORK_ITEM_DONE = {"add_to_agenda": _added_to_agenda}


@clerk_only
@require_POST
def work_item_action(
    request: SignedInRequest, panel_slug: str, item_id: int, action: str
) -> HttpResponse:
    panel = request.panel
    item = access.access_work_item(request.user, panel, item_id)
    try:
        inputs = step_inputs(WORK_ITEM_FORMS, action, request, item)
        services.work_item_step(item=item, step=action, actor=request.user, **inputs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = WORK_ITEM_DONE.get(action)
        if done is not None:
            return done(request, item, inputs)
        messages.success(request, "Saved.")
    return redirect(f"/{panel.slug}/work-programme/?year={item.municipal_year}")


@clerk_only
@require_POST
def attach_group_minutes(
    request: SignedInRequest, panel_slug: str, meeting_slug: str, item_id: int
) -> HttpResponse:
    """A working group reports to the panel: its minutes become an appendix of this item."""
    panel = request.panel
    meeting = meetings_access.access_meeting(request.user, panel, meeting_slug, for_change=True)
    item = meetings_access.access_item(request.user, meeting, item_id)
    group_meeting = meetings_queries.group_meeting(
        panel, int(request.POST.get("group_meeting") or 0)
    )
    try:
        if group_meeting is None:
            raise ValidationError("Choose a working group meeting.")
        services.working_group_minutes_attach(
            group_meeting=group_meeting, item=item, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The working group's minutes are attached.")
    return redirect(
        "meetings:item-edit", panel_slug=panel.slug, meeting_slug=meeting.slug, item_id=item.pk
    )


@clerk_only
@require_POST
def actions_from_item(
    request: SignedInRequest, panel_slug: str, meeting_slug: str, item_id: int
) -> HttpResponse:
    """A final report's agreed recommendations all become tracker actions at once."""
    panel = request.panel
    meeting = meetings_access.access_meeting(request.user, panel, meeting_slug, for_change=True)
    item = meetings_access.access_item(request.user, meeting, item_id)
    try:
        data = cleaned_or_raise(
            forms.LeadFields(request.POST, people=_people(panel), meetings=_meetings(panel))
        )
        created = services.actions_from_item_resolutions(item=item, actor=request.user, **data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{len(created)} action(s) added to the tracker.")
    return redirect("meetings:minutes-edit", panel_slug=panel.slug, meeting_slug=meeting.slug)
