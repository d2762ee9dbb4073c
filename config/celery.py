import os
from typing import Any

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The tasks that make agenda packs: their parts, merges and pre-renders can take a worker for
# seconds each, so they go to a queue of their own (settings.PACK_QUEUE, "packs") served by
# the pack workers; everything else stays on the default queue.
PACK_TASKS = frozenset(
    {
        "meetings.tasks.agenda_pack_generate",
        "meetings.tasks.agenda_pack_part_render",
        "meetings.tasks.agenda_pack_merge",
        "meetings.tasks.agenda_packs_prerender",
        "meetings.tasks.pack_cache_prune",
        "search.tasks.meeting_reindex",  # after a pack is made: its pages' text read
    }
)


def route_task(name: str, args: Any, kwargs: Any, options: Any, task: Any = None, **kw: Any) -> Any:
    """Celery's router (CELERY_TASK_ROUTES): pack tasks to the packs queue, read when a task is
    sent, so that a test or a benchmark may give its workers a queue of their own."""
    if name in PACK_TASKS:
        return {"queue": settings.PACK_QUEUE}
    return None
