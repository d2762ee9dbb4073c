"""The work programme and the tracker through their services: actions from resolutions, notes,
the programme after a meeting, working groups' recommendations."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from meetings import services as meetings
from meetings.models import AgendaVersion, Resolution
from meetings.testing import LONDON
from panel.access import Role
from panel.tenancy import panel_scope
from workprogramme import services
from workprogramme.models import Action, WorkProgrammeItem


def test_it_raises_an_action_from_a_resolution_in_one_step(world, cast, client_for):
    mine = world["mine"]
    assert (mine.text, mine.raised_at, mine.raised_on) == (
        "Ask for a performance appendix",
        world["held"],
        timezone.localtime(world["held"].start).date(),
    )
    clerk = client_for(cast.user("alpha", Role.CLERK))
    resolution = mine.resolution
    # Raising it again makes no second action: the clerk is told it is on the tracker.
    response = clerk.post(
        reverse("workprogramme:action-from-resolution", args=["alpha", resolution.pk]),
        {"lead_team": "Democratic Services"},
        follow=True,
    )
    assert "already been raised from this resolution" in response.content.decode()
    with panel_scope(world["alpha"].panel):
        assert Action.objects.filter(resolution=resolution).count() == 1
    screen = clerk.get(reverse("meetings:minutes-edit", args=["alpha", world["held"].slug]))
    assert f'id="raised-{resolution.pk}"' in screen.content.decode()


def test_actions_are_raised_from_resolutions_after_the_minutes_are_approved(
    world, cast, client_for
):
    alpha, held = world["alpha"], world["held"]
    with panel_scope(alpha.panel):
        item = meetings.item_add(meeting=held, title="Estates", actor=None)
        meetings.agenda_publish(meeting=held, late_reason="test", actor=None)
        meetings.minute_update(
            item=item, text="Discussed", resolutions=["Ask for the estates plan"], actor=None
        )
        held.refresh_from_db()
        held.minutes_status = "approved"
        held.save(update_fields=["minutes_status"])
        later = Resolution.objects.get(item=item)
    clerk = client_for(cast.user("alpha", Role.CLERK))
    screen = clerk.get(reverse("meetings:minutes-edit", args=["alpha", held.slug])).content
    assert b"Actions from the resolutions" in screen
    assert b"Raise an action from resolution 1 of item" in screen
    raised = clerk.post(
        reverse("workprogramme:action-from-resolution", args=["alpha", later.pk]),
        {"lead_team": "Democratic Services"},
    )
    assert raised.status_code == 302
    with panel_scope(alpha.panel):
        assert Action.objects.get(resolution=later).text == "Ask for the estates plan"


def test_it_keeps_a_history_of_notes_and_statuses(world):
    action = world["opcc"]
    services.action_add_note(
        action=action, text="Started", status="in_progress", on=dt.date(2024, 3, 1), actor=None
    )
    services.action_add_note(
        action=action, text="Done", status="completed", on=dt.date(2024, 4, 1), actor=None
    )
    action.refresh_from_db()
    assert (action.status, action.completed_on) == ("completed", dt.date(2024, 4, 1))
    with panel_scope(action.panel_id):
        assert [(n.text, n.status) for n in action.notes.all()] == [
            ("Started", "in_progress"),
            ("Done", "completed"),
        ]


def test_it_puts_the_live_programme_and_tracker_in_the_work_programme_item(world, client):
    alpha, upcoming = world["alpha"], world["upcoming"]
    with panel_scope(alpha.panel):
        item = meetings.item_add(
            meeting=upcoming, title="Work Programme", kind="work_programme", actor=None
        )
        services.work_item_create(
            panel=alpha.panel,
            municipal_year="2030/31",
            topic="Estates",
            next_meeting=upcoming,
            actor=None,
        )
        year = f"{upcoming.start.year if upcoming.start.month >= 5 else upcoming.start.year - 1}"
        services.work_item_create(
            panel=alpha.panel,
            municipal_year=f"{year}/{str(int(year) + 1)[-2:]}",
            topic="Precept",
            actor=None,
        )
        version = meetings.agenda_publish(meeting=upcoming, late_reason="test", actor=None)
    appendices = next(i for i in version.content["items"] if i["id"] == item.pk)["appendices"]
    assert [a["title"] for a in appendices] == [
        "Work Programme",
        "Recommendations and Actions Plan",
    ]
    assert "Precept" in appendices[0]["text_html"]
    assert "OPCC to report on rural crime" in appendices[1]["text_html"]
    page = client.get(
        reverse("meetings:item", args=["alpha", upcoming.slug, item.number])
    ).content.decode()
    assert "Ask for a performance appendix" in page
    assert AgendaVersion.objects.for_panel(alpha.panel).filter(meeting=upcoming).exists()


def test_it_moves_the_programme_on_after_a_meeting_and_offers_due_items(world, cast, client_for):
    alpha, held, upcoming = world["alpha"], world["held"], world["upcoming"]
    with panel_scope(alpha.panel):
        reported = services.work_item_create(
            panel=alpha.panel,
            municipal_year="2030/31",
            topic="Rural crime",
            next_meeting=held,
            actor=None,
        )
        standing = services.work_item_create(
            panel=alpha.panel,
            municipal_year="2030/31",
            topic="Plan",
            standing="every_meeting",
            next_meeting=held,
            actor=None,
        )
        due = services.work_item_create(
            panel=alpha.panel,
            municipal_year="2030/31",
            topic="Custody",
            next_meeting=upcoming,
            actor=None,
        )
        meetings.minutes_publish(meeting=held, actor=None)
        reported.refresh_from_db()
        standing.refresh_from_db()
    held_day = timezone.localtime(held.start).date()
    assert (reported.last_reported_on, reported.next_meeting, reported.needs_next_date) == (
        held_day,
        None,
        True,
    )
    assert (standing.last_reported_on, standing.needs_next_date) == (held_day, False)
    clerk = client_for(cast.user("alpha", Role.CLERK))
    editor = clerk.get(
        reverse("meetings:meeting-edit", args=["alpha", upcoming.slug])
    ).content.decode()
    assert "Due at this meeting on the work programme" in editor and "Custody" in editor
    clerk.post(reverse("workprogramme:work-item-action", args=["alpha", due.pk, "add_to_agenda"]))
    editor = clerk.get(
        reverse("meetings:meeting-edit", args=["alpha", upcoming.slug])
    ).content.decode()
    assert "Due at this meeting on the work programme" not in editor
    response = clerk.post(
        reverse("workprogramme:work-item-action", args=["alpha", reported.pk, "defer"]),
        {"reason": ""},
        follow=True,
    )
    assert "There is a problem" in response.content.decode()
    clerk.post(
        reverse("workprogramme:work-item-action", args=["alpha", reported.pk, "defer"]),
        {"reason": "Awaiting HMIC"},
    )
    reported.refresh_from_db()
    assert (reported.status, reported.deferred_reason) == ("deferred", "Awaiting HMIC")
    assert WorkProgrammeItem.objects.for_panel(alpha.panel).count() == 3


def test_it_attaches_working_group_minutes_and_turns_agreed_recommendations_into_actions(world):
    alpha = world["alpha"]
    with panel_scope(alpha.panel):
        start = dt.datetime(2030, 8, 19, 10, tzinfo=LONDON)
        wg = meetings.meeting_create(
            body=alpha.working_group, start=start, venue="Room 1", actor=None
        )
        wg_item = meetings.item_add(meeting=wg, title="Quarter 1 budget", actor=None)
        meetings.agenda_publish(meeting=wg, late_reason="test", actor=None)
        meetings.minute_update(
            item=wg_item, text="Noted an underspend.", resolutions=["Note the report"], actor=None
        )
        meetings.minutes_publish(meeting=wg, actor=None)
        report = meetings.item_add(
            meeting=world["upcoming"], title="Report of the Budget Working Group", actor=None
        )
        appendix = services.working_group_minutes_attach(group_meeting=wg, item=report, actor=None)
        assert appendix.title == "Minutes of the Budget Working Group, 19 August 2030"
        assert "Noted an underspend." in appendix.text_html
        final = meetings.item_add(
            meeting=world["held"], title="Task and finish group: final report", actor=None
        )
        meetings.minute_update(
            item=final,
            text="Agreed",
            resolutions=["Recommendation one", "Recommendation two"],
            actor=None,
        )
        created = services.actions_from_item_resolutions(item=final, lead_opcc=True, actor=None)
        again = services.actions_from_item_resolutions(item=final, lead_opcc=True, actor=None)
    assert [a.text for a in created] == ["Recommendation one", "Recommendation two"] and again == []
