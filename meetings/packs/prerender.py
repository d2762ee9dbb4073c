"""Rendering a meeting's pack parts ahead, while the clerk edits the agenda.

Each edit of an item, report or appendix asks for a pre-render a few seconds later
(``PACK_PRERENDER_SECONDS``; the services queue it on commit). The latest request's token is
kept in the cache (Redis, shared by every worker machine): a pre-render whose token is no
longer the latest does nothing, so a burst of edits renders once, after its last edit.

A pre-render builds both packs of the version the next publication would make (its number,
kind and today's date, from the live agenda) and renders into the part cache every part that is
not there yet, then the contents pages. Publishing then finds its parts ready, and making both
packs is their merge. The merge never trusts a pre-render: it looks its parts up by the hash of
their HTML, made from the published version, so a part rendered for an older content of an item
(or a guess of the version that turned out wrong) is never merged, only left for the prune.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from panel.tenancy import panel_scope

from .. import snapshot
from ..models import AgendaItem, AgendaPack, AgendaVersion, Meeting
from . import parts
from .jobs import PACK_FAILURES, context_for_version

TOKEN_SECONDS = 24 * 60 * 60


def _wanted(meeting_id: int) -> str:
    return f"packs:prerender:{meeting_id}"


def _done(meeting_id: int) -> str:
    return f"packs:prerendered:{meeting_id}"


def prerender_token(meeting_id: int) -> str:
    """A new pre-render request for the meeting; every earlier one is now out of date."""
    token = uuid.uuid4().hex
    cache.set(_wanted(meeting_id), token, timeout=TOKEN_SECONDS)
    return token


def is_latest(meeting_id: int, token: str) -> bool:
    return bool(cache.get(_wanted(meeting_id)) == token)


def is_done(meeting_id: int) -> bool:
    """Whether the latest pre-render asked for the meeting has finished (or none was asked)."""
    wanted = cache.get(_wanted(meeting_id))
    return wanted is None or cache.get(_done(meeting_id)) == wanted


def _contexts(meeting_id: int) -> list[dict[str, Any]]:
    """Both packs of the version the next publication would make, as each audience sees it."""
    meeting = Meeting.objects.select_related("body", "previous", "panel").get(pk=meeting_id)
    items = list(AgendaItem.objects.filter(meeting=meeting, urgent_reason=""))
    version = AgendaVersion(
        panel=meeting.panel,
        meeting=meeting,
        number=meeting.agenda_version + 1,
        kind=snapshot.next_kind(meeting, items),
        published_at=timezone.now(),
        content=snapshot.agenda_content(meeting),
    )
    return [context_for_version(meeting, version, a) for a in AgendaPack.Audience.values]


def _panel_of(meeting_id: int) -> int | None:
    meeting = Meeting._base_manager.filter(pk=meeting_id).exclude(status=Meeting.Status.CANCELLED)
    return meeting.values_list("panel_id", flat=True).first()


def parts_needed(meeting_id: int) -> list[str]:
    """The HTML of each part of the meeting's next packs not yet rendered, longest first."""
    panel_id = _panel_of(meeting_id)
    if panel_id is None:
        return []
    with panel_scope(panel_id):
        try:
            htmls = [
                h for ctx in _contexts(meeting_id) for h in parts.htmls_of(parts.build_parts(ctx))
            ]
        except PACK_FAILURES:
            return []  # a damaged appendix: publishing will say so
    return parts.missing(htmls)


def finish(meeting_id: int, token: str) -> None:
    """Render anything still missing here and both packs' contents pages, then mark the
    pre-render done (unless a later edit asked for another)."""
    panel_id = _panel_of(meeting_id)
    if panel_id is not None:
        # A damaged appendix is left for publishing to report.
        with panel_scope(panel_id), contextlib.suppress(*PACK_FAILURES):
            for ctx in _contexts(meeting_id):
                parts.lay_out(ctx)
    if is_latest(meeting_id, token):
        cache.set(_done(meeting_id), token, timeout=TOKEN_SECONDS)
