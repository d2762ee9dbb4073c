"""Stored files (every PDF ever uploaded to a panel, by an agenda, a decision or a complaint) and
the access choice every item, appendix and decision part makes: public, or exempt under a
paragraph of Schedule 12A to the Local Government Act 1972."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models

from panel.tenancy import TenantManager, TenantModel


def upload_path(instance: TenantModel, filename: str) -> str:
    # Never the uploader's file name on disk: it is kept for display only.
    return f"appendices/{instance.panel_id}/{uuid.uuid4().hex}.pdf"


class StoredFile(TenantModel):
    """Every file ever uploaded: published versions and records point here, so none is lost."""

    file = models.FileField(upload_to=upload_path)
    name = models.CharField(max_length=200, help_text="The uploader's file name, for display.")
    size = models.PositiveIntegerField()
    pages = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    tagged = models.BooleanField(
        null=True, help_text="Whether the PDF has structure tags (unknown for old uploads)."
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = TenantManager()

    class Meta:
        # The table was made when the model lived in meetings/; it stays where its rows are.
        db_table = "meetings_storedfile"
        # the panel's newest, in one step (the OParl record's stamp: oparl.stamps)
        indexes = [models.Index(fields=["panel", "id"], name="stored_file_panel_newest")]


class Access(models.TextChoices):
    PUBLIC = "public", "Public"
    EXEMPT = "exempt", "Exempt (not for publication)"


def readable_access(entitled: bool) -> tuple[str, ...]:
    """The access of the papers a reader may read: public ones, and exempt ones too for a reader
    entitled to the exempt business they belong to (each app's ``access.py`` says who is)."""
    return (Access.PUBLIC, Access.EXEMPT) if entitled else (Access.PUBLIC,)


class ExemptionMixin(models.Model):
    """An explicit access choice; exempt needs its Schedule 12A paragraph."""

    access = models.CharField(max_length=10, choices=Access.choices)
    exempt_paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    public_interest = models.TextField(
        blank=True,
        help_text="Why the public interest in keeping it exempt outweighs that in disclosing it.",
    )

    class Meta:
        abstract = True

    @property
    def is_exempt(self) -> bool:
        return self.access == Access.EXEMPT

    def clean_exemption(self, allowed: set[int]) -> None:
        if self.access == Access.EXEMPT:
            if self.exempt_paragraph is None:
                raise ValidationError(
                    {"exempt_paragraph": "Choose the paragraph that makes it exempt."}
                )
            if self.exempt_paragraph not in allowed:
                raise ValidationError(
                    {"exempt_paragraph": "Choose a paragraph for this panel's nation."}
                )
        elif self.exempt_paragraph is not None:
            raise ValidationError({"exempt_paragraph": "Only exempt business has a paragraph."})
