"""The text of a PDF, page by page: what the search index holds of an uploaded paper or a pack.

Read with PDFium (pypdfium2's bindings to Chrome's PDF engine, which is fuzzed as the web's PDFs
demand): about 1.4 ms a page, where pypdf's pure-Python reading took 27 (a 195-page pack: 0.27 s
against 5.3, on a pack worker, at every publication). A page whose text cannot be read (a scan)
is kept as an empty page, so the numbers of the pages after it stay true; a file PDFium cannot
open is no pages.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import IO

import pypdfium2 as pdfium

log = logging.getLogger(__name__)

PAGE_CHARS = 20_000  # of one page's text: a page of small print is about 6,000
_SPACE = re.compile(r"\s+")
# PDFium marks a word hyphenated at the end of a line with U+FFFE: the word is joined again.
_BROKEN_WORD = re.compile("\ufffe\\s*")


def pdf_pages(source: str | Path | IO[bytes]) -> list[str]:
    """Each page's text, one space between words; page 1 first. An unreadable file is no pages."""
    data = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        log.warning("pdf text: the file could not be read (%s)", error)
        return []
    try:
        return [_page_text(document, n) for n in range(len(document))]
    finally:
        document.close()


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    try:
        page = document[index]
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
            page.close()
    except pdfium.PdfiumError as error:
        log.warning("pdf text: page %d could not be read (%s)", index + 1, error)
        return ""
    # PostgreSQL's text refuses NUL, which some fonts' encodings give
    text = _BROKEN_WORD.sub("", text).replace("\x00", " ")
    return _SPACE.sub(" ", text).strip()[:PAGE_CHARS]
