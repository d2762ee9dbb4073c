"""The minutes screen's steps: one table of them (services.MINUTES_STEPS) run by the screen and the
API alike; an unknown step is a 404; each role gets the answer it always got."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import manage_views, services
from meetings.models import Attendance, Declaration, Meeting, Minute, MinutesVersion, Question
from panel.access import Role
from panel.services import UnknownStep

ACTORS = ["anonymous", "other:clerk", "own:member", "own:opcc_officer", "own:clerk"]


def _user(cast, actor):
    if actor == "anonymous":
        return None
    where, role = actor.split(":")
    return cast.user("alpha" if where == "own" else "beta", Role(role))


def page_steps(c, first, second, item):
    """Every step of the minutes screen with a valid form, in an order in which each may run."""
    version = Meeting.objects.for_panel(c.panel).get(pk=first.pk).version
    return [
        ("attendance", {"person": c.officer.pk, "status": "present"}),
        (
            "declaration",
            {"person": c.councillor.pk, "item": item.pk, "pecuniary": "0", "nature": "A friend"},
        ),
        (
            "minute",
            {"item": item.pk, "text": "Discussed", "resolutions": "Agreed", "version": version},
        ),
        ("question", {"item": item.pk, "asked_by": "Cllr Davies", "question": "Why?"}),
        ("publish", {"rose_at": "12:40"}),
        ("approve", {"at_meeting": second.pk, "signed_by": c.councillor.pk}),
        ("correction", {"item": item.pk, "text": "Corrected.", "reason": "A typing error"}),
    ]


def api_steps(c, first, item):
    """The steps the API offers: (step, method, URL, body, success status)."""
    slug = first.slug
    return [
        (
            "attendance",
            "post",
            reverse("api:meetings:attendance-create", args=["alpha", slug]),
            {"person": c.officer.slug, "status": "present"},
            201,
        ),
        (
            "declaration",
            "post",
            reverse("api:meetings:declaration-create", args=["alpha", slug]),
            {"person": c.councillor.slug, "item": item.pk, "pecuniary": False, "nature": "Friend"},
            201,
        ),
        (
            "minute",
            "put",
            reverse("api:meetings:minute", args=["alpha", slug, item.pk]),
            {"text": "Discussed", "resolutions": ["Noted"]},
            200,
        ),
    ]


def page_url(meeting, step):
    return reverse("meetings:minutes-action", args=["alpha", meeting.slug, step])


def record(c, first):
    """What the minutes of ``first`` hold so far."""
    return (
        Meeting.objects.for_panel(c.panel).get(pk=first.pk).minutes_status,
        [
            m.objects.for_panel(c.panel).filter(meeting=first).count()
            for m in (Attendance, Declaration)
        ],
        Question.objects.for_panel(c.panel).filter(item__meeting=first).count(),
        list(Minute.objects.for_panel(c.panel).filter(item__meeting=first).values_list("text")),
        MinutesVersion.objects.for_panel(c.panel).filter(meeting=first).count(),
    )


def test_the_screen_reads_a_form_for_every_step_and_no_other(two_meetings):
    assert set(manage_views.MINUTES_FORMS) == set(services.MINUTES_STEPS)


def test_it_runs_every_step_through_the_screen(two_meetings, cast, client_for):
    c, first, second, item = two_meetings
    client = client_for(cast.user("alpha", Role.CLERK))
    for step, data in page_steps(c, first, second, item):
        response = client.post(page_url(first, step), data)
        assert response.status_code == 302, (step, response.content.decode()[:2000])
        assert response["Location"] == reverse("meetings:minutes-edit", args=["alpha", first.slug])
    first.refresh_from_db()
    assert first.minutes_status == "approved" and first.minutes_approved_at == second
    assert Attendance.objects.for_panel(c.panel).get(meeting=first).person == c.officer
    assert Declaration.objects.for_panel(c.panel).get(meeting=first).nature == "A friend"
    assert Question.objects.for_panel(c.panel).get(item=item).question == "Why?"
    assert Minute.objects.for_panel(c.panel).get(item=item).text == "Corrected."
    kinds = MinutesVersion.objects.for_panel(c.panel).filter(meeting=first).order_by("number")
    assert [v.kind for v in kinds] == ["draft", "approved", "correction"]
    assert kinds.last().reason == "A typing error"


def test_the_screen_and_the_api_run_their_steps_from_the_one_table(
    two_meetings, cast, client_for, monkeypatch
):
    c, first, second, item = two_meetings
    clerk = cast.user("alpha", Role.CLERK)
    client = client_for(clerk)
    calls: list[tuple[str, dict]] = []
    for step in services.MINUTES_STEPS:
        monkeypatch.setitem(
            services.MINUTES_STEPS, step, lambda step=step, **inputs: calls.append((step, inputs))
        )
    steps = page_steps(c, first, second, item)
    for step, data in steps:
        assert client.post(page_url(first, step), data).status_code == 302
    for _step, method, url, body, status in api_steps(c, first, item):
        response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code == status
    ran = [step for step, _ in calls]
    assert ran == [*(step for step, _ in steps), "attendance", "declaration", "minute"]
    for _step, inputs in calls:
        assert (inputs["meeting"], inputs["actor"]) == (first, clerk)
    assert calls[2][1]["resolutions"] == ["Agreed"] and calls[2][1]["item"] == item
    assert calls[6][1]["resolutions"] is None  # a correction that leaves them as they are
    assert calls[9][1]["resolutions"] == ["Noted"] and calls[9][1]["item"] == item


def test_it_runs_the_apis_steps(two_meetings, cast, client_for):
    c, first, _, item = two_meetings
    client = client_for(cast.user("alpha", Role.CLERK))
    for step, method, url, body, status in api_steps(c, first, item):
        response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code == status, (step, response.content)
    assert record(c, first) == ("draft", [1, 1], 0, [("Discussed",)], 0)


@pytest.mark.parametrize("step", ["bogus", "attendance_record", "urgent_item_record", ""])
def test_it_answers_an_unknown_step_with_a_404_and_changes_nothing(
    two_meetings, cast, client_for, step
):
    c, first, _, item = two_meetings
    before = record(c, first)
    client = client_for(cast.user("alpha", Role.CLERK))
    if step:
        response = client.post(page_url(first, step), {"item": item.pk, "text": "x"})
        assert response.status_code == 404
    with pytest.raises(UnknownStep):
        services.minutes_step(meeting=first, step=step, actor=None, item=item, text="x")
    assert record(c, first) == before


def test_it_refuses_an_item_of_another_meeting_to_a_step_of_this_one(two_meetings):
    c, first, second, _ = two_meetings
    elsewhere = services.item_add(meeting=second, title="Elsewhere", actor=None)
    with pytest.raises(ValidationError, match="Choose an item the minutes record"):
        services.minutes_step(meeting=first, step="minute", actor=None, item=elsewhere, text="x")
    assert not Minute.objects.for_panel(c.panel).filter(item=elsewhere).exists()


def test_it_shows_a_refused_step_on_the_screen_as_a_400(two_meetings, cast, client_for):
    c, first, second, _ = two_meetings
    client = client_for(cast.user("alpha", Role.CLERK))
    response = client.post(
        page_url(first, "approve"), {"at_meeting": second.pk, "signed_by": c.councillor.pk}
    )
    assert response.status_code == 400
    assert "Publish the draft minutes before they are approved." in response.content.decode()
    response = client.post(page_url(first, "attendance"), {"status": "present"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()


@pytest.mark.parametrize("actor", ACTORS)
def test_each_role_gets_the_answer_it_always_got_from_every_step(
    two_meetings, cast, client_for, actor
):
    c, first, second, item = two_meetings
    client = client_for(_user(cast, actor))
    before = record(c, first)
    for step, method, url, body, status in api_steps(c, first, item):
        response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code == (status if actor == "own:clerk" else 404), (actor, step)
    for step, data in page_steps(c, first, second, item):
        response = client.post(page_url(first, step), data)
        if actor == "own:clerk":
            assert response.status_code == 302, step
        elif actor == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404, (actor, step)
    if actor == "own:clerk":
        assert record(c, first)[0] == "approved"
    else:
        assert record(c, first) == before
