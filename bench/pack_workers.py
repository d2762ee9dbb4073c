"""The pack on real Celery workers (bench/pack.py's last figures): `celery worker` processes
started here on the Redis broker, each held to one core with taskset, against this run's file
database and media folder, consuming a queue of this run's own (PACK_QUEUE, set by pack.py
before Django loads), so that nothing else on the broker is touched.

Measured: the cold pack with one worker process and with two (alternately, the second worker
stopping and starting to consume); publish → both packs ready after an edit session, with the
clerk's edits rendered ahead (debounced) and, as the same run's baseline, without; and the peak
memory (VmHWM) of every worker process.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess  # nosec B404  # our own workers, our own arguments
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery import app
from meetings import services, tasks
from meetings.models import AgendaItem, AgendaPack, Meeting
from meetings.packs import prerender

ROOT = Path(__file__).resolve().parents[1]
EDIT_DEBOUNCE = 1  # seconds (production: PACK_PRERENDER_SECONDS, 10)


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """`celery -A config worker -Q <this run's packs queue> --pool prefork --concurrency 1`
    processes, one per core given."""

    def __init__(self, cores: list[int]) -> None:
        self.queue = settings.PACK_QUEUE
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PACK_QUEUE": self.queue,
        }
        host = socket.gethostname()
        self.names = [f"bench-{core}-{os.getpid()}@{host}" for core in cores]
        log = open(Path(os.environ["VAR_DIR"]) / "workers.log", "ab")  # noqa: SIM115
        self.processes = [
            subprocess.Popen(  # noqa: S603  # nosec B603  # our own interpreter and arguments
                [
                    *("taskset", "-c", str(core), sys.executable, "-m", "celery", "-A", "config"),
                    *("worker", "-Q", self.queue, "--pool", "prefork", "--concurrency", "1"),
                    *("-n", name, "--loglevel=INFO", "--without-gossip", "--without-mingle"),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
            for core, name in zip(cores, self.names, strict=True)
        ]
        deadline = time.monotonic() + 120
        while len(app.control.ping(destination=self.names, timeout=1)) < len(self.names):
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.processes):
                self.stop()
                sys.exit(f"the bench's celery workers did not start: see {log.name}")

    def consuming(self, name: str, on: bool) -> None:
        control = app.control.add_consumer if on else app.control.cancel_consumer
        control(self.queue, destination=[name], reply=True, timeout=10)

    def peak_memory_mb(self) -> list[float]:
        """VmHWM of each worker process and its pool's children, in MB."""
        peaks = []
        for process in self.processes:
            pids = [process.pid]
            children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
            pids += [int(p) for p in children.read_text().split()] if children.exists() else []
            for pid in pids:
                status = Path(f"/proc/{pid}/status").read_text()
                line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
                peaks.append(int(line.split()[1]) / 1024)
        return peaks

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=60)


def _wait_done(ids: list[int], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = dict(AgendaPack._base_manager.filter(pk__in=ids).values_list("pk", "status"))
        if "failed" in rows.values():
            sys.exit(
                f"a pack failed: {AgendaPack._base_manager.filter(pk__in=ids).values('error')}"
            )
        if all(status == "done" for status in rows.values()):
            return
        # Not more often: this process shares the two cores the workers are pinned to, and
        # what it takes of them is charged to the packs (a 50 ms step costs each figure 25 ms
        # on average, against seconds).
        time.sleep(0.05)
    sys.exit(f"the packs {ids} were not ready in {timeout} s")


def cold_pack(meeting: Meeting) -> float:
    """The members' pack from an empty part cache and no earlier pack: seconds from queuing
    it to its row saying done."""
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "packcache", ignore_errors=True)
    AgendaPack.objects.filter(meeting=meeting).delete()
    job = AgendaPack.objects.create(
        panel_id=meeting.panel_id,
        meeting=meeting,
        agenda_version=meeting.agenda_version,
        audience="members",
    )
    start = time.perf_counter()
    tasks.agenda_pack_generate.delay(job.pk)
    _wait_done([job.pk])
    return time.perf_counter() - start


def _edit_session(meeting: Meeting, n: int) -> None:
    """What a clerk does before publishing a revision: three reports and a title edited."""
    items = list(AgendaItem.objects.filter(meeting=meeting, kind="report").order_by("position")[:3])
    for item in items:
        services.report_update(
            item=item,
            body_source=item.report.body_source + f"\n\nRevised before publication ({n}).",
            actor=None,
        )
    services.item_update(item=items[0], title=f"{items[0].title.split(' (')[0]} ({n})", actor=None)


def publish_to_ready(meeting: Meeting, n: int, ahead: bool) -> tuple[float, float]:
    """An edit session, its debounced pre-render (if ``ahead``) waited for, then publishing:
    seconds from the publish call until both packs are done, and seconds the pre-render
    took after the last edit."""
    settings.PACK_PRERENDER = ahead
    settings.AGENDA_PACKS_ON_PUBLISH = False
    _edit_session(meeting, n)
    edited = time.perf_counter()
    while ahead and not prerender.is_done(meeting.pk):
        if time.perf_counter() - edited > 300:
            sys.exit("the pre-render did not finish in 300 s")
        time.sleep(0.01)
    ahead_seconds = time.perf_counter() - edited
    settings.AGENDA_PACKS_ON_PUBLISH = True
    start = time.perf_counter()
    services.agenda_publish(meeting=meeting, change_note=f"Edit session {n}", actor=None)
    meeting.refresh_from_db()
    ids = list(
        AgendaPack.objects.filter(
            meeting=meeting, agenda_version=meeting.agenda_version
        ).values_list("pk", flat=True)
    )
    _wait_done(ids)
    seconds = time.perf_counter() - start
    settings.AGENDA_PACKS_ON_PUBLISH = False
    settings.PACK_PRERENDER = False
    return seconds, ahead_seconds


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def measure(meeting: Meeting, runs: int) -> list[str]:
    """The figures, each beside its target, as lines to print."""
    app.conf.task_always_eager = False
    app.conf.task_default_queue = f"{settings.PACK_QUEUE}-default"  # nothing else is sent
    settings.PACK_PRERENDER_SECONDS = EDIT_DEBOUNCE
    workers = Workers([0, 1])
    try:
        one, two = [], []
        for _ in range(runs):  # alternately, so that a slow minute falls on both alike
            workers.consuming(workers.names[1], on=False)
            one.append(cold_pack(meeting))
            workers.consuming(workers.names[1], on=True)
            two.append(cold_pack(meeting))
        cold_pack(meeting)  # both packs' parts of this content, for the edit sessions
        plain, ahead, prerender_s = [], [], []
        for n in range(runs):
            plain.append(publish_to_ready(meeting, 2 * n, ahead=False)[0])
            seconds, took = publish_to_ready(meeting, 2 * n + 1, ahead=True)
            ahead.append(seconds)
            prerender_s.append(took)
        memory = workers.peak_memory_mb()
    finally:
        workers.stop()
        _purge()
    speedup = statistics.median(one) / statistics.median(two)
    ready = statistics.median(ahead)
    return [
        f"cold pack on the broker, one worker process (taskset -c 0): "
        f"{statistics.median(one):.2f} s median of {_fmt(one)}",
        f"cold pack on the broker, two worker processes (taskset -c 0, -c 1): "
        f"{statistics.median(two):.2f} s median of {_fmt(two)}",
        f"two workers' speed-up: {speedup:.2f}x (target >= 1.8x: "
        f"{'met' if speedup >= 1.8 else 'NOT met'})",
        f"publish -> both packs ready after an edit session, parts rendered ahead: {ready:.2f} s "
        f"median of {_fmt(ahead)} (target <= 2 s: {'met' if ready <= 2 else 'NOT met'}); the "
        f"pre-render done {statistics.median(prerender_s):.2f} s after the last edit "
        f"({EDIT_DEBOUNCE} s debounce)",
        f"publish -> both packs ready after the same edits, nothing rendered ahead (baseline): "
        f"{statistics.median(plain):.2f} s median of {_fmt(plain)}",
        f"peak memory per worker process: {max(memory):.0f} MB, largest of {len(memory)} "
        f"(target <= 300 MB: {'met' if max(memory) <= 300 else 'NOT met'})",
    ]


def _purge() -> None:
    with app.connection_for_write() as conn:
        for queue in (settings.PACK_QUEUE, app.conf.task_default_queue):
            conn.default_channel.queue_purge(queue)  # on Redis, its list goes; none is no error
