"""Agenda packs: the meeting's published agenda as one PDF, for one audience.

The pack is not one big render. Each part (front sheet and membership, agenda, the previous
minutes, each item with its appendices) is rendered by WeasyPrint on its own and cached on disk
by a hash of its HTML, so a re-pack after editing one item renders that item only. Uploaded PDF
appendices are merged in at their place with pypdf; the running header and "page N of M" are
stamped at merge time (reportlab draws the overlay), and the contents page is rendered last, from
the page numbers the parts turned out to have.

The public pack is built from the public projection of the version (exempt items and appendices
are replaced by a page naming their paragraph), never by redacting the members' pack.
WeasyPrint may fetch only the app's own static files: every other URL is refused.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfbase.pdfmetrics import stringWidth
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from . import exemptions

TEMPLATE_VERSION = "4"  # bump when the pack templates change, to invalidate cached parts
MEMBERS = "members"


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's own static files to WeasyPrint; refuses everything else."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        prefix = "app-static:"
        if not url.startswith(prefix):
            raise ValueError(f"agenda packs fetch only the app's own files: {url}")
        path = finders.find(url.removeprefix(prefix).lstrip("/"))
        if not path:
            raise ValueError(f"no such static file: {url}")
        return super().fetch(Path(path).as_uri())


@dataclass
class Segment:
    """A run of pages: rendered HTML, or an uploaded PDF merged as it is."""

    html: str = ""
    pdf_path: str = ""
    outline: list[tuple[int, str]] = field(default_factory=list)  # (level, title)
    header: str = ""


@dataclass
class Part:
    key: str
    title: str
    segments: list[Segment]
    in_contents: bool = True


def _cache_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "packcache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def render_html(html: str) -> bytes:
    """One WeasyPrint render, cached by the hash of its HTML and the templates' version."""
    cached = _cache_dir() / f"{_digest(html)}.pdf"
    if cached.exists():
        return cached.read_bytes()
    document = HTML(string=html, url_fetcher=StaticOnlyFetcher(), base_url="app-static:/")
    data = document.write_pdf(pdf_tags=settings.PACK_PDF_TAGS)  # the merge keeps any tags
    tmp = cached.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(cached)  # atomic: a half-written part is never read
    return data  # type: ignore[no-any-return]


def _page(template: str, context: dict[str, Any]) -> str:
    return render_to_string(f"meetings/pack/{template}", context)


def build_parts(ctx: dict[str, Any]) -> list[Part]:
    """The pack's parts, in order, for the version as the audience may see it."""
    agenda = ctx["agenda"]
    parts = [
        Part(
            "front",
            "Front sheet and membership",
            [Segment(html=_page("front.html", ctx))],
            in_contents=False,
        ),
        Part("agenda", "Agenda", [Segment(html=_page("agenda.html", ctx))]),
    ]
    if ctx.get("previous_minutes"):
        parts.append(
            Part("minutes", ctx["previous_title"], [Segment(html=_page("minutes.html", ctx))])
        )
    for item in agenda["items"]:
        if item["kind"] == "heading" or not (
            item.get("report") or item["appendices"] or item["restricted"]
        ):
            continue
        parts.append(_item_part(ctx, item))
    return parts


CHUNK_CHARS = 60_000  # a long report is rendered in pieces of about this size, in parallel
_BLOCK_END = re.compile(r"(</(?:p|table|ul|ol|h[1-6]|blockquote|pre)>\s*)", re.IGNORECASE)


def split_html(html: str, size: int = CHUNK_CHARS) -> list[str]:
    """Split sanitised report HTML between top-level blocks into pieces of about ``size``.

    Each piece is rendered on its own (and starts a page), so a long report no longer sets the
    pace of the whole pack; blocks are never cut, and a table or list stays whole.
    """
    if len(html) <= size:
        return [html]
    pieces, current, depth = [], "", 0
    for token in _BLOCK_END.split(html):
        current += token
        depth += len(re.findall(r"<(?:table|ul|ol|blockquote)\b", token, re.IGNORECASE))
        depth -= len(re.findall(r"</(?:table|ul|ol|blockquote)>", token, re.IGNORECASE))
        if depth <= 0 and len(current) >= size and _BLOCK_END.fullmatch(token):
            pieces.append(current)
            current, depth = "", 0
    if current.strip():
        pieces.append(current)
    return pieces


def _item_part(ctx: dict[str, Any], item: dict[str, Any]) -> Part:
    title = f"{item['number']} {item['title']}"
    marked = (
        f"NOT FOR PUBLICATION: paragraph {item['paragraph']}" if item["access"] == "exempt" else ""
    )
    if item["restricted"]:
        html = _page("restricted.html", {**ctx, "item": item, "thing": item})
        return Part(f"item-{item['id']}", title, [Segment(html=html, outline=[(0, title)])])
    body = (item.get("report") or {}).get("body_html", "")
    chunks = split_html(body) if body else [""]
    first = (
        {**item, "report": {**item["report"], "body_html": chunks[0]}}
        if item.get("report")
        else item
    )
    segments = [
        Segment(html=_page("item.html", {**ctx, "item": first, "last": len(chunks) == 1}),
                outline=[(0, title)], header=marked)
    ] + [
        Segment(html=_page("item_continued.html", {**ctx, "item": item, "body": chunk,
                                                   "last": n == len(chunks) - 1}), header=marked)
        for n, chunk in enumerate(chunks[1:], start=1)
    ]  # fmt: skip
    for appendix in item["appendices"]:
        label = f"Appendix {appendix['letter']}: {appendix['title']}"
        a_marked = marked or (
            f"NOT FOR PUBLICATION: paragraph {appendix['paragraph']}"
            if appendix["access"] == "exempt"
            else ""
        )
        if appendix.get("restricted"):
            html = _page(
                "restricted.html",
                {**ctx, "item": item, "thing": appendix, "letter": appendix["letter"]},
            )
            segments.append(Segment(html=html, outline=[(1, label)]))
        elif appendix.get("file"):
            cover = _page("appendix_cover.html", {**ctx, "item": item, "a": appendix})
            segments.append(Segment(html=cover, outline=[(1, label)], header=a_marked))
            segments.append(
                Segment(pdf_path=ctx["file_paths"][appendix["file"]["id"]], header=a_marked)
            )
        else:
            html = _page("appendix_text.html", {**ctx, "item": item, "a": appendix})
            segments.append(Segment(html=html, outline=[(1, label)], header=a_marked))
    return Part(f"item-{item['id']}", title, segments)


@dataclass
class Rendered:
    readers: list[tuple[Segment, PdfReader]]
    start: int  # first page, counted from 0, in the finished pack (after the contents)


def _read(segment: Segment) -> PdfReader:
    data = render_html(segment.html) if segment.html else Path(segment.pdf_path).read_bytes()
    return PdfReader(io.BytesIO(data))


STAMP_FONTS = {"/PackStampR": "Helvetica", "/PackStampB": "Helvetica-Bold"}


def _pdf_string(text: str) -> str:
    """Text for a standard PDF font (WinAnsi), escaped for a PDF string literal."""
    raw = text.encode("cp1252", "replace").decode("latin-1")
    return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text_op(font: str, size: float, x: float, y: float, text: str) -> str:
    return f"BT {font} {size} Tf {x:.2f} {y:.2f} Td ({_pdf_string(text)}) Tj ET"


def _stream(writer: PdfWriter, data: str) -> Any:
    stream = DecodedStreamObject()
    stream.set_data(data.encode("latin-1"))
    return writer._add_object(stream)


def _stamp(writer: PdfWriter, headers: list[str], running: str) -> None:
    """The running header, any marking, and "page N of M" on every page.

    Drawn by appending a few text operators to each page's content (the page's own content
    wrapped in q … Q, so nothing it leaves set moves the stamp), with the standard Helvetica
    fonts: the page's content is never parsed, which keeps the merge fast.
    """
    fonts = {
        name: writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(f"/{base}"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }))
        for name, base in STAMP_FONTS.items()
    }  # fmt: skip
    save = _stream(writer, "q\n")
    total = len(headers)
    for n, (page, marking) in enumerate(zip(writer.pages, headers, strict=True), start=1):
        box = page.mediabox
        left, bottom = float(box.left), float(box.bottom)
        right, top = left + float(box.width), bottom + float(box.height)
        footer = f"Page {n} of {total}"
        ops = ["Q", "/Artifact <</Type /Pagination>> BDC", "0 g",
               _text_op("/PackStampR", 8, left + 40, top - 22, running)]  # fmt: skip
        if marking:
            width = stringWidth(marking, "Helvetica-Bold", 9)
            ops.append(_text_op("/PackStampB", 9, right - 40 - width, top - 22, marking))
        width = stringWidth(footer, "Helvetica", 8)
        ops.append(_text_op("/PackStampR", 8, right - 40 - width, bottom + 18, footer))
        ops.append("EMC")
        if "/Resources" not in page:
            page[NameObject("/Resources")] = DictionaryObject()
        resources = page["/Resources"].get_object()  # shared pages share it: kept indirect
        if "/Font" not in resources:
            resources[NameObject("/Font")] = DictionaryObject()
        font_dict = resources["/Font"].get_object()
        for name, ref in fonts.items():
            font_dict[NameObject(name)] = ref
        contents = page.get("/Contents")
        existing: list[Any] = []
        if contents is not None:
            resolved = contents.get_object()
            if isinstance(resolved, ArrayObject):
                existing = list(resolved)
            else:  # a stream; a direct one is made indirect, as arrays of contents need
                existing = [
                    contents if hasattr(contents, "idnum") else writer._add_object(contents)
                ]
        page[NameObject("/Contents")] = ArrayObject(
            [save, *existing, _stream(writer, "\n".join(ops) + "\n")]
        )


def _number_tree(node: Any) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a PDF number tree, leaves and kids alike."""
    node = node.get_object()
    nums = node.get("/Nums", [])
    pairs = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for kid in node.get("/Kids", []):
        pairs += _number_tree(kid)
    return pairs


def _merge_structure(writer: PdfWriter, sources: list[tuple[PdfReader, int]]) -> None:
    """One structure tree for the pack: each tagged part's elements under one Document element,
    its parent tree renumbered after the parts before it, so the pack stays a tagged PDF.

    Only when the parts are rendered tagged (PACK_PDF_TAGS): otherwise a tagged uploaded
    appendix alone would mark the whole pack as tagged. An appendix PDF without a structure
    tree adds pages with no tags.
    """
    catalog = writer._root_object
    catalog[NameObject("/Lang")] = TextStringObject("en-GB")
    catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    if not settings.PACK_PDF_TAGS:
        return
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    document = DictionaryObject({
        NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
        NameObject("/P"): root_ref,
    })  # fmt: skip
    document_ref = writer._add_object(document)
    kids, nums, role_map, offset = ArrayObject(), ArrayObject(), DictionaryObject(), 0
    for reader, first in sources:
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is None:
            continue
        tree = tree.get_object()
        role_map.update(tree.get("/RoleMap", DictionaryObject()).get_object())
        entries = _number_tree(tree["/ParentTree"]) if "/ParentTree" in tree else []
        top = tree.get("/K")
        top = top.get_object() if top is not None else ArrayObject()
        for element in top if isinstance(top, ArrayObject) else [tree["/K"]]:
            cloned_ref = element.clone(writer)
            cloned = cloned_ref.get_object()
            children: list[Any] = [cloned_ref]
            if isinstance(cloned, DictionaryObject) and cloned.get("/S") == "/Document":
                inner = cloned.get("/K")
                resolved = inner.get_object() if inner is not None else ArrayObject()
                children = list(resolved) if isinstance(resolved, ArrayObject) else [inner]
            for kid in children:
                kid_obj = kid.get_object()
                if isinstance(kid_obj, DictionaryObject):
                    kid_obj[NameObject("/P")] = document_ref
                    if not hasattr(kid, "idnum"):
                        kid = writer._add_object(kid_obj)
                kids.append(kid)
        for key, value in sorted(entries, key=lambda pair: pair[0]):
            nums += [NumberObject(key + offset), value.clone(writer)]
        for n, page in enumerate(reader.pages):
            merged = writer.pages[first + n]
            if "/StructParents" in page:
                merged[NameObject("/StructParents")] = NumberObject(
                    int(page["/StructParents"]) + offset
                )
            for annotation in merged.get("/Annots", []):
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(
                        int(annotation["/StructParent"]) + offset
                    )
        offset += (max(key for key, _ in entries) + 1) if entries else 0
    document[NameObject("/K")] = kids
    root[NameObject("/K")] = ArrayObject([document_ref])
    root[NameObject("/ParentTree")] = writer._add_object(
        DictionaryObject({NameObject("/Nums"): nums})
    )
    root[NameObject("/ParentTreeNextKey")] = NumberObject(offset)
    if role_map:
        root[NameObject("/RoleMap")] = role_map
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)}
    )


def _digest(html: str) -> str:
    options = "tagged" if settings.PACK_PDF_TAGS else "plain"
    return hashlib.sha256(f"{TEMPLATE_VERSION}:{options}:{html}".encode()).hexdigest()


def _cached(html: str) -> bool:
    return (_cache_dir() / f"{_digest(html)}.pdf").exists()


def render_missing(
    htmls: list[str], workers: int, progress: Callable[[int], None] = lambda n: None
) -> None:
    """Render the parts not yet cached, on every core where the process may have children.

    A Celery prefork worker is a daemon process and may not fork a pool: there the parts are
    rendered one after another (run the pack worker with ``--pool threads`` to use the cores).
    """
    missing = sorted(dict.fromkeys(h for h in htmls if not _cached(h)), key=len, reverse=True)
    if workers > 1 and len(missing) > 1 and not multiprocessing.current_process().daemon:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for done, _ in enumerate(pool.map(render_html, missing), start=1):
                progress(int(60 * done / len(missing)))
    else:
        for done, html in enumerate(missing, start=1):
            render_html(html)
            progress(int(60 * done / len(missing)))


def _merge(
    parts: list[list[tuple[Segment, PdfReader]]], running: str, metadata: dict[str, str]
) -> PdfWriter:
    """Pages in order, an outline entry per item (appendices nested), stamps, properties."""
    writer = PdfWriter()
    headers: list[str] = []
    sources: list[tuple[PdfReader, int]] = []
    for segments in parts:
        parents: dict[int, Any] = {}
        for segment, reader in segments:
            first = len(writer.pages)
            sources.append((reader, first))
            for pdf_page in reader.pages:
                writer.add_page(pdf_page)
                headers.append(segment.header)
            for level, title in segment.outline:
                parents[level] = writer.add_outline_item(
                    title=title, page_number=first, parent=parents.get(level - 1)
                )
    _merge_structure(writer, sources)
    _stamp(writer, headers, running)
    writer.add_metadata(metadata)
    return writer


def assemble(
    ctx: dict[str, Any], progress: Callable[[int], None] = lambda n: None
) -> tuple[bytes, int]:
    """Render what is not cached, then merge, number, outline and title the pack."""
    parts = build_parts(ctx)
    render_missing(
        [s.html for p in parts for s in p.segments if s.html], settings.PACK_RENDER_WORKERS,
        progress,
    )  # fmt: skip
    progress(60)
    rendered: list[tuple[Part, list[tuple[Segment, PdfReader]]]] = []
    for n, part in enumerate(parts, start=1):
        rendered.append((part, [(s, _read(s)) for s in part.segments]))
        progress(60 + int(25 * n / len(parts)))
    front_pages = sum(len(r.pages) for _, r in rendered[0][1])

    def contents_html(starts: dict[str, int]) -> str:
        rows = [(p.title, starts.get(p.key, 0)) for p, _ in rendered if p.in_contents]
        return _page("contents.html", {**ctx, "rows": rows})

    def numbered(contents_pages: int) -> PdfReader:
        starts, page = {}, front_pages + contents_pages
        for part, segments in rendered[1:]:
            starts[part.key] = page + 1
            page += sum(len(r.pages) for _, r in segments)
        return PdfReader(io.BytesIO(render_html(contents_html(starts))))

    # Most contents fit one page: number the parts for that and render once; a longer contents
    # is rendered again with its own length until the two agree.
    assumed, contents = 1, numbered(1)
    for _ in range(3):
        if len(contents.pages) == assumed:
            break
        assumed = len(contents.pages)
        contents = numbered(assumed)
    progress(90)

    sequence = [
        rendered[0],
        (Part("contents", "Contents", [], in_contents=False), [(Segment(), contents)]),
        *rendered[1:],
    ]
    metadata = {
        "/Title": ctx["title"], "/Author": ctx["panel"].name,
        "/Subject": f"Agenda pack ({ctx['audience_label']})", "/Creator": "Police and Crime Panels",
    }  # fmt: skip
    writer = _merge([segments for _part, segments in sequence], ctx["running_header"], metadata)
    out = io.BytesIO()
    writer.write(out)
    progress(100)
    return out.getvalue(), len(writer.pages)


def context_for(meeting: Any, version: Any, audience: str, agenda: dict[str, Any], minutes: Any,
                members: list[Any], file_paths: dict[int, str]) -> dict[str, Any]:  # fmt: skip
    start = timezone.localtime(meeting.start)
    previous = meeting.previous
    return {
        "panel": meeting.panel, "meeting": meeting, "version": version, "agenda": agenda,
        "audience": audience,
        "audience_label": "members' pack" if audience == MEMBERS else "public pack",
        "previous_minutes": minutes,
        "previous_title": (
            f"Minutes of the meeting held on {timezone.localtime(previous.start):%-d %B %Y}"
            if previous else ""
        ),
        "members": members, "file_paths": file_paths, "start": start,
        "title": f"{meeting.panel.name}, {start:%-d %B %Y}: agenda pack",
        "running_header": f"{meeting.panel.name} · {start:%-d %B %Y}",
        "paragraphs": exemptions.paragraphs_for(meeting.panel.jurisdiction),
    }  # fmt: skip


def item_pdf(ctx: dict[str, Any], item: dict[str, Any]) -> bytes:
    """One item's report with its appendices, numbered on its own (rendered parts are cached)."""
    part = _item_part(ctx, item)
    render_missing([s.html for s in part.segments if s.html], 1)
    segments = [(segment, _read(segment)) for segment in part.segments]
    title = {"/Title": f"{ctx['title']}: item {item['number']}", "/Author": ctx["panel"].name}
    writer = _merge([segments], ctx["running_header"], title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
