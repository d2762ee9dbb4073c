"""The tenant (Panel) and its people: authorities, persons, bodies and memberships."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS
from simple_history.models import HistoricalRecords

from .history import PanelHistory
from .querysets import ApiTokenQuerySet, BodyQuerySet, MembershipQuerySet, PersonQuerySet
from .roles import ROLE_CHOICES
from .tenancy import TenantManager, TenantModel

# First path segments the project's own URLs use; a panel may not take one as its slug.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "oparl",
        "alerts",
        "accounts",
        "static",
        "media",
        "healthz",
        "favicon.ico",
        "robots.txt",
    }
)


def validate_panel_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError("“%(value)s” is reserved; choose another.", params={"value": value})


class Jurisdiction(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"


class Panel(models.Model):
    """A Police and Crime Panel: the tenant. Everything else belongs to exactly one."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        validators=[validate_panel_slug],
        help_text="The panel's address on this site, for example “warwickshire”.",
        error_messages={"unique": "Another panel already uses this address."},
    )
    police_area = models.CharField(max_length=200)
    jurisdiction = models.CharField(max_length=10, choices=Jurisdiction.choices)
    host_authority = models.ForeignKey(
        "Authority", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_prefix = models.CharField(
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,10}$", "Use 2 to 10 capital letters.")],
        help_text="Prefix of the Commissioner's decision numbers, for example “WPCC”.",
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_role = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    webcast_base_url = models.URLField(blank=True)
    is_demo = models.BooleanField(
        default=False, help_text="Illustrative data: every page of the panel says so."
    )
    # The panel row keeps no change history (a platform administrator edits it in the admin):
    # when it last changed, for the API's modified_since.
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("role_clerk", "Clerk (democratic services) of the panel"),
            ("role_member", "Member of the panel"),
            ("role_opcc_officer", "Officer of the Commissioner's office"),
            ("role_complaints_handler", "Handler of complaints about the Commissioner"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("panel:home", kwargs={"panel_slug": self.slug})


class PanelUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key grants: a panel's grants die with the panel."""

    content_object = models.ForeignKey(Panel, on_delete=models.CASCADE)


class PanelGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Panel, on_delete=models.CASCADE)


class Authority(TenantModel):
    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        DISTRICT = "district", "District council"
        BOROUGH = "borough", "Borough council"
        UNITARY = "unitary", "Unitary authority"
        CITY = "city", "City council"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    objects = TenantManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "slug"],
                name="authority_unique_slug",
                violation_error_message="This panel already has an authority at this address.",
            )
        ]

    def __str__(self) -> str:
        return self.name


def display_name(title: str, name: str) -> str:
    """How a person is named on a page: "Cllr Les Caborn", or the name alone without a title
    (also for rows read as values, without the Person)."""
    return f"{title} {name}".strip()


class Person(TenantModel):
    """Someone the panel deals with: a councillor, a co-opted member, an officer."""

    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=40, blank=True, help_text="For example “Councillor”.")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = TenantManager.from_queryset(PersonQuerySet)()
    history = PanelHistory()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "slug"],
                name="person_unique_slug",
                violation_error_message="This panel already has a person at this address.",
            ),
            models.UniqueConstraint(
                fields=["panel", "user"],
                name="person_unique_user",
                violation_error_message="This login already belongs to a person of this panel.",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def sort_name(self) -> tuple[str, str]:
        return (self.name.rsplit(" ", 1)[-1].lower(), self.name.lower())

    @property
    def display_name(self) -> str:
        return display_name(self.title, self.name)


class Body(TenantModel):
    """Something that meets: the panel itself or one of its sub-bodies."""

    class Kind(models.TextChoices):
        PANEL = "panel", "Panel"
        WORKING_GROUP = "working_group", "Working group"
        TASK_AND_FINISH = "task_and_finish", "Task and finish group"
        COMPLAINTS = "complaints", "Complaints sub-committee"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Terms of reference, as the panel's own template sets them out.
    rationale = models.TextField(blank=True, help_text="Key issues and the reason for the body.")
    role_and_objectives = models.TextField(blank=True)
    information_needed = models.TextField(blank=True)
    indicators_of_success = models.TextField(blank=True)
    frequency = models.CharField(max_length=200, blank=True, help_text="How often it meets.")
    established_on = models.DateField(null=True, blank=True)
    scope = models.TextField(blank=True, help_text="For a task and finish group: what it reviews.")
    ends_on = models.DateField(null=True, blank=True, help_text="For a task and finish group.")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = TenantManager.from_queryset(BodyQuerySet)()
    history = PanelHistory()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "slug"],
                name="body_unique_slug",
                violation_error_message="This panel already has a body at this address.",
            ),
            models.UniqueConstraint(
                fields=["panel"],
                condition=Q(kind="panel"),
                name="body_one_main_body",
                violation_error_message="A panel has one main body.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_terms_of_reference(self) -> bool:
        return any(
            (
                self.rationale,
                self.role_and_objectives,
                self.information_needed,
                self.indicators_of_success,
                self.frequency,
            )
        )


class Membership(TenantModel):
    """A person's seat on a body for a period (municipal years change membership)."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"
        CO_OPTED = "co_opted", "Co-opted independent member"
        SUBSTITUTE = "substitute", "Substitute"
        OFFICER = "officer", "Officer in attendance"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The council the person represents, for councillors.",
    )
    co_opted = models.BooleanField(
        default=False, help_text="A co-opted independent member, whatever the office held."
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave blank if open-ended.")

    objects = TenantManager.from_queryset(MembershipQuerySet)()
    history = PanelHistory()

    class Meta:
        ordering = ["body", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message="A membership cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.body}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    @property
    def is_leadership(self) -> bool:
        return self.role in (self.Role.CHAIR, self.Role.VICE_CHAIR)


class RoleGrant(TenantModel):
    """The record of a role held in a panel, kept beside the object permission that grants it
    (django-guardian's, which the access rules read): created when the role is granted and
    deleted when it is revoked, each as its actor, so the change history shows who gave whom
    which role and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=30)

    objects = TenantManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user", "role"], name="role_grant_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.role}"


class ApiToken(AbstractAuthToken, TenantModel):
    """A key the Commissioner's office's own systems call the API with (django-rest-knox).

    Kept as knox keeps it: the SHA-512 digest of the key and the key's first characters (what a
    request's key is looked up by), never the key itself, which is shown once when it is made.
    It acts as its user (knox's ``user``: who made it) for its panel and its one role only
    (``panel.tokens``, ``panel.access.act_under_token``). Expired and revoked tokens are kept for
    the record, and refused."""

    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True, editable=False)
    expiry = models.DateTimeField()
    name = models.CharField(max_length=100, help_text="The system that uses it.")
    role = models.CharField(max_length=30, choices=ROLE_CHOICES)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # The digest and key prefix stay out of the history; a use is bookkeeping, not a change.
    history = HistoricalRecords(excluded_fields=["digest", "token_key", "last_used"])

    # knox's abstract token declares its manager a class variable; the tenancy manager replaces it.
    objects = TenantManager.from_queryset(ApiTokenQuerySet)()  # type: ignore[misc]

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return self.name

    def status_at(self, now: dt.datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expiry <= now else "active"
