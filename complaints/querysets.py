"""Query vocabulary for complaints: no policy, no writes."""

from __future__ import annotations

import datetime as dt

from panel.tenancy import TenantQuerySet

CLOSED = ("not_recorded", "set_aside", "resolved", "withdrawn")


class ComplaintQuerySet(TenantQuerySet):
    def open(self) -> ComplaintQuerySet:
        return self.exclude(status__in=CLOSED)

    def closed_before(self, day: dt.date) -> ComplaintQuerySet:
        return self.filter(status__in=CLOSED, closed_on__lt=day)

    def received_between(self, after: dt.date | None, until: dt.date) -> ComplaintQuerySet:
        rows = self.filter(received_on__lte=until)
        return rows.filter(received_on__gt=after) if after else rows
