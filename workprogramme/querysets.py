"""Query vocabulary for the work programme and the tracker: no policy, no writes."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from panel.tenancy import TenantQuerySet

OPEN = ("open", "in_progress")


class WorkItemQuerySet(TenantQuerySet):
    def for_year(self, year: str) -> WorkItemQuerySet:
        return self.filter(municipal_year=year)

    def due_at(self, meeting_id: int) -> WorkItemQuerySet:
        return self.filter(next_meeting_id=meeting_id, status="active")


class ActionQuerySet(TenantQuerySet):
    def with_related(self) -> ActionQuerySet:
        return self.select_related("lead_person", "raised_at", "update_due").prefetch_related(
            "notes"
        )

    def open(self) -> ActionQuerySet:
        return self.filter(status__in=OPEN)

    def overdue(self, now: dt.datetime) -> ActionQuerySet:
        return self.open().filter(update_due__start__lt=now)

    def led_by_user(self, user_id: int) -> ActionQuerySet:
        return self.filter(lead_person__user_id=user_id)

    def led_by(self, lead: str) -> ActionQuerySet:
        if lead == "opcc":
            return self.filter(lead_opcc=True)
        return self.filter(Q(lead_person__slug=lead) | Q(lead_team__iexact=lead))

    def completed_since(self, day: dt.date) -> ActionQuerySet:
        return self.filter(status="completed", completed_on__gte=day)
