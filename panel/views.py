"""Pages of the tenancy app: the panel's home, its membership, bodies and people.

Thin: parse, ask the policy, call a service, render.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, update_wrapper
from typing import Any, Concatenate, ParamSpec, TypeVar, cast
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from . import access, forms, queries, services
from .http import PanelRequest, SignedInRequest, calendar_date, signed_in_user
from .models import Body, Panel


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "panel/home.html",
        {
            "panels": access.visible_panels(request.user),
            "my_panels": access.panels_with_roles(request.user),
        },
    )


def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def healthz_session(request: HttpRequest) -> HttpResponse:
    """The framework's floor for a signed-in page (bench/member_pages.py): the whole middleware
    stack, the session and its user read, a few bytes back. It tells a reader only whether their
    own request is signed in."""
    response = JsonResponse({"status": "ok", "signed_in": request.user.is_authenticated})
    add_never_cache_headers(response)
    return response


class LoginView(auth_views.LoginView):
    """A signed-in reader is sent on; a ``next`` that points back at this page is ignored (it
    would send a signed-in user round in a loop, which Django refuses with an error)."""

    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        return "" if url and urlsplit(url).path == self.request.path else url


def panel_home(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel: Panel = request.panel
    context = queries.panel_overview(request.user, panel, on=timezone.localdate())
    return render(request, "panel/panel_home.html", context)


def membership(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel: Panel = request.panel
    # Not a date, or no such day (2014-02-30): today's, and the page says "as at" which day.
    on = calendar_date(request.GET.get("on", "")) or timezone.localdate()
    context = queries.membership_page(request.user, panel, on=on)
    return render(request, "panel/membership.html", context)


def body_list(request: PanelRequest, panel_slug: str) -> HttpResponse:
    bodies = access.visible_bodies(request.user, request.panel)
    return render(request, "panel/body_list.html", {"bodies": bodies})


def body_detail(request: PanelRequest, panel_slug: str, body_slug: str) -> HttpResponse:
    body = access.access_body(request.user, request.panel, body_slug)
    context = queries.body_page(request.user, body, on=timezone.localdate())
    return render(request, "panel/body_detail.html", context)


def person_detail(request: PanelRequest, panel_slug: str, person_slug: str) -> HttpResponse:
    person = access.access_person(request.user, request.panel, person_slug)
    context = queries.person_page(request.user, person)
    return render(request, "panel/person_detail.html", context)


P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponse)
RoleView = Callable[Concatenate[SignedInRequest, P], R]


def role_required(
    allowed: Callable[[User, Panel], bool],
) -> Callable[[RoleView[P, R]], Callable[Concatenate[PanelRequest, P], R]]:
    """Pages for a role: sign in first; then anyone the policy refuses gets a 404.

    The public is sent to sign in before anything is looked up, so nothing is learnt from it.
    """

    def decorator(view: RoleView[P, R]) -> Callable[Concatenate[PanelRequest, P], R]:
        def wrapped(request: PanelRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
            user = signed_in_user(request)
            if not allowed(user, request.panel):
                raise Http404("Not found")
            return view(cast(SignedInRequest, request), *args, **kwargs)

        update_wrapper(wrapped, view)
        return login_required(wrapped)

    return decorator


clerk_only = role_required(access.can_manage_panel)


@clerk_only
def manage_home(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel: Panel = request.panel
    return render(request, "panel/manage/home.html", queries.manage_overview(request.user, panel))


@clerk_only
def manage_access(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    grants = queries.role_grants(request.panel)
    return render(request, "panel/manage/access.html", {"grants": grants})


def _form_page(request: PanelRequest, template: str, form: Any, **context: Any) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


def _create(
    request: SignedInRequest,
    form: Any,
    create: Any,
    template: str,
    done: Callable[[Any], HttpResponse],
    *,
    keep: tuple[str, ...] = (),
) -> HttpResponse:
    """A clerk's create form: blank optional fields are left to the service's defaults."""
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in ("", None) or k in keep}
        try:
            created = create(actor=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"{created} has been added.")
            return done(created)
    return _form_page(request, template, form, creating=True)


def _edit(
    request: SignedInRequest,
    obj: Any,
    form_class: Any,
    update: Any,
    template: str,
    done: Callable[[], HttpResponse],
    **context: Any,
) -> HttpResponse:
    """A clerk's edit form on a versioned record: a save from a stale screen is refused."""
    initial = {f: getattr(obj, f) for f in form_class.base_fields if f != "version"}
    form = form_class(request.POST or None, initial={**initial, "version": obj.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            update(expected_version=version, actor=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"{obj} has been updated.")
            return done()
    return _form_page(request, template, form, **context)


@clerk_only
@require_http_methods(["GET", "POST"])
def body_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel: Panel = request.panel
    return _create(
        request,
        forms.BodyCreateForm(request.POST or None),
        partial(services.body_create, panel=panel),
        "panel/manage/body_form.html",
        lambda body: redirect("panel:body", panel_slug=panel.slug, body_slug=body.slug),
    )


@clerk_only
@require_http_methods(["GET", "POST"])
def body_edit(request: SignedInRequest, panel_slug: str, body_slug: str) -> HttpResponse:
    panel: Panel = request.panel
    body = access.access_body(request.user, panel, body_slug, for_change=True)
    return _edit(
        request,
        body,
        forms.BodyForm,
        partial(services.body_update, body=body),
        "panel/manage/body_form.html",
        lambda: redirect("panel:body", panel_slug=panel.slug, body_slug=body.slug),
        body=body,
    )


@clerk_only
@require_http_methods(["GET", "POST"])
def membership_create(request: SignedInRequest, panel_slug: str, body_slug: str) -> HttpResponse:
    panel: Panel = request.panel
    body = access.access_body(request.user, panel, body_slug, for_change=True)
    form = forms.MembershipForm(request.POST or None, **queries.membership_choices(panel))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(body=body, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"{form.cleaned_data['person']} has been added.")
            return redirect("panel:body", panel_slug=panel.slug, body_slug=body.slug)
    return _form_page(request, "panel/manage/membership_form.html", form, body=body)


@clerk_only
@require_http_methods(["GET", "POST"])
def membership_edit(request: SignedInRequest, panel_slug: str, membership_id: int) -> HttpResponse:
    panel: Panel = request.panel
    membership = access.access_membership(request.user, panel, membership_id, for_change=True)
    fields = ("role", "authority", "co_opted", "start_date", "end_date")
    form = forms.MembershipEditForm(
        request.POST or None,
        initial={f: getattr(membership, f) for f in fields},
        **queries.membership_choices(panel),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership=membership, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "The membership has been updated.")
            body: Body = membership.body
            return redirect("panel:body", panel_slug=panel.slug, body_slug=body.slug)
    return _form_page(
        request,
        "panel/manage/membership_form.html",
        form,
        membership=membership,
        body=membership.body,
    )


@clerk_only
@require_http_methods(["GET", "POST"])
def person_create(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    panel: Panel = request.panel
    return _create(
        request,
        forms.PersonCreateForm(request.POST or None),
        partial(services.person_create, panel=panel),
        "panel/manage/person_form.html",
        lambda person: redirect("panel:person", panel_slug=panel.slug, person_slug=person.slug),
        keep=("name",),
    )


@clerk_only
@require_http_methods(["GET", "POST"])
def person_edit(request: SignedInRequest, panel_slug: str, person_slug: str) -> HttpResponse:
    panel: Panel = request.panel
    person = access.access_person(request.user, panel, person_slug, for_change=True)
    return _edit(
        request,
        person,
        forms.PersonForm,
        partial(services.person_update, person=person),
        "panel/manage/person_form.html",
        lambda: redirect("panel:person", panel_slug=panel.slug, person_slug=person.slug),
        person=person,
    )


token_viewers = role_required(access.can_view_api_tokens)


@token_viewers
@require_http_methods(["GET", "POST"])
def api_tokens(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    """The office's tokens; an OPCC officer makes one here, and its key is shown once, on the
    answer to the POST itself (never in a URL, a message or a log)."""
    panel: Panel = request.panel
    can_create = access.can_create_api_token(request.user, panel)
    if request.method == "POST" and not can_create:
        raise Http404("Not found")
    form = forms.ApiTokenForm(request.POST or None) if can_create else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            token, key = services.api_token_create(
                panel=panel, role=access.Role.OPCC_OFFICER, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            context = {"token": token, "key": key}
            shown = render(request, "panel/manage/api_token_created.html", context)
            add_never_cache_headers(shown)
            return shown
    context = queries.api_token_page(request.user, panel, now=timezone.now())
    status = 400 if form is not None and form.errors else 200
    return render(request, "panel/manage/api_tokens.html", {"form": form, **context}, status=status)


@token_viewers
@require_http_methods(["GET", "POST"])
def api_token_revoke(request: SignedInRequest, panel_slug: str, token_id: int) -> HttpResponse:
    panel: Panel = request.panel
    token = access.access_api_token(request.user, panel, token_id, for_change=True)
    if request.method == "GET":
        status = token.status_at(timezone.now())
        context = {"token": token, "status": status}
        return render(request, "panel/manage/api_token_revoke.html", context)
    try:
        services.api_token_revoke(token=token, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{token.name}” has been revoked: its key no longer works.")
    return redirect("panel:api-tokens", panel_slug=panel.slug)
