"""Which pages the public caches may hold: a panel's published business, read as the public reads
it. The apps' own rules decide what the public sees; this only names the pages whose content is a
function of the panel's published stamp, its address and the day."""

from __future__ import annotations

from django.urls import ResolverMatch

# The apps whose pages (not their API, not the clerk's and the office's screens) are the panel's
# published record: meetings, items, minutes, packs and files, calendars and feeds (meetings);
# the decisions register, its records, PDFs and feed (decisions); the reports register, its cases,
# documents and feed (statutory); the work programme and tracker (workprogramme); the plan's
# published figures (performance); and OParl's body of the panel and everything under it.
PUBLISHED_APPS = frozenset(
    {"meetings", "decisions", "statutory", "workprogramme", "performance", "oparl"}
)


def is_public_page(match: ResolverMatch) -> str | None:
    """The panel (its slug) whose stamp validates the page, or None."""
    slug = match.kwargs.get("panel_slug")
    if not slug or not match.namespaces or match.namespaces[0] not in PUBLISHED_APPS:
        return None
    if "manage/" in (match.route or ""):
        return None
    return str(slug)
