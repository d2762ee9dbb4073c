"""Serving a stored file: a helper the apps' views return once their own rules allow the reader."""

from __future__ import annotations

from django.http import FileResponse

from .models import StoredFile


def pdf_download(stored: StoredFile, *, private: bool) -> FileResponse:
    """A stored PDF shown in the browser (inline, so that a link's `#page=N` opens it at that page;
    uploads were checked inert when stored); a signed-in reader's copy is never cached by others."""
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=False,
        filename=stored.name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response
