"""The text of a PDF, page by page: what the search index holds of an uploaded paper or a pack.

pypdf (already used to check uploads) reads the text layer in pure Python: no poppler at run
time. A page whose text cannot be read (a scan, a damaged stream) is kept as an empty page, so
the numbers of the pages after it stay true.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import IO

from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError

log = logging.getLogger(__name__)

PAGE_CHARS = 20_000  # of one page's text: a page of small print is about 6,000
_SPACE = re.compile(r"\s+")


def pdf_pages(source: str | Path | IO[bytes]) -> list[str]:
    """Each page's text, one space between words; page 1 first. An unreadable file is no pages."""
    try:
        reader = PdfReader(source)
        pages = list(reader.pages)
    except (PyPdfError, OSError, ValueError) as error:
        log.warning("pdf text: the file could not be read (%s)", type(error).__name__)
        return []
    return [_page_text(page, n) for n, page in enumerate(pages, start=1)]


def _page_text(page: PageObject, number: int) -> str:
    try:
        text = page.extract_text() or ""
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.warning("pdf text: page %d could not be read (%s)", number, type(error).__name__)
        return ""
    # PostgreSQL's text refuses NUL, which some fonts' encodings give
    return _SPACE.sub(" ", text.replace("\x00", " ")).strip()[:PAGE_CHARS]
