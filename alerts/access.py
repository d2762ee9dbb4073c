"""Who reads what in an alert: the public, always.

A message goes to an address, and an address proves nothing about who reads it, so every
notice is written from the public projections of the apps (`meetings.access.agenda_for`,
`decisions.access.decision_for`, `statutory.access.case_for`, asked as `PUBLIC`), and checked
again as the public when it is sent: a paper withdrawn or archived in between is left out.
Members and officers get the same messages on their account's address.

A subscription is managed by whoever holds its links (the secret key of the manage link, the
signed confirmation and unsubscribe links), or by the signed-in owner of the address.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import QuerySet

from decisions import access as decisions_access
from meetings import access as meetings_access
from panel.access import PUBLIC, Reader
from panel.models import Body, Panel
from panel.tenancy import scopes_disabled
from search import queries as search_queries
from statutory import access as statutory_access

from .models import Notice

__all__ = ["PUBLIC", "across_panels", "matches_search", "owns_address", "still_public"]


def owns_address(user: Reader, email: str) -> bool:
    """The signed-in reader's account has this address: no confirmation is needed."""
    own = getattr(user, "email", "") or ""
    return bool(user.is_authenticated and own and own.strip().lower() == email.strip().lower())


@contextmanager
def across_panels() -> Iterator[None]:
    """An address's subscriptions span panels: the manage page, a confirmation or an
    unsubscribe link reads them outside any one panel's scope (by the subscriber's own key)."""
    with scopes_disabled():
        yield


def subscribable_bodies(panel: Panel) -> QuerySet[Body]:
    """The bodies whose meetings a subscriber may follow: every body (a meeting's date, body
    and published agenda are public; what is exempt never reaches a notice)."""
    return Body.objects.for_panel(panel).order_by("name")


def still_public(notice: Notice) -> bool:
    """Asked again when a message is sent: is what the notice names still public?"""
    if notice.meeting_id is not None:
        meeting = notice.meeting
        if meeting is None or meeting.papers_archived_at is not None:
            return False
        if notice.kind == Notice.Kind.MINUTES:
            return meetings_access.latest_minutes(meeting) is not None
        return meetings_access.latest_agenda(meeting) is not None
    if notice.decision_id is not None:
        decision = notice.decision
        if decision is None or decision.published_at is None or decision.withdrawn_at:
            return False
        return not decisions_access.decision_for(PUBLIC, decision).get("tombstone")
    if notice.case_id is not None:
        return (
            statutory_access.visible_cases(PUBLIC, notice.panel).filter(pk=notice.case_id).exists()
        )
    return False


def matches_search(notice: Notice, query: str) -> bool:
    """Whether a saved search finds what the notice names, in the search index as the public
    may search it."""
    entries = search_queries.entries_for(PUBLIC, notice.panel)
    if notice.meeting_id is not None:
        entries = entries.filter(meeting_id=notice.meeting_id)
    elif notice.decision_id is not None:
        entries = entries.filter(decision_id=notice.decision_id)
    elif notice.case_id is not None:
        entries = entries.filter(case_id=notice.case_id)
    else:
        return False
    return search_queries.matching(entries, query).exists()
