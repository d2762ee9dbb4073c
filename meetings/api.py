"""Meetings API: read for anyone as the policy allows, write for the panel's clerk."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from panel import policy

from . import queries, services
from .models import Meeting
from .serializers import (
    AgendaItemSerializer,
    ItemCreateSerializer,
    MeetingCreateSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    PublishSerializer,
)


def _detail(request: Request, meeting: Meeting) -> dict[str, Any]:
    page = queries.meeting_page(request.user, meeting)
    agenda, version = page["agenda"], page["version"]
    minutes, mversion = page["minutes"], page["minutes_version"]
    return {
        "meeting": meeting,
        "agenda": {"version": version.number, "kind": version.kind,
                   "published_at": version.published_at, "items": agenda["items"]}
        if agenda else None,
        "minutes": {"version": mversion.number, "kind": mversion.kind,
                    "published_at": mversion.published_at, **minutes}
        if minutes else None,
    }  # fmt: skip


def _require_clerk(request: Request) -> None:
    if not policy.can_draft_meetings(request.user, request.panel):  # type: ignore[attr-defined]
        raise NotFound()


class MeetingListApi(generics.ListCreateAPIView):
    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        panel = self.request.panel  # type: ignore[attr-defined]
        return (
            policy.visible_meetings(self.request.user, panel)
            .select_related("body")
            .order_by("start")
        )

    @extend_schema(request=MeetingCreateSerializer, responses={201: MeetingSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _require_clerk(request)
        panel = request.panel  # type: ignore[attr-defined]
        data = MeetingCreateSerializer(
            data=request.data,
            context={"bodies": policy.visible_bodies(request.user, panel),
                     "meetings": policy.visible_meetings(request.user, panel)},
        )  # fmt: skip
        data.is_valid(raise_exception=True)
        meeting = services.meeting_create(actor=request.user, **data.validated_data)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class MeetingDetailApi(APIView):
    @extend_schema(responses=MeetingDetailSerializer)
    def get(self, request: Request, panel_slug: str, meeting_slug: str) -> Response:
        meeting = policy.access_meeting(request.user, request.panel, meeting_slug)  # type: ignore[attr-defined]
        serializer = MeetingDetailSerializer(
            _detail(request, meeting), context={"request": request, "meeting": meeting}
        )
        return Response(serializer.data)


class ItemCreateApi(APIView):
    @extend_schema(request=ItemCreateSerializer, responses={201: AgendaItemSerializer})
    def post(self, request: Request, panel_slug: str, meeting_slug: str) -> Response:
        _require_clerk(request)
        meeting = policy.access_meeting(request.user, request.panel, meeting_slug, for_change=True)  # type: ignore[attr-defined]
        data = ItemCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        item = services.item_add(
            meeting=meeting, expected_version=fields.pop("version"), actor=request.user, **fields
        )
        return Response(
            {"id": item.pk, "number": item.number, "title": item.title, "access": item.access,
             "paragraph": item.exempt_paragraph, "agenda_edit_version": meeting.version},
            status=status.HTTP_201_CREATED,
        )  # fmt: skip


class AgendaPublishApi(APIView):
    @extend_schema(request=PublishSerializer, responses={201: MeetingDetailSerializer})
    def post(self, request: Request, panel_slug: str, meeting_slug: str) -> Response:
        _require_clerk(request)
        meeting = policy.access_meeting(request.user, request.panel, meeting_slug, for_change=True)  # type: ignore[attr-defined]
        data = PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.agenda_publish(meeting=meeting, actor=request.user, **data.validated_data)
        serializer = MeetingDetailSerializer(
            _detail(request, meeting), context={"request": request, "meeting": meeting}
        )
        return Response(serializer.data, status=status.HTTP_201_CREATED)
