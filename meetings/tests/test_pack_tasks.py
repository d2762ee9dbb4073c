"""Agenda packs as Celery work: a task per part, the merge as the chord's callback, the packs
queue, and parts rendered ahead (debounced) while the clerk edits."""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path

import pytest
from celery import canvas
from celery.result import denied_join_result
from celery.signals import task_prerun
from pypdf import PdfReader

from config.celery import PACK_TASKS, app
from meetings import packs, services, tasks
from meetings.models import AgendaItem, AgendaPack
from meetings.packs import parts, prerender
from meetings.testing import (
    DRAFT_MARKER,
    EXEMPT_APPENDIX_MARKER,
    EXEMPT_REPORT_MARKER,
    published_meeting,
)
from panel.tenancy import panel_scope

PART = "meetings.tasks.agenda_pack_part_render"
MERGE = "meetings.tasks.agenda_pack_merge"


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def pm(cast, settings, tmp_path):
    """The published meeting, without its draft late item: each publication here a revision."""
    settings.MEDIA_ROOT = tmp_path
    pm = published_meeting(cast["alpha"])
    with panel_scope(pm.meeting.panel_id):
        draft = AgendaItem.objects.get(meeting=pm.meeting, title=DRAFT_MARKER)
        services.item_remove(item=draft, actor=None)
    return pm


@pytest.fixture
def ran():
    """The tasks that start, in order: (name, args, the queue they were delivered from)."""
    seen: list[tuple[str, tuple, str | None]] = []

    def record(sender=None, task=None, args=None, **_):
        queue = (task.request.delivery_info or {}).get("routing_key")
        seen.append((task.name, tuple(args or ()), queue))

    task_prerun.connect(record, weak=False)
    yield seen
    task_prerun.disconnect(record)


def request(meeting, audience):
    with panel_scope(meeting.panel_id):
        return services.pack_request(meeting=meeting, audience=audience, actor=None)


def edit_report(pm, text):
    with panel_scope(pm.meeting.panel_id):
        services.report_update(item=pm.public_item, body_source=text, actor=None)


def publish(pm, note="Edited"):
    with panel_scope(pm.meeting.panel_id):
        services.agenda_publish(meeting=pm.meeting, change_note=note, actor=None)
        pm.meeting.refresh_from_db()


def cached_parts(settings) -> set[Path]:
    return set((Path(settings.MEDIA_ROOT) / "packcache").glob("*.pdf"))


def test_it_routes_every_pack_task_to_the_packs_queue_and_the_rest_to_the_default(settings):
    assert settings.PACK_QUEUE == "packs" and app.conf.task_default_queue == "celery"
    for name in PACK_TASKS:
        assert app.amqp.router.route({}, name)["queue"].name == "packs", name
        assert name in app.tasks, name  # no route names a task that does not exist
    for name in (
        "workprogramme.tasks.action_reminders_send",
        "meetings.tasks.agenda_packs_restart_stale",
    ):
        assert app.amqp.router.route({}, name)["queue"].name == "celery"


def test_it_renders_each_part_as_a_task_of_its_own_then_merges(pm, ran):
    job = request(pm.meeting, "members")
    with panel_scope(pm.meeting.panel_id):
        needed = parts.missing(parts.htmls_of(parts.build_parts(packs.jobs._context(job))))
    assert len(needed) > 3 and len(set(needed)) == len(needed)
    tasks.agenda_pack_generate.delay(job.pk)  # eager here: the chord runs in-process
    names = [name for name, *_ in ran]
    assert names[0] == "meetings.tasks.agenda_pack_generate" and names[-1] == MERGE
    assert sorted(args[0] for name, args, _ in ran if name == PART) == sorted(needed)
    job.refresh_from_db()
    assert job.status == "done" and EXEMPT_REPORT_MARKER in text_of(job.file.read())


def test_in_process_a_pack_never_waits_on_celerys_process_wide_join_flag(pm, monkeypatch):
    """Tasks in-process under a threaded server: another thread's eager task has set Celery's
    process-wide "joining a result would block" flag while this pack runs (simulated: the flag set,
    and the eager chord's own reset made a no-op). The pack is made all the same; it used to fail
    with "Never call result.get() within a task!" after the publication had committed."""
    monkeypatch.setattr(canvas, "allow_join_result", contextlib.nullcontext)
    job = request(pm.meeting, "members")
    with denied_join_result():
        tasks.agenda_pack_generate.delay(job.pk)
    job.refresh_from_db()
    assert job.status == "done"


def test_it_merges_at_once_when_every_part_is_ready(pm, ran):
    tasks.agenda_pack_generate.delay(request(pm.meeting, "public").pk)
    ran.clear()
    with panel_scope(pm.meeting.panel_id):
        services.item_update(item=pm.public_item, purpose="Changed purpose", actor=None)
    publish(pm)
    job = request(pm.meeting, "public")
    tasks.agenda_pack_generate.delay(job.pk)
    # The edit changed the front sheet, the agenda and the item: their parts, then the merge.
    assert 0 < sum(name == PART for name, *_ in ran) <= 4
    job.refresh_from_db()
    assert job.status == "done" and "Changed purpose" in text_of(job.file.read())
    ran.clear()
    again = request(pm.meeting, "public")  # the same content: reused, no part rendered
    tasks.agenda_pack_generate.delay(again.pk)
    assert [name for name, *_ in ran] == ["meetings.tasks.agenda_pack_generate"]
    again.refresh_from_db()
    assert again.status == "done" and again.file.name == job.file.name


def test_a_part_rendered_before_an_edit_is_never_merged(pm, settings):
    first = packs.pack_generate(request(pm.meeting, "public").pk)
    assert "Officers patrol" not in text_of(first.file.read())
    before = cached_parts(settings)
    edit_report(pm, "Officers patrol the town centre on foot.")
    publish(pm)
    job = packs.pack_generate(request(pm.meeting, "public").pk)
    text = text_of(job.file.read())
    assert "Officers patrol the town centre" in text
    # A new part for the edited item; the old one stays in the cache, unused.
    assert before < cached_parts(settings)
    assert job.file.name != first.file.name


def test_a_rerun_of_the_merge_is_idempotent(pm, monkeypatch):
    job = request(pm.meeting, "public")
    tasks.agenda_pack_generate.delay(job.pk)
    job.refresh_from_db()
    name, data = job.file.name, job.file.read()

    def must_not_render(*args, **kwargs):
        raise AssertionError("a finished pack was made again")

    monkeypatch.setattr(packs.parts, "assemble", must_not_render)
    tasks.agenda_pack_merge.delay(job.pk)  # the broker delivered it twice
    tasks.agenda_pack_generate.delay(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.file.name == name and job.file.read() == data
    monkeypatch.undo()
    # A worker killed in the middle of the merge: the rerun finishes the job.
    AgendaPack._base_manager.filter(pk=job.pk).update(status="running", file="", progress=70)
    tasks.agenda_pack_merge.delay(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.file.name == name
    assert AgendaPack._base_manager.filter(meeting=pm.meeting, status="done").count() == 1


def test_a_burst_of_edits_is_rendered_once_after_the_last_and_publishing_finds_it_ready(
    pm, settings, monkeypatch, ran, django_capture_on_commit_callbacks
):
    settings.PACK_PRERENDER = True
    settings.PACK_PRERENDER_SECONDS = 7
    queued = []
    monkeypatch.setattr(
        tasks.agenda_packs_prerender,
        "apply_async",
        lambda args, countdown: queued.append((args, countdown)),
    )
    texts = ["Draft one.", "Draft two.", "Draft three: beats walked at night."]
    for text in texts:
        with django_capture_on_commit_callbacks(execute=True):
            edit_report(pm, text)
    assert [countdown for _, countdown in queued] == [7, 7, 7]
    assert not prerender.is_done(pm.meeting.pk)
    for args, _ in queued:  # as the broker delivers them, each after its countdown
        tasks.agenda_packs_prerender(*args)
    assert prerender.is_done(pm.meeting.pk)
    rendered = [args[0] for name, args, _ in ran if name == PART]
    assert rendered and not any("Draft one" in h or "Draft two" in h for h in rendered)
    assert any("Draft three" in h for h in rendered)

    publish(pm)
    jobs = [request(pm.meeting, audience) for audience in ("public", "members")]
    ran.clear()
    for job in jobs:
        tasks.agenda_pack_generate.delay(job.pk)
    assert PART not in [name for name, *_ in ran]  # publishing is the merge, nothing more
    public, members = (AgendaPack._base_manager.get(pk=job.pk) for job in jobs)
    public_text, members_text = text_of(public.file.read()), text_of(members.file.read())
    assert "beats walked at night" in public_text and "beats walked at night" in members_text
    assert EXEMPT_REPORT_MARKER not in public_text and EXEMPT_APPENDIX_MARKER not in public_text
    assert EXEMPT_REPORT_MARKER in members_text


def test_it_renders_nothing_ahead_unless_asked(
    pm, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PACK_PRERENDER = False
    queued = []
    monkeypatch.setattr(
        tasks.agenda_packs_prerender, "apply_async", lambda *a, **k: queued.append((a, k))
    )
    with django_capture_on_commit_callbacks(execute=True):  # the page cache's stamp runs too
        edit_report(pm, "Not rendered ahead.")
    assert queued == []


def test_a_pack_is_spread_over_real_workers_on_the_broker(
    cast, settings, tmp_path, celery_worker, ran
):
    """Through Redis: each part a task of its own, taken from the packs queue, then the merge
    once all have run (the chord's callback, counted in the result backend)."""
    settings.MEDIA_ROOT = tmp_path
    pm = published_meeting(cast["alpha"])
    job = request(pm.meeting, "members")  # queued on commit, as publishing queues it
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in ("done", "failed"):
            break
        time.sleep(0.2)
    assert job.status == "done", job.error
    names = [name for name, *_ in ran if name in PACK_TASKS]  # not publishing's own tasks
    assert names.count(PART) > 3 and names[-1] == MERGE and names.count(MERGE) == 1
    assert {queue for name, _, queue in ran if name in PACK_TASKS} == {settings.PACK_QUEUE}
    assert EXEMPT_APPENDIX_MARKER in text_of(job.file.read())
