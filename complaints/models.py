"""Complaints about the conduct of the Commissioner or the Deputy Commissioner.

Under the Elected Local Policing Bodies (Complaints and Misconduct) Regulations 2012. The most
sensitive data in the system: each case is seen only by the panel's complaints handler and by the
members of the complaints sub-committee granted that case (django-guardian object permissions,
direct foreign keys), less any member excluded from it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from documents.models import StoredFile
from meetings.models import Meeting
from panel.models import Person
from panel.tenancy import TenantManager, TenantModel

from . import law
from .querysets import ComplaintQuerySet


class Complaint(TenantModel):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        NOT_RECORDED = "not_recorded", "Not recorded"
        RECORDED = "recorded", "Recorded"
        # To "the Commission" (SI 2012/62 reg 13): the IPCC or the IOPC by the case's date, so the
        # label names neither; ``status_label`` does.
        REFERRED = "referred", "Referred"
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

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "Complaint"
        # SI 2012/62 reg 2(1), "conduct matter" as in PRSRA 2011 s 31(1)(b): a matter, not the
        # subject of a complaint, where there is an indication that the office holder may have
        # committed a criminal offence. Recorded and referred to the Commission (regs 12, 13).
        CONDUCT_MATTER = "conduct_matter", "Conduct matter"

    class SetAsideGround(models.TextChoices):
        """SI 2012/62 reg 15(3): the descriptions of complaints the panel may handle "in whatever
        manner (if any) that panel thinks fit" (reg 15(2)), in the regulation's words."""

        # SI 2012/62 reg 15(3)(a)
        STAFF = (
            "staff",
            (
                "Reg 15(3)(a): the complaint is concerned entirely with the conduct of a relevant "
                "office holder in relation to a person who was working in his capacity as a member "
                "of the office holder's staff at the time when the conduct is supposed to have "
                "taken place"
            ),
        )
        # SI 2012/62 reg 15(3)(b)
        LATE = (
            "late",
            (
                "Reg 15(3)(b): more than 12 months have elapsed between the incident, or the "
                "latest incident, giving rise to the complaint and the making of the "
                "complaint and either no good reason for the delay has been shown, or "
                "injustice would be likely to be caused by the delay"
            ),
        )
        # SI 2012/62 reg 15(3)(c)
        ALREADY_SUBJECT = (
            "already_subject",
            ("Reg 15(3)(c): the matter is already the subject of a complaint"),
        )
        # SI 2012/62 reg 15(3)(d)
        ANONYMOUS = (
            "anonymous",
            (
                "Reg 15(3)(d): the complaint discloses neither the name and address of the "
                "complainant nor that of any other interested person and it is not reasonably "
                "practicable to ascertain such a name or address"
            ),
        )
        # SI 2012/62 reg 15(3)(e)
        VEXATIOUS = (
            "vexatious",
            (
                "Reg 15(3)(e): the complaint is vexatious, oppressive or otherwise an abuse of the "
                "procedures for dealing with complaints"
            ),
        )
        # SI 2012/62 reg 15(3)(f), (4)
        REPETITIOUS = (
            "repetitious",
            (
                "Reg 15(3)(f): the complaint is repetitious (reg 15(4): it is substantially the "
                "same as a previous complaint, among the other conditions of that paragraph)"
            ),
        )

    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.COMPLAINT)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.RECEIVED)
    received_on = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    complainant_name = models.CharField(max_length=200, blank=True)
    complainant_email = models.EmailField(blank=True)
    complainant_phone = models.CharField(max_length=40, blank=True)
    complainant_address = models.TextField(blank=True)
    subject = models.CharField(max_length=5, choices=Subject.choices)
    text = models.TextField(help_text="The complaint, as made.")
    serious = models.BooleanField(default=False, help_text="Alleges a criminal offence.")
    serious_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day it first became clear that this is a serious complaint or a conduct "
        "matter: the referral is due by the end of the day following (SI 2012/62 reg 13).",
    )
    latest_incident_on = models.DateField(
        null=True,
        blank=True,
        help_text="The incident, or the latest incident, giving rise to the complaint "
        "(SI 2012/62 reg 15(3)(b)).",
    )
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
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_conduct_matter(self) -> bool:
        return self.kind == self.Kind.CONDUCT_MATTER

    def referral_day(self) -> dt.date:
        """The case's date for naming the Commission: the referral, else the day it is due."""
        if self.iopc_referred_on:
            return self.iopc_referred_on
        if self.serious_on:
            return law.referral_due(became_clear_on=self.serious_on).on
        return self.received_on

    def oversight(self) -> law.Oversight:
        return law.oversight_body(self.referral_day())

    def status_label(self) -> str:
        if self.status == self.Status.REFERRED:
            return f"Referred to the {self.oversight().short}"
        return self.get_status_display()


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
