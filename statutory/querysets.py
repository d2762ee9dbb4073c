"""Query vocabulary for statutory cases: no policy, no writes."""

from __future__ import annotations

from panel.tenancy import TenantQuerySet


class CaseQuerySet(TenantQuerySet):
    def in_register_order(self) -> CaseQuerySet:
        return self.order_by("-notified_on", "-number")


class ReportQuerySet(TenantQuerySet):
    def published(self) -> ReportQuerySet:
        return self.filter(published_at__isnull=False)


class ResponseQuerySet(TenantQuerySet):
    def published(self) -> ResponseQuerySet:
        return self.filter(published_at__isnull=False)
