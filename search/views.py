"""The panel's search page: thin; the work is in search.queries."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from panel.http import PanelRequest

from . import queries
from .forms import SearchForm


def search(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
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
