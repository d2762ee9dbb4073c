"""Query vocabulary for meetings: no policy, no writes."""

from __future__ import annotations

import datetime as dt

from panel.tenancy import TenantQuerySet


class MeetingQuerySet(TenantQuerySet):
    def published(self) -> MeetingQuerySet:
        return self.filter(agenda_version__gt=0)

    def upcoming(self, now: dt.datetime) -> MeetingQuerySet:
        return self.filter(start__gte=now).order_by("start")

    def past(self, now: dt.datetime) -> MeetingQuerySet:
        return self.filter(start__lt=now).order_by("-start")


class AgendaItemQuerySet(TenantQuerySet):
    def top_level(self) -> AgendaItemQuerySet:
        return self.filter(parent__isnull=True)
