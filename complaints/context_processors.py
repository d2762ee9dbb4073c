from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from panel.access import is_signed_in

from . import access


def complaints(request: HttpRequest) -> dict[str, Any]:
    """Whether the menu shows Complaints: asked only of signed-in users in a panel; the public
    never learns the page exists."""
    current = getattr(request, "panel", None)
    shown = current is not None and is_signed_in(request.user)
    return {"sees_complaints": shown and access.can_list_complaints(request.user, current)}
