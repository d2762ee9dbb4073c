"""Putting a pack's rendered parts together into one tagged PDF, with pikepdf (qpdf).

The parts arrive as PDFs (WeasyPrint's renders, and uploaded appendices as they are). Here they
are joined in order, given an outline entry per item (appendices nested), one structure tree
(each tagged part's elements under one Document element, so the pack stays a tagged PDF), the
running header, any "NOT FOR PUBLICATION" marking and "page N of M" stamped on every page as
marked artifacts in an embedded font, and the document's title, author, language and XMP
metadata.

Why pikepdf and not pypdf: a tagged part carries a structure element for every paragraph,
span and link, some 16,000 objects in the 26 September 2014 pack. pypdf, pure Python, took
about 2 s to parse, copy and write them, and 480 MB; qpdf does it in a tenth of that, so the
pack can be tagged by default and still be made well inside its time. pypdf still reads
uploads (documents.uploads) and the tests' extracted text.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import pikepdf
from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

WIN_ANSI = [bytes([code]).decode("cp1252", "replace") for code in range(32, 256)]
STAMP_FONTS = ("/PackStampR", "/PackStampB")  # resource names: regular, bold
FONT_CUT_VERSION = "1"  # bump when _cut changes, to cut the fonts again


class Piece(Protocol):
    """What the merge needs of a rendered part: its marking and its outline entries."""

    header: str
    outline: list[tuple[int, str]]


@functools.cache
def _font_program(path: str) -> tuple[bytes, tuple[int, ...], dict[str, Any]]:
    """The font cut down to the WinAnsi characters: its bytes, widths and descriptor values.

    The stamps are drawn with it, so every font the pack uses is embedded, as PDF/UA asks.
    Cutting it takes a third of a second, so the cut font and its metrics are kept on disk (by
    the font file's path, size and time) and in the process.
    """
    stat = Path(path).stat()
    key = f"{FONT_CUT_VERSION}:{path}:{stat.st_size}:{stat.st_mtime_ns}"
    stem = Path(settings.MEDIA_ROOT) / "fontcache" / hashlib.sha256(key.encode()).hexdigest()
    program_file, metrics_file = stem.with_suffix(".ttf"), stem.with_suffix(".json")
    if program_file.exists() and metrics_file.exists():
        metrics = json.loads(metrics_file.read_text())
        return program_file.read_bytes(), tuple(metrics["widths"]), metrics["descriptor"]
    program, widths, descriptor = _cut(path)
    stem.parent.mkdir(parents=True, exist_ok=True)
    for target, data in (
        (program_file, program),
        (metrics_file, json.dumps({"widths": widths, "descriptor": descriptor}).encode()),
    ):
        tmp = target.with_suffix(f".{uuid.uuid4().hex}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)  # atomic: another process reads the old file or the whole new one
    return program, widths, descriptor


def prepare_fonts() -> None:
    """Have the stamps' fonts ready (a worker does this once, before its first pack)."""
    for path in _stamp_font_paths():
        _font_program(path)


def _cut(path: str) -> tuple[bytes, tuple[int, ...], dict[str, Any]]:
    font = TTFont(path)
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a PDF needs
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(c for c in WIN_ANSI if c != "\ufffd"))
    subsetter.subset(font)
    scale = 1000 / font["head"].unitsPerEm
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    widths = tuple(
        round(metrics[cmap[ord(c)]][0] * scale) if ord(c) in cmap else 0 for c in WIN_ANSI
    )
    head, os2 = font["head"], font["OS/2"]
    descriptor = {
        "name": font["name"].getDebugName(6) or "PackStamp",
        "bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
        "ascent": round(os2.sTypoAscender * scale),
        "descent": round(os2.sTypoDescender * scale),
        "cap_height": round(getattr(os2, "sCapHeight", os2.sTypoAscender) * scale),
        "bold": bool(head.macStyle & 1),
    }
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), widths, descriptor


def _font_object(pdf: Pdf, path: str, tag: str) -> Any:
    """An embedded TrueType font with WinAnsi encoding, for the stamps."""
    program, widths, info = _font_program(path)
    name = Name(f"/{tag}+{info['name']}")
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=name,
        Flags=32 | (1 << 18 if info["bold"] else 0),
        FontBBox=Array(info["bbox"]),
        ItalicAngle=0,
        Ascent=info["ascent"],
        Descent=info["descent"],
        CapHeight=info["cap_height"],
        StemV=120 if info["bold"] else 80,
        FontFile2=pdf.make_stream(program),
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=name,
            FirstChar=32,
            LastChar=255,
            Widths=Array(widths),
            Encoding=Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
        )
    )


def text_width(text: str, size: float, bold: bool = False) -> float:
    _program, widths, _info = _font_program(_stamp_font_paths()[1 if bold else 0])
    encoded = text.encode("cp1252", "replace")
    return sum(widths[b - 32] for b in encoded if b >= 32) * size / 1000


def _stamp_font_paths() -> tuple[str, str]:
    regular, bold = settings.PACK_STAMP_FONTS
    return regular, bold


def _pdf_string(text: str) -> str:
    """Text in the stamp fonts' WinAnsi encoding, escaped for a PDF string literal."""
    raw = text.encode("cp1252", "replace").decode("latin-1")
    return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text_op(font: str, size: float, x: float, y: float, text: str) -> str:
    return f"BT {font} {size} Tf {x:.2f} {y:.2f} Td ({_pdf_string(text)}) Tj ET"


def stamp(pdf: Pdf, headers: Sequence[str], running: str) -> None:
    """The running header, any marking, and "page N of M" on every page.

    Drawn by adding a few text operators after each page's own content (which is wrapped in
    q … Q, so nothing it leaves set moves the stamp), marked as pagination artifacts so that
    assistive technology skips them. The page's content is never parsed.
    """
    paths = _stamp_font_paths()
    fonts = {
        name: _font_object(pdf, path, tag)
        for name, path, tag in zip(STAMP_FONTS, paths, ("PKSTRA", "PKSTBA"), strict=True)
    }
    save = pdf.make_stream(b"q\n")
    total = len(headers)
    for n, (page, marking) in enumerate(zip(pdf.pages, headers, strict=True), start=1):
        left, bottom, right, top = (float(v) for v in page.mediabox)
        footer = f"Page {n} of {total}"
        ops = [
            "Q",
            "/Artifact <</Type /Pagination>> BDC",
            "0 g",
            _text_op(STAMP_FONTS[0], 8, left + 40, top - 22, running),
        ]
        if marking:
            width = text_width(marking, 9, bold=True)
            ops.append(_text_op(STAMP_FONTS[1], 9, right - 40 - width, top - 22, marking))
        width = text_width(footer, 8)
        ops.append(_text_op(STAMP_FONTS[0], 8, right - 40 - width, bottom + 18, footer))
        ops.append("EMC")
        for name, font in fonts.items():
            page.add_resource(font, Name.Font, Name(name))
        page.contents_add(save, prepend=True)
        page.contents_add(pdf.make_stream(("\n".join(ops) + "\n").encode("latin-1")))


def _number_tree(node: Any) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a PDF number tree, leaves and kids alike."""
    nums = node.get("/Nums", Array())
    pairs = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for kid in node.get("/Kids", Array()):
        pairs += _number_tree(kid)
    return pairs


def _copied(pdf: Pdf, source: Pdf, value: Any) -> Any:
    """``value`` of ``source`` copied into ``pdf``; what it refers to that was copied before
    (the pages, other elements) is shared, not copied twice."""
    if isinstance(value, Dictionary | Array | pikepdf.Stream):
        if not value.is_indirect:
            value = source.make_indirect(value)
        return pdf.copy_foreign(value)
    return value


class StructureMerge:
    """One structure tree for the pack, built a source at a time: each tagged source's
    elements go under one Document element, its parent tree renumbered after the sources
    before it. A source with no structure tree (an untagged uploaded PDF) adds pages with no
    tags, and the pack then does not claim PDF/UA (``complete`` is false)."""

    def __init__(self, pdf: Pdf) -> None:
        self.pdf = pdf
        self.root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=self.root)
        )
        self.kids, self.nums, self.role_map, self.offset = Array(), Array(), Dictionary(), 0
        self.complete = True  # every source so far was tagged

    def add(self, source: Pdf, first: int) -> None:
        """``source``'s tree, its pages already copied to ``first`` onwards."""
        pdf, tree = self.pdf, source.Root.get("/StructTreeRoot")
        if tree is None:
            self.complete = False
            return
        for key, value in tree.get("/RoleMap", Dictionary()).items():
            self.role_map[key] = value
        entries = _number_tree(tree.ParentTree) if "/ParentTree" in tree else []
        top = tree.get("/K", Array())
        for element in top if isinstance(top, Array) else [top]:
            copied = _copied(pdf, source, element)
            children = [copied]
            if isinstance(copied, Dictionary) and copied.get("/S") == Name.Document:
                inner = copied.get("/K", Array())
                children = list(inner) if isinstance(inner, Array) else [inner]
            for kid in children:
                if isinstance(kid, Dictionary):
                    kid.P = self.document
                self.kids.append(kid)
        for number, value in sorted(entries, key=lambda pair: pair[0]):
            self.nums.append(number + self.offset)
            self.nums.append(_copied(pdf, source, value))
        for n in range(len(source.pages)):
            page = pdf.pages[first + n].obj
            if "/StructParents" in page:
                page.StructParents = int(page.StructParents) + self.offset
            for annotation in page.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + self.offset
        self.offset += (max(key for key, _ in entries) + 1) if entries else 0

    def finish(self) -> bool:
        """Put the tree in the catalog; whether the pack is tagged."""
        if not len(self.kids):
            return False
        self.document.K = self.kids
        self.root.K = Array([self.document])
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=self.nums))
        self.root.ParentTreeNextKey = self.offset
        if len(self.role_map):
            self.root.RoleMap = self.role_map
        self.pdf.Root.StructTreeRoot = self.root
        self.pdf.Root.MarkInfo = Dictionary(Marked=True)
        return True


def page_count(path: Path) -> int:
    with Pdf.open(path) as source:
        return len(source.pages)


def _detached(source: Pdf) -> Pdf:
    """``source`` with its streams' data held in memory, so that what is copied from it keeps
    its own data and the source can be closed before the pack is written: the merge then holds
    one source's objects at a time, not every part's (half its memory at 4x the seed pack)."""
    for obj in source.objects:
        if isinstance(obj, pikepdf.Stream):
            obj.write(
                obj.read_raw_bytes(),
                filter=obj.get("/Filter"),  # type: ignore[arg-type]  # whatever the source had
                decode_parms=obj.get("/DecodeParms"),  # type: ignore[arg-type]  # likewise
                type_check=False,
            )
    return source


def merge(
    parts: Sequence[Sequence[tuple[Piece, Path]]],
    running: str,
    title: str,
    author: str,
    subject: str,
) -> Pdf:
    """Pages in order, an outline entry per item (appendices nested), one structure tree,
    stamps, properties. Each source file is opened, copied and closed in turn."""
    pdf = Pdf.new()
    headers: list[str] = []
    structure = StructureMerge(pdf) if settings.PACK_PDF_TAGS else None
    entries: list[tuple[int, str, int, bool]] = []  # level, title, page, first of its part
    for segments in parts:
        starts_part = True
        for segment, path in segments:
            first = len(pdf.pages)
            with _detached(Pdf.open(path)) as source:
                pdf.pages.extend(source.pages)
                headers += [segment.header] * len(source.pages)
                if structure is not None:
                    structure.add(source, first)
            for level, label in segment.outline:
                entries.append((level, label, first, starts_part))
                starts_part = False
    with pdf.open_outline() as outline:
        parents: dict[int, OutlineItem] = {}
        for level, label, page, starts_part in entries:
            if starts_part:
                parents = {}
            item = OutlineItem(label, page)
            parent = parents.get(level - 1)
            (parent.children if parent is not None else outline.root).append(item)
            parents[level] = item
    tagged = structure is not None and structure.finish()
    stamp(pdf, headers, running)
    pdf.Root.Lang = pikepdf.String("en-GB")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.docinfo["/Title"] = title
    pdf.docinfo["/Author"] = author
    pdf.docinfo["/Subject"] = subject
    pdf.docinfo["/Creator"] = "Police and Crime Panels"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        if tagged and structure is not None and structure.complete:
            meta["pdfuaid:part"] = "1"  # only when every page is tagged
    return pdf


def write(pdf: Pdf) -> bytes:
    """The finished PDF: streams compressed, small objects packed into object streams, and
    the same bytes for the same pack (no random file identifier)."""
    out = io.BytesIO()
    pdf.save(
        out,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        deterministic_id=True,
        min_version="1.7",
        fix_metadata_version=False,
    )
    return out.getvalue()
