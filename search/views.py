"""The panel's search page and its Atom feed: thin; the work is in search.queries."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from panel.http import PanelRequest

from . import queries
from .forms import search_form


def search(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    form = search_form(request)
    context: dict = {"form": form, "terms": ""}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        context["terms"] = data["q"]
        params = request.GET.copy()
        params.pop("page", None)
        context["query"] = params.urlencode()
        context.update(
            queries.search(request.user, panel, data["q"], form.filters(), data["page"] or 1)
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "search/search.html", context, status=status)
