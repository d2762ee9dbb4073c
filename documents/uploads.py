"""Checks an uploaded appendix before anything is stored: a real, readable, plain PDF."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject

PDF_MAGIC = b"%PDF-"
# Names in a PDF's catalogue or actions that run code or open other things.
ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")
# Actions that run code, open programs or other files, or send data away.
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/GoToE",
    "/ImportData",
    "/SubmitForm",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
}
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
# Markup that would make the file a web page too (a polyglot), looked for near the start.
MARKUP = (b"<html", b"<script", b"<body", b"<svg", b"<iframe", b"<!doctype")
ACTIVE_MESSAGE = (
    "The PDF contains scripts, launch actions or embedded files, which are not allowed. "
    "Print it to a new PDF and upload that."
)


@dataclass(frozen=True)
class CheckedPdf:
    data: bytes
    name: str
    pages: int
    sha256: str
    tagged: bool  # has a structure tree, so screen readers can follow it in the pack


def _reject(message: str) -> ValidationError:
    return ValidationError({"file": message})


def check_pdf(upload: IO[bytes]) -> CheckedPdf:
    """Read the whole upload and refuse anything but a readable, unencrypted, inert PDF."""
    limit = settings.APPENDIX_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _reject(f"The file is too big: the largest allowed is {limit // (1024 * 1024)} MB.")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _reject(f"The file is too big: the largest allowed is {limit // (1024 * 1024)} MB.")
    if not data.startswith(PDF_MAGIC):
        raise _reject("The file must be a PDF. This file is not a PDF, whatever its name says.")
    name = _plain_name(getattr(upload, "name", "") or "appendix.pdf")
    if any(tag in data[:4096].lower() for tag in MARKUP) or _trailing_data(data):
        raise _reject(
            "The file is a PDF with something else hidden in it (a web page or an archive). "
            "Print it to a new PDF and upload that."
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _reject("The PDF is password-protected. Upload a copy without a password.")
        pages = len(reader.pages)
        for page in reader.pages:
            page.get_contents()
        active = _has_active_content(reader)
        tagged = is_tagged(reader)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise _reject(
            "The PDF could not be read: it may be damaged. Save it again and retry."
        ) from error
    if pages == 0:
        raise _reject("The PDF has no pages.")
    if active or any(marker in data for marker in ACTIVE_CONTENT):
        raise _reject(ACTIVE_MESSAGE)
    return CheckedPdf(
        data=data,
        name=name[:200],
        pages=pages,
        sha256=hashlib.sha256(data).hexdigest(),
        tagged=tagged,
    )


def _plain_name(raw: str) -> str:
    """The uploaded file's own name, refused if it tries to name a folder or a device."""
    if "/" in raw or "\\" in raw or ".." in raw or any(ord(ch) < 32 for ch in raw):
        raise _reject(
            "The file name must be a plain name, without folders or '..'. Rename the file and "
            "upload it again."
        )
    return raw


def _trailing_data(data: bytes) -> bool:
    """Anything but whitespace after the last end-of-file marker: an archive glued on, say."""
    end = data.rfind(b"%%EOF")
    return end != -1 and bool(data[end + 5 :].strip(b"\r\n\t \x00"))


def _action_is_active(action: object) -> bool:
    if not isinstance(action, DictionaryObject):
        return False  # a destination ("open at page 1") is harmless
    if action.get("/S") in ACTIVE_ACTIONS:
        return True
    chained = action.get("/Next")
    chained = chained if isinstance(chained, list) else [chained] if chained else []
    return any(_action_is_active(_resolve(a)) for a in chained)


def _resolve(obj: Any) -> Any:  # pypdf's objects are as dynamic as the PDF they were read from
    return obj.get_object() if hasattr(obj, "get_object") else obj


def is_tagged(reader: PdfReader) -> bool:
    """Whether the PDF carries a structure tree (a tagged PDF)."""
    return "/StructTreeRoot" in _resolve(reader.trailer["/Root"])


def _has_active_content(reader: PdfReader) -> bool:
    """Read the parsed document, not only its bytes: compressed object streams and escaped
    names (``/Java#53cript``) hide active content from a byte search."""
    root = _resolve(reader.trailer["/Root"])
    names = _resolve(root.get("/Names")) or {}
    if "/JavaScript" in names or "/EmbeddedFiles" in names:
        return True
    if _action_is_active(_resolve(root.get("/OpenAction"))) or "/AA" in root:
        return True
    form = _resolve(root.get("/AcroForm")) or {}
    if "/XFA" in form:
        return True
    for page in reader.pages:
        if "/AA" in page:
            return True
        for ref in _resolve(page.get("/Annots")) or []:
            annotation = _resolve(ref)
            if not isinstance(annotation, DictionaryObject):
                continue
            if annotation.get("/Subtype") in ACTIVE_ANNOTATIONS or "/AA" in annotation:
                return True
            if _action_is_active(_resolve(annotation.get("/A"))):
                return True
    return False
