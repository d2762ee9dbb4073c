from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import access


def panel(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "panel", None)
    if current is None:
        return {"panel": None, "roles": frozenset()}
    # PanelMiddleware's lazy request.roles (panel.http.PanelRequest); read here, if not before.
    roles = getattr(request, "roles", None)
    if roles is None:
        roles = access.roles_in(request.user, current)
    return {"panel": current, "roles": roles, "is_clerk": access.Role.CLERK in roles}
