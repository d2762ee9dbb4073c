"""SESSION_ENGINE without a cache: Django's ``db`` engine, read by a prepared query."""

from __future__ import annotations

from django.contrib.sessions.backends import db

from . import PreparedRead


class SessionStore(PreparedRead, db.SessionStore):
    pass
