"""Read-only API of panels, bodies, people and memberships: same policy as the pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics

from . import access, changes
from .changes import PARAMETER as MODIFIED_SINCE
from .changes import Source, tracked
from .http import PanelApiRequest
from .models import Authority, Body, Membership, Panel, Person
from .serializers import (
    BodySerializer,
    MembershipSerializer,
    PanelSerializer,
    PersonSerializer,
)

# A seat shows its body's, person's and council's slugs: a change to one changes the seat.
MEMBERSHIP_CHANGES = [
    tracked(Membership),
    tracked(Body, outer="body_id"),
    tracked(Person, outer="person_id"),
    tracked(Authority, outer="authority_id"),
]


@extend_schema(parameters=[MODIFIED_SINCE])
class PanelListApi(generics.ListAPIView[Panel]):
    serializer_class = PanelSerializer

    def get_queryset(self) -> QuerySet[Panel]:
        rows = access.visible_panels(self.request.user).order_by("name")
        return changes.since(self.request.query_params, rows, [Source(Panel, at="modified_at")])


class PanelDetailApi(generics.RetrieveAPIView[Panel]):
    request: PanelApiRequest
    serializer_class = PanelSerializer

    def get_object(self) -> Panel:
        return self.request.panel


@extend_schema(parameters=[MODIFIED_SINCE])
class BodyListApi(generics.ListAPIView[Body]):
    request: PanelApiRequest
    serializer_class = BodySerializer

    def get_queryset(self) -> QuerySet[Body]:
        rows = access.visible_bodies(self.request.user, self.request.panel).order_by("name")
        return changes.since(self.request.query_params, rows, [tracked(Body)])


class BodyDetailApi(generics.RetrieveAPIView[Body]):
    request: PanelApiRequest
    serializer_class = BodySerializer

    def get_object(self) -> Body:
        return access.access_body(self.request.user, self.request.panel, self.kwargs["body_slug"])


@extend_schema(parameters=[MODIFIED_SINCE])
class PersonListApi(generics.ListAPIView[Person]):
    request: PanelApiRequest
    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Person]:
        rows = access.visible_people(self.request.user, self.request.panel).order_by("name")
        return changes.since(self.request.query_params, rows, [tracked(Person)])


class PersonDetailApi(generics.RetrieveAPIView[Person]):
    request: PanelApiRequest
    serializer_class = PersonSerializer

    def get_object(self) -> Person:
        return access.access_person(
            self.request.user, self.request.panel, self.kwargs["person_slug"]
        )


@extend_schema(
    parameters=[
        OpenApiParameter("current", bool, description="Only seats held today."),
        OpenApiParameter("body", str, description="A body's slug."),
        MODIFIED_SINCE,
    ]
)
class MembershipListApi(generics.ListAPIView[Membership]):
    request: PanelApiRequest
    serializer_class = MembershipSerializer

    def get_queryset(self) -> QuerySet[Membership]:
        panel = self.request.panel
        rows = access.visible_memberships(self.request.user, panel).with_people()
        if self.request.query_params.get("current") in ("1", "true"):
            rows = rows.current(timezone.localdate())
        if body := self.request.query_params.get("body"):
            rows = rows.filter(body__slug=body)
        rows = changes.since(self.request.query_params, rows, MEMBERSHIP_CHANGES)
        return rows.order_by("body__name", "start_date", "id")
