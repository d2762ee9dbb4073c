"""A Performance report item carries the plan's published figures and charts, frozen in the
agenda version as the work programme is."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from meetings import services as meetings
from panel.tenancy import panel_scope

from .conftest import DRAFT

pytestmark = pytest.mark.django_db


def test_a_performance_item_carries_the_published_figures_and_charts(world, cast, client):
    alpha = cast["alpha"]
    start = dt.datetime(2015, 1, 15, 10, tzinfo=ZoneInfo("Europe/London"))
    with panel_scope(alpha.panel):
        meeting = meetings.meeting_create(body=alpha.main_body, start=start, venue="A", actor=None)
        item = meetings.item_add(
            meeting=meeting, title="Performance report", kind="performance", actor=None
        )
        version = meetings.agenda_publish(meeting=meeting, late_reason="test", actor=None)
    (appendix,) = next(i for i in version.content["items"] if i["id"] == item.pk)["appendices"]
    assert appendix["title"] == "Police and Crime Plan 2013-2017: performance to 2014/15 Q2"
    html = appendix["text_html"]
    assert html.count("<svg") == 2 and "Victim satisfaction" in html and "83.5%" in html
    assert "8,888" not in html and "7,777" not in html and DRAFT not in html
    page = client.get(reverse("meetings:item", args=["alpha", meeting.slug, item.number]))
    assert "<svg" in page.content.decode()
