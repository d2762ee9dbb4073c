"""The composition: what each app's publication or page brings from the others.

Connected once, when the project starts (`PublishingConfig.ready`). The domain apps name the
points (`meetings/extensions.py`, `decisions/extensions.py`); this module is the only place that
knows which app fills which, so the imports run one way: publishing down to the apps.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from simple_history.signals import post_create_historical_record

from alerts import services as alerts
from complaints import access as complaints_access
from complaints.queries import counts_since_previous_meeting
from decisions import access as decisions_access
from decisions import extensions as decision_events
from decisions.models import Decision
from decisions.queries import decisions_since_previous_meeting
from httpcache import stamps
from meetings import extensions as meeting_events
from meetings.models import AgendaItem, AgendaPack, Meeting, MinutesVersion
from meetings.queries import panel_meetings
from panel import extensions as panel_pages
from panel.access import Reader
from panel.audit import Actor
from panel.models import Panel
from panel.queries import people_of
from performance import queries as performance_queries
from performance import render as performance_render
from search import services as search
from search import tasks as search_tasks
from statutory import extensions as statutory_events
from statutory import queries as statutory
from statutory.models import StatutoryCase
from workprogramme import extensions as programme_pages
from workprogramme import services as programme
from workprogramme.forms import LeadFields
from workprogramme.models import Action, WorkProgrammeItem
from workprogramme.render import programme_html, tracker_html

Kind = AgendaItem.Kind


# Search follows every publication, in its transaction.


def _index_meeting(sender: Any, meeting: Meeting, **_: Any) -> None:
    search.index_meeting(meeting)


def _index_pack(sender: Any, meeting: Meeting, pack: AgendaPack, **_: Any) -> None:
    """The public pack's pages are indexed once the pack is made and served (by a task on the
    packs queue: reading a 400-page pack's text takes seconds, and a publication's packs are
    ready without waiting for it). The members' pack is not indexed."""
    if pack.audience == AgendaPack.Audience.PUBLIC:
        reindex = partial(search_tasks.meeting_reindex.delay, meeting.panel_id, meeting.pk)
        transaction.on_commit(reindex)


def _index_decision(sender: Any, decision: Decision, **_: Any) -> None:
    search.index_decision(decision)


def _index_case(sender: Any, case: StatutoryCase, **_: Any) -> None:
    search.index_case(case)


# Alerts follow every publication: a notice, as the public reads it, written in the publishing
# transaction and mailed once it commits.


def _alert_agenda(sender: Any, meeting: Meeting, version: Any, **_: Any) -> None:
    alerts.agenda_published(meeting, version)


def _alert_minutes(sender: Any, meeting: Meeting, version: MinutesVersion, **_: Any) -> None:
    alerts.minutes_published(meeting, version)


def _alert_decision(sender: Any, decision: Decision, **_: Any) -> None:
    alerts.decision_changed(decision)


def _alert_case(sender: Any, case: StatutoryCase, **_: Any) -> None:
    alerts.case_changed(case)


# The public caches follow every change of what the public may read of a panel: each publication
# (the events) and, to be sure of the rest (a meeting's facts, the membership, the work programme,
# the plan's returns), every change the history records, drafts included: a spare renewal of the
# stamp costs one rendering, a missed one a stale page. Complaints, role grants, API tokens and
# the standing-item template are never on a public page.
PRIVATE_HISTORY = frozenset(
    {
        "complaints.Complaint",
        "complaints.ComplaintAttachment",
        "panel.RoleGrant",
        "panel.ApiToken",
        "meetings.StandingItem",
    }
)


def _stamp_panel(panel_id: int) -> None:
    slug = Panel.objects.filter(pk=panel_id).values_list("slug", flat=True).first()
    if slug is not None:
        stamps.bump(slug)


def _stamp_meeting(sender: Any, meeting: Meeting, **_: Any) -> None:
    _stamp_panel(meeting.panel_id)


def _stamp_decision(sender: Any, decision: Decision, **_: Any) -> None:
    _stamp_panel(decision.panel_id)


def _stamp_case(sender: Any, case: StatutoryCase, **_: Any) -> None:
    _stamp_panel(case.panel_id)


def _stamp_history(sender: Any, instance: Any, **_: Any) -> None:
    panel_id = getattr(instance, "panel_id", None)
    if panel_id is not None and instance._meta.label not in PRIVATE_HISTORY:
        _stamp_panel(panel_id)


def _stamp_itself(sender: Any, instance: Panel, **_: Any) -> None:
    stamps.bump(instance.slug)


def _connect_stamps() -> None:
    for event in (
        meeting_events.agenda_published,
        meeting_events.minutes_published,
        meeting_events.papers_archived,
        meeting_events.pack_changed,
    ):
        event.connect(_stamp_meeting, dispatch_uid="stamp-meeting")
    decision_events.register_changed.connect(_stamp_decision, dispatch_uid="stamp-decision")
    statutory_events.case_changed.connect(_stamp_case, dispatch_uid="stamp-case")
    post_create_historical_record.connect(_stamp_history, dispatch_uid="stamp-history")
    post_save.connect(_stamp_itself, sender=Panel, dispatch_uid="stamp-panel")


# The work programme follows the meetings: their draft minutes report its items.


def _programme_reported(
    sender: Any, meeting: Meeting, version: MinutesVersion, actor: Actor, **_: Any
) -> None:
    if version.kind == MinutesVersion.Kind.DRAFT:
        programme.work_items_reported(meeting=meeting, actor=actor)


# The Commissioner's item lists his decisions since the last meeting; the Complaints item counts
# complaints (numbers only, for those who see exempt business); the Work Programme item carries
# the programme and the tracker.


def _pcc_update(user: Reader, meeting: Meeting) -> dict[str, Any]:
    return {"decisions": decisions_since_previous_meeting(meeting)}


def _complaint_counts(user: Reader, meeting: Meeting) -> dict[str, Any]:
    if not complaints_access.can_view_complaint_counts(user, meeting.panel_id):
        return {}
    return {"complaint_counts": counts_since_previous_meeting(meeting)}


def _programme_appendices(meeting: Meeting) -> list[tuple[str, str]]:
    return [
        ("Work Programme", programme_html(meeting)),
        ("Recommendations and Actions Plan", tracker_html(meeting)),
    ]


def _performance_appendices(meeting: Meeting) -> list[tuple[str, str]]:
    return performance_render.appendices(meeting.panel, timezone.localtime(meeting.start).date())


def _work_items_due(meeting: Meeting) -> dict[str, Any]:
    due = (
        WorkProgrammeItem.objects.for_panel(meeting.panel)
        .due_at(meeting.pk)
        .filter(scheduled_item__isnull=True)
    )
    return {"work_items_due": list(due)}


def _lead_form(meeting: Meeting) -> dict[str, Any]:
    """The minutes screen raises actions from resolutions: who leads them, and when, and which
    of the meeting's resolutions are on the tracker already (one query)."""
    panel = meeting.panel
    raised = Action.objects.for_panel(panel).filter(resolution__item__meeting=meeting)
    return {
        "lead_form": LeadFields(
            people=people_of(panel), meetings=panel_meetings(panel), auto_id=False
        ),
        "raised_resolutions": set(raised.values_list("resolution_id", flat=True)),
    }


# A statutory case links to the Commissioner's decision record (the precept is issued by one), as
# the reader may see it: the decisions app's own rules say whether they may.


def _decision_record(user: Reader, panel: Panel, number: int) -> dict[str, Any] | None:
    decision = decisions_access.visible_decisions(user, panel).filter(number=number).first()
    if decision is None:
        return None
    return {
        "label": f"{panel.decision_prefix} {number:04d}",
        "title": decision.title if decision.published_at is not None else "",
        "url": reverse("decisions:decision", args=[panel.slug, number]),
        "published": decision.published_at is not None and decision.withdrawn_at is None,
    }


def connect() -> None:
    _connect_stamps()
    meeting_events.agenda_published.connect(_index_meeting, dispatch_uid="search-agenda")
    meeting_events.minutes_published.connect(_index_meeting, dispatch_uid="search-minutes")
    meeting_events.papers_archived.connect(_index_meeting, dispatch_uid="search-archive")
    meeting_events.pack_ready.connect(_index_pack, dispatch_uid="search-pack")
    meeting_events.minutes_published.connect(_programme_reported, dispatch_uid="programme")
    decision_events.register_changed.connect(_index_decision, dispatch_uid="search-decision")
    statutory_events.case_changed.connect(_index_case, dispatch_uid="search-case")
    statutory_events.case_document_added.connect(_index_case, dispatch_uid="search-case-paper")
    meeting_events.agenda_published.connect(_alert_agenda, dispatch_uid="alerts-agenda")
    meeting_events.minutes_published.connect(_alert_minutes, dispatch_uid="alerts-minutes")
    decision_events.register_changed.connect(_alert_decision, dispatch_uid="alerts-decision")
    statutory_events.case_changed.connect(_alert_case, dispatch_uid="alerts-case")
    meeting_events.item_extras[Kind.PCC_UPDATE] = _pcc_update
    meeting_events.item_extras[Kind.COMPLAINTS] = _complaint_counts
    meeting_events.generated_appendices[Kind.WORK_PROGRAMME] = _programme_appendices
    meeting_events.generated_appendices[Kind.PERFORMANCE] = _performance_appendices
    meeting_events.editor_extras[:] = [_work_items_due]
    meeting_events.minutes_extras[:] = [_lead_form]
    panel_pages.overview_sections[:] = [statutory.due_next, performance_queries.overview]
    statutory_events.decision_records[:] = [_decision_record]
    programme_pages.year_dates[:] = [statutory.year_dates]
