"""Query vocabulary for meetings: no policy, no writes."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

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

    def on_record(self) -> AgendaItemQuerySet:
        """Items the minutes may speak of: those of a published agenda, and urgent business the
        Chair accepted at the meeting. A draft item is neither until it is published."""
        return self.filter(Q(first_published_in__isnull=False) | ~Q(urgent_reason=""))
