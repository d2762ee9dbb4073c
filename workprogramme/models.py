"""The work programme and the recommendations and actions tracker: "a live document updated
after each meeting" rather than a table retyped before each one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from meetings.models import AgendaItem, Meeting, Resolution
from panel.models import Person
from panel.tenancy import TenantManager, TenantModel

from .querysets import ActionQuerySet, WorkItemQuerySet


class WorkProgrammeItem(TenantModel):
    class Standing(models.TextChoices):
        NO = "", "Not a standing item"
        EVERY_MEETING = "every_meeting", "Standing item to every meeting"
        AFTER_WORKING_GROUP = "after_working_group", "After each working group meeting"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        DEFERRED = "deferred", "Deferred"
        DONE = "done", "Completed"

    municipal_year = models.CharField(max_length=7, help_text="For example 2014/15.")
    topic = models.CharField(max_length=300)
    report_detail = models.TextField(blank=True, help_text="What the panel wants to know.")
    lead_officer = models.CharField(max_length=200, blank=True)
    standing = models.CharField(max_length=20, choices=Standing.choices, blank=True, default="")
    last_reported_on = models.DateField(null=True, blank=True)
    next_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_note = models.CharField(
        max_length=200, blank=True, help_text="When no meeting is fixed yet, e.g. “TBC”."
    )
    scheduled_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    deferred_reason = models.TextField(blank=True)
    needs_next_date = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    objects = TenantManager.from_queryset(WorkItemQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipal_year", "position", "pk"]

    def __str__(self) -> str:
        return self.topic


class Action(TenantModel):
    """A recommendation or request of the panel, tracked until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    raised_on = models.DateField()
    raised_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    text = models.TextField()
    lead_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_opcc = models.BooleanField(default=False, help_text="Led by the Commissioner's office.")
    lead_team = models.CharField(max_length=200, blank=True, help_text="A team, if not one person.")
    update_due = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The meeting at which an update is due.",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantManager.from_queryset(ActionQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_on", "pk"]
        constraints = [
            # One action from one resolution: raising it twice makes no second action.
            models.UniqueConstraint(
                fields=["resolution"],
                condition=models.Q(resolution__isnull=False),
                name="action_once_per_resolution",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def lead_label(self) -> str:
        person = self.lead_person if self.lead_person_id else None
        return lead_label(person.display_name if person else "", self.lead_opcc, self.lead_team)


def lead_label(person: str, opcc: bool, team: str) -> str:
    """Who leads an action, as the tracker and an action's page show it: the person (their
    display name), the OPCC, a team, or those of them that lead it together."""
    parts = [part for part in (person, "OPCC" if opcc else "", team) if part]
    return " / ".join(parts) or "Unassigned"


class ActionNote(TenantModel):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()
    status = models.CharField(max_length=12, choices=Action.Status.choices)
    objects = TenantManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "written_on", "pk"]


class ReminderSent(TenantModel):
    """Reminders already sent for a meeting, so the daily run never sends one twice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    recipient = models.CharField(max_length=254)
    kind = models.CharField(max_length=10)

    objects = TenantManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "recipient", "kind"], name="reminder_once")
        ]
