"""The synthetic national data set (`manage.py load_synthetic`), loaded small: its pages render
for the public and a member, and its exempt business stays with those entitled to it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django_scopes import scopes_disabled

from decisions.models import Decision, DecisionCounter
from meetings.models import AgendaItem, AgendaVersion, Appendix, Meeting, MinutesVersion, VoteCast
from meetings.synthetic import EXEMPT_TEXT
from panel.models import Panel
from search.models import SearchEntry
from statutory.models import StatutoryCase
from workprogramme.models import Action

SLUG = "avon-and-somerset"


@pytest.fixture
def synthetic(db):
    call_command("load_synthetic", panels=2, years=1, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def member_client(synthetic):
    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{SLUG}-member"))
    return client


def _exempt_item() -> AgendaItem:
    with scopes_disabled():
        return (
            AgendaItem.objects.filter(panel__slug=SLUG, access="exempt", kind="report")
            .select_related("meeting")
            .first()
        )


def test_it_builds_each_apps_business_for_every_panel(synthetic):
    with scopes_disabled():
        assert list(Panel.objects.values_list("slug", flat=True)) == [SLUG, "bedfordshire"]
        for panel in Panel.objects.all():
            meetings = Meeting.objects.filter(panel=panel)
            assert meetings.filter(body__kind="panel").count() in (5, 6)
            assert meetings.exclude(body__kind="panel").count() == 4
            assert AgendaVersion.objects.filter(panel=panel).count() == meetings.count()
            assert MinutesVersion.objects.filter(panel=panel, number=1).count() == meetings.count()
            assert VoteCast.objects.filter(panel=panel).exists()
            assert Action.objects.filter(panel=panel).exists()
            numbers = list(
                Decision.objects.filter(panel=panel)
                .order_by("number")
                .values_list("number", flat=True)
            )
            assert numbers == list(range(1, 16))
            assert DecisionCounter.objects.get(panel=panel).last_number == 15
            assert StatutoryCase.objects.get(panel=panel).status == "closed"
            assert SearchEntry.objects.filter(panel=panel, kind="decision").count() == 15
        assert panel.is_demo


def test_it_refuses_a_database_that_has_panels(synthetic):
    with pytest.raises(CommandError, match="already has panels"):
        call_command("load_synthetic", panels=1, years=1, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_its_pages_render_for_the_public_and_a_member(synthetic, client, member_client):
    item = _exempt_item()
    meeting = item.meeting
    pages = [
        f"/{SLUG}/",
        f"/{SLUG}/meetings/",
        f"/{SLUG}/meetings/{meeting.slug}/",
        f"/{SLUG}/decisions/",
        f"/{SLUG}/reports-register/",
        f"/{SLUG}/actions/",
        f"/{SLUG}/work-programme/",
        f"/{SLUG}/search/?q=policing",
        f"/oparl/v1/body/{SLUG}/meetings",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
        assert member_client.get(url).status_code == 200, url
    assert member_client.get(f"/{SLUG}/actions/?mine=1").status_code == 200


def test_an_exempt_items_papers_reach_only_members(synthetic, client, member_client):
    item = _exempt_item()
    assert item is not None  # the seed gives the first panel an exempt report
    with scopes_disabled():
        appendix = Appendix.objects.get(item=item)
    page = f"/{SLUG}/meetings/{item.meeting.slug}/item-{item.number}/"
    download = f"/{SLUG}/meetings/{item.meeting.slug}/files/{appendix.stored_file_id}/"
    public = client.get(page)
    assert public.status_code == 200 and item.title in public.content.decode()
    assert EXEMPT_TEXT not in public.content.decode()
    assert EXEMPT_TEXT in member_client.get(page).content.decode()
    assert client.get(download).status_code == 404
    assert member_client.get(download).status_code == 200
    for url in (
        f"/{SLUG}/meetings/{item.meeting.slug}/",
        f"/{SLUG}/search/?q=bidder",
        f"/oparl/v1/body/{SLUG}/papers",
        f"/oparl/v1/body/{SLUG}/meetings",
    ):
        assert EXEMPT_TEXT not in client.get(url).content.decode(), url
    with scopes_disabled():
        assert not SearchEntry.objects.filter(text__contains="bidder").exists()
