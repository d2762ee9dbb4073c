"""Where the apps on the floors above plug into the ground's pages.

The ground never imports a domain app (the floors run one way). A page of its own that shows
something of theirs names a provider here, and `publishing/wiring.py` fills it when the project
starts; with nothing connected, the page shows the ground's own content only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .access import Reader
from .models import Panel

# Sections of the panel's overview from other apps: (reader, panel, today) -> a dict with the
# "template" that renders it and its context, or None when it has nothing to show. Each provider
# asks its own app's access rules what the reader may see.
OverviewSection = Callable[[Reader, Panel, dt.date], dict[str, Any] | None]
overview_sections: list[OverviewSection] = []
