"""Every script the papers carry is drawn: no ".notdef" boxes with the fonts `make` installs."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML

from documents.glyphs import counting_missing_glyphs

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "seeds"
# A line in each script found in the seed documents (Gurmukhi, Chinese, Arabic, Hebrew, Cyrillic,
# Greek), and the typography of the papers.
SCRIPTS = "ਪੰਜਾਬੀ · 中文 · العربية · עברית · Русский · Ελληνικά · “quoted” – £196.83 • ½"


def _missing(html: str) -> int:
    with counting_missing_glyphs() as missing:
        HTML(string=html).write_pdf()
    return missing.count


def test_the_papers_scripts_are_drawn_with_the_installed_fonts():
    assert _missing(f"<p>{SCRIPTS}</p>") == 0


def test_a_script_no_font_has_is_counted():
    """The count is not vacuous: Ol Chiki and Egyptian hieroglyphs have no installed font."""
    assert _missing("<p>ᱚᱛᱟ 𓀀</p>") >= 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_every_character_of_the_seed_papers_is_drawn():
    text = "".join(p.read_text() for p in sorted(SEEDS.glob("*.txt")))
    characters = sorted({c for c in text if ord(c) > 0x7F and not c.isspace()})
    assert _missing("<p>" + " ".join(characters) + "</p>") == 0
