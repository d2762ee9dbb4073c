"""A stored PDF is shown inline (so that `#page=N` links work) under its uploader's name; only the
public's copy may be cached."""

from __future__ import annotations

from documents.http import pdf_download
from documents.services import store_pdf
from documents.testing import pdf_bytes, upload
from panel.tenancy import panel_scope


def test_it_serves_a_stored_pdf_inline_under_its_name(cast):
    panel = cast["alpha"].panel
    data = pdf_bytes()
    with panel_scope(panel):
        stored = store_pdf(panel, upload(data, "survey.pdf"))
    response = pdf_download(stored, private=False)
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="survey.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=300"
    response.close()


def test_it_keeps_a_signed_in_readers_copy_out_of_shared_caches(cast):
    panel = cast["alpha"].panel
    with panel_scope(panel):
        stored = store_pdf(panel, upload(pdf_bytes()))
    response = pdf_download(stored, private=True)
    response.close()
    assert response["Cache-Control"] == "private, no-store"
