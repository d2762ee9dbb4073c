"""Agenda packs: `parts` says what a pack holds and renders each part with WeasyPrint,
`merge` joins them and the uploaded appendices with pikepdf, `jobs` runs a pack as a job row
(progress, heartbeat, reuse by content hash, superseding), `prerender` renders a meeting's
parts ahead as the clerk edits. `meetings.tasks` runs jobs (a task per part, then the merge);
the services queue them."""

from . import merge, parts, prerender
from .jobs import (
    PACK_FAILURES,
    PackError,
    context_for_version,
    item_pdf,
    latest_pack,
    latest_packs,
    pack_generate,
    pack_job_create,
    pack_start,
    part_render,
    served_packs,
    stale_packs_restart,
)

__all__ = [
    "PACK_FAILURES",
    "PackError",
    "context_for_version",
    "item_pdf",
    "latest_pack",
    "latest_packs",
    "merge",
    "pack_generate",
    "pack_job_create",
    "pack_start",
    "part_render",
    "parts",
    "prerender",
    "served_packs",
    "stale_packs_restart",
]
