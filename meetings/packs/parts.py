"""Agenda packs: the meeting's published agenda as one PDF, for one audience.

The pack is not one big render. Each part (front sheet and membership, agenda, the previous
minutes, each item with its appendices) is rendered by WeasyPrint on its own and cached on disk
by a hash of its HTML, so a re-pack after editing one item renders that item only. Uploaded PDF
appendices are merged in at their place; the running header and "page N of M" are stamped at
merge time, and the contents page is rendered last, from the page numbers the parts turned out
to have (packs.merge does the merging, with pikepdf). The parts are rendered tagged
(PACK_PDF_TAGS, on by default), and the merge keeps one structure tree, so the pack is a tagged
PDF that screen readers can follow.

The public pack is built from the public projection of the version (exempt items and appendices
are replaced by a page naming their paragraph), never by redacting the members' pack.
WeasyPrint may fetch only the app's own static files: every other URL is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from documents import exemptions

from . import merge

TEMPLATE_VERSION = "6"  # bump when the pack templates change, to invalidate cached parts
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


def prune_cache(older_than: dt.timedelta) -> int:
    """Remove cached parts no pack has used for a while (and any temporary file a killed render
    left): each edit of a report leaves its old part behind. How many files went."""
    cutoff = (timezone.now() - older_than).timestamp()
    removed = 0
    for path in _cache_dir().iterdir():
        if path.suffix in (".pdf", ".pages", ".tmp") and _last_used(path) < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _last_used(path: Path) -> float:
    """When a cached file was last used: a part's length goes with its PDF (touched on use)."""
    pdf = path.with_suffix(".pdf") if path.suffix == ".pages" else path
    try:
        return pdf.stat().st_mtime
    except FileNotFoundError:  # its PDF is gone (pruned, or never written): the length goes
        return 0.0


def render_html(html: str) -> Path:
    """One WeasyPrint render, cached on disk by the hash of its HTML and the templates' version:
    the path of its PDF (the merge reads it from there, a page at a time, not all at once)."""
    cached = _cache_dir() / f"{_digest(html)}.pdf"
    if cached.exists():
        cached.touch()  # in use: kept by prune_cache
        return cached
    document = HTML(string=html, url_fetcher=StaticOnlyFetcher(), base_url="app-static:/").render()
    tag = uuid.uuid4().hex  # its own temporary names: threads may render it too
    # Its length beside it, written first, so that the merge counts a part's pages without
    # opening its PDF (a part is immutable: its name is the hash of what it shows).
    length = cached.with_suffix(f".{tag}.tmp")
    length.write_text(str(len(document.pages)))
    length.replace(cached.with_suffix(".pages"))
    tmp = cached.with_suffix(f".{tag}.pdf.tmp")
    document.write_pdf(tmp, pdf_tags=settings.PACK_PDF_TAGS)
    tmp.replace(cached)  # atomic: a half-written part is never read
    return cached


def page_count(path: Path) -> int:
    """The pages of a rendered part (from the length written beside it) or of an uploaded
    PDF (opened)."""
    length = path.with_suffix(".pages")
    try:
        return int(length.read_text())
    except (OSError, ValueError):  # an uploaded appendix, or a part cached before lengths were
        return merge.page_count(path)


def prepare() -> None:
    """What a worker process does once, before its first pack, so that no pack waits for it:
    load the template engine (it imports every tag library) and the stamps' fonts."""
    engines.all()
    merge.prepare_fonts()


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
        Part(
            "agenda", "Agenda", [Segment(html=_page("agenda.html", ctx), outline=[(0, "Agenda")])]
        ),
    ]
    if ctx.get("previous_minutes"):
        title = ctx["previous_title"]
        minutes = Segment(html=_page("minutes.html", ctx), outline=[(0, title)])
        parts.append(Part("minutes", title, [minutes]))
    for item in agenda["items"]:
        if (
            item["kind"] == "heading"
            or item.get("withdrawn")  # on the agenda, with no papers
            or not (item.get("report") or item["appendices"] or item["restricted"])
        ):
            continue
        parts.append(_item_part(ctx, item))
    return parts


CHUNK_CHARS = 60_000  # a long report is rendered in pieces of about this size, in parallel
_BLOCK_END = re.compile(r"(</(?:p|table|ul|ol|h[1-6]|blockquote|pre)>\s*)", re.IGNORECASE)
_NEST_OPEN = re.compile(r"<(?:table|ul|ol|blockquote)\b", re.IGNORECASE)
_NEST_CLOSE = re.compile(r"</(?:table|ul|ol|blockquote)>", re.IGNORECASE)


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
        depth += len(_NEST_OPEN.findall(token))
        depth -= len(_NEST_CLOSE.findall(token))
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
        Segment(
            html=_page("item.html", {**ctx, "item": first, "last": len(chunks) == 1}),
            outline=[(0, title)],
            header=marked,
        )
    ] + [
        Segment(
            html=_page(
                "item_continued.html",
                {**ctx, "item": item, "body": chunk, "last": n == len(chunks) - 1},
            ),
            header=marked,
        )
        for n, chunk in enumerate(chunks[1:], start=1)
    ]
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


def _path(segment: Segment) -> Path:
    """The file the segment's pages are in: its cached render, or the uploaded PDF."""
    return render_html(segment.html) if segment.html else Path(segment.pdf_path)


def _located(segment: Segment) -> tuple[Segment, Path, int]:
    path = _path(segment)
    return segment, path, page_count(path)


def _digest(html: str) -> str:
    options = "tagged" if settings.PACK_PDF_TAGS else "plain"
    return hashlib.sha256(f"{TEMPLATE_VERSION}:{options}:{html}".encode()).hexdigest()


def _cached(html: str) -> bool:
    return (_cache_dir() / f"{_digest(html)}.pdf").exists()


def missing(htmls: list[str]) -> list[str]:
    """The renders not yet in the part cache, once each, longest first (so that workers taking
    them in turn finish together)."""
    return sorted(dict.fromkeys(h for h in htmls if not _cached(h)), key=len, reverse=True)


def htmls_of(parts: list[Part]) -> list[str]:
    return [s.html for p in parts for s in p.segments if s.html]


# A claim on a part lapses this long after its worker last renewed it: a worker renews its claims
# while it renders, so a worker that dies (killed, or its machine gone) holds a part back from
# the others for this long at most, and a slow render is never taken over while it runs.
CLAIM_SECONDS = 30
RENEW_SECONDS = 10
# How long a worker waits for the parts other (live) workers are rendering before it renders
# them itself.
WAIT_SECONDS = 600


def _claim_key(html: str) -> str:
    return f"packs:rendering:{_digest(html)}"


@contextmanager
def _claim_renewed(key: str) -> Iterator[None]:
    """Keep the claim ``key`` alive while the block runs (a thread renews it), then let it go."""
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(RENEW_SECONDS):
            cache.touch(key, CLAIM_SECONDS)

    renewer = threading.Thread(target=renew, name="pack-claim", daemon=True)
    renewer.start()
    try:
        yield
    finally:
        stop.set()
        renewer.join()
        cache.delete(key)


def render_claimed(html: str) -> bool:
    """Render one part unless it is cached or another worker is rendering it (the public and
    the members' pack share most parts, and both are queued at once): whether this call
    rendered it. The claim lives in the cache (Redis, shared by every worker machine)."""
    key = _claim_key(html)
    if _cached(html) or not cache.add(key, 1, timeout=CLAIM_SECONDS):
        return False
    with _claim_renewed(key):
        render_html(html)
    return True


def _await_claimed(htmls: list[str], seconds: float = WAIT_SECONDS) -> None:
    """Wait for the parts other workers are rendering (the rest are rendered here); a dead
    worker's claims lapse within CLAIM_SECONDS, and its parts are then rendered here."""
    deadline = time.monotonic() + seconds
    claimed = [h for h in htmls if cache.get(_claim_key(h)) is not None]
    while claimed and time.monotonic() < deadline:
        time.sleep(0.05)
        claimed = [h for h in claimed if not _cached(h) and cache.get(_claim_key(h)) is not None]


def render_missing(
    htmls: list[str], workers: int, progress: Callable[[int], None] = lambda n: None
) -> None:
    """Render the parts not yet cached, on every core where the process may have children.

    A Celery prefork worker is a daemon process and may not fork a pool: there the parts are
    rendered one after another. The pack workers render a pack's parts as tasks of their own
    (meetings.tasks), so this renders only what they have not.
    """
    _await_claimed(missing(htmls))
    missing_now = missing(htmls)
    if workers > 1 and len(missing_now) > 1 and not multiprocessing.current_process().daemon:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for done, _ in enumerate(pool.map(render_html, missing_now), start=1):
                progress(int(60 * done / len(missing_now)))
    else:
        for done, html in enumerate(missing_now, start=1):
            render_html(html)
            progress(int(60 * done / len(missing_now)))


Located = list[tuple[Part, list[tuple[Segment, Path, int]]]]


def lay_out(
    ctx: dict[str, Any],
    progress: Callable[[int], None] = lambda n: None,
    built: list[Part] | None = None,
) -> tuple[Located, Path, int]:
    """Render what is not cached, count each part's pages and render the contents page from
    them: the parts with their files and lengths, and the contents' file and length. What a
    pack needs before its merge (a pre-render ends here, so that the merge finds it ready)."""
    parts = built if built is not None else build_parts(ctx)
    render_missing(htmls_of(parts), settings.PACK_RENDER_WORKERS, progress)
    progress(60)
    rendered: list[tuple[Part, list[tuple[Segment, Path, int]]]] = []
    for n, part in enumerate(parts, start=1):
        rendered.append((part, [_located(s) for s in part.segments]))
        progress(60 + int(25 * n / len(parts)))
    front_pages = sum(pages for *_, pages in rendered[0][1])

    def contents_html(starts: dict[str, int]) -> str:
        rows = [(p.title, starts.get(p.key, 0)) for p, _ in rendered if p.in_contents]
        return _page("contents.html", {**ctx, "rows": rows})

    def numbered(contents_pages: int) -> tuple[Path, int]:
        starts, page = {}, front_pages + contents_pages
        for part, segments in rendered[1:]:
            starts[part.key] = page + 1
            page += sum(pages for *_, pages in segments)
        path = render_html(contents_html(starts))
        return path, page_count(path)

    # Most contents fit one page: number the parts for that and render once; a longer contents
    # is rendered again with its own length until the two agree.
    assumed, (contents, length) = 1, numbered(1)
    for _ in range(3):
        if length == assumed:
            break
        assumed = length
        contents, length = numbered(assumed)
    return rendered, contents, length


def assemble(
    ctx: dict[str, Any],
    progress: Callable[[int], None] = lambda n: None,
    built: list[Part] | None = None,
) -> tuple[bytes, int]:
    """Render what is not cached, then merge, number, outline and title the pack (``built``:
    its parts, if the caller has built them already)."""
    rendered, contents, length = lay_out(ctx, progress, built)
    progress(90)
    sequence = [
        rendered[0],
        (
            Part("contents", "Contents", [], in_contents=False),
            [(Segment(outline=[(0, "Contents")]), contents, length)],
        ),
        *rendered[1:],
    ]
    merged = merge.merge(
        [[(segment, path) for segment, path, _ in segments] for _part, segments in sequence],
        ctx["running_header"],
        title=ctx["title"],
        author=ctx["panel"].name,
        subject=f"Agenda pack ({ctx['audience_label']})",
    )
    data = merge.write(merged)
    progress(100)
    return data, len(merged.pages)


def context_for(
    meeting: Any,
    version: Any,
    audience: str,
    agenda: dict[str, Any],
    minutes: Any,
    members: list[Any],
    file_paths: dict[int, str],
) -> dict[str, Any]:
    start = timezone.localtime(meeting.start)
    previous = meeting.previous
    return {
        "panel": meeting.panel,
        "meeting": meeting,
        "version": version,
        "agenda": agenda,
        "audience": audience,
        "audience_label": "members' pack" if audience == MEMBERS else "public pack",
        "previous_minutes": minutes,
        "previous_title": (
            f"Minutes of the meeting held on {timezone.localtime(previous.start):%-d %B %Y}"
            if previous
            else ""
        ),
        "members": members,
        "file_paths": file_paths,
        "start": start,
        "title": f"{meeting.panel.name}, {start:%-d %B %Y}: agenda pack",
        "running_header": f"{meeting.panel.name} · {start:%-d %B %Y}",
        "paragraphs": exemptions.paragraphs_for(meeting.panel.jurisdiction),
    }


def item_pdf(ctx: dict[str, Any], item: dict[str, Any]) -> bytes:
    """One item's report with its appendices, numbered on its own (rendered parts are cached)."""
    part = _item_part(ctx, item)
    render_missing([s.html for s in part.segments if s.html], 1)
    segments = [(segment, _path(segment)) for segment in part.segments]
    merged = merge.merge(
        [segments],
        ctx["running_header"],
        title=f"{ctx['title']}: item {item['number']}",
        author=ctx["panel"].name,
        subject=f"Agenda item ({ctx['audience_label']})",
    )
    return merge.write(merged)
