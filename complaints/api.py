"""Complaints API: for the complaints handler (and the sub-committee's granted cases, read-only)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from panel import changes
from panel.http import PanelApiRequest, signed_in_user

from . import access, queries, services
from .models import Complaint, ComplaintAttachment, ComplaintEvent


class DatedSerializer(serializers.Serializer):
    what = serializers.CharField()
    cites = serializers.CharField()
    on = serializers.DateField(allow_null=True)
    done_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()


class OversightSerializer(serializers.Serializer):
    name = serializers.CharField()
    short = serializers.CharField()


class ComplaintSerializer(serializers.ModelSerializer):
    # The Commission of SI 2012/62 named by the case's date: IPCC before 8 January 2018, IOPC on
    # and after; the status label names it too. The timetable is computed from the regulations.
    status_label = serializers.CharField(read_only=True)
    oversight_body = OversightSerializer(source="oversight", read_only=True)
    timetable = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "number",
            "kind",
            "status",
            "status_label",
            "oversight_body",
            "timetable",
            "received_on",
            "channel",
            "complainant_name",
            "complainant_email",
            "complainant_phone",
            "complainant_address",
            "subject",
            "text",
            "serious",
            "serious_on",
            "latest_incident_on",
            "not_recorded_grounds",
            "iopc_referred_on",
            "iopc_reference",
            "iopc_outcome",
            "set_aside_ground",
            "resolution_outcome",
            "resolution_record",
            "closed_on",
            "anonymised_at",
        ]
        read_only_fields = fields

    @extend_schema_field(DatedSerializer(many=True))
    def get_timetable(self, complaint: Complaint) -> Any:
        rows = queries.timetable(complaint, today=timezone.localdate())
        return DatedSerializer(rows, many=True).data


class ConductMatterSerializer(serializers.Serializer):
    recorded_on = serializers.DateField()
    subject = serializers.ChoiceField(choices=Complaint.Subject.choices)
    text = serializers.CharField()
    became_clear_on = serializers.DateField(required=False, allow_null=True)


class ComplaintWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Complaint
        fields = list(services.RECEIVE_FIELDS)
        # Blank in the table for a conduct matter, which has no complainant; a complaint's own.
        extra_kwargs = {
            "complainant_name": {"required": True, "allow_blank": False},
            "channel": {"required": True, "allow_blank": False},
        }


class ComplaintActionSerializer(serializers.Serializer):
    grounds = serializers.CharField(required=False)
    serious = serializers.BooleanField(required=False)
    became_clear_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)
    referred_on = serializers.DateField(required=False)
    reference = serializers.CharField(required=False, allow_blank=True)
    outcome = serializers.CharField(required=False)
    back_to_panel = serializers.BooleanField(required=False)
    ground = serializers.ChoiceField(choices=Complaint.SetAsideGround.choices, required=False)
    record = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False)


# What each step takes from the request body (the steps themselves: services.STEPS).
INPUTS: dict[str, tuple[str, ...]] = {
    "not_record": ("grounds",),
    "record": ("serious", "note", "became_clear_on"),
    "refer": ("referred_on", "reference", "note"),
    "iopc_outcome": ("outcome", "back_to_panel"),
    "set_aside": ("ground", "note"),
    "informal": ("note",),
    "resolve": ("outcome", "record"),
    "withdraw": ("reason",),
}
DEFAULTS: dict[str, Any] = {
    "serious": False,
    "back_to_panel": False,
    "grounds": "",
    "outcome": "",
    "reason": "",
    "ground": "",
}


def _complaint(
    request: PanelApiRequest, complaint_id: int, *, for_change: bool = False
) -> Complaint:
    return access.access_complaint(request.user, request.panel, complaint_id, for_change=for_change)


# A case changes with its own row, each step (its events) and its documents.
COMPLAINT_CHANGES = [
    changes.tracked(Complaint),
    changes.Source(ComplaintEvent, "complaint_id", "at"),
    changes.tracked(ComplaintAttachment, "complaint_id"),
]


class ComplaintListApi(APIView):
    @extend_schema(responses=ComplaintSerializer(many=True), parameters=[changes.PARAMETER])
    def get(self, request: PanelApiRequest, panel_slug: str) -> Response:
        if not access.can_list_complaints(request.user, request.panel):
            raise NotFound()
        rows = access.visible_complaints(request.user, request.panel).order_by("-number")
        rows = changes.since(request.query_params, rows, COMPLAINT_CHANGES)
        return Response(ComplaintSerializer(rows, many=True).data)

    @extend_schema(request=ComplaintWriteSerializer, responses={201: ComplaintSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str) -> Response:
        if not access.can_handle_complaints(request.user, request.panel):
            raise NotFound()
        data = ComplaintWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.complaint_receive(
            panel=request.panel, actor=signed_in_user(request), **data.validated_data
        )
        return Response(ComplaintSerializer(complaint).data, status=status.HTTP_201_CREATED)


class ConductMatterCreateApi(APIView):
    request: PanelApiRequest

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # Before the method is looked at: anyone but the handler learns nothing, not even a 405.
        if not access.can_handle_complaints(request.user, request.panel):
            raise NotFound()

    @extend_schema(request=ConductMatterSerializer, responses={201: ComplaintSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str) -> Response:
        data = ConductMatterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        matter = services.conduct_matter_record(
            panel=request.panel, actor=signed_in_user(request), **data.validated_data
        )
        return Response(ComplaintSerializer(matter).data, status=status.HTTP_201_CREATED)


class ComplaintDetailApi(APIView):
    @extend_schema(responses=ComplaintSerializer)
    def get(self, request: PanelApiRequest, panel_slug: str, complaint_id: int) -> Response:
        complaint = _complaint(request, complaint_id)
        services.complaint_log_view(complaint=complaint, user=signed_in_user(request), what="api")
        return Response(ComplaintSerializer(complaint).data)


class ComplaintActionApi(APIView):
    @extend_schema(
        operation_id="panels_complaints_action",
        request=ComplaintActionSerializer,
        responses={200: ComplaintSerializer},
        description="action: one of " + ", ".join(services.STEPS),
    )
    def post(
        self, request: PanelApiRequest, panel_slug: str, complaint_id: int, action: str
    ) -> Response:
        complaint = _complaint(request, complaint_id, for_change=True)
        data = ComplaintActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        names = INPUTS.get(action, ())
        given = {name: data.validated_data.get(name, DEFAULTS.get(name)) for name in names}
        updated = services.complaint_step(
            complaint=complaint,
            step=action,
            actor=signed_in_user(request),
            **{k: v for k, v in given.items() if v is not None},
        )
        return Response(ComplaintSerializer(updated).data)
