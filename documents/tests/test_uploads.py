"""Uploads: a PDF by content, size-limited, unencrypted, readable and inert, kept under a name of
our own (``uploads.check_pdf``, ``services.store_pdf``)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from weasyprint import HTML

from documents.models import StoredFile
from documents.services import store_pdf
from documents.testing import pdf_bytes, upload
from documents.uploads import check_pdf
from panel.tenancy import panel_scope

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


@pytest.mark.parametrize(
    "data,name,message",
    [
        (PNG, "report.pdf", "not a PDF"),
        (pdf_bytes(password="secret"), "locked.pdf", "password-protected"),
        (pdf_bytes(javascript="app.alert(1)"), "active.pdf", "scripts"),
        (b"%PDF-1.7\n garbage that is no PDF at all", "broken.pdf", "could not be read"),
        (pdf_bytes() + b"PK\x03\x04 an archive glued on", "glued.pdf", "something else hidden"),
    ],
)
def test_it_rejects_a_bad_file_with_a_clear_message(data, name, message):
    with pytest.raises(ValidationError) as caught:
        check_pdf(upload(data, name))
    assert message in caught.value.message_dict["file"][0]


def test_it_rejects_an_oversized_file(settings):
    settings.APPENDIX_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="too big"):
        check_pdf(upload(pdf_bytes(20) + b" " * 2048))


def test_it_refuses_a_file_name_that_names_a_folder():
    bare = upload(pdf_bytes())
    bare.name = "..\\..\\boot.pdf"  # past the upload's own clean-up of "/"
    with pytest.raises(ValidationError, match="plain name"):
        check_pdf(bare)


def test_it_reads_pages_checksum_and_structure_tags():
    plain = check_pdf(upload(pdf_bytes(3), "survey.pdf"))
    assert (plain.name, plain.pages, plain.tagged, len(plain.sha256)) == (
        "survey.pdf",
        3,
        False,
        64,
    )
    html = HTML(string='<html lang="en-GB"><body><h1>Survey</h1><p>Results</p></body></html>')
    assert check_pdf(upload(html.write_pdf(pdf_tags=True))).tagged is True


def test_it_stores_a_checked_pdf_in_its_panel(cast):
    panel = cast["alpha"].panel
    data = pdf_bytes(2)
    with panel_scope(panel):
        stored = store_pdf(panel, upload(data, "survey.pdf"))
        assert StoredFile.objects.for_panel(panel).get() == stored
    assert (stored.name, stored.size, stored.pages, stored.tagged) == (
        "survey.pdf",
        len(data),
        2,
        False,
    )
    assert stored.file.name.startswith(f"appendices/{panel.pk}/")
    with stored.file.open("rb") as kept:
        assert kept.read() == data


def test_it_never_uses_the_uploaded_name_on_disk(cast):
    panel = cast["alpha"].panel
    with panel_scope(panel):
        stored = store_pdf(panel, upload(pdf_bytes(), "../../etc/passwd.pdf"))
    assert ".." not in stored.file.name and "passwd" not in stored.file.name
    assert stored.name == "passwd.pdf"


def test_it_stores_nothing_when_the_check_fails(cast):
    panel = cast["alpha"].panel
    with panel_scope(panel), pytest.raises(ValidationError):
        store_pdf(panel, upload(PNG, "photo.pdf"))
    with panel_scope(panel):
        assert not StoredFile.objects.for_panel(panel).exists()
