from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import navigation


def menu(request: HttpRequest) -> dict[str, Any]:
    """The panel's menu on every page under a panel (none elsewhere); it asks the database
    nothing, so a page's queries are its own."""
    current = getattr(request, "panel", None)
    if current is None:
        return {"menu": []}
    match = request.resolver_match
    view_name = match.view_name if match else ""
    return {"menu": navigation.menu_html(current, view_name, request.path)}
