"""A real Celery worker process, killed with SIGKILL in the middle of rendering a pack.

The previous pack must go on being served, byte for byte, with nothing half-written in its
place; the job is left running without a heartbeat, and the beat task that restarts stale jobs
finishes it (reusing the parts the dead worker had already rendered). The dead worker's claim on
the part it was rendering stops being renewed and lapses (parts.CLAIM_SECONDS, 30 s), so the
rerun renders that part itself instead of waiting for a worker that will never finish it.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
import warnings
from pathlib import Path

import pytest
from celery.exceptions import AlwaysEagerIgnored
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from config.celery import app
from meetings import access, packs, services, tasks
from meetings.models import AgendaPack
from meetings.testing import published_meeting
from panel.tenancy import panel_scope

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPH = (
    "The panel examined how the Commissioner's plan is delivered in each district, with figures "
    "for response times, repeat victims, and the use of stop and search, set against the year "
    "before and against the most similar forces. "
)


def _long_report(n: int) -> str:
    """A report of a few pages whose text is its own (so no cached part fits it)."""
    words = f"Report {n} ({uuid.uuid4().hex}). "
    return words + "\n\n".join(f"{k}. {PARAGRAPH * 4}" for k in range(1, 25))


def _worker(queue: str, media: Path) -> subprocess.Popen[bytes]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": "/tmp",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "REDIS_URL": django_settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(media),
        "VAR_DIR": str(media.parent / "var"),
        "PACK_RENDER_WORKERS": "2",
        "PACK_QUEUE": queue,  # its part tasks come back to this worker
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "-Q",
            queue,
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(job: AgendaPack, until, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if until(job):
            return
        time.sleep(0.05)
    pytest.fail(f"the job never got there: {job.status} {job.progress}% {job.error}")


@pytest.mark.skipif(
    not django_settings.CELERY_BROKER_URL.startswith("redis"), reason="needs the Redis broker"
)
def test_a_worker_killed_mid_render_leaves_the_old_pack_served_and_a_rerun_completes(
    cast, settings, tmp_path, transactional_db, client
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    pm = published_meeting(cast["alpha"])
    meeting = pm.meeting
    with panel_scope(meeting.panel_id):
        first = services.pack_request(meeting=meeting, audience="public", actor=None)
    old = packs.pack_generate(first.pk)
    old_bytes = old.file.open("rb").read()
    url = reverse("meetings:pack", args=["alpha", meeting.slug, "public"])

    # The agenda grows after publication: the new pack has many new pages to render.
    with panel_scope(meeting.panel_id):
        for n in range(16):
            item = services.item_add(meeting=meeting, title=f"District report {n + 1}", actor=None)
            services.report_update(item=item, body_source=_long_report(n), actor=None)
        services.agenda_publish(
            meeting=meeting,
            late_reason="District reports",
            at=meeting.start - dt.timedelta(days=9),
            actor=None,
        )
        job = AgendaPack.objects.create(
            panel_id=meeting.panel_id,
            meeting=meeting,
            audience="public",
            agenda_version=access.latest_agenda(meeting).number,
        )

    queue = f"kill-{uuid.uuid4().hex}"
    worker = _worker(queue, media)
    try:
        with warnings.catch_warnings():  # the broker is meant here, eager mode or not
            warnings.simplefilter("ignore", AlwaysEagerIgnored)
            app.send_task("meetings.tasks.agenda_pack_generate", args=[job.pk], queue=queue)
        _wait(job, lambda j: j.status == "running" and 0 < j.progress < 60)  # some parts rendered
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and its render processes
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        with app.connection_for_write() as conn:  # the dead worker's part tasks, never run
            conn.default_channel.queue_purge(queue)
    time.sleep(0.5)
    job.refresh_from_db()
    assert job.status == "running" and not job.file  # died mid-run, no pack recorded
    served = client.get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == old_bytes  # the old pack, whole
    packs_folder = media / "packs"
    assert sorted(p.name for p in packs_folder.iterdir() if not p.name.startswith(".")) == [
        Path(old.file.name).name
    ]

    # Beat finds the job without a heartbeat and runs it again (eagerly, here): it completes.
    AgendaPack._base_manager.filter(pk=job.pk).update(heartbeat_at="2000-01-01T00:00:00Z")
    assert tasks.agenda_packs_restart_stale() == 1
    job.refresh_from_db()
    assert job.status == "done" and job.pages > old.pages
    old.refresh_from_db()
    assert old.status == "superseded"
    fresh = b"".join(client.get(url).streaming_content)
    assert fresh == job.file.open("rb").read() != old_bytes
