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
    return {"menu": navigation.menu(current, match.view_name if match else "", request.path)}
