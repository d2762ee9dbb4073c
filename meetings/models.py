"""Meetings, their agendas (items, reports, appendices) and their record (minutes).

Published things are immutable: publishing an agenda or minutes stores a version (a snapshot of
the content at that moment); the public and members read versions, never the live draft.
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from documents.models import Access, ExemptionMixin, StoredFile
from panel.history import PanelHistory
from panel.models import Body, Person
from panel.tenancy import TenantManager, TenantModel

from .querysets import AgendaItemQuerySet, MeetingQuerySet


class StandingItem(TenantModel):
    """The panel's template of standing items, inserted into every new agenda."""

    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True)
    parent_title = models.CharField(
        max_length=300, blank=True, help_text="Heading this item sits under, e.g. “General”."
    )
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.PUBLIC)
    exempt_paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    panel_only = models.BooleanField(
        default=False,
        help_text="Only on the agendas of the panel itself, not of its working groups, task and "
        "finish groups or sub-committees (Public Question Time, the Complaints update).",
    )

    objects = TenantManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]


class Meeting(TenantModel):
    class Status(models.TextChoices):
        """Whether the meeting goes ahead: public from the day it is scheduled, whatever its
        agenda's state; a postponed or cancelled meeting stays on the record, saying so."""

        SCHEDULED = "scheduled", "Scheduled"
        POSTPONED = "postponed", "Postponed"
        CANCELLED = "cancelled", "Cancelled"

    class MinutesStatus(models.TextChoices):
        NONE = "none", "Not started"
        DRAFT = "draft", "Being drafted"
        PUBLISHED = "published", "Published, to be approved"
        APPROVED = "approved", "Approved"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    slug = models.SlugField(max_length=120)
    start = models.DateTimeField()
    venue = models.CharField(max_length=300)
    webcast_url = models.URLField(blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The meeting whose minutes this one approves.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    status_reason = models.TextField(
        blank=True, help_text="Why the meeting was postponed or cancelled (shown to the public)."
    )
    postponed_to = models.DateField(
        null=True, blank=True, help_text="The new date of a postponed meeting, if known."
    )
    # iCalendar SEQUENCE (RFC 5545): raised on every change of status, so calendar clients
    # that subscribed to the feed replace the event they hold.
    sequence = models.PositiveIntegerField(default=0)
    agenda_version = models.PositiveIntegerField(default=0)
    rose_at = models.TimeField(null=True, blank=True)
    minutes_status = models.CharField(
        max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The meeting at which these minutes were approved.",
    )
    minutes_signed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The clerk archived the papers after the years the law keeps them open (meetings.retention):
    # kept, never deleted, but no longer published; restored on purpose.
    papers_archived_at = models.DateTimeField(null=True, blank=True)
    papers_archived_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantManager.from_queryset(MeetingQuerySet)()
    history = PanelHistory()

    class Meta:
        ordering = ["start"]
        # a panel's meetings by date: the calendar's latest, its years, a year's meetings
        indexes = [models.Index(fields=["panel", "start"], name="meeting_panel_start")]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "slug"],
                name="meeting_unique_slug",
                violation_error_message="This panel already has a meeting at this address.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body.name}, {self.start:%-d %B %Y}"

    @property
    def is_published(self) -> bool:
        return self.agenda_version > 0

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self) -> bool:
        return self.status == self.Status.POSTPONED


class AgendaItem(ExemptionMixin, TenantModel):
    class Kind(models.TextChoices):
        HEADING = "heading", "Heading"
        APOLOGIES = "apologies", "Apologies"
        DECLARATIONS = "declarations", "Declarations of interest"
        MINUTES = "minutes", "Minutes of the previous meeting"
        PUBLIC_QUESTIONS = "public_questions", "Public question time"
        REPORT = "report", "Report"
        PCC_UPDATE = (
            "pcc_update",
            "Report of the Commissioner (with decisions since the last meeting)",
        )
        WORK_PROGRAMME = (
            "work_programme",
            "Work programme (with the live programme and tracker)",
        )
        PERFORMANCE = (
            "performance",
            "Performance report (with the plan's published measures and charts)",
        )
        URGENT = "urgent", "Any urgent items"
        NEXT_MEETING = "next_meeting", "Date of next meeting"
        EXCLUSION = "exclusion", "Exclusion of the public"
        COMPLAINTS = "complaints", "Complaints"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True)
    late = models.BooleanField(default=False, help_text="Added after the agenda was published.")
    first_published_in = models.PositiveIntegerField(null=True, blank=True)
    # LGA 1972 s.100B(4)(b): business not on the published agenda is taken only when the Chair
    # is of the opinion that, by reason of special circumstances, it should be considered as a
    # matter of urgency; the circumstances "shall be specified in the minutes".
    urgent_reason = models.TextField(
        blank=True,
        help_text="Urgent business the Chair accepted at the meeting: the special circumstances. "
        "Such an item is never on the agenda; it appears in the minutes only.",
    )

    # A published item taken off the agenda: it keeps its number and title with this reason,
    # and its papers are no longer published once the revised agenda is.
    withdrawn_reason = models.TextField(blank=True)

    objects = TenantManager.from_queryset(AgendaItemQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Report(TenantModel):
    class Format(models.TextChoices):
        MARKDOWN = "markdown", "Markdown"
        HTML = "html", "Rich text (HTML)"

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="report")
    recommendations = models.TextField(blank=True, help_text="One recommendation a line.")
    body_source = models.TextField(blank=True)
    body_format = models.CharField(max_length=10, choices=Format.choices, default=Format.MARKDOWN)
    body_html = models.TextField(blank=True, editable=False)
    author = models.CharField(max_length=200, blank=True)
    author_contact = models.CharField(max_length=200, blank=True)
    head_of_service = models.CharField(max_length=200, blank=True)
    strategic_director = models.CharField(max_length=200, blank=True)
    background_papers = models.TextField(blank=True)
    objects = TenantManager()

    history = HistoricalRecords()

    @property
    def recommendation_list(self) -> list[str]:
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]


class Appendix(ExemptionMixin, TenantModel):
    """Appendix A, B, C… of an item's report: an uploaded PDF or written text."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="appendices")
    letter = models.CharField(max_length=3)
    title = models.CharField(max_length=300)
    stored_file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text_source = models.TextField(blank=True)
    text_html = models.TextField(blank=True, editable=False)
    objects = TenantManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "letter"]
        verbose_name_plural = "appendices"
        constraints = [
            models.UniqueConstraint(fields=["item", "letter"], name="appendix_unique_letter")
        ]

    def __str__(self) -> str:
        return f"Appendix {self.letter}: {self.title}"


class AgendaVersion(TenantModel):
    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda"
        SUPPLEMENTARY = "supplementary", "Supplementary agenda"
        REVISED = "revised", "Revised agenda"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=15, choices=Kind.choices)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    late_reason = models.TextField(blank=True)
    change_note = models.TextField(blank=True)
    content = models.JSONField()

    objects = TenantManager()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_version_unique")
        ]
        # the panel's newest, in one step (the OParl record's stamp: oparl.stamps)
        indexes = [models.Index(fields=["panel", "id"], name="agenda_version_panel_newest")]


class Attendance(TenantModel):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        SUBSTITUTE = "substitute", "Substitute"
        IN_ATTENDANCE = "in_attendance", "In attendance"
        PUBLIC = "public", "Member of the public"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=15, choices=Status.choices)
    substitute_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.CharField(max_length=200, blank=True, help_text="e.g. Head of Finance.")
    objects = TenantManager()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once"),
            models.CheckConstraint(
                condition=Q(status="substitute", substitute_for__isnull=False)
                | ~Q(status="substitute"),
                name="attendance_substitute_names_member",
            ),
        ]


class Declaration(TenantModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    item_text = models.CharField(max_length=300, blank=True)
    pecuniary = models.BooleanField()
    nature = models.TextField()
    objects = TenantManager()

    history = HistoricalRecords()


class Minute(TenantModel):
    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    text = models.TextField(blank=True)
    objects = TenantManager()

    history = HistoricalRecords()


class Resolution(TenantModel):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="resolutions")
    position = models.PositiveIntegerField()
    text = models.TextField()
    objects = TenantManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position"]


class Question(TenantModel):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    asked_by = models.CharField(max_length=200)
    question = models.TextField()
    answer = models.TextField(blank=True)
    answered_by = models.CharField(max_length=200, blank=True)
    objects = TenantManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position"]


class MinutesVersion(TenantModel):
    class Kind(models.TextChoices):
        DRAFT = "draft", "Draft, to be approved"
        APPROVED = "approved", "Approved"
        CORRECTION = "correction", "Correction"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes_versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    content = models.JSONField()

    objects = TenantManager()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_version_unique")
        ]
        # the panel's newest, in one step (the OParl record's stamp: oparl.stamps)
        indexes = [models.Index(fields=["panel", "id"], name="minutes_version_panel_newest")]


class AgendaPack(TenantModel):
    """A generated PDF of one published agenda version, for one audience."""

    class Audience(models.TextChoices):
        PUBLIC = "public", "Public pack"
        MEMBERS = "members", "Members' pack"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Being generated"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"
        SUPERSEDED = "superseded", "Superseded"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    agenda_version = models.PositiveIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    content_hash = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to="packs/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = TenantManager()

    class Meta:
        ordering = ["meeting", "audience", "-agenda_version", "-pk"]
        # the panel's latest pack made, in one step (the OParl record's stamp: oparl.stamps)
        indexes = [models.Index(fields=["panel", "finished_at"], name="pack_panel_finished")]


class Vote(TenantModel):
    """How the members present voted on one minuted resolution (the clerk records it)."""

    resolution = models.OneToOneField(Resolution, on_delete=models.PROTECT, related_name="vote")
    recorded_at = models.DateTimeField()

    objects = TenantManager()
    history = HistoricalRecords()

    def tally(self) -> Tally:
        """The count of the casts (prefetched as ``casts``) and the outcome of an ordinary
        resolution: carried by a simple majority of those voting (more for than against; a tie
        is lost, as no casting vote is recorded)."""
        casts = [c.cast for c in self.casts.all()]
        return Tally(
            in_favour=casts.count(VoteCast.Cast.FOR),
            against=casts.count(VoteCast.Cast.AGAINST),
            abstained=casts.count(VoteCast.Cast.ABSTAINED),
        )


class Tally(NamedTuple):
    in_favour: int
    against: int
    abstained: int

    @property
    def carried(self) -> bool:
        return self.in_favour > self.against

    @property
    def text(self) -> str:
        outcome = "carried" if self.carried else "lost"
        return (
            f"{outcome.capitalize()}: {self.in_favour} for, {self.against} against, "
            f"{self.abstained} abstained"
        )


class VoteCast(TenantModel):
    class Cast(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        ABSTAINED = "abstained", "Abstained"

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="casts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    cast = models.CharField(max_length=10, choices=Cast.choices)

    objects = TenantManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["vote", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "person"], name="vote_cast_once"),
        ]
