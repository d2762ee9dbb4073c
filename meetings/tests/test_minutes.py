"""The record of a meeting: attendance, declarations, minutes, approval, locking, corrections."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import queries, services
from meetings.models import MinutesVersion
from meetings.testing import LONDON
from panel import services as panel_services
from panel.access import Role
from panel.tenancy import panel_scope


def _designated_substitute(c, person, authority):
    return panel_services.membership_create(
        body=c.main_body,
        person=person,
        role="substitute",
        authority=authority,
        start_date=c.membership.start_date,
        actor=None,
    )


def test_it_records_attendance_with_substitutes_and_declarations(two_meetings):
    c, first, _, item = two_meetings
    _designated_substitute(c, c.officer, c.authority)
    services.attendance_record(meeting=first, person=c.councillor, status="apologies", actor=None)
    services.attendance_record(
        meeting=first,
        person=c.officer,
        status="substitute",
        substitute_for=c.councillor,
        actor=None,
    )
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=first, person=c.officer, status="substitute", actor=None)
    services.declaration_add(
        meeting=first,
        person=c.officer,
        item=item,
        pecuniary=False,
        nature="Works for a supplier",
        actor=None,
    )
    services.minute_update(item=item, text="The budget was discussed.", actor=None)
    version = services.minutes_publish(meeting=first, rose_at=dt.time(12, 40), actor=None)
    people = {a["person"]: a for a in version.content["attendance"]}
    assert people[c.officer.display_name]["substitute_for"] == c.councillor.display_name
    assert version.content["declarations"][0]["item"] == item.number
    assert version.content["rose_at"] == "12:40"


def test_a_substitute_is_a_designated_one_for_an_absent_member_of_that_body(two_meetings):
    c, first, _, _ = two_meetings
    stranger = panel_services.person_create(panel=c.panel, name="Cllr Stranger", actor=None)
    other_council = panel_services.authority_create(
        panel=c.panel, name="Other District Council", kind="district", actor=None
    )
    elsewhere = panel_services.person_create(panel=c.panel, name="Cllr Elsewhere", actor=None)
    _designated_substitute(c, elsewhere, other_council)
    deputy = panel_services.person_create(panel=c.panel, name="Cllr Deputy", actor=None)
    _designated_substitute(c, deputy, c.authority)

    def substitute(person, for_whom=c.councillor):
        return services.attendance_record(
            meeting=first, person=person, status="substitute", substitute_for=for_whom, actor=None
        )

    def refused(call, field, words):
        with pytest.raises(ValidationError) as error:
            call()
        assert words in " ".join(error.value.message_dict[field])

    refused(lambda: substitute(stranger), "person", "not one of the designated substitutes")
    refused(lambda: substitute(elsewhere), "person", "council")
    refused(lambda: substitute(deputy, for_whom=c.officer), "substitute_for", "not a member of")
    services.attendance_record(meeting=first, person=c.councillor, status="present", actor=None)
    refused(lambda: substitute(deputy), "substitute_for", "recorded as present")
    services.attendance_record(meeting=first, person=c.councillor, status="apologies", actor=None)
    substitute(deputy)
    refused(
        lambda: services.attendance_record(
            meeting=first, person=c.councillor, status="present", actor=None
        ),
        "status",
        "a substitute is recorded in their place",
    )
    another = panel_services.person_create(panel=c.panel, name="Cllr Another", actor=None)
    _designated_substitute(c, another, c.authority)
    refused(lambda: substitute(another), "substitute_for", "Another substitute")


def test_it_approves_minutes_at_the_next_meeting_and_then_locks_them(two_meetings):
    c, first, second, item = two_meetings
    services.minute_update(
        item=item, text="Discussed", resolutions=["Agreed the budget"], actor=None
    )
    with pytest.raises(ValidationError, match="Publish the draft"):
        services.minutes_approve(
            meeting=first, at_meeting=second, signed_by=c.councillor, actor=None
        )
    services.minutes_publish(meeting=first, actor=None)
    with pytest.raises(ValidationError):
        services.minutes_approve(
            meeting=first, at_meeting=first, signed_by=c.councillor, actor=None
        )
    services.minutes_approve(meeting=first, at_meeting=second, signed_by=c.councillor, actor=None)
    first.refresh_from_db()
    assert (first.minutes_status, first.minutes_approved_at, first.minutes_signed_by) == (
        "approved",
        second,
        c.councillor,
    )
    with pytest.raises(ValidationError, match="locked"):
        services.minute_update(item=item, text="Rewritten", actor=None)
    with pytest.raises(ValidationError, match="locked"):
        services.attendance_record(meeting=first, person=c.officer, status="present", actor=None)
    # The next meeting's minutes item records the approval and the signature.
    from meetings.models import AgendaItem

    minutes_item = AgendaItem.objects.for_panel(c.panel).get(meeting=second, kind="minutes")
    assert f"signed by {c.councillor.display_name}" in minutes_item.minute.text
    assert "approved as a correct record" in minutes_item.resolutions.get().text


def test_it_versions_a_correction_with_who_when_and_why(two_meetings, cast):
    c, first, second, item = two_meetings
    clerk = cast.user("alpha", Role.CLERK)
    services.minute_update(
        item=item, text="Discussed", resolutions=["Agreed the budget"], actor=None
    )
    services.minutes_publish(meeting=first, actor=None)
    services.minutes_approve(meeting=first, at_meeting=second, signed_by=c.councillor, actor=None)
    with pytest.raises(ValidationError):
        services.minutes_correct(item=item, text="Discussed at length", reason="", actor=None)
    correction = services.minutes_correct(
        item=item, text="Discussed at length", reason="The Chair noted an omission.", actor=clerk
    )
    versions = list(
        MinutesVersion.objects.for_panel(c.panel).filter(meeting=first).order_by("number")
    )
    assert [v.kind for v in versions] == ["draft", "approved", "correction"]
    assert (correction.published_by, correction.reason) == (clerk, "The Chair noted an omission.")
    assert "Discussed at length" not in str(versions[1].content)


def test_it_shows_draft_and_approved_minutes_on_the_public_page(two_meetings, client):
    c, first, second, item = two_meetings
    url = reverse("meetings:meeting", args=["alpha", first.slug])
    services.minute_update(
        item=item, text="The panel discussed the budget.", resolutions=["Agreed"], actor=None
    )
    assert "The panel discussed the budget." not in client.get(url).content.decode()
    services.minutes_publish(meeting=first, actor=None)
    assert "To be approved at the next meeting" in client.get(url).content.decode()
    services.minutes_approve(meeting=first, at_meeting=second, signed_by=c.councillor, actor=None)
    page = client.get(url).content.decode()
    assert "Approved as a true record" in page and "The panel discussed the budget." in page


def test_it_refuses_the_second_of_two_clerks_saving_the_same_minutes(
    two_meetings, cast, client_for
):
    _c, first, _, item = two_meetings
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("meetings:minutes-action", args=["alpha", first.slug, "minute"])
    version = first.version
    one = client.post(
        url, {"item": item.pk, "text": "First clerk", "resolutions": "", "version": version}
    )
    assert one.status_code == 302
    two = client.post(
        url,
        {"item": item.pk, "text": "Second clerk", "resolutions": "", "version": version},
        follow=True,
    )
    assert "Someone else changed this record" in two.content.decode()
    item.minute.refresh_from_db()
    assert item.minute.text == "First clerk"


def test_it_records_questions_and_corrections_through_the_page(two_meetings, cast, client_for):
    c, first, second, item = two_meetings
    client = client_for(cast.user("alpha", Role.CLERK))
    action = lambda name: reverse("meetings:minutes-action", args=["alpha", first.slug, name])  # noqa: E731
    question = {
        "item": item.pk,
        "asked_by": "Cllr Davies",
        "question": "Why?",
        "answer": "Because.",
    }
    assert client.post(action("question"), question).status_code == 302
    assert client.post(action("publish"), {"rose_at": "12:40"}).status_code == 302
    assert (
        client.post(
            action("approve"), {"at_meeting": second.pk, "signed_by": c.councillor.pk}
        ).status_code
        == 302
    )
    page = client.get(reverse("meetings:minutes-edit", args=["alpha", first.slug])).content.decode()
    assert "Correct the approved minutes" in page
    response = client.post(
        action("correction"), {"item": item.pk, "text": "Corrected.", "reason": "Typo"}, follow=True
    )
    assert "Saved" in response.content.decode()
    public = (
        client_for(None)
        .get(reverse("meetings:meeting", args=["alpha", first.slug]))
        .content.decode()
    )
    assert "Corrected." in public and "Typo" in public and "Why?" in public


def test_it_refuses_changes_to_a_published_version_in_the_database(two_meetings):
    from django.db import IntegrityError, transaction

    from meetings.models import AgendaVersion

    c, first, _, _ = two_meetings
    version = AgendaVersion.objects.for_panel(c.panel).get(meeting=first, number=1)
    with pytest.raises(IntegrityError, match="immutable"), transaction.atomic():
        AgendaVersion._base_manager.filter(pk=version.pk).update(late_reason="rewritten")
    with pytest.raises(IntegrityError, match="immutable"), transaction.atomic():
        AgendaVersion._base_manager.filter(pk=version.pk).delete()


def test_blank_minutes_are_not_published(two_meetings):
    _c, first, _, item = two_meetings
    with pytest.raises(ValidationError, match="The minutes are blank"):
        services.minutes_publish(meeting=first, actor=None)
    services.minute_update(item=item, text="Discussed.", actor=None)
    services.minutes_publish(meeting=first, actor=None)


def test_minutes_are_approved_only_at_a_later_meeting_that_has_taken_place(
    two_meetings, time_machine
):
    c, first, second, item = two_meetings
    services.minute_update(item=item, text="Discussed.", actor=None)
    services.minutes_publish(meeting=first, actor=None)
    time_machine.move_to(dt.datetime(2030, 3, 14, 9, tzinfo=LONDON))  # the day before it meets
    with pytest.raises(ValidationError) as early:
        services.minutes_approve(
            meeting=first, at_meeting=second, signed_by=c.councillor, actor=None
        )
    assert "has not met yet" in early.value.message_dict["at_meeting"][0]
    time_machine.move_to(dt.datetime(2030, 3, 15, 11, tzinfo=LONDON))
    services.minutes_approve(meeting=first, at_meeting=second, signed_by=c.councillor, actor=None)


def test_earlier_versions_of_corrected_minutes_are_read_with_what_changed(
    two_meetings, client_for, cast
):
    c, first, second, item = two_meetings
    services.minute_update(item=item, text="The panel noted the budget of 196 pounds.", actor=None)
    services.minutes_publish(meeting=first, actor=None)
    services.minutes_approve(meeting=first, at_meeting=second, signed_by=c.councillor, actor=None)
    services.minutes_correct(
        item=item,
        text="The panel noted the budget of 196.83 pounds.",
        reason="The figure was rounded",
        actor=None,
    )
    public = client_for(None)
    page = public.get(reverse("meetings:meeting", args=["alpha", first.slug])).content.decode()
    assert "Earlier versions of these minutes" in page
    url = reverse("meetings:minutes-version", args=["alpha", first.slug, 3])
    third = public.get(url).content.decode()
    assert "What changed since version 2" in third and "The figure was rounded" in third
    assert "<del>196</del>" in third and "<ins>196.83</ins>" in third
    first_version = public.get(reverse("meetings:minutes-version", args=["alpha", first.slug, 1]))
    assert "budget of 196 pounds" in first_version.content.decode()
    missing = public.get(reverse("meetings:minutes-version", args=["alpha", first.slug, 9]))
    assert missing.status_code == 404


def test_the_minutes_screen_lists_items_in_agenda_order(cast, client_for):
    """1(1), 1(2), 1(3) come before 2 in the declarations' and questions' choices, as on the
    agenda (a sub-item's position counts from 1 under its heading)."""
    c = cast["alpha"]
    with panel_scope(c.panel):
        meeting = services.meeting_create(
            body=c.main_body,
            start=dt.datetime(2030, 7, 1, 10, tzinfo=LONDON),
            venue="Hall",
            actor=None,
            with_standing_items=False,
        )
        heading = services.item_add(meeting=meeting, title="General", kind="heading", actor=None)
        for title in ("Apologies", "Declarations", "Minutes"):
            services.item_add(meeting=meeting, title=title, parent=heading, actor=None)
        services.item_add(meeting=meeting, title="Budget", actor=None)
        services.agenda_publish(meeting=meeting, late_reason="test", actor=None)
        titles = [i.title for i in queries.minutable_items(meeting)]
    assert titles == ["Apologies", "Declarations", "Minutes", "Budget"]
    page = client_for(cast.user("alpha", Role.CLERK)).get(
        reverse("meetings:minutes-edit", args=["alpha", meeting.slug])
    )
    text = page.content.decode()
    assert text.index("Minutes</option>") < text.index("Budget</option>")
