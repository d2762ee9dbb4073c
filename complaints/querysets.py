"""Query vocabulary for complaints: no policy, no writes."""

from __future__ import annotations

import datetime as dt
from typing import Self

from panel.tenancy import M, TenantQuerySet

CLOSED = ("not_recorded", "set_aside", "resolved", "withdrawn")


class ComplaintQuerySet(TenantQuerySet[M]):
    def open(self) -> Self:
        return self.exclude(status__in=CLOSED)

    def closed_before(self, day: dt.date) -> Self:
        return self.filter(status__in=CLOSED, closed_on__lt=day)

    def received_between(self, after: dt.date | None, until: dt.date) -> Self:
        rows = self.filter(received_on__lte=until)
        return rows.filter(received_on__gt=after) if after else rows
