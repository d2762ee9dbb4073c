"""The demo's cases: the Annual Report 2014 (18 July 2014) and the precept for 2015/16
(3 February 2015), each reported and answered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from panel.models import Panel
from panel.tenancy import panel_scope
from publishing.demo import load_demo
from statutory.models import StatutoryCase

pytestmark = pytest.mark.django_db


def test_the_demo_precept_is_on_the_register_with_its_vote_in_the_minutes(client):
    load_demo()
    register = client.get(reverse("statutory:register", args=["warwickshire"]))
    page = register.content.decode()
    assert "Proposed precept 2015/16" in page and "Closed" in page
    minutes = client.get(reverse("meetings:meeting", args=["warwickshire", "2015-02-03"]))
    assert "Carried: 11 for, 0 against, 1 abstained" in minutes.content.decode()
    panel = Panel.objects.get(slug="warwickshire")
    case = StatutoryCase.objects.for_panel(panel).get(kind=StatutoryCase.Kind.PRECEPT)
    with panel_scope(case.panel_id):
        assert case.reports.get().text.endswith("gives no figures, vote or outcome.)")


def test_the_demo_annual_report_2014_has_the_panels_recommendations_and_the_response(client):
    load_demo()
    panel = Panel.objects.get(slug="warwickshire")
    case = StatutoryCase.objects.for_panel(panel).get(kind=StatutoryCase.Kind.ANNUAL_REPORT)
    assert case.status == StatutoryCase.Status.CLOSED and "s 12(4)" in case.status_note
    page = client.get(reverse("statutory:register", args=["warwickshire"])).content.decode()
    assert "Annual Report 2014" in page
    with panel_scope(panel):
        report = case.reports.get()
        assert report.made_on.isoformat() == "2014-07-18"
        assert report.resolution is not None and report.resolution.item.meeting.slug == "2014-07-18"
        assert "crime statistics" in report.recommendations
        assert report.response.published_at is not None
