"""Who sees what of the statutory cases, and who takes each step.

The public, and everyone else, sees a case once the Commissioner has notified it (every case
row is a notification), and the panel's reports and the Commissioner's responses once they are
published. A report's draft is the clerk's; a response's draft the OPCC's. A candidate's personal
material (Schedule 12A para 1) is read by the clerk, members and the OPCC only. Another panel's
users hold no role here, so they see what the public sees. Missing and forbidden are the same 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import Http404

from documents.models import readable_access
from panel.access import Reader, Role, has_role
from panel.models import Panel

from . import extensions
from .models import (
    AttendanceRequirement,
    CaseDocument,
    CommissionerResponse,
    PanelReport,
    StatutoryCase,
)
from .querysets import CaseQuerySet, ReportQuerySet, ResponseQuerySet

# The fields of a case everyone may read; a new field stays private until it is listed here.
CASE_PUBLIC_FIELDS = (
    "pk",
    "number",
    "kind",
    "title",
    "financial_year",
    "notified_on",
    "proposed_precept",
    "candidate",
    "criteria",
    "terms",
    "reserve_candidate",
    "reserve_notified_on",
    "status",
    "status_note",
    "issued_precept",
    "issued_on",
    "decision_number",
    "version",
)
REPORT_PUBLIC_FIELDS = (
    "pk",
    "stage",
    "made_on",
    "text",
    "veto",
    "recommendation",
    "response_required_by",
    "veto_outcome",
    "veto_carried",
    "published_at",
)
RESPONSE_PUBLIC_FIELDS = (
    "pk",
    "received_on",
    "text",
    "revised_precept",
    "decision",
    "published_at",
)

# Which role takes which step of a case's workflow (statutory.services.STEPS).
STEP_ROLES: dict[str, Role] = {
    "report": Role.CLERK,
    "publish_report": Role.CLERK,
    "respond": Role.OPCC_OFFICER,
    "publish_response": Role.OPCC_OFFICER,
    "issue": Role.OPCC_OFFICER,
    "propose_reserve": Role.OPCC_OFFICER,
    "require_attendance": Role.CLERK,
}


def can_notify_cases(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.OPCC_OFFICER)


def can_report_on_cases(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK)


def can_take_step(user: Reader, panel: Panel | int, step: str) -> bool:
    role = STEP_ROLES.get(step)
    return role is not None and has_role(user, panel, role)


def can_view_draft_reports(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK)


def can_view_draft_responses(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.OPCC_OFFICER)


def can_view_candidate_details(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK, Role.MEMBER, Role.OPCC_OFFICER)


def can_add_case_documents(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK, Role.OPCC_OFFICER)


def readable_documents(user: Reader, panel: Panel | int) -> tuple[str, ...]:
    """The access of a case's papers this reader may read (the files, and their pages in
    search): what ``visible_cases`` prefetches for them, exempt papers (a candidate's
    application) to those who may see a candidate's details."""
    return readable_access(can_view_candidate_details(user, panel))


def visible_cases(user: Reader, panel: Panel) -> CaseQuerySet[StatutoryCase]:
    """Every notified case of the panel, with the reports and responses the reader may see
    prefetched (two queries more, whatever the number of cases)."""
    reports: ReportQuerySet[PanelReport] = PanelReport.objects.for_panel(panel).select_related(
        "resolution__item__meeting"
    )
    if not can_view_draft_reports(user, panel):
        reports = reports.published()
    responses: ResponseQuerySet[CommissionerResponse] = CommissionerResponse.objects.for_panel(
        panel
    )
    if not can_view_draft_responses(user, panel):
        responses = responses.published()
    cases = StatutoryCase.objects.for_panel(panel)
    documents = CaseDocument.objects.for_panel(panel).select_related("stored_file")
    documents = documents.filter(access__in=readable_documents(user, panel))
    cases = cases.prefetch_related(Prefetch("reports", queryset=reports.order_by("made_on", "pk")))
    cases = cases.prefetch_related(Prefetch("documents", queryset=documents))
    attendance = AttendanceRequirement.objects.for_panel(panel).select_related("meeting")
    cases = cases.prefetch_related(Prefetch("attendance_requirements", queryset=attendance))
    return cases.prefetch_related(Prefetch("reports__response", queryset=responses))


def access_case(user: Reader, panel: Panel, number: int) -> StatutoryCase:
    case = visible_cases(user, panel).filter(number=number).first()
    if case is None:
        raise Http404("No such case")
    case.panel = panel
    return case


def case_document(user: Reader, panel: Panel, number: int, document_id: int) -> CaseDocument:
    """One of a case's documents the reader may have (public, or exempt for its entitled
    readers); a 404 for anything else."""
    case = access_case(user, panel, number)
    document = next((d for d in case.documents.all() if d.pk == document_id), None)
    if document is None:
        raise Http404("No such document")
    return document


def access_case_for_step(user: Reader, panel: Panel, number: int, step: str) -> StatutoryCase:
    """A case, for a reader who may take ``step`` on it; a 404 for anyone else."""
    if not can_take_step(user, panel, step):
        raise Http404("No such case")
    return access_case(user, panel, number)


def _response(report: PanelReport) -> dict[str, Any] | None:
    response = getattr(report, "response", None)
    if response is None:
        return None
    view = {f: getattr(response, f) for f in RESPONSE_PUBLIC_FIELDS}
    return view | {"decision_label": response.get_decision_display() if response.decision else ""}


def _report(report: PanelReport) -> dict[str, Any]:
    # The meeting and the resolution's number only: its words are read in the published minutes
    # (never from the live draft rows).
    resolution = report.resolution
    meeting = resolution.item.meeting if resolution is not None else None
    return {
        **{f: getattr(report, f) for f in REPORT_PUBLIC_FIELDS},
        "stage_label": report.get_stage_display(),
        "veto_label": report.get_veto_display(),
        "recommendation_label": (
            report.get_recommendation_display() if report.recommendation else ""
        ),
        "recommendations": report.recommendation_list,
        "published": report.published_at is not None,
        "meeting": (
            {"slug": meeting.slug, "start": meeting.start, "resolution": resolution.position}
            if meeting is not None and resolution is not None
            else None
        ),
        "response": _response(report),
    }


def case_for(user: Reader, case: StatutoryCase) -> dict[str, Any]:
    """A case as this reader may read it (the reports and responses prefetched by
    ``visible_cases`` are already those the reader may see)."""
    view = {f: getattr(case, f) for f in CASE_PUBLIC_FIELDS}
    view["kind_label"] = case.get_kind_display()
    view["status_label"] = case.get_status_display()
    if can_view_candidate_details(user, case.panel_id):
        view["candidate_details"] = case.candidate_details
        view["reserve_details"] = case.reserve_details
    view["reports"] = [_report(r) for r in case.reports.all()]
    view["documents"] = [
        {
            "pk": d.pk,
            "case_number": case.number,
            "title": d.title,
            "access": d.access,
            "exempt_paragraph": d.exempt_paragraph,
            "name": d.stored_file.name,
            "size": d.stored_file.size,
            "pages": d.stored_file.pages,
        }
        for d in case.documents.all()
    ]
    view["attendance"] = [
        {
            "meeting": {"slug": a.meeting.slug, "start": a.meeting.start},
            "who": a.who,
            "chief_constable_requested": a.chief_constable_requested,
            "notice_given_on": a.notice_given_on,
            "questions": a.questions,
        }
        for a in case.attendance_requirements.all()
    ]
    return view


def decision_record(user: Reader, case: StatutoryCase) -> dict[str, Any] | None:
    """The decision record issuing the precept, as the reader may see it (asked of the decisions
    app's own rules through ``extensions.decision_records``); None when there is none to show."""
    if case.decision_number is None or not extensions.decision_records:
        return None
    return extensions.decision_records[0](user, case.panel, case.decision_number)
