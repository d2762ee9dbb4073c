"""Searching inside the papers: every page of a published PDF, with its page number; an exempt
paper's pages only for those its app's rules let read it; filters; the Atom feed."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions import services as decision_services
from decisions import testing as decisions
from documents.testing import upload
from documents.textpdf import text_pdf
from meetings import packs, services
from panel.access import Role
from panel.models import Body
from panel.tenancy import panel_scope
from search import services as search_services
from search.models import SearchEntry

LONDON = ZoneInfo("Europe/London")
FILLER = "The panel reviewed the Commissioner's progress against the plan. " * 8
PUBLIC_WORD = "Quarrendon"  # on page 3 of a public appendix only
EXEMPT_WORD = "Wolverton"  # on page 2 of an exempt appendix only
ATTACHED_WORD = "Tysoe"  # in a decision's exempt attachment only


def _meeting(c, day: dt.date, *, body=None, title="Neighbourhood policing"):
    start = dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)
    meeting = services.meeting_create(
        body=body or c.main_body,
        start=start,
        venue="Shire Hall",
        with_standing_items=False,
        actor=None,
    )
    item = services.item_add(meeting=meeting, title=title, actor=None)
    services.report_update(item=item, body_source="A report.", actor=None)
    return meeting, item


def _publish(meeting):
    services.agenda_publish(meeting=meeting, at=meeting.start - dt.timedelta(days=14), actor=None)


@pytest.fixture
def papers(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.AGENDA_PACKS_ON_PUBLISH = False
    c = cast["alpha"]
    with panel_scope(c.panel):
        meeting, item = _meeting(c, dt.date(2030, 3, 15))
        public = services.appendix_add(
            item=item,
            title="Survey results",
            upload=upload(text_pdf(FILLER, FILLER, f"Findings for {PUBLIC_WORD}. {FILLER}")),
            actor=None,
        )
        exempt = services.appendix_add(
            item=item,
            title="Named officers",
            access="exempt",
            exempt_paragraph=1,
            public_interest="Names of junior staff.",
            upload=upload(text_pdf(FILLER, f"Sergeant {EXEMPT_WORD} of the unit."), "names.pdf"),
            actor=None,
        )
        _publish(meeting)
        decision = decisions.draft(c, title="Sale of a police station")
        decision_services.attachment_add(
            decision=decision,
            title="Valuation",
            access="exempt",
            upload=upload(text_pdf(f"Valued by {ATTACHED_WORD} and partners.")),
            actor=None,
        )
        decision_services.attachment_add(
            decision=decision,
            title="Location plan",
            upload=upload(text_pdf("The station on Warwick Road.")),
            actor=None,
        )
        decision = _sign(decision)
    return {
        "meeting": meeting,
        "item": item,
        "public": public,
        "exempt": exempt,
        "decision": decision,
    }


def _sign(decision):
    decision = decision_services.decision_submit(decision=decision, actor=None)
    day = dt.date(2030, 1, 10)
    for reviewer in ("chief_executive", "chief_finance_officer"):
        decision_services.decision_review(
            decision=decision, reviewer=reviewer, name="X", on=day, actor=None
        )
    decision_services.decision_sign(decision=decision, name="The Commissioner", on=day, actor=None)
    return decision_services.decision_publish(decision=decision, actor=None)


def results(client, panel, terms, **filters):
    response = client.get(reverse("search:search", args=[panel]), {"q": terms, **filters})
    assert response.status_code == 200, response.content.decode()[:500]
    page = response.content.decode()
    return re.findall(
        r'class="app-search-result[^>]*>\s*<h3[^>]*><a class="govuk-link" href="([^"]+)"', page
    )


def test_it_finds_a_word_inside_a_pdf_with_its_page(client, papers):
    found = results(client, "alpha", PUBLIC_WORD)
    slug, file_id = papers["meeting"].slug, papers["public"].stored_file_id
    assert found == [f"/alpha/meetings/{slug}/files/{file_id}/#page=3"]
    assert client.get(found[0].split("#")[0]).status_code == 200  # the download it points at
    page = client.get(reverse("search:search", args=["alpha"]), {"q": PUBLIC_WORD})
    assert "opens at page 3" in page.content.decode()
    assert "Appendix A: Survey results (item 1), page 3" in page.content.decode()


@pytest.mark.parametrize(
    "actor,sees",
    [
        (None, False),
        (("alpha", Role.MEMBER), True),
        (("alpha", Role.CLERK), True),
        (("alpha", Role.OPCC_OFFICER), False),  # not entitled to the panel's exempt business
        (("alpha", Role.COMPLAINTS_HANDLER), False),
        (("beta", Role.MEMBER), False),
        (("beta", Role.CLERK), False),
    ],
)
def test_an_exempt_papers_pages_are_found_only_by_those_who_may_read_it(
    cast, client_for, papers, actor, sees
):
    client = client_for(cast.user(*actor) if actor else None)
    for panel in ("alpha", "beta"):
        found = results(client, panel, EXEMPT_WORD)
        expected = sees and panel == "alpha"
        assert bool(found) == expected, (actor, panel)
        if found:
            assert found[0].endswith(f"/files/{papers['exempt'].stored_file_id}/#page=2")
            assert client.get(found[0].split("#")[0]).status_code == 200


@pytest.mark.parametrize(
    "actor,sees",
    [
        (None, False),
        (("alpha", Role.OPCC_OFFICER), True),
        (("alpha", Role.MEMBER), True),
        (("alpha", Role.COMPLAINTS_HANDLER), False),
        (("beta", Role.OPCC_OFFICER), False),
    ],
)
def test_a_decisions_exempt_attachment_follows_the_decisions_rules(
    cast, client_for, papers, actor, sees
):
    client = client_for(cast.user(*actor) if actor else None)
    found = results(client, "alpha", ATTACHED_WORD)
    assert bool(found) == sees
    assert results(client, "alpha", "Warwick Road")  # the public attachment, for everyone
    if found:
        number = papers["decision"].number
        assert re.fullmatch(rf"/alpha/decisions/{number}/files/\d+/#page=1", found[0])


def test_a_papers_pages_go_when_it_is_replaced_or_archived(cast, client, papers):
    with panel_scope(cast["alpha"].panel):
        services.appendix_replace_file(
            appendix=papers["public"], upload=upload(text_pdf("Nothing to see.")), actor=None
        )
        assert results(client, "alpha", PUBLIC_WORD)  # the published version still has it
        _publish_revision(papers["meeting"])
        assert not results(client, "alpha", PUBLIC_WORD)
        assert results(client, "alpha", "nothing to see")
        with time_machine.travel(dt.datetime(2037, 1, 5, tzinfo=LONDON)):  # s 100C's six years
            services.papers_archive(meeting=papers["meeting"], reason="Six years.", actor=None)
    assert not results(client, "alpha", "nothing to see")
    with panel_scope(cast["alpha"].panel):
        assert not SearchEntry.objects.filter(kind="page", meeting=papers["meeting"]).exists()


def _publish_revision(meeting):
    services.agenda_publish(
        meeting=meeting,
        change_note="Appendix replaced",
        actor=None,
        at=meeting.start - dt.timedelta(days=10),
    )


def test_the_public_packs_pages_are_found_at_their_page(
    cast, client, papers, django_capture_on_commit_callbacks
):
    with panel_scope(cast["alpha"].panel):
        job = services.pack_request(meeting=papers["meeting"], audience="public", actor=None)
        # Its pages are indexed by a task once the pack is made (on commit).
        with django_capture_on_commit_callbacks(execute=True) as indexed:
            done = packs.pack_generate(job.pk)
        assert indexed
        members = services.pack_request(meeting=papers["meeting"], audience="members", actor=None)
        with django_capture_on_commit_callbacks(execute=True):
            packs.pack_generate(members.pk)
    found = results(client, "alpha", PUBLIC_WORD, type="page")
    slug = papers["meeting"].slug
    pack_links = [f for f in found if "/pack/" in f]
    assert len(pack_links) == 1 and pack_links[0].startswith(
        f"/alpha/meetings/{slug}/pack/public.pdf#page="
    )
    number = int(pack_links[0].rsplit("=", 1)[1])
    assert 3 < number <= done.pages  # after the pack's own front pages
    # The members' pack is not indexed: the exempt word is in it, and the public never finds it.
    assert not results(client, "alpha", EXEMPT_WORD)


def test_results_are_narrowed_by_kind_body_and_municipal_year(cast, client, papers):
    c = cast["alpha"]
    with panel_scope(c.panel):
        group = Body.objects.get(panel=c.panel, kind="working_group")
        meeting, item = _meeting(c, dt.date(2030, 6, 2), body=group, title="Budget")
        services.appendix_add(
            item=item, title="Figures", upload=upload(text_pdf(f"{PUBLIC_WORD} budget")), actor=None
        )
        _publish(meeting)
    assert len(results(client, "alpha", PUBLIC_WORD)) == 2
    assert len(results(client, "alpha", PUBLIC_WORD, type="page")) == 2
    assert not results(client, "alpha", PUBLIC_WORD, type="item")
    by_body = results(client, "alpha", PUBLIC_WORD, body=group.slug)
    assert len(by_body) == 1 and meeting.slug in by_body[0]
    # 15 March 2030 is in 2029/30; 2 June 2030 in 2030/31.
    assert len(results(client, "alpha", PUBLIC_WORD, year="2029/30")) == 1
    assert meeting.slug in results(client, "alpha", PUBLIC_WORD, year="2030/31")[0]
    assert not results(client, "alpha", PUBLIC_WORD, year="2014/15")
    # Decisions and cases belong to no body; a year finds them by the day they were published.
    assert not results(client, "alpha", "Warwick Road", body=c.main_body.slug)


@pytest.mark.parametrize(
    "params,message",
    [
        ({"q": "a", "year": "2014-15"}, "municipal year such as 2014/15"),
        ({"q": "a", "year": "2014/16"}, "municipal year such as 2014/15"),
        ({"q": "a", "body": "no-such-body"}, "valid"),
    ],
)
def test_bad_filters_get_a_clear_error(client, papers, params, message):
    for name in ("search:search", "search:feed"):
        response = client.get(reverse(name, args=["alpha"]), params)
        assert response.status_code == 400 and message in response.content.decode()


def _feed(client, panel="alpha", **params):
    response = client.get(reverse("search:feed", args=[panel]), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return response, parsed


def test_a_search_is_an_atom_feed_with_stable_tag_ids(cast, client, papers):
    response, feed = _feed(client, q=PUBLIC_WORD)
    assert feed.version == "atom10" and len(feed.entries) == 1
    entry = feed.entries[0]
    slug = papers["meeting"].slug
    assert entry.id == f"tag:testserver,2026:alpha/meeting/{slug}/item-1/appendix-A/page-3"
    assert entry.link.endswith(f"/files/{papers['public'].stored_file_id}/#page=3")
    assert entry.updated_parsed and feed.feed.id.startswith("tag:testserver,2026:alpha/search?")
    assert PUBLIC_WORD in entry.summary
    ids = {e.id for e in _feed(client, q="police")[1].entries}
    call_command("search_reindex")
    assert {e.id for e in _feed(client, q="police")[1].entries} == ids and ids
    assert _feed(client, q=PUBLIC_WORD)[1].entries[0].id == entry.id
    assert "private" not in response.get("Cache-Control", "")


def test_the_feed_follows_the_readers_access(cast, client_for, papers):
    client = client_for(None)
    assert not _feed(client, q=EXEMPT_WORD)[1].entries  # a feed reader is the public
    assert not _feed(client_for(cast.user("beta", Role.MEMBER)), q=EXEMPT_WORD)[1].entries
    client = client_for(cast.user("alpha", Role.MEMBER))
    response, feed = _feed(client, q=EXEMPT_WORD)
    assert len(feed.entries) == 1 and "private" in response["Cache-Control"]
    assert not _feed(client, q=EXEMPT_WORD, type="item")[1].entries


def test_a_search_without_words_is_an_empty_feed(client, papers):
    assert _feed(client)[1].entries == []


def test_the_query_count_does_not_grow_with_the_pages_found(cast, client, papers):
    url = reverse("search:search", args=["alpha"])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, {"q": PUBLIC_WORD}).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, {"q": "Commissioner progress"}).status_code == 200  # many pages
    assert len(many) == len(one)
    feed = reverse("search:feed", args=["alpha"])
    with CaptureQueriesContext(connection) as one:
        client.get(feed, {"q": PUBLIC_WORD})
    with CaptureQueriesContext(connection) as many:
        client.get(feed, {"q": "Commissioner progress"})
    assert len(many) == len(one) <= 6


def test_a_revised_agenda_reads_only_the_files_it_has_not_read(cast, papers, monkeypatch):
    read = []
    original = search_services.pdf_pages
    monkeypatch.setattr(search_services, "pdf_pages", lambda data: read.append(1) or original(data))
    with panel_scope(cast["alpha"].panel):
        item = papers["item"]
        services.appendix_add(
            item=item, title="Late map", upload=upload(text_pdf("A map of Kenilworth.")), actor=None
        )
        _publish_revision(papers["meeting"])
    assert read == [1]  # the new appendix; the two already indexed are read from the index


def test_the_task_reads_a_packs_pages_before_its_transaction(cast, client, papers, monkeypatch):
    """Reading a long pack's text takes seconds; inside the index's transaction it would hold the
    meeting's row (and, on SQLite, every write) that long. The task reads the pages first."""
    from documents.text import pdf_pages

    with panel_scope(cast["alpha"].panel):
        job = services.pack_request(meeting=papers["meeting"], audience="public", actor=None)
        packs.pack_generate(job.pk)
    depth_at_call = len(connection.atomic_blocks)
    depths = []

    def reading(data):
        depths.append(len(connection.atomic_blocks))
        return pdf_pages(data)

    monkeypatch.setattr(search_services, "pdf_pages", reading)
    with panel_scope(cast["alpha"].panel):  # its pages are to be read again
        SearchEntry.objects.filter(pack__isnull=False).delete()
    search_services.meeting_reindex(cast["alpha"].panel.pk, papers["meeting"].pk)
    assert depths and set(depths) == {depth_at_call}  # never inside the index's transaction
    assert [f for f in results(client, "alpha", PUBLIC_WORD, type="page") if "/pack/" in f]


def test_a_pack_served_after_the_task_read_the_pages_is_read_outside_too(
    cast, client, papers, monkeypatch
):
    """A newer pack served between the task's reading and its transaction is met inside it
    unread: the transaction gives up and the task reads it outside, then writes."""
    from documents.text import pdf_pages

    with panel_scope(cast["alpha"].panel):
        job = services.pack_request(meeting=papers["meeting"], audience="public", actor=None)
        packs.pack_generate(job.pk)
        SearchEntry.objects.filter(pack__isnull=False).delete()
    depth_at_call = len(connection.atomic_blocks)
    depths = []

    def reading(data):
        depths.append(len(connection.atomic_blocks))
        return pdf_pages(data)

    entries = search_services._meeting_entries
    calls = []

    def first_read_misses_the_pack(meeting, panel, pages):
        calls.append(pages.reading)
        if len(calls) == 1:  # as if the pack were served just after this reading
            return []
        return entries(meeting, panel, pages)

    monkeypatch.setattr(search_services, "pdf_pages", reading)
    monkeypatch.setattr(search_services, "_meeting_entries", first_read_misses_the_pack)
    search_services.meeting_reindex(cast["alpha"].panel.pk, papers["meeting"].pk)
    assert calls == [True, False, True, False]  # read, gave up inside, read again, wrote
    assert depths and set(depths) == {depth_at_call}
    assert [f for f in results(client, "alpha", PUBLIC_WORD, type="page") if "/pack/" in f]


def test_a_publication_leaves_an_unread_pack_to_its_task(cast, client, papers, monkeypatch):
    """A publication re-indexes in the clerk's request: it never reads a pack (seconds for a
    long one); the pack's own task does, outside any transaction."""
    from documents.text import pdf_pages

    with panel_scope(cast["alpha"].panel):
        job = services.pack_request(meeting=papers["meeting"], audience="public", actor=None)
        packs.pack_generate(job.pk)  # its task (on commit) does not run here
    read = []

    def reading(data):
        read.append(getattr(data, "name", ""))
        return pdf_pages(data)

    monkeypatch.setattr(search_services, "pdf_pages", reading)
    with panel_scope(cast["alpha"].panel):
        _publish_revision(papers["meeting"])
    assert not [name for name in read if "packs/" in name]
    assert not [f for f in results(client, "alpha", PUBLIC_WORD, type="page") if "/pack/" in f]
    search_services.meeting_reindex(cast["alpha"].panel.pk, papers["meeting"].pk)
    assert [name for name in read if "packs/" in name]
    assert [f for f in results(client, "alpha", PUBLIC_WORD, type="page") if "/pack/" in f]
