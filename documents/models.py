"""Stored files: every PDF ever uploaded to a panel, by an agenda, a decision or a complaint."""

from __future__ import annotations

import uuid

from django.db import models

from panel.tenancy import TenantModel


def upload_path(instance: models.Model, filename: str) -> str:
    # Never the uploader's file name on disk: it is kept for display only.
    return f"appendices/{instance.panel_id}/{uuid.uuid4().hex}.pdf"  # type: ignore[attr-defined]


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

    class Meta:
        # The table was made when the model lived in meetings/; it stays where its rows are.
        db_table = "meetings_storedfile"
