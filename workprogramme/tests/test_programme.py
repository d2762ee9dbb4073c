"""The work programme by municipal year: the year it opens on, the links between years, every
year read by the public (never a draft), and a year that is not one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.testing import LONDON
from panel import years
from panel.access import Role
from panel.tenancy import panel_scope
from statutory import services as statutory_services
from statutory.testing import DRAFT_MARKER, precept
from workprogramme import services

SUMMER_2026 = dt.datetime(2026, 6, 1, 12, tzinfo=LONDON)


def _items(cast, *pairs):
    alpha = cast["alpha"]
    with panel_scope(alpha.panel):
        for year, topic in pairs:
            services.work_item_create(
                panel=alpha.panel, municipal_year=year, topic=topic, actor=None
            )


def _page(client, **params):
    return client.get(reverse("workprogramme:work-programme", args=["alpha"]), params)


def _h1(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)[1].strip()


def _rel(response, rel: str) -> str | None:
    found = re.search(rf'href="\?year=([^"]+)" rel="{rel}"', response.content.decode())
    return found[1] if found else None


@pytest.fixture
def two_years(cast):
    _items(cast, ("2013/14", "Police estates strategy"), ("2014/15", "Rural crime"))
    _items(cast, ("2014/15", "Victims' services"))


def test_it_writes_and_reads_municipal_years():
    assert years.municipal_year(dt.date(2014, 5, 1)) == "2014/15"
    assert years.municipal_year(dt.date(2015, 4, 30)) == "2014/15"
    assert years.municipal_year(dt.date(1999, 6, 1)) == "1999/00"
    assert years.parse("1999/00") == "1999/00" and years.parse("2014/15") == "2014/15"
    for bad in ("2014/16", "2014-15", "14/15", "2014/15 ", "nonsense", "", "9999/00", "0001/02"):
        assert years.parse(bad) is None, bad


def test_it_opens_on_the_latest_year_with_items_when_the_current_year_has_none(two_years, client):
    with time_machine.travel(SUMMER_2026, tick=False):
        response = _page(client)
    assert response.status_code == 200
    assert _h1(response) == "Work programme 2014/15"
    page = response.content.decode()
    assert "Rural crime" in page and "Victims&#x27; services" in page
    assert "Police estates strategy" not in page


def test_it_opens_on_the_current_year_when_it_has_items(two_years, cast, client):
    _items(cast, ("2026/27", "Neighbourhood policing"), ("2027/28", "Next year's plan"))
    with time_machine.travel(SUMMER_2026, tick=False):
        assert _h1(_page(client)) == "Work programme 2026/27"
    with time_machine.travel(dt.datetime(2027, 4, 30, 12, tzinfo=LONDON), tick=False):
        assert _h1(_page(client)) == "Work programme 2026/27"  # April ends the year


def test_it_links_the_previous_and_next_years_and_lists_every_year(two_years, client):
    with time_machine.travel(SUMMER_2026, tick=False):
        latest = _page(client)
    assert (_rel(latest, "prev"), _rel(latest, "next")) == ("2013/14", None)
    assert 'aria-current="page">2014/15</a>' in latest.content.decode()
    earlier = _page(client, year=_rel(latest, "prev"))
    assert _h1(earlier) == "Work programme 2013/14" and "Police estates strategy" in str(
        earlier.content
    )
    assert (_rel(earlier, "prev"), _rel(earlier, "next")) == (None, "2014/15")
    for response in (latest, earlier):
        listed = re.findall(r'aria-label="Work programme ([0-9/]+)"', response.content.decode())
        assert listed == ["2013/14", "2014/15"]


def test_it_says_a_year_between_years_with_items_has_none(cast, client):
    _items(cast, ("2012/13", "Precept"), ("2014/15", "Rural crime"))
    response = _page(client, year="2013/14")
    assert response.status_code == 200
    assert "There is nothing on the work programme for 2013/14." in response.content.decode()
    assert (_rel(response, "prev"), _rel(response, "next")) == ("2012/13", "2014/15")
    # The law's dates are the year's still: the precept for 2014/15 is scrutinised in February.
    assert "Dates the law sets in 2013/14" in response.content.decode()
    assert "1 February 2014" in response.content.decode()


@pytest.mark.parametrize(
    "year", ["nonsense", "2014/16", "2014-15", "14/15", "2014/2015", "9999/00", "2014/15/16"]
)
def test_it_answers_a_year_that_is_not_one_with_page_not_found(two_years, client, year):
    assert _page(client, year=year).status_code == 404
    response = client.get(
        reverse("api:workprogramme:work-programme", args=["alpha"]), {"year": year}
    )
    assert response.status_code == 400 and "year" in response.json()


def test_it_lets_the_public_read_every_year_and_never_a_draft(two_years, cast, client_for):
    alpha = cast["alpha"]
    drafted = precept(alpha, year=2015)
    with panel_scope(alpha.panel):
        statutory_services.case_step(
            case=drafted, step="report", actor=None, made_on=dt.date(2015, 2, 2), text=DRAFT_MARKER
        )
    public = client_for(None)
    with time_machine.travel(SUMMER_2026, tick=False):
        pages, response = [], _page(public)
    while response is not None:
        assert response.status_code == 200
        pages.append(_h1(response))
        assert DRAFT_MARKER not in response.content.decode()
        before = _rel(response, "prev")
        response = _page(public, year=before) if before else None
    assert pages == ["Work programme 2014/15", "Work programme 2013/14"]
    # The clerk's drafting stays the clerk's: the report itself is on no year's programme.
    clerk = client_for(cast.user("alpha", Role.CLERK))
    assert "Proposed precept 2015/16" in _page(clerk, year="2014/15").content.decode()
    assert DRAFT_MARKER not in _page(clerk, year="2014/15").content.decode()


def test_the_api_reads_a_year_with_links_to_its_neighbours(two_years, cast, client):
    _items(cast, ("2016/17", "Estates"))
    url = reverse("api:workprogramme:work-programme", args=["alpha"])
    response = client.get(url, {"year": "2014/15"})
    assert sorted(i["topic"] for i in response.json()) == ["Rural crime", "Victims' services"]
    links = dict(
        (rel, year)
        for year, rel in re.findall(r'<[^>]*\?year=([^>]+)>; rel="(\w+)"', response["Link"])
    )
    assert links == {"prev": "2013%2F14", "next": "2016%2F17"}
    empty = client.get(url, {"year": "2015/16"})
    assert empty.status_code == 200 and empty.json() == []
    assert len(client.get(url).json()) == 4  # without a year, every year's items


def test_it_refuses_to_add_an_item_to_a_year_that_is_not_one(cast):
    with pytest.raises(ValidationError) as refused:
        _items(cast, ("2014-15", "Rural crime"))
    assert "municipal_year" in refused.value.message_dict
