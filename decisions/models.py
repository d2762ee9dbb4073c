"""The Commissioner's formal decision records (WPCC 0043), as the published decision form has them.

A decision is numbered when it is submitted, from a per-panel counter row locked in the same
transaction, so concurrent submissions never share or skip a number. Once the Commissioner has
signed it, its content is immutable (in PostgreSQL too); a correction is a separate row with who,
when and why, shown over the original.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from documents.models import Access, StoredFile
from panel.history import PanelHistory
from panel.tenancy import TenantManager, TenantModel

from .querysets import DecisionQuerySet

CONTENT_FIELDS = (
    "title",
    "category",
    "executive_summary",
    "decision",
    "background",
    "financial_implications",
    "legal_implications",
    "equality_implications",
    "consultation",
    "risks",
    "declaration_of_interests",
    "exempt_part",
    "exempt_paragraph",
    "exempt_reason",
)
# What the public may read of a published decision: everything but the exempt part.
PUBLIC_FIELDS = CONTENT_FIELDS[:11]


class DecisionCounter(TenantModel):
    last_number = models.PositiveIntegerField(default=0)

    objects = TenantManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["panel"], name="decision_counter_per_panel")]


class Decision(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        REVIEWED = "reviewed", "Reviewed"
        SIGNED = "signed", "Signed by the Commissioner"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Category(models.TextChoices):
        FINANCE = "finance", "Finance and budget"
        ESTATES = "estates", "Estates and property"
        STAFFING = "staffing", "Staffing"
        COMMISSIONING = "commissioning", "Grants and commissioning"
        GOVERNANCE = "governance", "Governance and accountability"
        COMMUNICATIONS = "communications", "Communications and engagement"
        OTHER = "other", "Other"

    number = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(max_length=300)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    executive_summary = models.TextField()
    decision = models.TextField(help_text="The decision, as the Commissioner takes it.")
    background = models.TextField(blank=True)
    financial_implications = models.TextField(blank=True)
    legal_implications = models.TextField(blank=True)
    equality_implications = models.TextField(blank=True)
    consultation = models.TextField(blank=True, help_text="Consultation undertaken.")
    risks = models.TextField(blank=True)
    declaration_of_interests = models.TextField(
        blank=True, help_text="Any interest the decision maker declares, or “None”."
    )
    exempt_part = models.TextField(blank=True, help_text="Information not for publication.")
    exempt_paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    exempt_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    chief_executive = models.CharField(max_length=200, blank=True)
    chief_executive_on = models.DateField(null=True, blank=True)
    chief_finance_officer = models.CharField(max_length=200, blank=True)
    chief_finance_officer_on = models.DateField(null=True, blank=True)
    signed_by = models.CharField(max_length=200, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantManager.from_queryset(DecisionQuerySet)()
    history = PanelHistory()

    class Meta:
        ordering = ["-number", "-pk"]
        # the register's window and years: the first and newest published of a panel
        indexes = [models.Index(fields=["panel", "published_at"], name="decision_panel_published")]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "number"],
                name="decision_unique_number",
                condition=models.Q(number__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_exempt_part(self) -> bool:
        return bool(self.exempt_part.strip())


class DecisionAttachment(TenantModel):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=300)
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.PUBLIC)
    stored_file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    objects = TenantManager()

    history = PanelHistory()

    class Meta:
        ordering = ["pk"]


class DecisionCorrection(TenantModel):
    """A correction to a signed decision: the fields it changes, and who, when and why."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="corrections")
    changes = models.JSONField()
    reason = models.TextField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField()

    objects = TenantManager()

    class Meta:
        ordering = ["decision", "made_at", "pk"]
        # the panel's newest, in one step (the OParl record's stamp: oparl.stamps)
        indexes = [models.Index(fields=["panel", "id"], name="correction_panel_newest")]
