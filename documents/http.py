"""Serving a stored file: a helper the apps' views return once their own rules allow the reader."""

from __future__ import annotations

from django.http import FileResponse

from .models import StoredFile


def pdf_download(stored: StoredFile, *, private: bool) -> FileResponse:
    """A stored PDF as an attachment; a signed-in reader's copy is never cached by others."""
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response
