"""Work programme and tracker API: read for anyone (public business), writes per the policy."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings.models import Meeting
from panel import changes, years
from panel.http import PanelApiRequest, signed_in_user

from . import access, queries, services
from .models import Action, ActionNote, WorkProgrammeItem


class WorkItemSerializer(serializers.ModelSerializer):
    next_meeting: serializers.SlugRelatedField[Meeting] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = WorkProgrammeItem
        fields = [
            "id",
            "municipal_year",
            "topic",
            "report_detail",
            "lead_officer",
            "standing",
            "last_reported_on",
            "next_meeting",
            "next_note",
            "status",
            "deferred_reason",
        ]


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionNote
        fields = ["written_on", "text", "status"]


class ActionSerializer(serializers.ModelSerializer):
    raised_at: serializers.SlugRelatedField[Meeting] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    update_due: serializers.SlugRelatedField[Meeting] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    lead = serializers.CharField(source="lead_label", read_only=True)
    notes = NoteSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "raised_on",
            "raised_at",
            "text",
            "lead",
            "lead_opcc",
            "update_due",
            "status",
            "completed_on",
            "version",
            "notes",
        ]


class NoteWriteSerializer(serializers.Serializer):
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=Action.Status.choices)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


def _link_header(here: str, links: years.YearLinks) -> str:
    """RFC 8288 links to the years with items before and after the one asked for."""
    return ", ".join(
        f'<{here}?{urlencode({"year": y})}>; rel="{rel}"'
        for rel, y in (("prev", links.previous), ("next", links.next))
        if y is not None
    )


# An item changes with its own row and the meeting it is next due at (its slug is shown); an
# action with its own row and its progress notes.
WORK_ITEM_CHANGES = [
    changes.tracked(WorkProgrammeItem),
    changes.tracked(Meeting, outer="next_meeting_id"),
]
ACTION_CHANGES = [changes.tracked(Action), changes.tracked(ActionNote, "action_id")]


class WorkItemListApi(APIView):
    @extend_schema(
        responses=WorkItemSerializer(many=True),
        parameters=[
            OpenApiParameter(
                "year",
                str,
                description="A municipal year, like 2014/15: its items (none, if it has none), "
                "with Link headers to the years with items before and after it (rel prev and "
                "next). Without it, every year's items.",
            ),
            changes.PARAMETER,
        ],
    )
    def get(self, request: PanelApiRequest, panel_slug: str) -> Response:
        every = access.visible_work_items(request.user, request.panel)
        every = every.select_related("next_meeting")
        rows = changes.since(request.query_params, every, WORK_ITEM_CHANGES)
        if "year" not in request.query_params:
            return Response(WorkItemSerializer(rows, many=True).data)
        year = years.parse(request.query_params["year"])
        if year is None:
            raise serializers.ValidationError({"year": ["Give a municipal year, like 2014/15."]})
        links = years.year_links(year, years.well_formed(every.years()))
        response = Response(WorkItemSerializer(rows.for_year(year), many=True).data)
        if link := _link_header(request.build_absolute_uri(request.path), links):
            response["Link"] = link
        return response


class ActionListApi(APIView):
    @extend_schema(
        responses=ActionSerializer(many=True),
        parameters=[
            *(OpenApiParameter(name, str) for name in (*queries.FILTERS, "status")),
            changes.PARAMETER,
        ],
    )
    def get(self, request: PanelApiRequest, panel_slug: str) -> Response:
        rows = queries.filtered_actions(request.user, request.panel, request.query_params)
        rows = changes.since(request.query_params, rows, ACTION_CHANGES)
        return Response(ActionSerializer(rows, many=True).data)


class ActionDetailApi(APIView):
    @extend_schema(responses=ActionSerializer)
    def get(self, request: PanelApiRequest, panel_slug: str, action_id: int) -> Response:
        action = access.access_action(request.user, request.panel, action_id)
        return Response(ActionSerializer(action).data)


class ActionNoteApi(APIView):
    @extend_schema(request=NoteWriteSerializer, responses={201: ActionSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str, action_id: int) -> Response:
        action = access.access_action(request.user, request.panel, action_id, for_change=True)
        data = NoteWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields: dict[str, Any] = dict(data.validated_data)
        services.action_step(
            action=action,
            step="note",
            text=fields["text"],
            status=fields["status"],
            expected_version=fields["version"],
            actor=signed_in_user(request),
        )
        action.refresh_from_db()
        return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)
