"""Glyphs a PDF render could not draw: how many characters came out as the empty box.

When no installed font has a glyph for a character, WeasyPrint draws ".notdef" (an empty box)
and says so on its logger ("weasyprint"), once for each string it could not draw. Counting those
warnings while a document renders gives the number of words a reader would see as boxes; the
packages `make` installs (Debian's DejaVu, Lohit Gurmukhi and WenQuanYi Micro Hei) are chosen so
that the papers' scripts (Latin, Cyrillic, Greek, Hebrew, Arabic, Gurmukhi, Chinese) count 0.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

NOTDEF = ".notdef glyph rendered"


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith(NOTDEF):
            self.count += 1


@contextmanager
def counting_missing_glyphs() -> Iterator[_Counter]:
    """Count WeasyPrint's ".notdef" warnings in this process while the block runs
    (``counter.count`` afterwards)."""
    logger = logging.getLogger("weasyprint")
    counter = _Counter()
    level = logger.level
    logger.addHandler(counter)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
