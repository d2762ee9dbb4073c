"""The steps of a work programme item and of an action: one table of each in the services
(WORK_ITEM_STEPS, ACTION_STEPS), run by the pages and the API alike; an unknown step is a 404;
each role gets the answer it always got."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services as meetings
from panel.access import Role
from panel.services import UnknownStep
from panel.tenancy import panel_scope
from workprogramme import services, views
from workprogramme.models import Action, ActionNote, WorkProgrammeItem

ACTORS = ["anonymous", "other:clerk", "own:member", "own:opcc_officer", "own:clerk"]
YEAR = "2030/31"


def _user(cast, actor):
    if actor == "anonymous":
        return None
    where, role = actor.split(":")
    return cast.user("alpha" if where == "own" else "beta", Role(role))


@pytest.fixture
def world(cast):
    """The next meeting, an item of the programme due at it, and an action led by a team."""
    alpha = cast["alpha"]
    with panel_scope(alpha.panel):
        upcoming = meetings.meeting_create(
            body=alpha.main_body,
            start=timezone.now() + dt.timedelta(days=30),
            venue="Hall",
            actor=None,
        )
        item = services.work_item_create(
            panel=alpha.panel,
            municipal_year=YEAR,
            topic="Rural crime",
            next_meeting=upcoming,
            actor=None,
        )
        action = services.action_create(
            panel=alpha.panel,
            text="Report on rural crime",
            raised_on=dt.date(2030, 1, 10),
            lead_team="Democratic Services",
            actor=None,
        )
    return {"alpha": alpha, "upcoming": upcoming, "item": item, "action": action}


def item_steps(world):
    """Every step of a work programme item with a valid form, in an order in which each may run."""
    return [
        ("schedule", {"meeting": world["upcoming"].pk, "note": ""}),
        ("add_to_agenda", {}),
        ("defer", {"reason": "Awaiting the inspection report"}),
    ]


def item_url(item, step):
    return reverse("workprogramme:work-item-action", args=["alpha", item.pk, step])


def item_state(world):
    item = WorkProgrammeItem.objects.for_panel(world["alpha"].panel).get(pk=world["item"].pk)
    return (item.status, item.next_meeting_id, item.scheduled_item_id, item.deferred_reason)


def note_requests(world):
    """The note step through the page and through the API: (how, URL, body, success status)."""
    action = world["action"]
    body = {"text": "Progress made", "status": "in_progress"}
    return [
        (
            "page",
            reverse("workprogramme:action", args=["alpha", action.pk]),
            {**body, "version": 1},
            302,
        ),
        ("api", reverse("api:workprogramme:action-notes", args=["alpha", action.pk]), body, 201),
    ]


def post(client, how, url, body):
    if how == "api":
        return client.post(url, body, content_type="application/json")
    return client.post(url, body)


def notes(world):
    return ActionNote.objects.for_panel(world["alpha"].panel).filter(action=world["action"])


def test_the_pages_read_a_form_for_every_step_and_no_other():
    assert set(views.WORK_ITEM_FORMS) == set(services.WORK_ITEM_STEPS)
    assert set(views.WORK_ITEM_DONE) <= set(services.WORK_ITEM_STEPS)
    assert set(services.ACTION_STEPS) == {"note"}


def test_it_runs_every_step_of_an_item_through_the_programme_page(world, cast, client_for):
    item, upcoming = world["item"], world["upcoming"]
    client = client_for(cast.user("alpha", Role.CLERK))
    programme = f"/alpha/work-programme/?year={YEAR}"
    editor = reverse("meetings:meeting-edit", args=["alpha", upcoming.slug])
    for (step, data), goes_to, says in zip(
        item_steps(world),
        [programme, editor, programme],
        ["Saved.", "“Rural crime” has been added to the agenda.", "Saved."],
        strict=True,
    ):
        response = client.post(item_url(item, step), data)
        assert (response.status_code, response["Location"]) == (302, goes_to), step
        assert says in client.get(goes_to).content.decode(), step
    status, next_meeting, scheduled, reason = item_state(world)
    assert (status, next_meeting, reason) == ("deferred", None, "Awaiting the inspection report")
    with panel_scope(world["alpha"].panel):
        assert upcoming.items.filter(pk=scheduled, title="Rural crime").exists()


def test_it_tells_the_clerk_to_schedule_an_item_before_adding_it_to_an_agenda(
    world, cast, client_for
):
    item = world["item"]
    client = client_for(cast.user("alpha", Role.CLERK))
    client.post(item_url(item, "defer"), {"reason": "Not yet"})
    response = client.post(item_url(item, "add_to_agenda"), follow=True)
    assert "Schedule the item for a meeting first." in response.content.decode()
    assert item_state(world)[2] is None


def test_the_page_runs_an_items_steps_from_the_services_table(world, cast, client_for, monkeypatch):
    clerk = cast.user("alpha", Role.CLERK)
    client = client_for(clerk)
    calls: list[tuple[str, dict]] = []
    for step in services.WORK_ITEM_STEPS:
        monkeypatch.setitem(
            services.WORK_ITEM_STEPS,
            step,
            lambda step=step, **inputs: calls.append((step, inputs)),
        )
    for step, data in item_steps(world):
        assert client.post(item_url(world["item"], step), data).status_code == 302
    upcoming = world["upcoming"]
    assert calls == [
        ("schedule", {"item": world["item"], "actor": clerk, "meeting": upcoming, "note": ""}),
        ("add_to_agenda", {"item": world["item"], "actor": clerk, "meeting": upcoming}),
        (
            "defer",
            {"item": world["item"], "actor": clerk, "reason": "Awaiting the inspection report"},
        ),
    ]


@pytest.mark.parametrize("step", ["bogus", "work_item_defer", "create"])
def test_it_answers_an_unknown_step_of_an_item_with_a_404(world, cast, client_for, step):
    before = item_state(world)
    client = client_for(cast.user("alpha", Role.CLERK))
    assert client.post(item_url(world["item"], step), {"reason": "x"}).status_code == 404
    with pytest.raises(UnknownStep):
        services.work_item_step(item=world["item"], step=step, actor=None, reason="x")
    assert item_state(world) == before


@pytest.mark.parametrize("actor", ACTORS)
def test_each_role_gets_the_answer_it_always_got_from_an_items_steps(
    world, cast, client_for, actor
):
    client = client_for(_user(cast, actor))
    before = item_state(world)
    for step, data in item_steps(world):
        response = client.post(item_url(world["item"], step), data)
        if actor == "own:clerk":
            assert response.status_code == 302, step
        elif actor == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404, (actor, step)
    assert (item_state(world) == before) is (actor != "own:clerk")


def test_it_adds_a_note_through_the_page_and_the_api(world, cast, client_for):
    client = client_for(cast.user("alpha", Role.CLERK))
    for how, url, body, status in note_requests(world):
        assert post(client, how, url, body).status_code == status, how
    assert list(notes(world).values_list("text", "status")) == [
        ("Progress made", "in_progress"),
        ("Progress made", "in_progress"),
    ]
    action = Action.objects.for_panel(world["alpha"].panel).get(pk=world["action"].pk)
    assert (action.status, action.version) == ("in_progress", 3)


def test_the_page_and_the_api_add_a_note_from_the_services_table(
    world, cast, client_for, monkeypatch
):
    clerk = cast.user("alpha", Role.CLERK)
    client = client_for(clerk)
    calls: list[dict] = []
    monkeypatch.setitem(
        services.ACTION_STEPS, "note", lambda **inputs: calls.append(inputs) or ActionNote()
    )
    for how, url, body, status in note_requests(world):
        assert post(client, how, url, body).status_code == status, how
    assert [(c["action"], c["actor"], c["text"], c["status"]) for c in calls] == [
        (world["action"], clerk, "Progress made", "in_progress")
    ] * 2
    assert [c["expected_version"] for c in calls] == [1, None]


def test_it_answers_an_unknown_step_of_an_action_with_a_404(world):
    with pytest.raises(UnknownStep):
        services.action_step(
            action=world["action"], step="bogus", actor=None, text="x", status="open"
        )
    assert not notes(world).exists()


@pytest.mark.parametrize("actor", ACTORS)
def test_each_role_gets_the_answer_it_always_got_from_an_actions_note(
    world, cast, client_for, actor
):
    client = client_for(_user(cast, actor))
    for how, url, body, status in note_requests(world):
        response = post(client, how, url, body)
        if actor == "own:clerk":
            assert response.status_code == status, how
        else:
            assert response.status_code == 404, (actor, how)
    assert notes(world).count() == (2 if actor == "own:clerk" else 0)
