"""Statutory cases in search: their titles, published reports and responses, for everyone; a
draft report or response, a candidate's material and another panel's cases, never."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from panel.access import Role
from panel.tenancy import panel_scope
from search.models import SearchEntry
from statutory import services
from statutory.testing import CANDIDATE_MARKER, DRAFT_MARKER, chief_constable, precept

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(cast):
    c = cast["alpha"]
    published, drafted = precept(c), precept(c, year=2016, notified_on=dt.date(2016, 1, 25))
    with panel_scope(c.panel):
        services.case_step(
            case=published,
            step="report",
            actor=None,
            made_on=dt.date(2015, 2, 3),
            text="The panel supports the precept and asks about neighbourhood policing.",
        )
        services.case_step(case=published, step="publish_report", actor=None)
        services.case_step(
            case=drafted, step="report", actor=None, made_on=dt.date(2016, 2, 2), text=DRAFT_MARKER
        )
    chief_constable(c)
    return published


def _found(client, panel, terms):
    page = client.get(reverse("search:search", args=[panel]), {"q": terms})
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize(
    "who", [None, ("alpha", Role.CLERK), ("alpha", Role.MEMBER), ("beta", Role.CLERK)]
)
def test_a_published_report_is_found_and_nothing_unpublished(cast, client_for, cases, who):
    client = client_for(cast.user(*who) if who else None)
    page = _found(client, "alpha", "supports the precept")
    assert page.count('class="app-search-result') == 1
    assert reverse("statutory:case", args=["alpha", cases.number]) in page
    for secret in (DRAFT_MARKER, CANDIDATE_MARKER):
        assert _found(client, "alpha", secret).count('class="app-search-result') == 0
    assert _found(client, "beta", "supports the precept").count('class="app-search-result') == 0


def test_the_index_follows_each_step_and_is_rebuilt(cast, cases):
    panel = cast["alpha"].panel
    with panel_scope(panel):
        assert SearchEntry.objects.for_panel(panel).filter(kind="case").count() == 3
        SearchEntry.objects.for_panel(panel).filter(kind="case").delete()
    call_command("search_reindex")
    with panel_scope(panel):
        texts = " ".join(SearchEntry.objects.for_panel(panel).values_list("text", flat=True))
    assert "neighbourhood policing" in texts
    assert DRAFT_MARKER not in texts and CANDIDATE_MARKER not in texts


PUBLIC_PAPER_WORD = "Tarnwickpublicpaper"
EXEMPT_PAPER_WORD = "Quillbyexemptapplication"


@pytest.fixture
def papers(cast):
    """A confirmation hearing's papers: the criteria (public) and the candidate's application
    (exempt, Schedule 12A para 1), each with a word of its own on its second page."""
    from documents.testing import upload
    from documents.textpdf import text_pdf

    c = cast["alpha"]
    case = chief_constable(c)
    with panel_scope(c.panel):
        services.document_add(
            case=case,
            title="Criteria and terms",
            upload=upload(text_pdf("The role.", f"Terms {PUBLIC_PAPER_WORD}.")),
            actor=None,
        )
        services.document_add(
            case=case,
            title="The candidate's application",
            upload=upload(text_pdf("Career.", f"Referees {EXEMPT_PAPER_WORD}.")),
            access="exempt",
            exempt_paragraph=1,
            actor=None,
        )
    return case


@pytest.mark.parametrize(
    "who,sees_exempt",
    [
        (None, False),
        (("alpha", Role.MEMBER), True),
        (("alpha", Role.CLERK), True),
        (("alpha", Role.OPCC_OFFICER), True),
        (("alpha", Role.COMPLAINTS_HANDLER), False),
        (("beta", Role.CLERK), False),
    ],
)
def test_a_cases_papers_are_found_at_their_page_by_those_who_may_read_them(
    cast, client_for, papers, who, sees_exempt
):
    client = client_for(cast.user(*who) if who else None)
    page = _found(client, "alpha", PUBLIC_PAPER_WORD)
    assert page.count('class="app-search-result') == 1
    link = re.search(r'href="([^"]*/documents/\d+/)#page=2"', page)
    assert link is not None, page
    assert client.get(link[1]).status_code == 200  # the paper itself, by the case's rules
    exempt = _found(client, "alpha", EXEMPT_PAPER_WORD)
    assert exempt.count('class="app-search-result') == (1 if sees_exempt else 0)
    for word in (PUBLIC_PAPER_WORD, EXEMPT_PAPER_WORD):
        assert _found(client, "beta", word).count('class="app-search-result') == 0
