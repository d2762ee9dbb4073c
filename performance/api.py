"""The plan's API: the plan, its measures and published figures for everyone; the office opens,
fills (JSON or CSV) and submits a quarter's return, by session or by token; the clerk publishes
it or sends it back."""

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

from . import access, queries, services
from .models import Measure, Plan, Priority, Return
from .serializers import (
    FigureRowSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    ReturnCsvSerializer,
    ReturnDetailSerializer,
    ReturnOpenSerializer,
    ReturnSaveSerializer,
    ReturnSerializer,
    StepSerializer,
)


def _parse(serializer_class: type[Any], request: PanelApiRequest) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _detail(of_return: Return) -> Any:
    figures = of_return.figures.select_related("measure").order_by(
        "measure__priority__position", "measure__position"
    )
    return ReturnDetailSerializer({**_fields(of_return), "figures": list(figures)}).data


def _fields(of_return: Return) -> dict[str, Any]:
    names = ReturnSerializer().fields.keys()
    return {name: getattr(of_return, name) for name in names}


# A plan changes with its own row and its priorities and measures (its detail shows them).
PLAN_CHANGES = [
    changes.tracked(Plan),
    changes.tracked(Priority, "plan_id"),
    changes.tracked(Measure, "plan_id"),
]


class PlanListApi(APIView):
    @extend_schema(responses=PlanSerializer(many=True), parameters=[changes.PARAMETER])
    def get(self, request: PanelApiRequest, panel_slug: str) -> Response:
        plans = access.visible_plans(request.user, request.panel)
        plans = changes.since(request.query_params, plans, PLAN_CHANGES)
        return Response(PlanSerializer(plans.order_by("-starts_on"), many=True).data)


class PlanDetailApi(APIView):
    @extend_schema(responses=PlanDetailSerializer)
    def get(self, request: PanelApiRequest, panel_slug: str, plan_slug: str) -> Response:
        plan = access.access_plan(request.user, request.panel, plan_slug)
        measures = Measure.objects.for_panel(request.panel).filter(plan=plan).in_plan_order()
        data = {**PlanSerializer(plan).data, "measures": measures}
        return Response(PlanDetailSerializer(data).data)


class FigureListApi(APIView):
    """Every published figure of the plan, one row per measure and quarter (null: no figure)."""

    @extend_schema(responses=FigureRowSerializer(many=True), parameters=[changes.PARAMETER])
    def get(self, request: PanelApiRequest, panel_slug: str, plan_slug: str) -> Response:
        plan = access.access_plan(request.user, request.panel, plan_slug)
        moment = changes.modified_since(request.query_params)
        rows = queries.export_rows(plan, changed_after=moment)
        return Response(FigureRowSerializer(rows, many=True).data)


class ReturnListApi(APIView):
    @extend_schema(responses=ReturnSerializer(many=True), parameters=[changes.PARAMETER])
    def get(self, request: PanelApiRequest, panel_slug: str, plan_slug: str) -> Response:
        plan = access.access_plan(request.user, request.panel, plan_slug)
        rows = access.visible_returns(request.user, request.panel, plan).in_order()
        # A return's figures are written with its row (its version bumped): its own history.
        rows = changes.since(request.query_params, rows, [changes.tracked(Return)])
        return Response(ReturnSerializer([_fields(r) for r in rows], many=True).data)

    @extend_schema(
        operation_id="plan_return_open",
        request=ReturnOpenSerializer,
        responses={201: ReturnDetailSerializer},
    )
    def post(self, request: PanelApiRequest, panel_slug: str, plan_slug: str) -> Response:
        if not access.can_fill_returns(request.user, request.panel):
            raise NotFound()
        plan = access.access_plan(request.user, request.panel, plan_slug)
        data = _parse(ReturnOpenSerializer, request)
        opened = services.return_open(plan=plan, actor=signed_in_user(request), **data)
        return Response(_detail(opened), status=status.HTTP_201_CREATED)


class ReturnDetailApi(APIView):
    @extend_schema(responses=ReturnDetailSerializer)
    def get(self, request: PanelApiRequest, panel_slug: str, plan_slug: str, key: str) -> Response:
        found = access.access_return(request.user, request.panel, plan_slug, key)
        return Response(_detail(found))

    @extend_schema(
        operation_id="plan_return_save",
        request=ReturnSaveSerializer,
        responses={200: ReturnDetailSerializer},
    )
    def post(self, request: PanelApiRequest, panel_slug: str, plan_slug: str, key: str) -> Response:
        """Save figures into a draft return: those given are set (a null value removes one);
        the others are left as they are. All or nothing."""
        found = access.access_return(request.user, request.panel, plan_slug, key, for_change=True)
        data = _parse(ReturnSaveSerializer, request)
        entries = {
            e["measure"]: services.Entry(e["value"], e.get("note", "")) for e in data.pop("figures")
        }
        version = data.pop("version", None)
        commentary = data.pop("commentary", None)
        services.return_save(
            of_return=found,
            entries=entries,
            money=data,
            commentary=commentary,
            expected_version=version,
            actor=signed_in_user(request),
        )
        return Response(_detail(found))


class ReturnCsvApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="plan_return_csv",
        request={"multipart/form-data": ReturnCsvSerializer},
        responses={200: ReturnDetailSerializer},
    )
    def post(self, request: PanelApiRequest, panel_slug: str, plan_slug: str, key: str) -> Response:
        """Load a CSV file into a draft return: every row or none (a 400 names each bad row)."""
        found = access.access_return(request.user, request.panel, plan_slug, key, for_change=True)
        data = _parse(ReturnCsvSerializer, request)
        services.return_load_csv(
            of_return=found,
            data=data["file"].read(services.CSV_MAX_BYTES + 1),
            expected_version=data.get("version"),
            actor=signed_in_user(request),
        )
        return Response(_detail(found))


class ReturnStepApi(APIView):
    @extend_schema(
        operation_id="plan_return_step",
        request=StepSerializer,
        responses={200: ReturnDetailSerializer},
    )
    def post(
        self, request: PanelApiRequest, panel_slug: str, plan_slug: str, key: str, step: str
    ) -> Response:
        if not access.can_take_return_step(request.user, request.panel, step):
            raise NotFound()
        found = access.access_return(request.user, request.panel, plan_slug, key)
        data = _parse(StepSerializer, request)
        services.return_step(
            of_return=found,
            step=step,
            actor=signed_in_user(request),
            expected_version=data.get("version"),
        )
        return Response(_detail(found))
