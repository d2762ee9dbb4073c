"""The requests the views are written for: what the middleware has set on them, typed.

These classes are annotations, never instantiated: Django hands every view its own request
object, and ``PanelMiddleware`` sets ``panel`` and ``roles`` on it before a panel's view runs
(``/<panel>/…`` and ``/api/panels/<panel>/…``). A view under a panel takes ``PanelRequest`` (an
API view ``PanelApiRequest``); a page behind ``role_required`` takes ``SignedInRequest``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest
from django.utils.dateparse import parse_date
from rest_framework.request import Request

from .access import Role, is_signed_in
from .converters import INT_MAX
from .models import Panel


class AnyRequest(HttpRequest):
    """Any request once ``PanelMiddleware`` has run: a panel's, or one with no panel (``/``,
    ``/accounts/…``), where ``panel`` is None."""

    panel: Panel | None


class PanelRequest(HttpRequest):
    """A request to one of a panel's pages: its panel, and the reader's roles there (read once,
    on first use: a page that never asks pays no query)."""

    panel: Panel
    roles: frozenset[Role]


class SignedInRequest(PanelRequest):
    """A request to a page behind ``role_required``: its user has signed in."""

    user: User


class PanelApiRequest(Request):
    """A request to a panel's API (DRF's request reads the attributes of Django's). A class-based
    API view declares ``request: PanelApiRequest`` for its ``self.request``."""

    panel: Panel
    roles: frozenset[Role]


def signed_in_user(request: HttpRequest | Request) -> User:
    """The signed-in user making a change. Every change is asked of the access rules first,
    and they grant nothing to the anonymous public, so this never answers 404 in practice; it is
    the one place a view narrows its reader to a user it can name as the actor."""
    user = request.user
    if isinstance(user, User) and is_signed_in(user):
        return user
    raise Http404("Not found")


def whole_number(text: str) -> int | None:
    """``text`` as a number a row may have (an id, a version, a page), or None: words, a sign,
    or digits past ``INT_MAX``, which would reach the database as an error, not as no row."""
    return int(text) if text.isascii() and text.isdigit() and int(text) <= INT_MAX else None


def calendar_date(text: str) -> dt.date | None:
    """``text`` as a date of the calendar (2014-09-26), or None: "2014-13-45" and "2014-02-30"
    have a date's shape but name no day, which Django's ``parse_date`` raises on."""
    try:
        return parse_date(text)
    except ValueError:
        return None
