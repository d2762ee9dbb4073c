"""The Police and Crime Plan as data, and the Commissioner's quarterly returns against it.

A plan (one per Commissioner's term, e.g. Warwickshire 2013–17) has priorities, each with the
measures by which its delivery is judged: a unit, which direction is good, and a target or a
baseline. The plan is varied by versions (each may name the statutory case in which the panel
reviewed the draft, PRSRA 2011 s 28(3)); a measure or priority may be withdrawn in a version and
stays on the record. Each quarter the Commissioner's office submits a return: one figure per
measure (a missing figure is no row, never a zero) and the money (budget, forecast, spend,
reserves, precept). A return is the office's draft until the clerk publishes it; only published
returns reach charts, tables, downloads and the pack.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from panel.tenancy import TenantManager, TenantModel
from statutory.models import StatutoryCase
from workprogramme.models import Action

from .querysets import FigureQuerySet, MeasureQuerySet, PlanQuerySet, ReturnQuerySet


def _pounds(help_text: str) -> models.DecimalField:
    return models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text=help_text
    )


class Plan(TenantModel):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=20, help_text="The years it covers, e.g. 2013-17.")
    commissioner = models.CharField(max_length=200, help_text="Whose plan it is.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Local arrangements, not law: when the office's return is expected after a quarter ends,
    # and how near a figure may be to its target or last quarter and still count as level.
    return_due_days = models.PositiveSmallIntegerField(default=42)
    tolerance_percent = models.DecimalField(max_digits=5, decimal_places=2, default=5)
    version = models.PositiveIntegerField(default=1)

    objects = TenantManager.from_queryset(PlanQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [models.UniqueConstraint(fields=["panel", "slug"], name="plan_slug")]

    def __str__(self) -> str:
        return self.title


class PlanVersion(TenantModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    adopted_on = models.DateField()
    summary = models.TextField(help_text="What this version changed.")
    review_case = models.ForeignKey(
        StatutoryCase,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The statutory case in which the panel reviewed the draft.",
    )

    objects = TenantManager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number")
        ]


class Priority(TenantModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60)
    description = models.TextField(blank=True)
    withdrawn_in = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = TenantManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="priority_slug"),
        ]

    def __str__(self) -> str:
        return self.title


class Measure(TenantModel):
    class Unit(models.TextChoices):
        COUNT = "count", "Number"
        PERCENT = "percent", "Per cent"
        RATE = "rate", "Rate per 1,000 population"
        DAYS = "days", "Days"
        POUNDS = "pounds", "Pounds"

    class Direction(models.TextChoices):
        UP = "up", "Higher is better"
        DOWN = "down", "Lower is better"

    class Reference(models.TextChoices):
        TARGET = "target", "Target"
        BASELINE = "baseline", "Baseline"
        NONE = "", "None"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="measures")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, help_text="The measure's code in returns and CSV.")
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.COUNT)
    good_direction = models.CharField(max_length=4, choices=Direction.choices)
    reference_kind = models.CharField(
        max_length=10, choices=Reference.choices, blank=True, default=Reference.NONE
    )
    reference = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the figure comes from.")
    illustrative = models.BooleanField(
        default=False, help_text="Demonstration figures where the sources give none."
    )
    withdrawn_in = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = TenantManager.from_queryset(MeasureQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "priority__position", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "slug"], name="measure_slug")]

    def __str__(self) -> str:
        return self.title


class Return(TenantModel):
    """One quarter's return: the office's draft, submitted, then published by the clerk."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted to the panel"
        PUBLISHED = "published", "Published"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="returns")
    year = models.PositiveSmallIntegerField(help_text="The year its financial year begins.")
    quarter = models.PositiveSmallIntegerField(choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    commentary = models.TextField(blank=True, help_text="The office's commentary on the quarter.")
    budget = _pounds("Net revenue budget for the year, £.")
    forecast = _pounds("Forecast outturn for the year, £.")
    spend_to_date = _pounds("Spent by the quarter's end, £.")
    reserves_general = _pounds("General reserves, £.")
    reserves_earmarked = _pounds("Earmarked reserves, £.")
    precept_band_d = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="Band D precept, £."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = TenantManager.from_queryset(ReturnQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "quarter"], name="return_quarter"),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="return_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)

    @property
    def key(self) -> str:
        return quarter_key(self.year, self.quarter)


# A return's money fields, in the order the pages, downloads and API give them.
MONEY_FIELDS = (
    "budget",
    "forecast",
    "spend_to_date",
    "reserves_general",
    "reserves_earmarked",
    "precept_band_d",
)


class Figure(TenantModel):
    """A measure's figure in a return. No row means no figure for that quarter."""

    of_return = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="figures")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="figures")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    note = models.CharField(max_length=500, blank=True)

    objects = TenantManager.from_queryset(FigureQuerySet)()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["of_return", "measure"], name="figure_per_measure")
        ]


class Question(TenantModel):
    """A member's question or recommendation on a measure or priority: an action in the
    tracker, led by the Commissioner's office, whose progress notes are the answers."""

    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        RECOMMENDATION = "recommendation", "Recommendation"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="questions")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="questions")
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices)
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="plan_question")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TenantManager()

    class Meta:
        ordering = ["-action__raised_on", "-pk"]


# Financial quarters: Q1 is April to June of the year the financial year begins.


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}/{(year + 1) % 100:02d} Q{quarter}"


def quarter_key(year: int, quarter: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}-q{quarter}"


def quarter_end(year: int, quarter: int) -> dt.date:
    month = 3 * quarter + 3  # Q1 ends in June, Q4 in March of the next year
    on = dt.date(year + month // 13, (month - 1) % 12 + 1, 1)
    return (on.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
