"""Statutory cases API: the register for everyone; the OPCC notifies and responds, by session
or by token (the Commissioner's office's own systems), as it does decisions."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from panel import changes
from panel.http import PanelApiRequest, signed_in_user

from . import access, services
from .models import (
    AttendanceRequirement,
    CaseDocument,
    CommissionerResponse,
    PanelReport,
    StatutoryCase,
)
from .serializers import (
    CaseSerializer,
    IssueSerializer,
    NotifySerializer,
    ReserveSerializer,
    RespondSerializer,
)


def _parse(serializer_class: type[Any], request: PanelApiRequest) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _out(request: PanelApiRequest, number: int) -> Any:
    case = access.access_case(request.user, request.panel, number)
    context = {"panel_slug": request.panel.slug}
    return CaseSerializer(access.case_for(request.user, case), context=context).data


# A case changes with its own row and each of its parts: the panel's reports, the
# Commissioner's responses, its documents and the attendance it requires.
CASE_CHANGES = [
    changes.tracked(StatutoryCase),
    changes.tracked(PanelReport, "case_id"),
    changes.tracked(CommissionerResponse, "report__case_id"),
    changes.tracked(CaseDocument, "case_id"),
    changes.tracked(AttendanceRequirement, "case_id"),
]


class CaseListApi(APIView):
    @extend_schema(responses=CaseSerializer(many=True), parameters=[changes.PARAMETER])
    def get(self, request: PanelApiRequest, panel_slug: str) -> Response:
        panel = request.panel
        cases = access.visible_cases(request.user, panel).in_register_order()
        cases = changes.since(request.query_params, cases, CASE_CHANGES)
        rows = [access.case_for(request.user, c) for c in cases]
        context = {"panel_slug": panel.slug}
        return Response(CaseSerializer(rows, many=True, context=context).data)

    @extend_schema(request=NotifySerializer, responses={201: CaseSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str) -> Response:
        panel = request.panel
        if not access.can_notify_cases(request.user, panel):
            raise NotFound()
        data = _parse(NotifySerializer, request)
        case = services.case_notify(panel=panel, actor=signed_in_user(request), **data)
        return Response(_out(request, case.number), status=status.HTTP_201_CREATED)


class CaseDetailApi(APIView):
    @extend_schema(responses=CaseSerializer)
    def get(self, request: PanelApiRequest, panel_slug: str, number: int) -> Response:
        return Response(_out(request, number))


class _CaseStepApi(APIView):
    """One of the OPCC's steps on a case, by token or session: its inputs, the service, the case
    as the caller may now read it."""

    step: str
    serializer_class: type[Any]

    def post(self, request: PanelApiRequest, panel_slug: str, number: int) -> Response:
        case = access.access_case_for_step(request.user, request.panel, number, self.step)
        data = _parse(self.serializer_class, request)
        services.case_step(case=case, step=self.step, actor=signed_in_user(request), **data)
        return Response(_out(request, number))


class CaseRespondApi(_CaseStepApi):
    """The Commissioner's response to the panel's latest report (published unless ``publish``
    is false), with the revised precept after a veto, or on an appointment the decision whether
    to accept the panel's recommendation."""

    step, serializer_class = "respond", RespondSerializer

    @extend_schema(request=RespondSerializer, responses={200: CaseSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str, number: int) -> Response:
        return super().post(request, panel_slug, number)


class CaseReserveApi(_CaseStepApi):
    """After a carried veto of a chief constable, the reserve candidate (SI 2012/2271 Part 3)."""

    step, serializer_class = "propose_reserve", ReserveSerializer

    @extend_schema(request=ReserveSerializer, responses={200: CaseSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str, number: int) -> Response:
        return super().post(request, panel_slug, number)


class CaseIssueApi(_CaseStepApi):
    """The Commissioner issues the precept once the scrutiny process has ended, naming the
    decision record that issues it."""

    step, serializer_class = "issue", IssueSerializer

    @extend_schema(request=IssueSerializer, responses={200: CaseSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str, number: int) -> Response:
        return super().post(request, panel_slug, number)
