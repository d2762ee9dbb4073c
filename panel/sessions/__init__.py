"""Django's session engines (``db``, ``cached_db``), each reading a session by a prepared query.

A signed-in request's session is read on every request that the cache (``cached_db``) does not
answer; the ORM's compiling of that one lookup cost more than the rest of the session's reading
(``bench/member_pages.py``). The query is compiled once per process (``panel.prepared``) and
the rows, the expiry and what a missing or expired session means are Django's own.
"""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from panel.prepared import Prepared


def _by_key(session_key: str) -> QuerySet[Session]:
    return Session.objects.filter(session_key=session_key)


_SESSION = Prepared(_by_key, session_key="\x1fany session")


class PreparedRead:
    """``_get_session_from_db`` of Django's database session store, by ``_SESSION``: the
    session if it has not expired, else none, and the key forgotten (so a new one is made)."""

    session_key: str | None
    _session_key: str | None

    def _get_session_from_db(self) -> Session | None:
        found = _SESSION.first(session_key=self.session_key) if self.session_key else None
        if found is None or found.expire_date <= timezone.now():
            self._session_key = None
            return None
        return found
