"""Search: published public text only, for every reader; drafts, exempt business and other
panels never."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions import services as decision_services
from decisions import testing as decisions
from meetings import services
from meetings.models import AgendaItem
from meetings.testing import (
    DRAFT_MARKER,
    EXEMPT_APPENDIX_MARKER,
    EXEMPT_MINUTE_MARKER,
    EXEMPT_REPORT_MARKER,
    published_meeting,
)
from panel.access import Role
from panel.tenancy import panel_scope
from search.models import SearchEntry

ACTORS = [
    None,
    ("alpha", Role.CLERK),
    ("alpha", Role.MEMBER),
    ("alpha", Role.OPCC_OFFICER),
    ("alpha", Role.COMPLAINTS_HANDLER),
    ("beta", Role.CLERK),
]


@pytest.fixture
def world(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.AGENDA_PACKS_ON_PUBLISH = False
    pm = published_meeting(cast["alpha"])
    with panel_scope(cast["alpha"].panel):
        decision = decisions.published(cast["alpha"], title="Sale of Leek Wootton police station")
        exempt_decision = decisions.published_with_exempt_part(cast["alpha"])
        draft = decisions.draft(cast["alpha"], title=decisions.DRAFT_MARKER)
    return {"pm": pm, "decision": decision, "exempt": exempt_decision, "draft": draft}


def found(client, panel, terms, kind=""):
    response = client.get(reverse("search:search", args=[panel]), {"q": terms, "type": kind})
    assert response.status_code == 200
    return response.content.decode().count('class="app-search-result')


@pytest.mark.parametrize("actor", ACTORS)
def test_everyone_finds_published_public_text_and_nothing_else(cast, client_for, world, actor):
    client = client_for(cast.user(*actor) if actor else None)
    assert found(client, "alpha", "neighbourhood policing") >= 1  # the public report
    assert found(client, "alpha", "Leek Wootton") == 1  # a published decision
    assert found(client, "alpha", "discussed the survey") == 1  # the published minutes
    for secret in (
        EXEMPT_REPORT_MARKER,
        EXEMPT_APPENDIX_MARKER,
        EXEMPT_MINUTE_MARKER,
        DRAFT_MARKER,
        decisions.DRAFT_MARKER,
        decisions.EXEMPT_MARKER,
    ):
        assert found(client, "alpha", secret) == 0, secret
    # Another panel's search never shows this panel's business.
    assert found(client, "beta", "neighbourhood policing") == 0
    assert found(client, "beta", "Leek Wootton") == 0


def test_an_exempt_item_is_found_by_its_public_title_only(client, world):
    page = client.get(reverse("search:search", args=["alpha"]), {"q": "custody healthcare"})
    text = page.content.decode()
    # The agenda item, and the minutes, which name it too; its report, never.
    assert text.count('class="app-search-result') == 2 and "Contract for custody healthcare" in text
    assert EXEMPT_REPORT_MARKER not in text and EXEMPT_MINUTE_MARKER not in text


def test_an_item_found_links_to_its_number_on_the_published_agenda(client, world):
    page = client.get(reverse("search:search", args=["alpha"]), {"q": "custody healthcare"})
    slug = world["pm"].meeting.slug
    links = re.findall(r'href="([^"]+)"', page.content.decode())
    item = [link for link in links if f"/meetings/{slug}/item-" in link]
    assert item and all("/items/" not in link for link in links)  # not the old id address
    assert client.get(item[0]).status_code == 200


def test_a_revised_agenda_replaces_what_was_found(cast, client, world):
    pm = world["pm"]
    with panel_scope(pm.meeting.panel_id):
        draft = AgendaItem.objects.for_panel(pm.meeting.panel).get(title=DRAFT_MARKER)
        services.item_remove(item=draft, actor=None)
        services.report_update(
            item=pm.public_item, body_source="Rural crime partnership update.", actor=None
        )
        services.agenda_publish(meeting=pm.meeting, change_note="Report rewritten", actor=None)
    assert found(client, "alpha", "rural crime partnership") == 1
    assert found(client, "alpha", '"public report on neighbourhood policing"') == 0
    assert found(client, "alpha", "neighbourhood policing") == 2  # the title: item and minutes


def test_a_corrected_decision_is_found_as_corrected(cast, client, world):
    with panel_scope(world["decision"].panel_id):
        decision_services.decision_correct(
            decision=world["decision"],
            changes={"executive_summary": "Sold to the county."},
            reason="Buyer named wrongly.",
            actor=None,
        )
    assert found(client, "alpha", "sold to the county") == 1


def test_a_search_of_no_words_finds_nothing(client, world):
    assert found(client, "alpha", "!!! -- ?") == 0


def test_results_can_be_narrowed_and_marked(client, world):
    assert found(client, "alpha", "Leek Wootton", kind="item") == 0
    assert found(client, "alpha", "Leek Wootton", kind="decision") == 1
    page = client.get(reverse("search:search", args=["alpha"]), {"q": "survey"}).content.decode()
    assert "<mark>survey</mark>" in page.lower()


@pytest.mark.parametrize(
    "params,message",
    [
        ({"q": "x" * 201}, "200 characters or fewer"),
        ({"q": "a", "type": "complaint"}, "valid"),
        ({"q": "a", "page": "-1"}, "greater than or equal"),
    ],
)
def test_bad_input_gets_a_clear_error(client, world, params, message):
    response = client.get(reverse("search:search", args=["alpha"]), params)
    assert response.status_code == 400 and message in response.content.decode()


def test_the_query_count_does_not_grow_with_the_results(cast, client, world):
    with panel_scope(cast["alpha"].panel):
        for n in range(12):
            decisions.published(cast["alpha"], title=f"Fleet vehicles lot {n}")
    url = reverse("search:search", args=["alpha"])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, {"q": "Leek Wootton"}).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, {"q": "fleet vehicles"}).status_code == 200
    assert len(many) == len(one)


def test_results_come_a_page_at_a_time_with_their_count(cast, client, world):
    with panel_scope(cast["alpha"].panel):
        for n in range(12):
            decisions.published(cast["alpha"], title=f"Fleet vehicles lot {n}")
    url = reverse("search:search", args=["alpha"])

    def shown(page):
        html = client.get(url, {"q": "fleet vehicles", "page": page}).content.decode()
        count = re.search(r'id="result-count">(\d+) results', html).group(1)
        where = re.search(r"Page (\d+) of (\d+)", html).groups()
        return int(count), where, html.count('class="app-search-result')

    assert shown(1) == (12, ("1", "2"), 10)
    assert shown(2) == (12, ("2", "2"), 2)
    assert shown(9) == (12, ("2", "2"), 2)  # past the end: the last page


def test_the_index_can_be_rebuilt(cast, client, world):
    with panel_scope(cast["alpha"].panel):
        before = SearchEntry.objects.for_panel(cast["alpha"].panel).count()
        SearchEntry.objects.for_panel(cast["alpha"].panel).delete()
    call_command("search_reindex")
    with panel_scope(cast["alpha"].panel):
        assert SearchEntry.objects.for_panel(cast["alpha"].panel).count() == before > 0
    assert found(client, "alpha", "neighbourhood policing") >= 1
