"""Decision pages: the public register, a decision, its PDF and files; the OPCC's workflow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST

from documents.http import pdf_download
from panel import years
from panel.forms import StepForm, cleaned_or_raise, posted, step_inputs
from panel.http import PanelRequest, SignedInRequest
from panel.models import Panel
from panel.views import role_required

from . import access, forms, queries, services
from .models import Decision
from .pdf import render_decision_pdf

opcc_only = role_required(access.can_draft_decisions)


def register(request: PanelRequest, panel_slug: str) -> HttpResponse:
    year = request.GET.get("year", "")
    context = queries.register(
        request.user,
        request.panel,
        year="all" if year == "all" else years.calendar_year(year),
        category=request.GET.get("category", ""),
        text=request.GET.get("q", "").strip()[:200],
        page=request.GET.get("page", "1"),
    )
    context["can_draft"] = access.can_draft_decisions(request.user, request.panel)
    return render(request, "decisions/register.html", context)


def detail(request: PanelRequest, panel_slug: str, number: int) -> HttpResponse:
    decision = access.access_decision(request.user, request.panel, number)
    view = access.decision_for(request.user, decision)
    return render(request, "decisions/detail.html", {"d": view, "decision": decision})


def pdf(request: PanelRequest, panel_slug: str, number: int) -> HttpResponse:
    decision = access.access_decision(request.user, request.panel, number)
    view = access.decision_for(request.user, decision)
    if view["tombstone"]:
        raise Http404("No record to print")
    body = render_decision_pdf({"d": view, "panel": request.panel})
    response = HttpResponse(body, content_type="application/pdf")
    prefix = request.panel.decision_prefix
    response["Content-Disposition"] = f'inline; filename="{prefix}-{decision.number:04d}.pdf"'
    # The public's record is the same for every member of the public (httpcache makes it shared).
    signed_in = request.user.is_authenticated
    response["Cache-Control"] = "private, no-store" if signed_in else "public, max-age=60"
    return response


def file_download(
    request: PanelRequest, panel_slug: str, number: int, file_id: int
) -> FileResponse:
    decision = access.access_decision(request.user, request.panel, number)
    if not access.can_download_decision_file(request.user, decision, file_id):
        raise Http404("No such file")
    return _serve(decision, file_id)


@opcc_only
def manage_file(request: SignedInRequest, panel_slug: str, decision_id: int, file_id: int) -> Any:
    """An attachment as its drafter sees it, before the decision has a number."""
    decision = access.access_decision_for_change(request.user, request.panel, decision_id)
    if not decision.attachments.filter(stored_file_id=file_id).exists():
        raise Http404("No such file")
    return _serve(decision, file_id)


def _serve(decision: Decision, file_id: int) -> FileResponse:
    return pdf_download(access.decision_file(decision, file_id), private=True)


class DecisionFeed(Feed):
    """Published decisions, as the public sees them."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, panel_slug: str) -> Panel:
        return cast(PanelRequest, request).panel  # a feed's address is under its panel

    def title(self, panel: Panel) -> str:
        return f"{panel.name}: decisions of the Police and Crime Commissioner"

    def link(self, panel: Panel) -> str:
        return reverse("decisions:decisions", args=[panel.slug])

    def items(self, panel: Panel) -> Any:
        return (
            access.visible_decisions(queries.PUBLIC, panel)
            .published()
            .order_by("-published_at")[:50]
        )

    def item_title(self, decision: Decision) -> str:
        return f"{decision.panel.decision_prefix} {decision.number:04d}: {decision.title}"

    def item_description(self, decision: Decision) -> str:
        return str(access.decision_for(queries.PUBLIC, decision)["executive_summary"])

    def item_link(self, decision: Decision) -> str:
        return reverse("decisions:decision", args=[decision.panel.slug, decision.number])

    def item_pubdate(self, decision: Decision) -> Any:
        return decision.published_at


# The OPCC's screens.


@opcc_only
def manage_list(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    decisions = access.visible_decisions(request.user, request.panel).order_by("-pk")
    return render(request, "decisions/manage/list.html", {"decisions": decisions})


@opcc_only
def manage_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    form = forms.DecisionCreateForm(request.POST or None, jurisdiction=panel.jurisdiction)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(
                panel=panel, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "The draft decision has been saved.")
            return redirect(
                "decisions:decision-manage", panel_slug=panel.slug, decision_id=decision.pk
            )
    return render(
        request, "decisions/manage/form.html", {"form": form}, status=400 if form.errors else 200
    )


@opcc_only
def manage_detail(request: SignedInRequest, panel_slug: str, decision_id: int) -> HttpResponse:
    panel = request.panel
    decision = access.access_decision_for_change(request.user, panel, decision_id)
    form = None
    if decision.status in services.EDITABLE:
        initial = {
            f: getattr(decision, f) for f in forms.DecisionForm.base_fields if f != "version"
        }
        form = forms.DecisionForm(
            request.POST or None,
            jurisdiction=panel.jurisdiction,
            initial={**initial, "version": decision.version},
        )
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.decision_update(
                    decision=decision,
                    expected_version=data.pop("version"),
                    actor=request.user,
                    **data,
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Saved.")
                return redirect(
                    "decisions:decision-manage", panel_slug=panel.slug, decision_id=decision.pk
                )
    context = {
        "decision": decision,
        "form": form,
        "d": access.decision_for(request.user, decision),
        "review_form": forms.ReviewForm(),
        "sign_form": forms.SignForm(),
        "withdraw_form": forms.WithdrawForm(),
        "attachment_form": forms.AttachmentForm(),
        "correction_form": forms.CorrectionForm(),
    }
    bound = form is not None and form.is_bound and form.errors
    return render(request, "decisions/manage/detail.html", context, status=400 if bound else 200)


@opcc_only
@require_POST
def manage_action(
    request: SignedInRequest, panel_slug: str, decision_id: int, action: str
) -> HttpResponse:
    panel = request.panel
    decision = access.access_decision_for_change(request.user, panel, decision_id)
    try:
        _act(request, decision, action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Done.")
    return redirect("decisions:decision-manage", panel_slug=panel.slug, decision_id=decision.pk)


# Each step of the workflow that takes inputs (the steps: services.STEPS) and the form it reads.
STEP_FORMS: dict[str, StepForm] = {
    "review": StepForm(posted(forms.ReviewForm)),
    "sign": StepForm(posted(forms.SignForm)),
    "withdraw": StepForm(posted(forms.WithdrawForm)),
}


def _attach(request: SignedInRequest, decision: Decision) -> None:
    data = cleaned_or_raise(forms.AttachmentForm(request.POST, request.FILES))
    services.attachment_add(
        decision=decision,
        title=data["title"],
        access=data["access"],
        upload=data["file"],
        actor=request.user,
    )


def _correct(request: SignedInRequest, decision: Decision) -> None:
    data = cleaned_or_raise(forms.CorrectionForm(request.POST))
    services.decision_correct(
        decision=decision,
        changes={data["field"]: data["text"]},
        reason=data["reason"],
        actor=request.user,
    )


# The manage page's changes beside the workflow's steps.
CHANGES: dict[str, Callable[[SignedInRequest, Decision], None]] = {
    "attach": _attach,
    "correct": _correct,
}


def _act(request: SignedInRequest, decision: Decision, action: str) -> None:
    change = CHANGES.get(action)
    if change is not None:
        change(request, decision)
        return
    inputs = step_inputs(STEP_FORMS, action, request, decision)
    services.decision_step(decision=decision, step=action, actor=request.user, **inputs)
