"""Drafting an agenda: standing items, numbering, ordering, exempt business, publishing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, AgendaVersion
from meetings.testing import LONDON
from panel.access import Role
from panel.services import StaleEdit
from panel.tenancy import panel_scope


@pytest.fixture
def alpha(cast):
    c = cast["alpha"]
    with panel_scope(c.panel):
        yield c


def new_meeting(c, day=dt.date(2030, 3, 15)):
    start = dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)
    return services.meeting_create(body=c.main_body, start=start, venue="Shire Hall", actor=None)


def agenda(meeting):
    items = AgendaItem.objects.for_panel(meeting.panel).filter(meeting=meeting)
    rows = sorted(
        items,
        key=lambda i: (
            i.parent.position if i.parent else i.position,
            i.parent_id is not None,
            i.position,
        ),
    )
    return [(i.number, i.title) for i in rows]


def test_it_inserts_the_standing_items_in_order(alpha):
    meeting = new_meeting(alpha)
    assert [n for n, _ in agenda(meeting)] == ["1", "1(1)", "1(2)", "1(3)", "2", "3", "4", "5", "6"]
    titles = dict(agenda(meeting))
    assert titles["5"].startswith("Reports Containing Confidential")
    complaints = AgendaItem.objects.for_panel(alpha.panel).get(meeting=meeting, kind="complaints")
    assert (complaints.number, complaints.access, complaints.exempt_paragraph) == ("6", "exempt", 2)


def test_it_links_the_minutes_item_to_the_previous_meeting(alpha):
    first = new_meeting(alpha, dt.date(2030, 1, 10))
    start = dt.datetime(2030, 3, 15, 10, tzinfo=LONDON)
    second = services.meeting_create(
        body=alpha.main_body, start=start, venue="X", previous=first, actor=None
    )
    minutes = AgendaItem.objects.for_panel(alpha.panel).get(meeting=second, kind="minutes")
    assert minutes.title == "Minutes of the meeting held on 10 January 2030"


def test_it_adds_reports_before_the_trailing_items_and_exempt_ones_at_the_end(alpha):
    meeting = new_meeting(alpha)
    services.item_add(meeting=meeting, title="Police and Crime Plan", actor=None)
    services.item_add(
        meeting=meeting, title="Estates", access="exempt", exempt_paragraph=3, actor=None
    )
    services.item_add(meeting=meeting, title="Budget", actor=None)
    numbers = {t: n for n, t in agenda(meeting)}
    assert numbers["Police and Crime Plan"] == "3" and numbers["Budget"] == "4"
    assert numbers["Any Urgent Items"] == "5"
    assert numbers["Estates"] == "9"  # after the exclusion resolution (7) and Complaints (8)


def test_it_numbers_sub_items(alpha):
    meeting = new_meeting(alpha)
    general = AgendaItem.objects.for_panel(alpha.panel).get(meeting=meeting, kind="heading")
    services.item_add(meeting=meeting, title="Chair's announcements", parent=general, actor=None)
    assert ("1(4)", "Chair's announcements") in agenda(meeting)


def test_it_reorders_within_a_section_and_refuses_to_cross_the_exclusion(alpha):
    meeting = new_meeting(alpha)
    a = services.item_add(meeting=meeting, title="A", actor=None)
    b = services.item_add(meeting=meeting, title="B", actor=None)
    services.item_move(item=b, direction=-1, actor=None)
    numbers = {t: n for n, t in agenda(meeting)}
    assert (numbers["B"], numbers["A"]) == ("3", "4")
    secret = services.item_add(
        meeting=meeting, title="S", access="exempt", exempt_paragraph=1, actor=None
    )
    with pytest.raises(ValidationError, match="exempt business stays after"):
        services.item_move(
            item=AgendaItem.objects.for_panel(alpha.panel).get(pk=secret.pk),
            direction=-2,
            actor=None,
        )
    complaints = AgendaItem.objects.for_panel(alpha.panel).get(meeting=meeting, kind="complaints")
    services.item_move(item=complaints, direction=1, actor=None)  # both exempt: allowed
    assert agenda(meeting)[-1][1] == "Complaints"
    assert a.pk


def test_it_moves_an_item_to_exempt_business_when_it_becomes_exempt(alpha):
    meeting = new_meeting(alpha)
    item = services.item_add(meeting=meeting, title="Custody contract", actor=None)
    services.item_update(item=item, access="exempt", exempt_paragraph=3, actor=None)
    numbers = {t: int(n) for n, t in agenda(meeting) if "(" not in n}
    exclusion = next(n for t, n in numbers.items() if t.startswith("Reports Containing"))
    assert numbers["Custody contract"] > exclusion


def test_it_requires_a_paragraph_of_the_panels_own_nation(cast):
    alpha, beta = cast["alpha"], cast["beta"]
    with panel_scope(alpha.panel):
        meeting = new_meeting(alpha)
        with pytest.raises(ValidationError) as caught:
            services.item_add(meeting=meeting, title="X", access="exempt", actor=None)
        assert "exempt_paragraph" in caught.value.message_dict
        with pytest.raises(ValidationError):
            services.item_add(
                meeting=meeting, title="X", access="exempt", exempt_paragraph=13, actor=None
            )
    with panel_scope(beta.panel):
        welsh = new_meeting(beta)
        services.item_add(
            meeting=welsh, title="Y", access="exempt", exempt_paragraph=13, actor=None
        )
        with pytest.raises(ValidationError):
            services.item_add(
                meeting=welsh, title="Z", access="exempt", exempt_paragraph=2, actor=None
            )
        complaints = AgendaItem.objects.for_panel(beta.panel).get(meeting=welsh, kind="complaints")
        assert complaints.exempt_paragraph == 13


def test_it_publishes_on_time_without_a_reason_and_late_only_with_one(alpha):
    meeting = new_meeting(alpha, dt.date(2014, 9, 26))
    late = dt.datetime(2014, 9, 19, 9, tzinfo=LONDON)
    with pytest.raises(ValidationError) as caught:
        services.agenda_publish(meeting=meeting, at=late, actor=None)
    assert "18 September 2014" in caught.value.message_dict["late_reason"][0]
    version = services.agenda_publish(
        meeting=meeting, at=late, late_reason="Venue changed.", actor=None
    )
    assert (version.number, version.kind, version.late_reason) == (1, "agenda", "Venue changed.")
    on_time = new_meeting(alpha, dt.date(2014, 10, 31))
    assert (
        services.agenda_publish(
            meeting=on_time, at=dt.datetime(2014, 10, 23, 17, tzinfo=LONDON), actor=None
        ).number
        == 1
    )


def test_it_publishes_late_items_as_a_supplementary_agenda(alpha):
    meeting = new_meeting(alpha)
    services.agenda_publish(meeting=meeting, at=dt.datetime(2030, 3, 1, tzinfo=LONDON), actor=None)
    late = services.item_add(meeting=meeting, title="Urgent: custody inspection", actor=None)
    assert late.late
    with pytest.raises(ValidationError):
        services.agenda_publish(meeting=meeting, actor=None)
    version = services.agenda_publish(
        meeting=meeting, late_reason="Inspection report arrived late.", actor=None
    )
    assert (version.number, version.kind) == (2, "supplementary")
    with pytest.raises(ValidationError):
        services.item_remove(
            item=AgendaItem.objects.for_panel(alpha.panel).get(pk=late.pk), actor=None
        )


def test_it_keeps_published_versions_unchanged_when_the_draft_changes(alpha):
    meeting = new_meeting(alpha)
    item = services.item_add(meeting=meeting, title="Original title", actor=None)
    services.agenda_publish(meeting=meeting, at=dt.datetime(2030, 3, 1, tzinfo=LONDON), actor=None)
    services.item_update(item=item, title="Changed title", actor=None)
    first = AgendaVersion.objects.for_panel(alpha.panel).get(meeting=meeting, number=1)
    assert "Original title" in str(first.content) and "Changed title" not in str(first.content)
    with pytest.raises(ValidationError):
        services.agenda_publish(meeting=meeting, actor=None)  # a revision needs a note
    second = services.agenda_publish(meeting=meeting, change_note="Title corrected.", actor=None)
    assert (second.kind, "Changed title" in str(second.content)) == ("revised", True)


def test_it_refuses_a_save_from_a_stale_screen(alpha):
    meeting = new_meeting(alpha)
    version = meeting.version
    services.item_add(
        meeting=meeting, title="First clerk's item", expected_version=version, actor=None
    )
    with pytest.raises(StaleEdit):
        services.item_add(
            meeting=meeting, title="Second clerk's item", expected_version=version, actor=None
        )
    titles = [t for _, t in agenda(meeting)]
    assert "First clerk's item" in titles and "Second clerk's item" not in titles


def test_it_sanitises_report_text(alpha):
    meeting = new_meeting(alpha)
    item = services.item_add(meeting=meeting, title="X", actor=None)
    report = services.report_update(
        item=item,
        body_format="html",
        body_source='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">l</a></p>',
        actor=None,
    )
    assert "script" not in report.body_html and "onclick" not in report.body_html
    assert "javascript:" not in report.body_html
    md = services.report_update(
        item=item, body_format="markdown", body_source="**Bold** <b>raw</b>", actor=None
    )
    assert "<strong>Bold</strong>" in md.body_html and "<b>" not in md.body_html


def test_the_editors_buttons_move_and_remove_an_item(alpha, cast, client_for):
    meeting = new_meeting(alpha)
    estates = services.item_add(meeting=meeting, title="Estates", actor=None)
    fleet = services.item_add(meeting=meeting, title="Fleet", actor=None)
    client = client_for(cast.user("alpha", Role.CLERK))

    def press(item, action):
        meeting.refresh_from_db()
        url = reverse("meetings:item-action", args=["alpha", meeting.slug, item.pk])
        return client.post(url, {"action": action, "version": meeting.version})

    def order():
        return [title for _, title in agenda(meeting) if title in ("Estates", "Fleet")]

    assert press(fleet, "up").status_code == 302 and order() == ["Fleet", "Estates"]
    assert press(fleet, "down").status_code == 302 and order() == ["Estates", "Fleet"]
    refused = press(estates, "sideways")
    assert refused.status_code == 400
    assert "Choose move up, move down, remove, withdraw or reinstate." in refused.content.decode()
    assert press(estates, "remove").status_code == 302 and order() == ["Fleet"]
    url = reverse("meetings:item-action", args=["alpha", meeting.slug, fleet.pk])
    stale = client.post(url, {"action": "up", "version": 1})
    assert stale.status_code == 400 and "Someone else changed" in stale.content.decode()
    bare = client.post(url, {"action": "up"})
    assert bare.status_code == 400 and "The form was incomplete" in bare.content.decode()


def test_a_late_item_takes_a_number_that_disturbs_no_published_one(alpha, client):
    """Published: 1 General (1(1)–1(3)), 2 Public Question Time, 3 Any Urgent Items, … A late
    report goes before the trailing items, as 2A: "Any Urgent Items" stays 3 on every surface."""
    meeting = new_meeting(alpha)
    services.agenda_publish(meeting=meeting, at=dt.datetime(2030, 3, 1, tzinfo=LONDON), actor=None)
    before = dict((title, number) for number, title in agenda(meeting))
    late = services.item_add(meeting=meeting, title="Custody inspection", actor=None)
    extra = services.item_add(meeting=meeting, title="Estates update", actor=None)
    general = AgendaItem.objects.for_panel(alpha.panel).get(meeting=meeting, kind="heading")
    sub = services.item_add(meeting=meeting, title="Late declarations", parent=general, actor=None)
    services.agenda_publish(meeting=meeting, late_reason="Reports arrived late.", actor=None)
    after = dict((title, number) for number, title in agenda(meeting))
    for title, number in before.items():
        assert after[title] == number, title  # no published number moved
    late.refresh_from_db()
    extra.refresh_from_db()
    sub.refresh_from_db()
    questions = before["Public Question Time"]
    assert late.number == f"{questions}A" and extra.number == f"{questions}B"
    assert sub.number == "1(4)"  # a new last sub-item simply follows
    published = AgendaVersion.objects.for_panel(alpha.panel).filter(meeting=meeting).last()
    numbers = {i["title"]: i["number"] for i in published.content["items"]}
    assert numbers["Custody inspection"] == late.number
    page = client.get(reverse("meetings:item", args=["alpha", meeting.slug, late.number]))
    assert page.status_code == 200 and "Custody inspection" in page.content.decode()
    api = client.get(reverse("api:meetings:meeting", args=["alpha", meeting.slug])).json()
    assert late.number in {i["number"] for i in api["agenda"]["items"]}
