"""Members' attendance statistics, public, from the published minutes, with a CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.testing import LONDON
from panel import services as panel_services
from panel.tenancy import panel_scope
from panel.years import bounds as year_bounds
from panel.years import municipal_year

pytestmark = pytest.mark.django_db


def test_the_municipal_year_runs_from_may_to_april():
    assert municipal_year(dt.date(2014, 9, 26)) == "2014/15"
    assert municipal_year(dt.date(2015, 4, 30)) == "2014/15"
    assert municipal_year(dt.date(2015, 5, 1)) == "2015/16"
    assert year_bounds("2014/15") == (dt.date(2014, 5, 1), dt.date(2015, 4, 30))
    assert year_bounds("2014/16") is None and year_bounds("nonsense") is None


@pytest.fixture
def year(cast):
    """Two meetings of alpha's panel in 2029/30 with published minutes (the chair present at one,
    sending apologies and substituted at the other) and a third whose minutes are a draft."""
    c = cast["alpha"]
    with panel_scope(c.panel):
        member = panel_services.person_create(panel=c.panel, name="Cllr Member", actor=None)
        panel_services.membership_create(
            body=c.main_body,
            person=member,
            role="member",
            start_date=c.membership.start_date,
            actor=None,
        )
        deputy = panel_services.person_create(panel=c.panel, name="Cllr Deputy", actor=None)
        panel_services.membership_create(
            body=c.main_body,
            person=deputy,
            role="substitute",
            authority=c.authority,
            start_date=c.membership.start_date,
            actor=None,
        )
        days = [dt.date(2029, 6, 5), dt.date(2029, 9, 4), dt.date(2030, 1, 8)]
        meetings = []
        for day in days:
            meeting = services.meeting_create(
                body=c.main_body,
                start=dt.datetime.combine(day, dt.time(10), tzinfo=LONDON),
                venue="Hall",
                actor=None,
            )
            item = services.item_add(meeting=meeting, title="Business", actor=None)
            services.agenda_publish(meeting=meeting, late_reason="test", actor=None)
            services.minute_update(item=item, text="Discussed.", actor=None)
            meetings.append(meeting)
        first, second, third = meetings
        services.attendance_record(meeting=first, person=c.councillor, status="present", actor=None)
        services.attendance_record(meeting=first, person=member, status="present", actor=None)
        services.attendance_record(
            meeting=second, person=c.councillor, status="apologies", actor=None
        )
        services.attendance_record(
            meeting=second,
            person=deputy,
            status="substitute",
            substitute_for=c.councillor,
            actor=None,
        )
        services.attendance_record(meeting=third, person=member, status="present", actor=None)
        for meeting in (first, second):
            services.minutes_publish(meeting=meeting, rose_at=dt.time(12), actor=None)
    return c


def _table(client, **params):
    return client.get(reverse("meetings:attendance", args=["alpha"]), params)


def test_the_public_reads_each_members_record_for_the_year(year, client):
    page = _table(client, year="2029/30").content.decode()
    assert "Cllr Member" in page and "Cllr Deputy" in page
    got = client.get(reverse("meetings:attendance-csv", args=["alpha"]), {"year": "2029/30"})
    assert got["Content-Type"].startswith("text/csv")
    rows = {r["Member"]: r for r in csv.DictReader(io.StringIO(got.content.decode()))}
    chair = rows[year.councillor.display_name]
    # Two meetings with published minutes (the draft's attendance is not yet on the record).
    assert (chair["Meetings expected"], chair["Present"], chair["Apologies"]) == ("2", "1", "1")
    assert (chair["Substituted"], chair["Attendance (%)"]) == ("1", "50")
    member = rows["Cllr Member"]
    assert (member["Present"], member["Absent without apologies"]) == ("1", "1")
    deputy = rows["Cllr Deputy"]
    assert (deputy["Meetings expected"], deputy["Attended as a substitute"]) == ("0", "1")


def test_another_panel_and_an_empty_year_show_nothing_of_it(year, client):
    assert (
        "Cllr Member"
        not in client.get(
            reverse("meetings:attendance", args=["beta"]), {"year": "2029/30"}
        ).content.decode()
    )
    assert "No minutes have been published" in _table(client, year="2031/32").content.decode()
    assert _table(client, year="2031/33").status_code == 404


def test_it_opens_on_the_latest_year_with_minutes_and_asks_a_fixed_number_of_queries(year, client):
    page = _table(client).content.decode()
    assert "Municipal year 2029/30" in page
    with CaptureQueriesContext(connection) as few:
        _table(client, year="2029/30")
    with panel_scope(year.panel):
        for n in range(5):
            meeting = services.meeting_create(
                body=year.main_body,
                start=dt.datetime(2029, 10, 1 + n, 10, tzinfo=LONDON),
                venue="Hall",
                actor=None,
            )
            item = services.item_add(meeting=meeting, title="More", actor=None)
            services.agenda_publish(meeting=meeting, late_reason="test", actor=None)
            services.minute_update(item=item, text="Discussed.", actor=None)
            services.minutes_publish(meeting=meeting, rose_at=dt.time(12), actor=None)
    with CaptureQueriesContext(connection) as many:
        _table(client, year="2029/30")
    assert len(many) == len(few)
