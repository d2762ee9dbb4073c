"""A meeting is public from the day it is scheduled; postponed and cancelled meetings say so;
late publication is on the record (LGA 1972 s.100B(4))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from meetings import access, services
from meetings.models import AgendaItem, Meeting
from meetings.testing import LONDON, pdf_bytes, upload
from panel.access import Role
from panel.services import StaleEdit
from panel.tenancy import panel_scope

DRAFT_TITLE = "DRAFT-TITLE-7f3a"
DRAFT_REPORT = "DRAFT-REPORT-91bc"
DRAFT_APPENDIX = "DRAFT-APPENDIX-55d0"
START = dt.datetime(2031, 6, 20, 10, tzinfo=LONDON)
ROLES = [None, *(("alpha", r) for r in Role), *(("beta", r) for r in Role)]


def _who(cast, actor):
    return None if actor is None else cast.user(*actor)


@pytest.fixture
def scheduled(cast):
    """A scheduled meeting whose agenda is a draft: an item, its report and an appendix."""
    c = cast["alpha"]
    with panel_scope(c.panel):
        meeting = services.meeting_create(
            body=c.main_body, start=START, venue="Shire Hall", actor=None
        )
        item = services.item_add(meeting=meeting, title=DRAFT_TITLE, actor=None)
        services.report_update(item=item, body_source=DRAFT_REPORT, actor=None)
        services.appendix_add(item=item, title="Notes", text=DRAFT_APPENDIX, actor=None)
        services.attendance_record(
            meeting=meeting, person=c.councillor, status="apologies", actor=None
        )
    return meeting


def _pages(meeting):
    return {
        "list": reverse("meetings:meetings", args=["alpha"]),
        "page": reverse("meetings:meeting", args=["alpha", meeting.slug]),
        "api_list": reverse("api:meetings:meetings", args=["alpha"]),
        "api": reverse("api:meetings:meeting", args=["alpha", meeting.slug]),
        "ics": reverse("meetings:meetings-ics", args=["alpha"]),
        "body_ics": reverse("meetings:body-ics", args=["alpha", "panel"]),
    }


def _events(client):
    cal = Calendar.from_ical(client.get(reverse("meetings:meetings-ics", args=["alpha"])).content)
    return list(cal.walk("VEVENT"))


@pytest.mark.parametrize("actor", ROLES)
def test_it_shows_a_scheduled_meetings_facts_to_everyone_and_none_of_its_draft(
    cast, client_for, scheduled, actor
):
    client = client_for(_who(cast, actor))
    for name, url in _pages(scheduled).items():
        response = client.get(url)
        assert response.status_code == 200, (name, actor)
        body = response.content.decode()
        assert "Shire Hall" in body, name
        for secret in (DRAFT_TITLE, DRAFT_REPORT, DRAFT_APPENDIX, "apologies"):
            assert secret not in body, (name, actor, secret)
    page = client.get(_pages(scheduled)["page"]).content.decode()
    assert "Agenda to follow" in page and "20 June 2031" in page
    assert "Agenda to follow" in client.get(_pages(scheduled)["list"]).content.decode()
    detail = client.get(_pages(scheduled)["api"]).json()
    assert detail["agenda"] is None and detail["minutes"] is None
    assert detail["meeting"]["agenda_status"] == "to_follow"
    assert detail["meeting"]["status"] == "scheduled"
    (event,) = [e for e in _events(client) if "2031" in str(e.decoded("dtstart"))]
    assert "Agenda to follow" in str(event["description"])
    assert str(event["status"]) == "CONFIRMED"


@pytest.mark.parametrize("actor", ROLES)
def test_it_gives_no_item_pack_or_file_of_a_scheduled_meeting_to_anyone_but_the_clerk(
    cast, client_for, scheduled, actor
):
    client = client_for(_who(cast, actor))
    args = ["alpha", scheduled.slug]
    for url in (
        reverse("meetings:item", args=[*args, "5"]),
        reverse("meetings:pack", args=[*args, "public"]),
        reverse("meetings:pack", args=[*args, "members"]),
    ):
        assert client.get(url).status_code == 404, (url, actor)
    editor = client.get(reverse("meetings:meeting-edit", args=args))
    if actor == ("alpha", Role.CLERK):
        assert editor.status_code == 200 and DRAFT_TITLE in editor.content.decode()
    else:
        assert editor.status_code in (302, 404)


def test_it_cancels_a_meeting_which_stays_listed_and_cancelled_in_the_feed(
    cast, client_for, scheduled
):
    before = {str(e["uid"]): e for e in _events(client_for(None))}
    uid = f"meeting-{scheduled.pk}@alpha"
    services.meeting_cancel(
        meeting=scheduled,
        reason="Not quorate: the budget is taken in July.",
        expected_version=scheduled.version,
        actor=cast.user("alpha", Role.CLERK),
    )
    client = client_for(None)
    listing = client.get(_pages(scheduled)["list"]).content.decode()
    assert scheduled.slug in listing and "Cancelled" in listing
    page = client.get(_pages(scheduled)["page"]).content.decode()
    assert "Cancelled" in page and "Not quorate: the budget is taken in July." in page
    after = {str(e["uid"]): e for e in _events(client)}
    assert str(after[uid]["status"]) == "CANCELLED"
    assert int(after[uid]["sequence"]) == int(before[uid]["sequence"]) + 1
    api = client.get(_pages(scheduled)["api"]).json()["meeting"]
    assert (api["status"], api["cancelled"]) == ("cancelled", True)
    assert api["status_reason"] == "Not quorate: the budget is taken in July."
    with panel_scope(scheduled.panel_id), pytest.raises(ValidationError):
        services.agenda_publish(meeting=scheduled, late_reason="x", actor=None)


def test_it_postpones_a_meeting_with_its_new_date_and_marks_it(cast, client_for, scheduled):
    services.meeting_postpone(
        meeting=scheduled,
        reason="The Commissioner's plan is not ready.",
        postponed_to=dt.date(2031, 7, 4),
        actor=None,
    )
    client = client_for(None)
    page = client.get(_pages(scheduled)["page"]).content.decode()
    assert "Postponed" in page and "4 July 2031" in page
    assert "The Commissioner&#x27;s plan is not ready." in page
    assert "Postponed" in client.get(_pages(scheduled)["list"]).content.decode()
    (event,) = [e for e in _events(client) if str(e["uid"]) == f"meeting-{scheduled.pk}@alpha"]
    assert str(event["status"]) == "TENTATIVE" and "(postponed)" in str(event["summary"])
    assert "4 July 2031" in str(event["description"]) and int(event["sequence"]) == 1


def test_it_refuses_a_cancellation_without_a_reason_and_a_stale_one(cast, scheduled):
    with pytest.raises(ValidationError) as caught:
        services.meeting_cancel(meeting=scheduled, reason=" ", actor=None)
    assert "reason" in caught.value.message_dict
    with pytest.raises(StaleEdit):
        services.meeting_cancel(
            meeting=scheduled, reason="Flood", expected_version=scheduled.version + 5, actor=None
        )
    with pytest.raises(ValidationError) as caught:
        services.meeting_postpone(meeting=scheduled, postponed_to=dt.date(2031, 1, 1), actor=None)
    assert "postponed_to" in caught.value.message_dict
    scheduled.refresh_from_db()
    assert scheduled.status == Meeting.Status.SCHEDULED and scheduled.sequence == 0


def test_it_records_who_cancelled_in_the_history(cast, scheduled):
    clerk = cast.user("alpha", Role.CLERK)
    services.meeting_cancel(meeting=scheduled, reason="Flood", actor=clerk)
    services.meeting_reinstate(meeting=scheduled, actor=clerk)
    with panel_scope(scheduled.panel_id):
        rows = list(scheduled.history.order_by("-history_date")[:2])
    assert [(r.status, r.history_user) for r in rows] == [
        ("scheduled", clerk),
        ("cancelled", clerk),
    ]
    assert rows[0].sequence == 2


@pytest.mark.parametrize("actor", [None, ("alpha", Role.MEMBER), ("beta", Role.CLERK)])
def test_it_lets_only_the_clerk_postpone_or_cancel(cast, client_for, scheduled, actor):
    url = reverse("meetings:meeting-status", args=["alpha", scheduled.slug])
    data = {"step": "cancel", "reason": "Flood", "version": scheduled.version}
    client = client_for(_who(cast, actor))
    assert client.get(url).status_code in (302, 404)
    assert client.post(url, data).status_code in (302, 404)
    scheduled.refresh_from_db()
    assert scheduled.status == "scheduled"


def test_the_clerk_cancels_on_the_page_and_a_missing_reason_is_a_field_error(
    cast, client_for, scheduled
):
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("meetings:meeting-status", args=["alpha", scheduled.slug])
    refused = client.post(url, {"step": "cancel", "reason": "", "version": scheduled.version})
    assert refused.status_code == 400
    assert "Say why the meeting is cancelled" in refused.content.decode()
    done = client.post(url, {"step": "cancel", "reason": "Flood", "version": scheduled.version})
    assert done.status_code == 302
    stale = client.post(url, {"step": "reinstate", "version": scheduled.version})
    assert stale.status_code == 400 and "Someone else changed" in stale.content.decode()


# Late publication (LGA 1972 s.100B(4)).

LATE_REASON = "LATE-REASON-3e1d: the inspection report arrived on 16 June."


@pytest.fixture
def late(cast, scheduled):
    with panel_scope(scheduled.panel_id):
        services.agenda_publish(
            meeting=scheduled,
            at=dt.datetime(2031, 6, 17, 9, tzinfo=LONDON),
            late_reason=LATE_REASON,
            actor=None,
        )
    return scheduled


def test_it_refuses_a_late_publication_without_a_reason_with_a_field_error(cast, scheduled):
    with panel_scope(scheduled.panel_id), pytest.raises(ValidationError) as caught:
        services.agenda_publish(
            meeting=scheduled, at=dt.datetime(2031, 6, 17, 9, tzinfo=LONDON), actor=None
        )
    assert "12 June 2031" in caught.value.message_dict["late_reason"][0]


def test_the_api_refuses_a_late_publication_without_a_reason_with_a_400(
    cast, client_for, scheduled, time_machine
):
    time_machine.move_to(dt.datetime(2031, 6, 17, 9, tzinfo=LONDON))
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("api:meetings:agenda-publish", args=["alpha", scheduled.slug])
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert "late_reason" in response.json()


def test_the_publish_form_says_the_reason_is_required_when_late(
    cast, client_for, scheduled, time_machine
):
    editor = reverse("meetings:meeting-edit", args=["alpha", scheduled.slug])
    time_machine.move_to(dt.datetime(2031, 6, 1, 9, tzinfo=LONDON))
    on_time = client_for(cast.user("alpha", Role.CLERK)).get(editor).content.decode()
    assert "Reason for late publication (optional)" in on_time
    time_machine.move_to(dt.datetime(2031, 6, 17, 9, tzinfo=LONDON))
    client = client_for(cast.user("alpha", Role.CLERK))  # a session of that day
    page = client.get(editor).content.decode()
    assert "Reason for late publication (optional)" not in page
    assert "The last day to publish on time was Thursday 12 June 2031" in page
    publish = reverse("meetings:agenda-publish", args=["alpha", scheduled.slug])
    refused = client.post(publish, {"late_reason": "", "change_note": ""})
    assert refused.status_code == 400
    assert "Give the reason for publishing late" in refused.content.decode()
    scheduled.refresh_from_db()
    assert scheduled.agenda_version == 0


@pytest.mark.parametrize("actor", [None, ("alpha", Role.MEMBER), ("beta", Role.CLERK)])
def test_it_shows_the_late_reason_on_the_page_and_the_api(cast, client_for, late, actor):
    client = client_for(_who(cast, actor))
    page = client.get(_pages(late)["page"]).content.decode()
    assert "LATE-REASON-3e1d" in page and "Published late" in page
    agenda = client.get(_pages(late)["api"]).json()["agenda"]
    assert agenda["late_publications"][0]["reason"] == LATE_REASON
    assert DRAFT_REPORT not in page or actor == ("alpha", Role.MEMBER)


def test_it_puts_the_late_reason_in_the_minutes(cast, client_for, late):
    with panel_scope(late.panel_id):
        item = AgendaItem.objects.filter(meeting=late).exclude(kind="heading").first()
        services.minute_update(item=item, text="Discussed.", actor=None)
        services.minutes_publish(meeting=late, actor=None)
    client = client_for(None)
    page = client.get(_pages(late)["page"]).content.decode()
    # Once with the agenda, once in the minutes (with the special circumstances of s.100B(4)).
    assert page.count("LATE-REASON-3e1d") == 2 and "section 100B(4)(b)" in page
    api = client.get(_pages(late)["api"]).json()["minutes"]
    assert api["late_publications"][0]["reason"] == LATE_REASON


def test_it_puts_the_late_reason_in_the_pack(cast, late):
    from meetings import packs
    from meetings.packs import parts

    with panel_scope(late.panel_id):
        version = access.latest_agenda(late)
        ctx = packs.context_for_version(late, version, "public")
        html = parts._page("agenda.html", ctx)
        assert "LATE-REASON-3e1d" in html
        job = services.pack_request(meeting=late, audience="public", actor=None)
        done = packs.pack_generate(job.pk)
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(done.file.path).pages)
    assert "LATE-REASON-3e1d" in text


def test_it_puts_a_supplementary_agendas_reason_and_items_on_the_record(cast, client_for, late):
    with panel_scope(late.panel_id):
        services.item_add(meeting=late, title="Custody review", actor=None)
        services.agenda_publish(meeting=late, late_reason="SUPP-REASON-8a2c", actor=None)
    rows = access.late_publications(late)
    assert [(r["kind"], r["reason"]) for r in rows] == [
        ("agenda", LATE_REASON),
        ("supplementary", "SUPP-REASON-8a2c"),
    ]
    assert any("Custody review" in i for i in rows[1]["items"])
    page = client_for(None).get(_pages(late)["page"]).content.decode()
    assert "SUPP-REASON-8a2c" in page


def test_it_keeps_a_pdf_upload_out_of_the_public_view_before_publication(cast, client_for):
    c = cast["alpha"]
    with panel_scope(c.panel):
        meeting = services.meeting_create(body=c.main_body, start=START, venue="Hall", actor=None)
        item = services.item_add(meeting=meeting, title="Figures", actor=None)
        appendix = services.appendix_add(
            item=item, title="Figures", upload=upload(pdf_bytes(1)), actor=None
        )
    url = reverse("meetings:file", args=["alpha", meeting.slug, appendix.stored_file_id])
    assert client_for(None).get(url).status_code == 404
    assert client_for(cast.user("alpha", Role.MEMBER)).get(url).status_code == 404
    assert client_for(cast.user("alpha", Role.CLERK)).get(url).status_code == 200


def test_the_calendar_opens_on_the_twelve_months_to_the_latest_meeting_and_a_year_reaches_back(
    cast, client
):
    """Ten years of a panel's meetings are over a hundred: the calendar opens on its current
    business, the past meetings of the twelve months to the latest; the year filter reaches
    the rest."""
    c = cast["alpha"]
    with panel_scope(c.panel):
        for start in (
            dt.datetime(2019, 3, 1, 10, tzinfo=LONDON),  # years before the latest
            dt.datetime(2020, 6, 1, 10, tzinfo=LONDON),  # 13 months before it
            dt.datetime(2020, 9, 1, 10, tzinfo=LONDON),  # 10 months before it
            dt.datetime(2021, 7, 1, 10, tzinfo=LONDON),  # the latest past meeting
        ):
            services.meeting_create(
                body=c.main_body, start=start, venue=f"V{start:%Y%m}", actor=None
            )
    page = client.get(reverse("meetings:meetings", args=["alpha"])).content.decode()
    assert "V202107" in page and "V202009" in page
    assert "V202006" not in page and "V201903" not in page
    assert "twelve months to 1 July 2021" in page and "Choose a year above" in page
    older = client.get(reverse("meetings:meetings", args=["alpha"]) + "?year=2020").content.decode()
    assert "V202006" in older and "V202009" in older and "V202107" not in older
    assert "Choose a year above" not in older


@pytest.mark.parametrize("year", ["0", "99999", "10000", "-1", "x", "²"])
def test_a_year_no_panel_has_shows_the_calendar_as_it_opens_not_an_error(cast, client, year):
    url = reverse("meetings:meetings", args=["alpha"])
    assert client.get(url + f"?year={year}").status_code == 200
