"""A plain PDF with a text layer, page by page: for the demo's papers and the tests.

Drawn with pypdf alone (Helvetica, one of the standard 14 fonts, needs no embedding), so the
demo needs no PDF library beyond the one that checks uploads.
"""

from __future__ import annotations

import io
import textwrap

from pypdf import PageObject, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

WIDTH, HEIGHT = 595, 842  # A4 in points
LINES = 60  # of 11-point text on a page
CHARS = 90  # to a line


def _escaped(line: str) -> str:
    text = line.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page(writer: PdfWriter, text: str) -> PageObject:
    page = writer.add_blank_page(width=WIDTH, height=HEIGHT)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    lines = [w for para in text.split("\n") for w in (textwrap.wrap(para, CHARS) or [""])]
    ops = ["BT", "/F1 11 Tf", "13 TL", f"56 {HEIGHT - 64} Td"]
    ops += [f"({_escaped(line)}) Tj T*" for line in lines[:LINES]]
    ops.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    return page


def text_pdf(*pages: str) -> bytes:
    """A PDF of one page per text given (about 60 lines of 90 characters each fit a page)."""
    writer = PdfWriter()
    for text in pages:
        _page(writer, text)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
