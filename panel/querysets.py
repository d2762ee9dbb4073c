"""Query vocabulary for the tenancy app: no policy, no writes."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.db import models
from django.db.models import Q

from .tenancy import M, TenantQuerySet


class BodyQuerySet(TenantQuerySet[M]):
    def main(self) -> Self:
        return self.filter(kind="panel")


class PersonQuerySet(TenantQuerySet[M]):
    pass


class MembershipQuerySet(TenantQuerySet[M]):
    def current(self, on: dt.date) -> Self:
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def voting(self) -> Self:
        """Seats that carry a vote: Chair, Vice-Chair, member, co-opted member (officers and
        designated substitutes do not; a substitute votes through the member replaced)."""
        return self.filter(role__in=VOTING_ROLES)

    def overlapping(self, start: dt.date, end: dt.date | None) -> Self:
        overlap = Q(end_date__isnull=True) | Q(end_date__gte=start)
        if end is not None:
            overlap &= Q(start_date__lte=end)
        return self.filter(overlap)

    def with_people(self) -> Self:
        return self.select_related("person", "authority", "body")

    def in_display_order(self) -> Self:
        order = models.Case(
            *(models.When(role=role, then=i) for i, role in enumerate(ROLE_ORDER)),
            default=len(ROLE_ORDER),
        )
        return self.annotate(role_order=order).order_by("role_order", "person__name")


VOTING_ROLES = ("chair", "vice_chair", "member", "co_opted")
ROLE_ORDER = ["chair", "vice_chair", "member", "co_opted", "substitute", "officer"]


class ApiTokenQuerySet(TenantQuerySet[M]):
    def in_list_order(self) -> Self:
        return self.select_related("user", "revoked_by").order_by("-created", "-pk")
