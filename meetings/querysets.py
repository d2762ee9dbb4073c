"""Query vocabulary for meetings: no policy, no writes."""

from __future__ import annotations

from typing import Self

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from panel.tenancy import M, TenantQuerySet


class MeetingQuerySet(TenantQuerySet[M]):
    def published(self) -> Self:
        return self.filter(agenda_version__gt=0)

    def going_ahead(self) -> Self:
        """Meetings neither postponed nor cancelled."""
        return self.filter(status="scheduled")

    def with_open_papers(self) -> Self:
        """Meetings whose papers the clerk has not archived (meetings.retention)."""
        return self.filter(papers_archived_at__isnull=True)

    def of_the_panel(self) -> Self:
        """Meetings of the panel itself, not of its working groups and sub-committees."""
        return self.filter(body__kind="panel")

    def of_sub_bodies(self) -> Self:
        return self.exclude(body__kind="panel")


class AgendaItemQuerySet(TenantQuerySet[M]):
    def on_record(self) -> Self:
        """Items the minutes may speak of: those of a published agenda, and urgent business the
        Chair accepted at the meeting. A draft item is neither until it is published."""
        return self.filter(Q(first_published_in__isnull=False) | ~Q(urgent_reason=""))

    def in_agenda_order(self) -> Self:
        """As the agenda reads: each item, then its sub-items (1, 1(1), 1(2), 2), whatever the
        positions within a heading (a sub-item's position counts from 1 under its parent)."""
        return self.order_by(
            Coalesce("parent__position", "position"),
            F("parent").asc(nulls_first=True),
            "position",
        )
