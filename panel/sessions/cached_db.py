"""SESSION_ENGINE with Redis: Django's ``cached_db`` engine, read by a prepared query when the
cache does not hold the session (its cache keys are Django's: sessions outlive the change)."""

from __future__ import annotations

from django.contrib.sessions.backends import cached_db

from . import PreparedRead


class SessionStore(PreparedRead, cached_db.SessionStore):
    pass
