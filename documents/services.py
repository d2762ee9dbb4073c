"""Keeping an upload: checked first (uploads.check_pdf), then stored under a name of our own."""

from __future__ import annotations

from typing import IO

from django.core.files.base import ContentFile

from panel.models import Panel

from .models import StoredFile
from .uploads import check_pdf


def store_pdf(panel: Panel, upload: IO[bytes]) -> StoredFile:
    """Check an upload (see uploads.check_pdf) and keep it under a name of our own."""
    checked = check_pdf(upload)
    stored = StoredFile(
        panel=panel,
        name=checked.name,
        size=len(checked.data),
        pages=checked.pages,
        sha256=checked.sha256,
        tagged=checked.tagged,
    )
    stored.file.save(f"{checked.sha256}.pdf", ContentFile(checked.data), save=False)
    stored.save()
    return stored
