from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from panel.access import is_signed_in

from . import access


def complaints(request: HttpRequest) -> dict[str, Any]:
    """Whether the menu shows Complaints: asked only of signed-in users in a panel; the public
    never learns the page exists."""
    current = getattr(request, "panel", None)
    if current is None or not is_signed_in(request.user):
        return {"sees_complaints": False}
    return {"sees_complaints": access.can_list_complaints(request.user, current)}
