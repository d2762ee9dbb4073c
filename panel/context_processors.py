from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse

from . import access


def panel(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "panel", None)
    if current is None:
        return {"panel": None, "roles": frozenset()}
    # PanelMiddleware's lazy request.roles (panel.http.PanelRequest); read here, if not before.
    roles = getattr(request, "roles", None)
    if roles is None:
        roles = access.roles_in(request.user, current)
    return {
        "panel": current,
        "panel_home": _panel_home(get_script_prefix(), current.slug),
        "roles": roles,
        "is_clerk": access.Role.CLERK in roles,
    }


def site(request: HttpRequest) -> dict[str, Any]:
    """What every page's header and footer link to, and its stylesheets and script."""
    return {"site": _site(get_script_prefix(), settings.STATIC_URL)}


# The same on every page: worked out once per process (for each script prefix and static URL
# they depend on), not by a {% url %} or {% static %} tag each time a page is drawn.
@lru_cache(maxsize=16)
def _site(prefix: str, static_url: str | None) -> dict[str, str]:
    return {
        "home": reverse("home"),
        "login": reverse("login"),
        "logout": reverse("logout"),
        "password_change": reverse("password_change"),
        "api_schema": reverse("api:schema"),
        "govuk_css": static("vendor/govuk-frontend/govuk-frontend.min.css"),
        "app_css": static("css/app.css"),
        "app_js": static("js/app.js"),
    }


@lru_cache(maxsize=512)
def _panel_home(prefix: str, slug: str) -> str:
    return reverse("panel:home", args=[slug])
