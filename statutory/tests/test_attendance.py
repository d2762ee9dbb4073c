"""The panel requires the Commissioner and staff to attend before it (PRSRA 2011 s 29(1)) and may
request the chief constable on the same occasion (s 29(6)); the requirement is public business."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services as meetings
from panel.access import Role
from panel.tenancy import panel_scope
from statutory import law, services

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_the_law_dates_the_attendance_on_the_meeting_day_s_29_1_and_6():
    due = law.attendance_due(meeting_day=dt.date(2027, 2, 2), chief_constable_requested=True)
    assert due.on == dt.date(2027, 2, 2)
    assert due.cites == "PRSRA 2011 s 29(1), (4)–(5) and (6)"
    assert "chief constable requested" in due.what


@pytest.fixture
def setting(cast):
    c = cast["alpha"]
    with panel_scope(c.panel):
        case = services.case_notify(
            panel=c.panel,
            kind="other_report",
            title="Use of the estates reserve",
            notified_on=dt.date(2026, 10, 1),
            actor=None,
        )
        start = dt.datetime(2027, 2, 2, 14, tzinfo=LONDON)
        meeting = meetings.meeting_create(
            body=c.main_body, start=start, venue="Shire Hall", actor=None
        )
    return c, case, meeting


def test_the_clerk_requires_attendance_at_reasonable_notice(setting, cast, client_for):
    c, case, meeting = setting
    with panel_scope(c.panel), pytest.raises(ValidationError) as late:
        services.case_step(
            case=case,
            step="require_attendance",
            actor=None,
            meeting=meeting,
            who="The Commissioner",
            notice_given_on=dt.date(2027, 2, 2),
        )
    assert "reasonable notice" in late.value.message_dict["notice_given_on"][0]
    clerk = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("statutory:case-attendance", args=["alpha", case.number])
    form = clerk.get(url).content.decode()
    assert "2 February 2027, 14:00" in form
    case.refresh_from_db()
    bad = clerk.post(url, {"meeting": meeting.pk, "who": "", "version": case.version})
    assert bad.status_code == 400 and "This field is required" in bad.content.decode()
    done = clerk.post(
        url,
        {
            "meeting": meeting.pk,
            "who": "The Commissioner and the Chief Finance Officer",
            "notice_given_on": "2027-01-05",
            "chief_constable_requested": "on",
            "questions": "How is the estates reserve to be spent?",
            "version": case.version,
        },
    )
    assert done.status_code == 302
    public = client_for(None)
    page = public.get(reverse("statutory:case", args=["alpha", case.number])).content.decode()
    assert "The Commissioner and the Chief Finance Officer" in page
    assert "s 29(6)" in page and "2 February 2027" in page
    api = public.get(reverse("api:statutory:case", args=["alpha", case.number])).json()
    assert api["attendance"][0]["chief_constable_requested"] is True


@pytest.mark.parametrize(
    "who", [None, ("alpha", Role.MEMBER), ("alpha", Role.OPCC_OFFICER), ("beta", Role.CLERK)]
)
def test_only_the_panels_clerk_requires_attendance(setting, cast, client_for, who):
    c, case, meeting = setting
    client = client_for(cast.user(*who) if who else None)
    url = reverse("statutory:case-attendance", args=["alpha", case.number])
    got = client.post(
        url,
        {"meeting": meeting.pk, "who": "X", "notice_given_on": "2027-01-05", "version": 1},
    )
    assert got.status_code in (302, 404)
    if who is None:
        assert reverse("login") in got["Location"]
    else:
        assert got.status_code == 404
    with panel_scope(c.panel):
        assert not case.attendance_requirements.exists()
