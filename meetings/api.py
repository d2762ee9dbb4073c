"""Meetings API: read for anyone as the policy allows, write for the panel's clerk."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from panel import access as panel_access
from panel import changes
from panel import queries as panel_queries
from panel.http import PanelApiRequest, signed_in_user, whole_number
from panel.models import Body
from panel.parsers import JSONParser

from . import access, queries, services, snapshot
from .models import AgendaItem, AgendaVersion, Meeting, MinutesVersion
from .serializers import (
    AppendixCreatedSerializer,
    AppendixWriteSerializer,
    AttendanceWriteSerializer,
    DeclarationWriteSerializer,
    ItemCreatedSerializer,
    ItemCreateSerializer,
    MeetingCreateSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MinuteWriteSerializer,
    PublishSerializer,
    ReportSerializer,
    ReportWriteSerializer,
    WithdrawalSerializer,
    WithdrawnItemSerializer,
)


def _detail(request: PanelApiRequest, meeting: Meeting) -> dict[str, Any]:
    page = queries.meeting_page(request.user, meeting)
    agenda, version = page["agenda"], page["version"]
    minutes, mversion = page["minutes"], page["minutes_version"]
    return {
        "meeting": meeting,
        "agenda": {
            "version": version.number,
            "kind": version.kind,
            "published_at": version.published_at,
            "late_publications": page["late_publications"],
            "items": agenda["items"],
        }
        if agenda
        else None,
        "minutes": {
            "version": mversion.number,
            "kind": mversion.kind,
            "published_at": mversion.published_at,
            **minutes,
        }
        if minutes
        else None,
    }


def _require_clerk(request: PanelApiRequest) -> None:
    if not access.can_draft_meetings(request.user, request.panel):
        raise NotFound()


# A meeting changes with its own row (facts, status, archiving), its body's name, and each
# publication of its agenda or minutes (what its detail shows).
MEETING_CHANGES = [
    changes.tracked(Meeting),
    changes.tracked(Body, outer="body_id"),
    changes.Source(AgendaVersion, "meeting_id", "published_at"),
    changes.Source(MinutesVersion, "meeting_id", "published_at"),
]


@extend_schema_view(get=extend_schema(parameters=[changes.PARAMETER]))
class MeetingListApi(generics.ListCreateAPIView):
    request: PanelApiRequest
    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        panel = self.request.panel
        rows = access.visible_meetings(self.request.user, panel).select_related("body")
        return changes.since(self.request.query_params, rows, MEETING_CHANGES).order_by("start")

    @extend_schema(request=MeetingCreateSerializer, responses={201: MeetingSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        request = self.request  # the same request, with its panel (PanelApiRequest)
        _require_clerk(request)
        panel = request.panel
        data = MeetingCreateSerializer(
            data=request.data,
            context={
                "bodies": panel_access.visible_bodies(request.user, panel),
                "meetings": access.visible_meetings(request.user, panel),
            },
        )
        data.is_valid(raise_exception=True)
        meeting = services.meeting_create(actor=signed_in_user(request), **data.validated_data)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class MeetingDetailApi(APIView):
    @extend_schema(responses=MeetingDetailSerializer)
    def get(self, request: PanelApiRequest, panel_slug: str, meeting_slug: str) -> Response:
        meeting = access.access_meeting(request.user, request.panel, meeting_slug)
        serializer = MeetingDetailSerializer(
            _detail(request, meeting), context={"request": request, "meeting": meeting}
        )
        return Response(serializer.data)


class ItemCreateApi(APIView):
    @extend_schema(request=ItemCreateSerializer, responses={201: ItemCreatedSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str, meeting_slug: str) -> Response:
        _require_clerk(request)
        meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
        data = ItemCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        item = services.item_add(
            meeting=meeting,
            expected_version=fields.pop("version"),
            actor=signed_in_user(request),
            **fields,
        )
        created = {
            "id": item.pk,
            "number": item.number,
            "title": item.title,
            "access": item.access,
            "paragraph": item.exempt_paragraph,
            "agenda_edit_version": meeting.version,
        }
        return Response(ItemCreatedSerializer(created).data, status=status.HTTP_201_CREATED)


class AgendaPublishApi(APIView):
    @extend_schema(request=PublishSerializer, responses={201: MeetingDetailSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str, meeting_slug: str) -> Response:
        _require_clerk(request)
        meeting = access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)
        data = PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.agenda_publish(
            meeting=meeting, actor=signed_in_user(request), **data.validated_data
        )
        serializer = MeetingDetailSerializer(
            _detail(request, meeting), context={"request": request, "meeting": meeting}
        )
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class _ClerkMeetingApi(APIView):
    """A write on one meeting by its panel's clerk; anyone else is told nothing exists."""

    def meeting(self, request: PanelApiRequest, meeting_slug: str) -> Meeting:
        _require_clerk(request)
        return access.access_meeting(request.user, request.panel, meeting_slug, for_change=True)

    def item(self, request: PanelApiRequest, meeting_slug: str, item_id: int) -> AgendaItem:
        """An item of the meeting, for the panel's clerk; a 404 for anyone else."""
        return access.access_item(request.user, self.meeting(request, meeting_slug), item_id)

    def parse(self, serializer_class: type, request: PanelApiRequest) -> dict[str, Any]:
        context = {"people": panel_queries.people_of(request.panel)}
        serializer = serializer_class(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class ReportUpdateApi(_ClerkMeetingApi):
    @extend_schema(request=ReportWriteSerializer, responses={200: ReportSerializer})
    def put(
        self, request: PanelApiRequest, panel_slug: str, meeting_slug: str, item_id: int
    ) -> Response:
        item = self.item(request, meeting_slug, item_id)
        data = self.parse(ReportWriteSerializer, request)
        services.report_update(
            item=item,
            expected_version=data.pop("version"),
            actor=signed_in_user(request),
            recommendations="\n".join(data.pop("recommendations")),
            body_source=data.pop("body"),
            **data,
        )
        item.refresh_from_db()
        return Response(ReportSerializer(snapshot.report_content(item)).data)


class ItemWithdrawalApi(_ClerkMeetingApi):
    """A published item withdrawn (PUT, with the reason) or reinstated (DELETE); the change is
    public once the clerk publishes the revised agenda."""

    @extend_schema(request=WithdrawalSerializer, responses={200: WithdrawnItemSerializer})
    def put(
        self, request: PanelApiRequest, panel_slug: str, meeting_slug: str, item_id: int
    ) -> Response:
        item = self.item(request, meeting_slug, item_id)
        data = self.parse(WithdrawalSerializer, request)
        services.item_withdraw(
            item=item,
            reason=data["reason"],
            expected_version=data["version"],
            actor=signed_in_user(request),
        )
        return Response(WithdrawnItemSerializer(item).data)

    @extend_schema(
        parameters=[OpenApiParameter("version", int, required=False)],
        responses={200: WithdrawnItemSerializer},
    )
    def delete(
        self, request: PanelApiRequest, panel_slug: str, meeting_slug: str, item_id: int
    ) -> Response:
        item = self.item(request, meeting_slug, item_id)
        version = whole_number(request.query_params.get("version", ""))
        services.item_reinstate(item=item, expected_version=version, actor=signed_in_user(request))
        return Response(WithdrawnItemSerializer(item).data)


class AppendixCreateApi(_ClerkMeetingApi):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": AppendixWriteSerializer},
        responses={201: AppendixCreatedSerializer},
    )
    def post(
        self, request: PanelApiRequest, panel_slug: str, meeting_slug: str, item_id: int
    ) -> Response:
        item = self.item(request, meeting_slug, item_id)
        data = self.parse(AppendixWriteSerializer, request)
        appendix = services.appendix_add(
            item=item, upload=data.pop("file"), actor=signed_in_user(request), **data
        )
        created = {
            "id": appendix.pk,
            "letter": appendix.letter,
            "title": appendix.title,
            "access": appendix.access,
            "paragraph": appendix.exempt_paragraph,
        }
        return Response(AppendixCreatedSerializer(created).data, status=status.HTTP_201_CREATED)


class AttendanceCreateApi(_ClerkMeetingApi):
    @extend_schema(request=AttendanceWriteSerializer, responses={201: AttendanceWriteSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str, meeting_slug: str) -> Response:
        meeting = self.meeting(request, meeting_slug)
        data = self.parse(AttendanceWriteSerializer, request)
        services.minutes_step(
            meeting=meeting, step="attendance", actor=signed_in_user(request), **data
        )
        return Response(AttendanceWriteSerializer(data).data, status=status.HTTP_201_CREATED)


class DeclarationCreateApi(_ClerkMeetingApi):
    @extend_schema(request=DeclarationWriteSerializer, responses={201: DeclarationWriteSerializer})
    def post(self, request: PanelApiRequest, panel_slug: str, meeting_slug: str) -> Response:
        meeting = self.meeting(request, meeting_slug)
        data = self.parse(DeclarationWriteSerializer, request)
        item_id = data.pop("item")
        item = access.access_item(request.user, meeting, item_id) if item_id else None
        services.minutes_step(
            meeting=meeting, step="declaration", item=item, actor=signed_in_user(request), **data
        )
        created = DeclarationWriteSerializer({**data, "item": item_id}).data
        return Response(created, status=status.HTTP_201_CREATED)


class MinuteUpdateApi(_ClerkMeetingApi):
    @extend_schema(request=MinuteWriteSerializer, responses={200: MinuteWriteSerializer})
    def put(
        self, request: PanelApiRequest, panel_slug: str, meeting_slug: str, item_id: int
    ) -> Response:
        meeting = self.meeting(request, meeting_slug)
        item = access.access_item(request.user, meeting, item_id)
        data = self.parse(MinuteWriteSerializer, request)
        services.minutes_step(
            meeting=meeting,
            step="minute",
            item=item,
            text=data["text"],
            resolutions=data["resolutions"],
            expected_version=data["version"],
            actor=signed_in_user(request),
        )
        return Response({"text": data["text"], "resolutions": data["resolutions"]})
