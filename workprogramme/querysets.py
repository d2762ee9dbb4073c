"""Query vocabulary for the work programme and the tracker: no policy, no writes."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.db.models import Q

from panel.tenancy import M, TenantQuerySet

OPEN = ("open", "in_progress")


class WorkItemQuerySet(TenantQuerySet[M]):
    def for_year(self, year: str) -> Self:
        return self.filter(municipal_year=year)

    def years(self) -> list[str]:
        """The municipal years that have items, as stored."""
        return list(self.order_by().values_list("municipal_year", flat=True).distinct())

    def due_at(self, meeting_id: int) -> Self:
        return self.filter(next_meeting_id=meeting_id, status="active")


class ActionQuerySet(TenantQuerySet[M]):
    def with_leads(self) -> Self:
        """With the lead, the meeting raised at and the meeting the update is due at."""
        return self.select_related("lead_person", "raised_at", "update_due")

    def with_related(self) -> Self:
        return self.with_leads().prefetch_related("notes")

    def open(self) -> Self:
        return self.filter(status__in=OPEN)

    def overdue(self, now: dt.datetime) -> Self:
        return self.open().filter(update_due__start__lt=now)

    def led_by_user(self, user_id: int) -> Self:
        return self.filter(lead_person__user_id=user_id)

    def led_by(self, lead: str) -> Self:
        if lead == "opcc":
            return self.filter(lead_opcc=True)
        return self.filter(Q(lead_person__slug=lead) | Q(lead_team__iexact=lead))

    def completed_since(self, day: dt.date) -> Self:
        return self.filter(status="completed", completed_on__gte=day)
