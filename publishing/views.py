"""Pages that span the apps: the change history, and the menu's More page."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from panel.http import PanelRequest, SignedInRequest, whole_number
from panel.views import role_required

from . import history, navigation


def more(request: PanelRequest, panel_slug: str) -> HttpResponse:
    """The rest of the panel's pages, each listed only for a reader who may open it."""
    groups = navigation.more_page(request.user, request.panel)
    return render(request, "publishing/more.html", {"groups": groups})


@role_required(history.can_view_history)
def change_history(request: SignedInRequest, panel_slug: str) -> HttpResponse:
    """Who changed what and when: each role sees the history of the records it keeps."""
    page, named = whole_number(request.GET.get("page", "1")), request.GET.get("id", "")
    object_id = whole_number(named) if named else None
    if not page or (named and object_id is None):
        raise Http404("No such page")
    context = history.changes(
        request.user,
        request.panel,
        kind=request.GET.get("kind", ""),
        object_id=object_id,
        page=page,
    )
    return render(request, "publishing/history.html", context)
