"""Read-only API of panels, bodies, people and memberships: same policy as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics

from . import access
from .models import Body, Panel, Person
from .serializers import (
    BodySerializer,
    MembershipSerializer,
    PanelSerializer,
    PersonSerializer,
)


class PanelListApi(generics.ListAPIView):
    serializer_class = PanelSerializer

    def get_queryset(self) -> QuerySet[Panel]:
        return access.visible_panels(self.request.user).order_by("name")


class PanelDetailApi(generics.RetrieveAPIView):
    serializer_class = PanelSerializer

    def get_object(self) -> Panel:
        return self.request.panel  # type: ignore[attr-defined,no-any-return]


class BodyListApi(generics.ListAPIView):
    serializer_class = BodySerializer

    def get_queryset(self) -> QuerySet[Body]:
        return access.visible_bodies(self.request.user, self.request.panel).order_by("name")  # type: ignore[attr-defined]


class BodyDetailApi(generics.RetrieveAPIView):
    serializer_class = BodySerializer

    def get_object(self) -> Body:
        return access.access_body(self.request.user, self.request.panel, self.kwargs["body_slug"])  # type: ignore[attr-defined]


class PersonListApi(generics.ListAPIView):
    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Person]:
        return access.visible_people(self.request.user, self.request.panel).order_by("name")  # type: ignore[attr-defined]


class PersonDetailApi(generics.RetrieveAPIView):
    serializer_class = PersonSerializer

    def get_object(self) -> Person:
        return access.access_person(
            self.request.user, self.request.panel, self.kwargs["person_slug"]
        )  # type: ignore[attr-defined]


@extend_schema(
    parameters=[
        OpenApiParameter("current", bool, description="Only seats held today."),
        OpenApiParameter("body", str, description="A body's slug."),
    ]
)
class MembershipListApi(generics.ListAPIView):
    serializer_class = MembershipSerializer

    def get_queryset(self) -> Any:
        panel = self.request.panel  # type: ignore[attr-defined]
        rows = access.visible_memberships(self.request.user, panel).with_people()
        if self.request.query_params.get("current") in ("1", "true"):
            rows = rows.current(timezone.localdate())
        if body := self.request.query_params.get("body"):
            rows = rows.filter(body__slug=body)
        return rows.order_by("body__name", "start_date", "id")
