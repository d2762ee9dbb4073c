"""The clerk's screens: draft an agenda, publish it, record and approve the minutes.

Every form carries the agenda's version: a save made from a stale screen is refused with a
clear message and the typed text stays on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from panel import access as panel_access
from panel import queries as panel_queries
from panel.forms import StepForm, posted, step_inputs
from panel.http import PanelRequest, SignedInRequest, whole_number
from panel.models import Panel
from panel.views import clerk_only

from . import access, extensions, forms, queries, services
from .models import Access, AgendaItem, Meeting


def _to_editor(meeting: Meeting) -> HttpResponse:
    return redirect(
        "meetings:meeting-edit", panel_slug=meeting.panel.slug, meeting_slug=meeting.slug
    )


def _people(panel: Panel) -> Any:
    return panel_queries.people_of(panel)


@clerk_only
def meeting_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    form = forms.MeetingForm(
        request.POST or None,
        bodies=panel_access.visible_bodies(request.user, panel),
        meetings=access.visible_meetings(request.user, panel).order_by("-start"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                body=data["body"],
                start=form.start(),
                venue=data["venue"],
                webcast_url=data["webcast_url"],
                previous=data["previous"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "The meeting has been created with its standing items.")
            return _to_editor(meeting)
    status = 400 if form.errors else 200
    return render(request, "meetings/manage/meeting_form.html", {"form": form}, status=status)


def _editor(
    request: PanelRequest, meeting: Meeting, *, error: str | None = None, **forms_: Any
) -> HttpResponse:
    """The agenda editor; a 400 with a refused form, or with the ``error`` a button met."""
    context = queries.editor_page(meeting, timezone.localdate())
    add_form = forms_.get("add_form") or _item_add_form(meeting, context["headings"])
    publish_form = forms_.get("publish_form") or _publish_form(meeting, context)
    refused = error is not None or any(f.is_bound and f.errors for f in forms_.values())
    return render(
        request,
        "meetings/manage/editor.html",
        {**context, "add_form": add_form, "publish_form": publish_form, "error": error},
        status=400 if refused else 200,
    )


def _publish_form(meeting: Meeting, context: dict[str, Any], data: Any = None) -> forms.PublishForm:
    supplementary = meeting.is_published and context["late_items"]
    late = supplementary or (not meeting.is_published and context["is_late"])
    return forms.PublishForm(
        data, deadline=context["deadline"], late=late, supplementary=supplementary
    )


def _item_add_form(
    meeting: Meeting, headings: list[AgendaItem], data: Any = None
) -> forms.ItemAddForm:
    form = forms.ItemAddForm(data, initial={"version": meeting.version, "access": Access.PUBLIC})
    form.set_jurisdiction(meeting.panel.jurisdiction)
    form.offer("parent", [("", "None"), *((h.pk, f"{h.number} {h.title}") for h in headings)])
    return form


@clerk_only
def meeting_edit(request: SignedInRequest, panel_slug: str, meeting_slug: str) -> HttpResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    return _editor(request, meeting)


@clerk_only
@require_POST
def item_add(request: SignedInRequest, panel_slug: str, meeting_slug: str) -> HttpResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    headings = queries.editor_page(meeting, timezone.localdate())["headings"]
    form = _item_add_form(meeting, headings, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        parent_id = data.pop("parent")
        parent = next((h for h in headings if h.pk == parent_id), None)
        kind = AgendaItem.Kind.HEADING if data.pop("heading") else AgendaItem.Kind.REPORT
        try:
            services.item_add(
                meeting=meeting,
                parent=parent,
                kind=kind,
                expected_version=data.pop("version"),
                actor=request.user,
                **data,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"“{data['title']}” has been added.")
            return _to_editor(meeting)
    return _editor(request, meeting, add_form=form)


# The editor's small forms on an item: what each of their buttons does.
ITEM_CHANGES: dict[str, Callable[..., Any]] = {
    "up": partial(services.item_move, direction=-1),
    "down": partial(services.item_move, direction=1),
    "remove": services.item_remove,
    "withdraw": services.item_withdraw,
    "reinstate": services.item_reinstate,
}


@clerk_only
@require_POST
def item_action(
    request: SignedInRequest, panel_slug: str, meeting_slug: str, item_id: int
) -> HttpResponse:
    """Move an item up or down, remove it, or withdraw a published one (with the reason) or
    reinstate it: small POST forms on the editor."""
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    item = access.access_item(request.user, meeting, item_id)
    action = request.POST.get("action", "")
    change = ITEM_CHANGES.get(action)
    try:
        expected = int(request.POST.get("version", ""))
        if change is None:
            raise ValidationError("Choose move up, move down, remove, withdraw or reinstate.")
        reason = {"reason": request.POST.get("reason", "")} if action == "withdraw" else {}
        change(item=item, expected_version=expected, actor=request.user, **reason)
    except ValueError:
        return _editor(request, meeting, error="The form was incomplete. Try again.")
    except ValidationError as error:
        return _editor(request, meeting, error=" ".join(error.messages))
    return _to_editor(meeting)


@clerk_only
def item_edit(
    request: SignedInRequest, panel_slug: str, meeting_slug: str, item_id: int
) -> HttpResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    item = access.access_item(request.user, meeting, item_id)
    report = getattr(item, "report", None)
    item_form = forms.ItemForm(
        request.POST if request.POST.get("form") == "item" else None,
        initial={
            "title": item.title,
            "purpose": item.purpose,
            "access": item.access,
            "exempt_paragraph": item.exempt_paragraph,
            "public_interest": item.public_interest,
            "version": meeting.version,
        },
    )
    item_form.set_jurisdiction(meeting.panel.jurisdiction)
    report_form = forms.ReportForm(
        request.POST if request.POST.get("form") == "report" else None,
        initial={
            **(
                {f: getattr(report, f) for f in forms.ReportForm.base_fields if f != "version"}
                if report
                else {}
            ),
            "version": meeting.version,
        },
    )
    chosen = request.POST.get("form")
    appendix_form = forms.AppendixForm(
        request.POST if chosen == "appendix" else None,
        request.FILES if chosen == "appendix" else None,
        initial={
            "version": meeting.version,
            "access": Access.EXEMPT if item.is_exempt else Access.PUBLIC,
        },
        prefix="appendix",  # its fields' ids differ from the item form's on the same page
    )
    appendix_form.set_jurisdiction(meeting.panel.jurisdiction)
    appendices = list(item.appendices.select_related("stored_file"))
    replace_form = forms.ReplaceFileForm(
        request.POST if chosen == "replace" else None,
        request.FILES if chosen == "replace" else None,
        initial={"version": meeting.version},
        prefix="replace",
        letters=[
            (a.letter, f"Appendix {a.letter}: {a.title}") for a in appendices if a.stored_file_id
        ],
    )
    if request.method == "POST":
        done = _save_item_forms(request, item, item_form, report_form, appendix_form, replace_form)
        if done:
            return redirect(
                "meetings:item-edit",
                panel_slug=meeting.panel.slug,
                meeting_slug=meeting.slug,
                item_id=item.pk,
            )
    all_forms = (item_form, report_form, appendix_form, replace_form)
    bound = any(f.is_bound and f.errors for f in all_forms)
    return render(
        request,
        "meetings/manage/item_form.html",
        {
            "meeting": meeting,
            "item": item,
            "report": report,
            "item_form": item_form,
            "report_form": report_form,
            "appendix_form": appendix_form,
            "replace_form": replace_form,
            "appendices": appendices,
            "untagged": [a for a in appendices if a.stored_file and a.stored_file.tagged is False],
            "group_meetings": queries.group_meetings_with_minutes(meeting),
        },
        status=400 if bound else 200,
    )


def _save_item_forms(request: SignedInRequest, item: AgendaItem, *all_forms: Any) -> bool:
    item_form, report_form, appendix_form, _ = all_forms
    form = next((f for f in all_forms if f.is_bound), None)
    if form is None or not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        if form is item_form:
            services.item_update(item=item, expected_version=version, actor=request.user, **data)
        elif form is report_form:
            services.report_update(item=item, expected_version=version, actor=request.user, **data)
        elif form is appendix_form:
            services.appendix_add(
                item=item,
                title=data["title"],
                access=data["access"],
                exempt_paragraph=data["exempt_paragraph"],
                public_interest=data["public_interest"],
                upload=data["file"],
                text=data["text"],
                expected_version=version,
                actor=request.user,
            )
        else:
            appendix = item.appendices.get(letter=data["appendix"])
            services.appendix_replace_file(
                appendix=appendix,
                upload=data["file"],
                expected_version=version,
                actor=request.user,
            )
    except ValidationError as error:
        form.add_service_errors(error)
        return False
    messages.success(request, "Saved.")
    return True


@clerk_only
@require_POST
def agenda_publish(request: SignedInRequest, panel_slug: str, meeting_slug: str) -> HttpResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    form = _publish_form(meeting, queries.editor_page(meeting, timezone.localdate()), request.POST)
    if form.is_valid():
        try:
            version = services.agenda_publish(
                meeting=meeting, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, f"The {version.get_kind_display().lower()} has been published."
            )
            return redirect(
                "meetings:meeting", panel_slug=meeting.panel.slug, meeting_slug=meeting.slug
            )
    return _editor(request, meeting, publish_form=form)


@clerk_only
def meeting_status(request: SignedInRequest, panel_slug: str, meeting_slug: str) -> HttpResponse:
    """Postpone, cancel or reinstate the meeting: the public sees the status and the reason."""
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    form = forms.MeetingStatusForm(request.POST or None, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        step = form.cleaned_data["step"]
        try:
            services.meeting_step(meeting=meeting, step=step, actor=request.user, **form.inputs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"The meeting is now {meeting.get_status_display().lower()}.")
            return redirect(
                "meetings:meeting", panel_slug=meeting.panel.slug, meeting_slug=meeting.slug
            )
    status = 400 if form.errors else 200
    page = {"form": form, "meeting": meeting}
    return render(request, "meetings/manage/meeting_status.html", page, status=status)


@clerk_only
def minutes_edit(request: SignedInRequest, panel_slug: str, meeting_slug: str) -> HttpResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    return _minutes_page(request, meeting)


def _minutes_page(
    request: PanelRequest, meeting: Meeting, *, urgent_form: Any = None, status: int = 200
) -> HttpResponse:
    panel = meeting.panel
    items = queries.items_on_record(meeting)
    context = {
        "meeting": meeting,
        "unpublished_changes": queries.unpublished_changes(meeting),
        "urgent_form": urgent_form or _urgent_form(meeting),
        "attendance_form": forms.AttendanceForm(people=_people(panel)),
        "declaration_form": forms.DeclarationForm(
            people=_people(panel), items=_minutable(panel, meeting)
        ),
        "publish_form": forms.MinutesPublishForm(initial={"rose_at": meeting.rose_at}),
        "approve_form": forms.MinutesApproveForm(
            meetings=access.visible_meetings(request.user, panel).filter(previous=meeting),
            people=_people(panel),
        ),
        "minutes": queries.minutes_editor(meeting, items),
        "question_form": forms.QuestionForm(items=_minutable(panel, meeting)),
        "lead_form": "",
        "raised_resolutions": set(),
        **{k: v for provide in extensions.minutes_extras for k, v in provide(meeting).items()},
        "correction_form": forms.CorrectionForm(items=_minutable(panel, meeting)),
    }
    return render(request, "meetings/manage/minutes.html", context, status=status)


@clerk_only
@require_POST
def minutes_urgent(request: SignedInRequest, panel_slug: str, meeting_slug: str) -> HttpResponse:
    """Record urgent business the Chair accepted; a refused form comes back as typed."""
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    form = _urgent_form(meeting, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        item_id = data.pop("item")
        item = access.access_item(request.user, meeting, item_id) if item_id else None
        try:
            services.urgent_item_record(
                meeting=meeting,
                item=item,
                expected_version=data.pop("version"),
                actor=request.user,
                **data,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "The urgent business has been recorded.")
            return redirect(
                "meetings:minutes-edit", panel_slug=meeting.panel.slug, meeting_slug=meeting.slug
            )
    return _minutes_page(request, meeting, urgent_form=form, status=400)


@clerk_only
@require_POST
def minutes_action(
    request: SignedInRequest, panel_slug: str, meeting_slug: str, action: str
) -> HttpResponse:
    panel = request.panel
    meeting = access.access_meeting(request.user, panel, meeting_slug, for_change=True)
    try:
        inputs = step_inputs(MINUTES_FORMS, action, request, meeting)
        services.minutes_step(meeting=meeting, step=action, actor=request.user, **inputs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _minutes_page(request, meeting, status=400)  # the reason, on the page, as a 400
    messages.success(request, "Saved.")
    return redirect("meetings:minutes-edit", panel_slug=panel.slug, meeting_slug=meeting.slug)


def _minute_inputs(data: dict[str, Any], request: PanelRequest, meeting: Meeting) -> dict[str, Any]:
    item_id = request.POST.get("item", "")
    return {
        "item": access.access_item(request.user, meeting, whole_number(item_id) or 0),
        "text": data["text"],
        "resolutions": data["resolutions"].splitlines(),
        "expected_version": data["version"],
    }


def _correction_inputs(
    data: dict[str, Any], request: PanelRequest, meeting: Meeting
) -> dict[str, Any]:
    lines = data.pop("resolutions")
    return {**data, "resolutions": lines.splitlines() if lines.strip() else None}


# Each step of the minutes screen (the steps: services.MINUTES_STEPS) and the form it reads.
MINUTES_FORMS: dict[str, StepForm] = {
    "attendance": StepForm(
        lambda request, meeting: forms.AttendanceForm(request.POST, people=_people(meeting.panel))
    ),
    "declaration": StepForm(
        lambda request, meeting: forms.DeclarationForm(
            request.POST, people=_people(meeting.panel), items=_minutable(meeting.panel, meeting)
        )
    ),
    "minute": StepForm(posted(forms.MinuteForm), _minute_inputs),
    "question": StepForm(
        lambda request, meeting: forms.QuestionForm(
            request.POST, items=_minutable(meeting.panel, meeting)
        )
    ),
    "correction": StepForm(
        lambda request, meeting: forms.CorrectionForm(
            request.POST, items=_minutable(meeting.panel, meeting)
        ),
        _correction_inputs,
    ),
    "publish": StepForm(posted(forms.MinutesPublishForm)),
    "approve": StepForm(
        lambda request, meeting: forms.MinutesApproveForm(
            request.POST,
            people=_people(meeting.panel),
            meetings=access.visible_meetings(request.user, meeting.panel).filter(previous=meeting),
        )
    ),
}


def _minutable(panel: Panel, meeting: Meeting) -> Any:
    return queries.minutable_items(meeting)


def _urgent_form(meeting: Meeting, data: Any = None) -> forms.UrgentItemForm:
    drafts = queries.drafts_since_publication(meeting)
    return forms.UrgentItemForm(
        data,
        drafts=drafts,
        jurisdiction=meeting.panel.jurisdiction,
        prefix="urgent",
        initial={"version": meeting.version},
    )


@clerk_only
@require_POST
def pack_generate(request: SignedInRequest, panel_slug: str, meeting_slug: str) -> HttpResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    services.packs_request_all(meeting=meeting, actor=request.user)
    messages.success(request, "The agenda packs are being generated.")
    return redirect("meetings:meeting", panel_slug=meeting.panel.slug, meeting_slug=meeting.slug)


STANDING_FIELDS = forms.STANDING_FIELDS


def _standing_form(
    panel: Panel, data: Any = None, editing: Any = None, **kwargs: Any
) -> forms.StandingItemForm:
    """The form for a new item, or for ``editing`` (which cannot sit under itself)."""
    own = editing.title if editing is not None else None
    headings = [h for h in queries.standing_headings(panel) if h != own]
    return forms.StandingItemForm(
        data,
        jurisdiction=panel.jurisdiction,
        headings=headings,
        initial={"fingerprint": services.standing_fingerprint(panel), **kwargs},
    )


def _standing_fields(form: forms.StandingItemForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in STANDING_FIELDS}


@clerk_only
def standing_items(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    """The panel's standing items: the list, and a form to add one at the end."""
    panel = request.panel
    back = redirect("meetings:standing-items", panel_slug=panel.slug)
    if request.method == "POST" and request.POST.get("form") == "customise":
        services.standing_items_customise(panel=panel, actor=request.user)
        messages.success(request, "The standard items are now this panel's own: change them below.")
        return back
    data = request.POST if request.method == "POST" else None
    form = _standing_form(panel, data, kind=AgendaItem.Kind.REPORT, access=Access.PUBLIC)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.standing_item_save(
                panel=panel,
                expected=form.cleaned_data["fingerprint"],
                actor=request.user,
                **_standing_fields(form),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"“{item.title}” has been added.")
            return back
    context = {**queries.standing_items_page(panel), "form": form}
    return render(
        request, "meetings/manage/standing_items.html", context, status=400 if form.errors else 200
    )


# The standing items page's buttons beside "save": what each does.
STANDING_CHANGES: dict[str, Callable[..., Any]] = {
    "up": partial(services.standing_item_move, direction=-1),
    "down": partial(services.standing_item_move, direction=1),
    "remove": services.standing_item_remove,
}


@clerk_only
def standing_item(request: SignedInRequest, panel_slug: str, standing_id: int) -> HttpResponse:
    """Change one standing item, or move it up or down, or remove it."""
    panel = request.panel
    item = access.access_standing_item(request.user, panel, standing_id)
    back = redirect("meetings:standing-items", panel_slug=panel.slug)
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    change = STANDING_CHANGES.get(action)
    if change is not None:
        expected = request.POST.get("fingerprint", "")
        try:
            change(panel=panel, item=item, expected=expected, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return back
    fields = {name: getattr(item, name) for name in STANDING_FIELDS}
    form = _standing_form(panel, request.POST if action == "save" else None, item, **fields)
    if action == "save" and form.is_valid():
        try:
            services.standing_item_save(
                panel=panel,
                item=item,
                expected=form.cleaned_data["fingerprint"],
                actor=request.user,
                **_standing_fields(form),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "Saved.")
            return back
    return render(
        request,
        "meetings/manage/standing_item.html",
        {"item": item, "form": form},
        status=400 if form.errors else 200,
    )


@clerk_only
def resolution_vote(
    request: SignedInRequest, panel_slug: str, meeting_slug: str, resolution_id: int
) -> HttpResponse:
    """Record how each member present voted on one resolution of the meeting."""
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    resolution = access.access_resolution(request.user, meeting.panel, resolution_id)
    if resolution.item.meeting_id != meeting.pk:
        raise Http404("No such resolution")
    vote = queries.vote_of(resolution)
    form = forms.VoteForm(
        request.POST or None,
        voters=services.voters(meeting),
        initial_casts={c.person_id: c.cast for c in vote.casts.all()} if vote else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vote_record(resolution=resolution, casts=form.casts(), actor=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "The vote has been recorded.")
            return redirect(
                "meetings:minutes-edit", panel_slug=panel_slug, meeting_slug=meeting.slug
            )
    context = {"meeting": meeting, "resolution": resolution, "form": form, "vote": vote}
    status = 400 if form.errors else 200
    return render(request, "meetings/manage/vote.html", context, status=status)


@clerk_only
def records(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    """The meetings whose papers the law no longer keeps open, to archive on purpose, and those
    archived, to restore."""
    context = queries.records_page(request.panel, timezone.localdate())
    return render(request, "meetings/manage/records.html", context)


@clerk_only
@require_POST
def records_action(
    request: SignedInRequest, panel_slug: str, meeting_slug: str, action: str
) -> HttpResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
    try:
        if action == "archive":
            services.papers_archive(
                meeting=meeting, reason=request.POST.get("reason", ""), actor=request.user
            )
            messages.success(request, f"The papers of {meeting} are archived.")
        elif action == "restore":
            services.papers_restore(meeting=meeting, actor=request.user)
            messages.success(request, f"The papers of {meeting} are published again.")
        else:
            raise Http404("No such action")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("meetings:records", panel_slug=request.panel.slug)
