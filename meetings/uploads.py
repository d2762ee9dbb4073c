"""Checks an uploaded appendix before anything is stored: a real, readable, plain PDF."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

PDF_MAGIC = b"%PDF-"
# Names in a PDF's catalogue or actions that run code or open other things.
ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")


@dataclass(frozen=True)
class CheckedPdf:
    data: bytes
    name: str
    pages: int
    sha256: str


def _reject(message: str) -> ValidationError:
    return ValidationError({"file": message})


def check_pdf(upload: object) -> CheckedPdf:
    """Read the whole upload and refuse anything but a readable, unencrypted, inert PDF."""
    limit = settings.APPENDIX_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _reject(f"The file is too big: the largest allowed is {limit // (1024 * 1024)} MB.")
    data = upload.read(limit + 1)  # type: ignore[attr-defined]
    if len(data) > limit:
        raise _reject(f"The file is too big: the largest allowed is {limit // (1024 * 1024)} MB.")
    if not data.startswith(PDF_MAGIC):
        raise _reject("The file must be a PDF. This file is not a PDF, whatever its name says.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _reject("The PDF is password-protected. Upload a copy without a password.")
        pages = len(reader.pages)
        for page in reader.pages:
            page.get_contents()
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise _reject(
            "The PDF could not be read: it may be damaged. Save it again and retry."
        ) from error
    if pages == 0:
        raise _reject("The PDF has no pages.")
    if any(marker in data for marker in ACTIVE_CONTENT):
        raise _reject(
            "The PDF contains scripts, launch actions or embedded files, which are not allowed. "
            "Print it to a new PDF and upload that."
        )
    name = (getattr(upload, "name", "") or "appendix.pdf").replace("\\", "/").rsplit("/", 1)[-1]
    return CheckedPdf(
        data=data, name=name[:200], pages=pages, sha256=hashlib.sha256(data).hexdigest()
    )
