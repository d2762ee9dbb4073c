"""Complaints about the conduct of the Commissioner or the Deputy Commissioner.

Under the Elected Local Policing Bodies (Complaints and Misconduct) Regulations 2012. The most
sensitive data in the system: each case is seen only by the panel's complaints handler and by the
members of the complaints sub-committee granted that case (django-guardian object permissions,
direct foreign keys), less any member excluded from it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from documents.models import StoredFile
from meetings.models import Meeting
from panel.models import Person
from panel.tenancy import TenantManager, TenantModel

from .querysets import ComplaintQuerySet


class Complaint(TenantModel):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        NOT_RECORDED = "not_recorded", "Not recorded"
        RECORDED = "recorded", "Recorded"
        REFERRED = "referred", "Referred to the IOPC"
        SET_ASIDE = "set_aside", "Set aside (disapplied)"
        INFORMAL = "informal", "Informal resolution"
        RESOLVED = "resolved", "Resolved"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        TELEPHONE = "telephone", "Telephone"
        ONLINE = "online", "Online form"
        IN_PERSON = "in_person", "In person"

    class Subject(models.TextChoices):
        PCC = "pcc", "The Police and Crime Commissioner"
        DPCC = "dpcc", "The Deputy Police and Crime Commissioner"

    class SetAsideGround(models.TextChoices):
        STAFF = "staff", "About conduct towards a member of the Commissioner's staff"
        LATE = "late", "Made more than 12 months after the conduct, without good reason"
        REPETITIOUS = "repetitious", "Repetitious"
        ANONYMOUS = "anonymous", "Anonymous and the complainant cannot be traced"
        VEXATIOUS = "vexatious", "Vexatious, oppressive or an abuse of the procedures"

    number = models.PositiveIntegerField()
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.RECEIVED)
    received_on = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    complainant_name = models.CharField(max_length=200)
    complainant_email = models.EmailField(blank=True)
    complainant_phone = models.CharField(max_length=40, blank=True)
    complainant_address = models.TextField(blank=True)
    subject = models.CharField(max_length=5, choices=Subject.choices)
    text = models.TextField(help_text="The complaint, as made.")
    serious = models.BooleanField(default=False, help_text="Alleges a criminal offence.")
    not_recorded_grounds = models.TextField(blank=True)
    iopc_referred_on = models.DateField(null=True, blank=True)
    iopc_reference = models.CharField(max_length=100, blank=True)
    iopc_outcome = models.TextField(blank=True)
    set_aside_ground = models.CharField(max_length=15, choices=SetAsideGround.choices, blank=True)
    resolution_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution_outcome = models.TextField(blank=True)
    resolution_record = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantManager.from_queryset(ComplaintQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="complaint_unique_number")
        ]

    def __str__(self) -> str:
        return f"Complaint {self.number}"


class ComplaintCounter(TenantModel):
    last_number = models.PositiveIntegerField(default=0)

    objects = TenantManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel"], name="complaint_counter_per_panel")
        ]


class ComplaintUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Complaint, on_delete=models.CASCADE)


class ComplaintGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Complaint, on_delete=models.CASCADE)


class ComplaintEvent(TenantModel):
    """Every step of a case: who, when, from what, to what, and why."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=15, blank=True)
    to_status = models.CharField(max_length=15)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    objects = TenantManager()

    class Meta:
        ordering = ["complaint", "at", "pk"]


class ComplaintView(TenantModel):
    """One reading of a case, by whom and when: the handler can see the list."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    what = models.CharField(max_length=40, default="case")

    objects = TenantManager()

    class Meta:
        ordering = ["-at"]


class ComplaintExclusion(TenantModel):
    """A sub-committee member kept out of one case, for example for a declared interest."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="exclusions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()

    objects = TenantManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "person"], name="complaint_exclusion_once")
        ]


class ComplaintAttachment(TenantModel):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=300)
    stored_file = models.ForeignKey(
        StoredFile, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    objects = TenantManager()

    history = HistoricalRecords()
