"""Resolve ``request.panel`` once from the URL and scope every tenant query to it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django_scopes import scope, scopes_disabled

from .models import Panel


class PanelMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.panel = None  # type: ignore[attr-defined]
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        slug = match.kwargs.get("panel_slug")
        if slug is None:
            return self.get_response(request)
        with scopes_disabled():
            panel = Panel.objects.filter(slug=slug).first()
        if panel is None:
            raise Http404("No such panel")
        request.panel = panel  # type: ignore[attr-defined]
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
