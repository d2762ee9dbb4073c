from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import policy


def panel(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "panel", None)
    if current is None:
        return {"panel": None, "roles": frozenset()}
    roles = policy.roles_in(request.user, current)
    return {
        "panel": current,
        "roles": roles,
        "is_clerk": policy.Role.CLERK in roles,
        # Asked only of signed-in users; the public never learns the page exists.
        "sees_complaints": policy.is_signed_in(request.user)
        and policy.can_list_complaints(request.user, current),
    }
