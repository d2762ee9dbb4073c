"""Where the apps on the floors above plug into meetings.

Meetings never imports them (the floors run one way). Instead it says what it publishes (the
events below, sent by its services inside the publishing transaction, so a receiver's failure
rolls the publication back) and where a page or a version may carry something of theirs (the
providers below). `publishing/apps.py` connects both when the project starts; with nothing
connected, meetings works on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

# Sent with meeting=, version= (an AgendaVersion) when an agenda version is published.
agenda_published = Signal()
# Sent with meeting=, version= (a MinutesVersion: draft, approved or a correction) and actor=
# (who published them, for the audit trail of what a receiver changes).
minutes_published = Signal()
# Sent with meeting= when its papers are archived or restored (meetings.services.records).
papers_archived = Signal()
# Sent with meeting= and pack= (an AgendaPack) when a pack job has made its pack the one served,
# in that transaction (meetings.packs.jobs): search reads the public pack's pages then.
pack_ready = Signal()
# Sent with meeting= when one of its packs is made (or fails): the meeting page links it.
pack_changed = Signal()

# Appendices generated for an item of a kind when the agenda is published (frozen in the
# version): kind -> (meeting -> [(title, html), ...]).
generated_appendices: dict[str, Callable[[Any], list[tuple[str, str]]]] = {}
# What an item's page shows from elsewhere, by the item's kind: kind -> (user, meeting) -> dict.
item_extras: dict[str, Callable[[Any, Any], dict[str, Any]]] = {}
# What the clerk's agenda editor shows from elsewhere: (meeting) -> dict.
editor_extras: list[Callable[[Any], dict[str, Any]]] = []
# What the clerk's minutes screen shows from elsewhere: (meeting) -> dict.
minutes_extras: list[Callable[[Any], dict[str, Any]]] = []
