"""The merge itself (meetings.packs.merge): sources closed before the write, inherited resources,
stamps."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name
from pypdf import PdfReader

from meetings.packs import merge as pdf
from meetings.packs import parts


class Piece:
    def __init__(self, header: str = "", outline: list[tuple[int, str]] | None = None) -> None:
        self.header, self.outline = header, outline or []


def _inherited(path, text: str) -> None:
    """A one-page PDF whose font is inherited from the page tree, as some producers write."""
    source = pikepdf.new()
    font = source.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    content = source.make_stream(f"BT /F1 20 Tf 72 700 Td ({text}) Tj ET".encode())
    page = source.make_indirect(
        Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 595, 842]), Contents=content)
    )
    pages = source.make_indirect(
        Dictionary(
            Type=Name.Pages,
            Kids=Array([page]),
            Count=1,
            Resources=Dictionary(Font=Dictionary(F1=font)),
        )
    )
    page.Parent = pages
    source.Root.Pages = pages
    source.save(path)


def test_sources_are_copied_whole_and_stamped(tmp_path):
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    _inherited(first, "First appendix")
    _inherited(second, "Second appendix")
    merged = pdf.merge(
        [
            [(Piece("NOT FOR PUBLICATION: paragraph 1", [(0, "One")]), first)],
            [(Piece(outline=[(0, "Two")]), second)],
        ],
        "Alphashire Police and Crime Panel",
        title="T",
        author="A",
        subject="S",
    )
    first.unlink()  # every source was closed and its data copied: the files are not read again
    second.unlink()
    reader = PdfReader(io.BytesIO(pdf.write(merged)))
    one, two = (page.extract_text() for page in reader.pages)
    assert "First appendix" in one and "NOT FOR PUBLICATION: paragraph 1" in one
    assert "Page 1 of 2" in one and "Alphashire Police and Crime Panel" in one
    assert "Second appendix" in two and "Page 2 of 2" in two and "NOT FOR" not in two
    assert [o.title for o in reader.outline] == ["One", "Two"]
    assert "/MarkInfo" not in reader.trailer["/Root"]  # nothing tagged was merged


def test_the_page_number_is_right_aligned_inside_the_page():
    width = pdf.text_width("Page 10 of 189", 8)
    assert 40 < width < 80  # DejaVu Sans at 8 pt: about 62 pt
    assert pdf.text_width("Page 10 of 189", 8) > pdf.text_width("Page 1 of 1", 8)
    assert pdf.text_width("NOT FOR PUBLICATION", 9, bold=True) > pdf.text_width(
        "NOT FOR PUBLICATION", 9
    )


def test_a_part_in_other_scripts_is_set_in_fonts_that_have_them(settings, tmp_path):
    """Panels print "this information can be provided in other languages" in Punjabi, Chinese and
    more (the reference seeds do): each script is set in an embedded font that has its glyphs
    (`make` installs them), not as empty boxes."""
    settings.MEDIA_ROOT = tmp_path
    html = "<p>English.</p><p>ਇਸ ਜਾਣਕਾਰੀ ਨੂੰ ਕਿਸੇ ਹੋਰ ਬੋਲੀ</p><p>需要以其它语言或者形式接收这份信息</p>"
    with pikepdf.open(parts.render_html(html)) as rendered:
        fonts = {
            str(font.BaseFont) for page in rendered.pages for font in page.Resources.Font.values()
        }
    assert any("Gurmukhi" in f for f in fonts), fonts
    assert any("WenQuanYi" in f or "MicroHei" in f for f in fonts), fonts
