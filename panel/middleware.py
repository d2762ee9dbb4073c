"""Resolve ``request.panel`` once from the URL and scope every tenant query to it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.functional import SimpleLazyObject
from django_scopes import scope, scopes_disabled

from .access import roles_in
from .http import AnyRequest
from .models import Panel
from .prepared import Prepared


class RejectNulMiddleware:
    """A NUL character in a query or form value is refused with a 400 before any view runs: no
    database stores one, and PostgreSQL refuses a query that contains one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("QUERY_STRING", "")
        if "%00" in raw or "\x00" in raw or "\x00" in request.path:
            return bad_request(request)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            values = [v for _, vs in request.POST.lists() for v in vs]
            if any("\x00" in v for v in values):
                return bad_request(request)
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: JSON for the API, the GOV.UK page otherwise."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "The request contains characters that cannot be used."}, status=400
        )
    return render(request, "400.html", status=400)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: JSON for the API and the OParl endpoint (a missing panel or an address they do not
    have)."""
    if request.path.startswith(("/api/", "/oparl/")):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def _panel_by_slug(slug: str) -> QuerySet[Panel]:
    with scopes_disabled():
        return Panel.objects.filter(slug=slug).order_by("pk")[:1]


# Asked by every request to a panel's address: compiled once per process (panel.prepared).
_PANEL_BY_SLUG = Prepared(_panel_by_slug, slug="\x1fany panel")


@lru_cache(maxsize=4096)
def _panel_slug(path: str) -> str | None:
    """The panel an address is under (its ``panel_slug``), if any: the URL patterns are the
    same for the life of the process, so each address is resolved once here (the handler
    resolves it again for its view). Only short addresses are kept (every page's is): a
    stranger's long ones would fill a worker's memory."""
    try:
        return resolve(path).kwargs.get("panel_slug")
    except Resolver404:
        return None


class PanelMiddleware:
    """Sets ``request.panel`` (None off a panel's addresses) and, under a panel, the reader's
    ``request.roles`` there, read on first use (``panel.http.PanelRequest``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: AnyRequest) -> HttpResponse:
        request.panel = None
        path = request.path_info
        slug = _panel_slug(path) if len(path) <= 200 else _panel_slug.__wrapped__(path)
        if slug is None:
            return self.get_response(request)
        panel = _PANEL_BY_SLUG.first(slug=slug)
        if panel is None:
            raise Http404("No such panel")
        request.panel = panel
        # Lazy, so a page that never asks pays no query; roles_in keeps them on the user.
        request.roles = SimpleLazyObject(lambda: roles_in(request.user, panel))  # type: ignore[attr-defined]  # AnyRequest has no roles until here
        with scope(panel=panel.pk):
            return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: a strict CSP and a permissions policy."""

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'; object-src 'none'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/schema/swagger"):
            return response
        response.setdefault("Content-Security-Policy", self.CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
