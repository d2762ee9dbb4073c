"""Query vocabulary for statutory cases: no policy, no writes."""

from __future__ import annotations

from typing import Self

from panel.tenancy import M, TenantQuerySet


class CaseQuerySet(TenantQuerySet[M]):
    def in_register_order(self) -> Self:
        return self.order_by("-notified_on", "-number")


class ReportQuerySet(TenantQuerySet[M]):
    def published(self) -> Self:
        return self.filter(published_at__isnull=False)


class ResponseQuerySet(TenantQuerySet[M]):
    def published(self) -> Self:
        return self.filter(published_at__isnull=False)
