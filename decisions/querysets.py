"""Query vocabulary for decisions: no policy, no writes."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.db.models import Q

from panel.tenancy import M, TenantQuerySet


class DecisionQuerySet(TenantQuerySet[M]):
    def published(self) -> Self:
        return self.filter(published_at__isnull=False)

    def in_register(self) -> Self:
        """Published decisions, and numbered ones since withdrawn (as tombstones)."""
        return self.filter(
            Q(published_at__isnull=False) | Q(status="withdrawn", number__isnull=False)
        )

    def published_between(self, after: dt.datetime | None, until: dt.datetime) -> Self:
        rows = self.published().filter(published_at__lte=until)
        return rows.filter(published_at__gt=after) if after else rows

    def search(self, text: str) -> Self:
        return (
            self.filter(Q(title__icontains=text) | Q(executive_summary__icontains=text))
            if text
            else self
        )
