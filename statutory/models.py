"""Statutory cases: each exercise of one of the panel's powers (the precept, a confirmation
hearing, the plan, the annual report, any other report), the panel's reports on it and the
Commissioner's responses.

Nothing here is typed that the law computes: a case's status and every due date are worked out
by ``statutory.services`` from ``statutory.law`` as each step is taken.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from documents.models import ExemptionMixin, StoredFile
from meetings.models import Meeting, Resolution
from panel.history import PanelHistory
from panel.tenancy import TenantManager, TenantModel

from .querysets import CaseQuerySet, ReportQuerySet, ResponseQuerySet

# Schedule 12A para 1 (England; para 12 in Wales): information relating to any individual. A
# candidate's personal material in a confirmation hearing is exempt under it, as items are.
CANDIDATE_EXEMPT_PARAGRAPH = {"england": 1, "wales": 12}


class CaseCounter(TenantModel):
    last_number = models.PositiveIntegerField(default=0)

    objects = TenantManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["panel"], name="case_counter_per_panel")]


class StatutoryCase(TenantModel):
    class Kind(models.TextChoices):
        PRECEPT = "precept", "Proposed precept"
        CHIEF_CONSTABLE = "chief_constable", "Chief constable appointment"
        SENIOR_APPOINTMENT = "senior_appointment", "Senior appointment"
        DRAFT_PLAN = "draft_plan", "Draft police and crime plan"
        PLAN_VARIATION = "plan_variation", "Variation of the police and crime plan"
        ANNUAL_REPORT = "annual_report", "Annual report"
        OTHER_REPORT = "other_report", "Other report or recommendation"

    class Status(models.TextChoices):
        NOTIFIED = "notified", "Notified: awaiting the panel's report"
        REPORTED = "reported", "Reported: awaiting the Commissioner's response"
        VETOED = "vetoed", "Vetoed: awaiting the Commissioner's next step"
        REVISED = "revised", "Revised precept notified: awaiting the panel's report on it"
        RESERVE = "reserve", "Reserve candidate notified: awaiting the panel's report"
        REVISED_REPORTED = "revised_reported", "Reported on the revised precept"
        CLOSED = "closed", "Closed"

    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    financial_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For a precept: the year its financial year begins."
    )
    notified_on = models.DateField()
    proposed_precept = models.DecimalField(
        null=True, blank=True, help_text="Band D, in pounds.", max_digits=8, decimal_places=2
    )
    candidate = models.CharField(max_length=200, blank=True)
    candidate_details = models.TextField(
        blank=True,
        help_text="Personal material about a candidate: exempt (Schedule 12A para 1), never "
        "shown to the public.",
    )
    # PRSRA 2011 Sch 8 para 3(2)(b) and (d): the criteria used to assess the candidate's
    # suitability, and the terms and conditions of the appointment (public).
    criteria = models.TextField(blank=True)
    terms = models.TextField(blank=True, help_text="Terms and conditions of the appointment.")
    # After a carried veto of a chief constable: the reserve candidate (SI 2012/2271 Part 3).
    reserve_candidate = models.CharField(max_length=200, blank=True)
    reserve_details = models.TextField(
        blank=True, help_text="The reserve candidate's personal material: exempt, as above."
    )
    reserve_notified_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOTIFIED)
    status_note = models.TextField(blank=True, help_text="The law's words for the status.")
    issued_precept = models.DecimalField(null=True, blank=True, max_digits=8, decimal_places=2)
    issued_on = models.DateField(null=True, blank=True)
    decision_number = models.PositiveIntegerField(
        null=True, blank=True, help_text="The Commissioner's decision record issuing the precept."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = TenantManager.from_queryset(CaseQuerySet)()
    history = PanelHistory()

    class Meta:
        ordering = ["-notified_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="statutory_case_number")
        ]

    def __str__(self) -> str:
        return self.title


class PanelReport(TenantModel):
    """The panel's report on a case, first as the clerk's draft, then made (published)."""

    class Stage(models.TextChoices):
        FIRST = "first", "Report"
        REVISED = "revised", "Report on the revised precept"
        RESERVE = "reserve", "Report on the reserve candidate"

    class Veto(models.TextChoices):
        NONE = "none", "No veto"
        TOO_HIGH = "too_high", "Vetoed as too high"
        TOO_LOW = "too_low", "Vetoed as too low"
        APPOINTMENT = "appointment", "Vetoed the appointment"

    class Recommendation(models.TextChoices):
        NONE = "", "No recommendation on an appointment"
        APPOINT = "appoint", "The candidate should be appointed"
        NOT_APPOINT = "not_appoint", "The candidate should not be appointed"

    case = models.ForeignKey(StatutoryCase, on_delete=models.PROTECT, related_name="reports")
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.FIRST)
    made_on = models.DateField()
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()
    recommendations = models.TextField(blank=True, help_text="One recommendation a line.")
    veto = models.CharField(max_length=12, choices=Veto.choices, default=Veto.NONE)
    recommendation = models.CharField(
        max_length=12, choices=Recommendation.choices, blank=True, default=Recommendation.NONE
    )
    # PRSRA 2011 s 29(3): the panel may require a written response "within a reasonable period
    # determined by the panel"; the Act fixes none, so the date is the panel's or there is none.
    response_required_by = models.DateField(null=True, blank=True)
    veto_outcome = models.TextField(blank=True, help_text="Computed from the recorded vote.")
    veto_carried = models.BooleanField(null=True)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantManager.from_queryset(ReportQuerySet)()
    history = PanelHistory()

    class Meta:
        ordering = ["case", "made_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="statutory_report_per_stage")
        ]

    @property
    def recommendation_list(self) -> list[str]:
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]


class CommissionerResponse(TenantModel):
    class Decision(models.TextChoices):
        NONE = "", "No decision on a recommendation"
        ACCEPTED = "accepted", "Accepted the panel's recommendation"
        REJECTED = "rejected", "Rejected the panel's recommendation"

    report = models.OneToOneField(PanelReport, on_delete=models.PROTECT, related_name="response")
    received_on = models.DateField()
    text = models.TextField()
    revised_precept = models.DecimalField(
        null=True,
        blank=True,
        help_text="After a veto: Band D, in pounds.",
        max_digits=8,
        decimal_places=2,
    )
    decision = models.CharField(
        max_length=10, choices=Decision.choices, blank=True, default=Decision.NONE
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = TenantManager.from_queryset(ResponseQuerySet)()
    history = PanelHistory()

    class Meta:
        ordering = ["report", "pk"]


class CaseDocument(ExemptionMixin, TenantModel):
    """A paper of the case (the Commissioner's notification papers, the annual report, the
    panel's report as sent): public when added, unless exempt under its Schedule 12A paragraph
    (a candidate's application is exempt under para 1)."""

    case = models.ForeignKey(StatutoryCase, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=300)
    stored_file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = TenantManager()
    history = PanelHistory()

    class Meta:
        ordering = ["case", "added_at", "pk"]


class AttendanceRequirement(TenantModel):
    """The panel requires the Commissioner, or members of the Commissioner's staff, to attend
    before it at a meeting to answer questions (PRSRA 2011 s 29(1), (4)–(5)), and may request the
    chief constable to attend on the same occasion (s 29(6))."""

    case = models.ForeignKey(
        StatutoryCase, on_delete=models.PROTECT, related_name="attendance_requirements"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    who = models.CharField(max_length=300, help_text="Who is required to attend.")
    chief_constable_requested = models.BooleanField(default=False)
    notice_given_on = models.DateField()
    questions = models.TextField(blank=True, help_text="What the panel wants answered.")

    objects = TenantManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "notice_given_on", "pk"]


class ReminderSent(TenantModel):
    """A reminder of a case's deadline already sent to one address, so the daily run never
    sends it twice (the row is written in the transaction that decides to send)."""

    case = models.ForeignKey(StatutoryCase, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    step = models.CharField(max_length=200)
    recipient = models.CharField(max_length=254)
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = TenantManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "due_on", "step", "recipient"], name="statutory_reminder_once"
            )
        ]
