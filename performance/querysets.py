"""Query vocabulary for the plan and its returns: no policy, no writes."""

from __future__ import annotations

from typing import Self

from panel.tenancy import M, TenantQuerySet


class PlanQuerySet(TenantQuerySet[M]):
    def published(self) -> Self:
        return self.filter(published_at__isnull=False)


class MeasureQuerySet(TenantQuerySet[M]):
    def current(self) -> Self:
        """Measures no version of the plan has withdrawn."""
        return self.filter(withdrawn_in__isnull=True, priority__withdrawn_in__isnull=True)

    def in_plan_order(self) -> Self:
        return self.select_related("priority").order_by("priority__position", "position")


class ReturnQuerySet(TenantQuerySet[M]):
    def published(self) -> Self:
        return self.filter(status="published")

    def in_order(self) -> Self:
        return self.order_by("year", "quarter")


class FigureQuerySet(TenantQuerySet[M]):
    def published(self) -> Self:
        return self.filter(of_return__status="published")
