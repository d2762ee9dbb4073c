"""Decisions API: the register for everyone; drafting and the workflow for OPCC officers,
by session or by token (the Commissioner's office's own systems)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from panel import changes
from panel.http import PanelApiRequest, signed_in_user

from . import access, services
from .models import Decision, DecisionAttachment, DecisionCorrection
from .serializers import (
    AttachmentWriteSerializer,
    DecisionSerializer,
    DecisionWriteSerializer,
    ReviewSerializer,
    SignSerializer,
    WithdrawSerializer,
)


def _out(request: PanelApiRequest, decisions: Any, many: bool = False) -> Any:
    context = {"prefix": request.panel.decision_prefix}
    if many:
        rows = [access.decision_for(request.user, d) for d in decisions]
        return DecisionSerializer(rows, many=True, context=context).data
    return DecisionSerializer(access.decision_for(request.user, decisions), context=context).data


def _decision(request: PanelApiRequest, decision_id: int, *, for_change: bool) -> Decision:
    panel = request.panel
    if for_change:
        return access.access_decision_for_change(request.user, panel, decision_id)
    decision = access.visible_decisions(request.user, panel).filter(pk=decision_id).first()
    if decision is None:
        raise NotFound()
    decision.panel = panel
    return decision


def _parse(serializer_class: type, request: PanelApiRequest) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# A decision changes with its own row (each step), its attachments and its corrections.
DECISION_CHANGES = [
    changes.tracked(Decision),
    changes.tracked(DecisionAttachment, "decision_id"),
    changes.Source(DecisionCorrection, "decision_id", "made_at"),
]


class DecisionListApi(APIView):
    @extend_schema(responses=DecisionSerializer(many=True), parameters=[changes.PARAMETER])
    def get(self, request: PanelApiRequest, panel_slug: str) -> Response:
        rows = access.visible_decisions(request.user, request.panel).prefetch_related(
            "corrections", "attachments"
        )
        rows = changes.since(request.query_params, rows, DECISION_CHANGES)
        return Response(_out(request, rows.order_by("-number", "-pk"), many=True))

    @extend_schema(request=DecisionWriteSerializer, responses={201: DecisionSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str) -> Response:
        if not access.can_draft_decisions(request.user, request.panel):
            raise NotFound()
        data = _parse(DecisionWriteSerializer, request)
        decision = services.decision_create(
            panel=request.panel, actor=signed_in_user(request), **data
        )
        return Response(_out(request, decision), status=status.HTTP_201_CREATED)


class DecisionDetailApi(APIView):
    @extend_schema(responses=DecisionSerializer)
    def get(self, request: PanelApiRequest, panel_slug: str, decision_id: int) -> Response:
        return Response(_out(request, _decision(request, decision_id, for_change=False)))


class DecisionActionApi(APIView):
    """One step of the workflow: submit, review, sign, publish or withdraw."""

    inputs: dict[str, type | None] = {
        "submit": None,
        "review": ReviewSerializer,
        "sign": SignSerializer,
        "publish": None,
        "withdraw": WithdrawSerializer,
    }

    @extend_schema(
        operation_id="panels_decisions_action",
        request=ReviewSerializer,
        responses={200: DecisionSerializer},
        description="action is one of submit, review, sign, publish, withdraw; review takes "
        "ReviewSerializer, sign SignSerializer, withdraw WithdrawSerializer, the others nothing.",
    )
    def post(
        self, request: PanelApiRequest, panel_slug: str, decision_id: int, action: str
    ) -> Response:
        decision = _decision(request, decision_id, for_change=True)
        serializer_class = self.inputs.get(action)
        data = _parse(serializer_class, request) if serializer_class else {}
        updated = services.decision_step(
            decision=decision, step=action, actor=signed_in_user(request), **data
        )
        return Response(_out(request, updated))


class DecisionAttachmentApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": AttachmentWriteSerializer},
        responses={201: DecisionSerializer},
    )
    def post(self, request: PanelApiRequest, panel_slug: str, decision_id: int) -> Response:
        decision = _decision(request, decision_id, for_change=True)
        data = _parse(AttachmentWriteSerializer, request)
        services.attachment_add(
            decision=decision,
            title=data["title"],
            access=data["access"],
            upload=data["file"],
            actor=signed_in_user(request),
        )
        return Response(_out(request, decision), status=status.HTTP_201_CREATED)
