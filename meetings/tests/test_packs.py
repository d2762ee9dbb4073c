"""Agenda packs: contents, audiences, merged appendices, idempotence, failures, a real worker."""

from __future__ import annotations

import io
import time

import pikepdf
import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import packs, services, tasks
from meetings.models import AgendaPack
from meetings.testing import (
    EXEMPT_APPENDIX_MARKER,
    EXEMPT_REPORT_MARKER,
    PUBLIC_REPORT_TEXT,
    published_meeting,
)
from panel.access import Role
from panel.tenancy import panel_scope


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def generate(meeting, audience):
    with panel_scope(meeting.panel_id):
        job = services.pack_request(meeting=meeting, audience=audience, actor=None)
    return packs.pack_generate(job.pk)


@pytest.fixture
def pm(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return published_meeting(cast["alpha"])


def test_it_builds_the_public_pack_from_public_content_only(pm):
    job = generate(pm.meeting, "public")
    data = job.file.read()
    text = text_of(data)
    assert PUBLIC_REPORT_TEXT in text
    assert EXEMPT_REPORT_MARKER not in text and EXEMPT_APPENDIX_MARKER not in text
    assert "Schedule 12A" in text  # the exempt item is replaced by a page naming its paragraph
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title.startswith("Alphashire")
    assert f"Page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert any("Neighbourhood policing" in t for t in outline)


def test_it_builds_the_members_pack_with_exempt_pages_marked(pm):
    text = text_of(generate(pm.meeting, "members").file.read())
    assert EXEMPT_REPORT_MARKER in text and EXEMPT_APPENDIX_MARKER in text
    assert "NOT FOR PUBLICATION" in text


def test_it_merges_uploaded_appendices_and_numbers_the_contents(pm):
    job = generate(pm.meeting, "members")
    reader = PdfReader(io.BytesIO(job.file.read()))
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents
    # The survey (2 pages) and the named officers (1 page) are merged after their covers.
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert job.pages == len(reader.pages) >= 8
    start = int(
        next(line.split()[-1] for line in contents.splitlines() if "Neighbourhood policing" in line)
    )
    assert "Neighbourhood policing" in reader.pages[start - 1].extract_text()
    assert titles[:2] == ["Contents", "Agenda"]
    nested = next(o for o in reader.outline if isinstance(o, list))
    assert any("Appendix A: Survey results" in o.title for o in nested)
    assert titles


def test_an_untagged_pack_never_claims_to_be_tagged(pm, settings):
    settings.PACK_PDF_TAGS = False
    catalog = PdfReader(io.BytesIO(generate(pm.meeting, "public").file.read())).trailer["/Root"]
    assert "/MarkInfo" not in catalog and "/StructTreeRoot" not in catalog
    assert catalog["/Lang"] == "en-GB"


def test_a_pack_is_one_tagged_document_by_default(pm):
    """Each part is rendered tagged (PACK_PDF_TAGS, on by default) and the merge keeps one
    structure tree, with what PDF/UA asks of the document as a whole."""
    data = generate(pm.meeting, "members").file.read()
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB" and catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title and reader.metadata.author
    tree = catalog["/StructTreeRoot"]
    document = tree["/K"][0].get_object()
    assert document["/S"] == "/Document" and len(document["/K"]) > 10
    nums = tree["/ParentTree"]["/Nums"]
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert len(keys) == len(set(keys)) and tree["/ParentTreeNextKey"] == max(keys) + 1
    # Every rendered page points into the parent tree; uploaded blank appendices have no tags.
    tagged = [int(p["/StructParents"]) for p in reader.pages if "/StructParents" in p]
    assert len(tagged) >= len(reader.pages) - 3 and set(tagged) <= set(keys)
    pages = {p.indirect_reference.idnum for p in reader.pages}
    headings = [k.get_object() for k in document["/K"] if k.get_object()["/S"] == "/H1"]
    assert headings and all(h.raw_get("/Pg").idnum in pages for h in headings)
    # The title in the XMP metadata; every font embedded, the stamps' too; the stamps marked as
    # pagination artifacts, so screen readers skip them. The uploaded appendices here are not
    # tagged, so the pack does not claim PDF/UA.
    assert reader.pdf_header == "%PDF-1.7"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata() as xmp:
            assert "pdfuaid:part" not in xmp and xmp["dc:title"] == reader.metadata.title
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                if "/DescendantFonts" in font:
                    font = font.DescendantFonts[0]
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(font.FontDescriptor.keys())
            stamp = page.obj.Contents[-1].read_bytes()
            assert stamp.startswith(b"Q\n/Artifact <</Type /Pagination>> BDC")


def test_a_pack_whose_every_page_is_tagged_claims_pdf_ua(pm):
    """With tagged uploaded appendices (as Word exports them with document structure tags),
    every page of the pack is tagged and its metadata says PDF/UA-1."""
    from weasyprint import HTML

    from documents.models import StoredFile

    tagged = HTML(string='<html lang="en-GB"><body><p>Survey results</p></body></html>')
    with panel_scope(pm.meeting.panel_id):
        for stored in StoredFile.objects.filter(panel=pm.meeting.panel):
            tagged.write_pdf(stored.file.path, pdf_tags=True)
    data = generate(pm.meeting, "members").file.read()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
        assert all("/StructParents" in page.obj for page in pdf.pages)


def test_it_does_no_work_when_nothing_changed_and_supersedes_on_change(pm, monkeypatch):
    first = generate(pm.meeting, "public")
    calls = []
    monkeypatch.setattr(packs.parts, "assemble", lambda *a, **k: calls.append(1) or (b"", 0))
    again = generate(pm.meeting, "public")
    assert (
        calls == []
        and again.file.name == first.file.name
        and again.content_hash == first.content_hash
    )
    first.refresh_from_db()
    assert first.status == "superseded" and again.status == "done"


def test_it_keeps_serving_the_previous_pack_while_a_new_one_runs_or_after_a_killed_worker(
    pm, client
):
    done = generate(pm.meeting, "public")
    with panel_scope(pm.meeting.panel_id):
        services.item_update(
            item=pm.public_item, title="Neighbourhood policing (revised)", actor=None
        )
        services.agenda_publish(
            meeting=pm.meeting, change_note="Retitled", late_reason="Late item", actor=None
        )
        stuck = services.pack_request(meeting=pm.meeting, audience="public", actor=None)
    AgendaPack._base_manager.filter(pk=stuck.pk).update(
        status="running", progress=40
    )  # a worker died here
    url = reverse("meetings:pack", args=["alpha", pm.meeting.slug, "public"])
    assert client.get(url).status_code == 200
    assert (
        "being generated"
        in client.get(reverse("meetings:meeting", args=["alpha", pm.meeting.slug])).content.decode()
    )
    assert b"".join(client.get(url).streaming_content) == done.file.open("rb").read()
    AgendaPack._base_manager.filter(pk=stuck.pk).update(heartbeat_at=None)
    AgendaPack._base_manager.filter(pk=stuck.pk).update(heartbeat_at="2000-01-01T00:00:00Z")
    assert tasks.agenda_packs_restart_stale() == 1  # eager here: the rerun completes
    stuck.refresh_from_db()
    assert stuck.status == "done" and "revised" in text_of(stuck.file.read())


def test_it_shows_a_clear_error_for_a_damaged_appendix(pm, cast, client_for):
    from documents.models import StoredFile

    with panel_scope(pm.meeting.panel_id):
        stored = StoredFile.objects.get(pk=pm.public_file_id)
    with open(stored.file.path, "wb") as damaged:
        damaged.write(b"%PDF-1.4 this is not really a pdf")
    with pytest.raises(packs.PackError):
        generate(pm.meeting, "public")
    page = client_for(cast.user("alpha", Role.CLERK)).get(
        reverse("meetings:meeting", args=["alpha", pm.meeting.slug])
    )
    assert "damaged" in page.content.decode()
    # The item's own PDF says so too, to anyone who may read the item: never a server error.
    item_pdf = client_for(None).get(
        reverse("meetings:item-pdf", args=["alpha", pm.meeting.slug, pm.public_item.number])
    )
    assert item_pdf.status_code == 503 and "is damaged" in item_pdf.content.decode()


@pytest.mark.parametrize("actor", ["anonymous", "other:clerk", "own:opcc_officer"])
def test_it_gives_the_members_pack_only_to_those_who_see_exempt_business(
    pm, cast, client_for, actor
):
    generate(pm.meeting, "members")
    generate(pm.meeting, "public")
    user = (
        None
        if actor == "anonymous"
        else cast.user("alpha" if actor.startswith("own") else "beta", Role(actor.split(":")[1]))
    )
    client = client_for(user)
    assert (
        client.get(reverse("meetings:pack", args=["alpha", pm.meeting.slug, "members"])).status_code
        == 404
    )
    assert (
        client.get(reverse("meetings:pack", args=["alpha", pm.meeting.slug, "public"])).status_code
        == 200
    )
    member = client_for(cast.user("alpha", Role.MEMBER))
    assert (
        member.get(reverse("meetings:pack", args=["alpha", pm.meeting.slug, "members"])).status_code
        == 200
    )


def test_it_generates_a_pack_through_the_real_worker(cast, settings, tmp_path, celery_worker):
    settings.MEDIA_ROOT = tmp_path
    pm = published_meeting(cast["alpha"])
    with panel_scope(pm.meeting.panel_id):
        job = services.pack_request(meeting=pm.meeting, audience="public", actor=None)
    from meetings.tasks import agenda_pack_generate

    agenda_pack_generate.delay(job.pk)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in ("done", "failed"):
            break
        time.sleep(0.2)
    assert job.status == "done", job.error
    assert PUBLIC_REPORT_TEXT in text_of(job.file.read())


def test_it_serves_one_item_as_a_pdf_as_the_reader_may_see_it(pm, cast, client_for):
    url = reverse("meetings:item-pdf", args=["alpha", pm.meeting.slug, pm.public_item.number])
    public = client_for(None).get(url)
    assert public.status_code == 200 and public["Content-Type"] == "application/pdf"
    text = text_of(public.content)
    assert PUBLIC_REPORT_TEXT in text and EXEMPT_APPENDIX_MARKER not in text
    member = text_of(client_for(cast.user("alpha", Role.MEMBER)).get(url).content)
    assert EXEMPT_APPENDIX_MARKER in member
    secret = reverse("meetings:item-pdf", args=["alpha", pm.meeting.slug, pm.exempt_item.number])
    assert EXEMPT_REPORT_MARKER not in text_of(client_for(None).get(secret).content)


def test_it_splits_a_long_report_between_blocks_and_never_inside_a_table():
    from meetings.packs.parts import split_html

    table = "<table>" + "<tr><td>cell</td></tr>" * 50 + "</table>\n"
    html = ("<p>" + "x" * 90 + "</p>\n") * 10 + table + ("<p>" + "y" * 90 + "</p>\n") * 10
    pieces = split_html(html, size=300)
    assert "".join(pieces) == html and len(pieces) > 2
    assert sum(piece.count("<table>") for piece in pieces) == 1
    assert all(piece.count("<table>") == piece.count("</table>") for piece in pieces)
    assert split_html("<p>short</p>") == ["<p>short</p>"]


def test_the_part_cache_keeps_what_packs_still_use(pm, settings):
    """Each edit leaves its old part behind: the daily prune removes parts no pack has used for
    PACK_CACHE_DAYS, and a part a pack used again is kept."""
    import datetime as dt
    import os
    from pathlib import Path

    from meetings import tasks
    from meetings.packs import parts as pack

    job = generate(pm.meeting, "public")
    cache = Path(settings.MEDIA_ROOT) / "packcache"
    parts = sorted(cache.glob("*.pdf"))
    assert len(parts) > 3
    old = time.time() - 40 * 24 * 3600
    for path in parts:
        os.utime(path, (old, old))
    (cache / "abandoned.tmp").write_bytes(b"half")
    os.utime(cache / "abandoned.tmp", (old, old))
    with panel_scope(pm.meeting.panel_id):
        html = pack.build_parts(packs.jobs._context(job))[0].segments[0].html
    kept = pack.render_html(html)  # a pack uses this part again: it is fresh once more
    settings.PACK_CACHE_DAYS = 30
    # the other parts with their lengths, and the temporary file
    assert tasks.pack_cache_prune() == 2 * (len(parts) - 1) + 1
    assert sorted(cache.iterdir()) == sorted([kept, kept.with_suffix(".pages")])
    assert pack.page_count(kept) == len(pikepdf.open(kept).pages)  # its length, beside it
    assert pack.prune_cache(dt.timedelta(days=30)) == 0
