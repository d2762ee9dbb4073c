"""The panel's search page: thin; the work is in search.queries."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import queries
from .forms import SearchForm


def search(request: HttpRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel  # type: ignore[attr-defined]
    form = SearchForm(request.GET or None)
    context: dict = {"form": form, "terms": ""}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        context["terms"] = data["q"]
        context.update(
            queries.search(request.user, panel, data["q"], data["type"], data["page"] or 1)
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "search/search.html", context, status=status)
