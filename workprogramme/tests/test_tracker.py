"""The recommendations and actions tracker and the work programme."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings import services as meetings
from meetings.models import AgendaVersion, Resolution
from meetings.testing import LONDON
from panel import services as panel_services
from panel.access import Role
from panel.tenancy import panel_scope
from workprogramme import reminders, services
from workprogramme.models import Action, WorkProgrammeItem


@pytest.fixture
def world(cast):
    """A held meeting with a resolution, the next meeting, and actions led by various people."""
    alpha = cast["alpha"]
    member = cast.user("alpha", Role.MEMBER)
    now = timezone.now()
    with panel_scope(alpha.panel):
        alpha.councillor.user = member
        alpha.councillor.save()
        held = meetings.meeting_create(
            body=alpha.main_body, start=now - dt.timedelta(days=40), venue="A", actor=None
        )
        item = meetings.item_add(meeting=held, title="Annual report", actor=None)
        meetings.agenda_publish(meeting=held, late_reason="test", actor=None)
        meetings.minute_update(
            item=item, text="Discussed", resolutions=["Ask for a performance appendix"], actor=None
        )
        upcoming = meetings.meeting_create(
            body=alpha.main_body,
            start=now + dt.timedelta(days=10),
            venue="B",
            previous=held,
            actor=None,
        )
        resolution = Resolution.objects.get(item=item)
        mine = services.action_from_resolution(
            resolution=resolution, lead_person=alpha.councillor, update_due=held, actor=None
        )
        opcc = services.action_create(
            panel=alpha.panel,
            text="OPCC to report on rural crime",
            raised_on=dt.date(2024, 1, 1),
            lead_opcc=True,
            update_due=upcoming,
            actor=None,
        )
        officer = services.action_create(
            panel=alpha.panel,
            text='=HYPERLINK("x") formula attempt',
            raised_on=dt.date(2024, 2, 1),
            lead_person=alpha.officer,
            actor=None,
        )
    return {
        "alpha": alpha,
        "held": held,
        "upcoming": upcoming,
        "mine": mine,
        "opcc": opcc,
        "officer": officer,
        "member": member,
        "item": item,
    }


def test_it_raises_an_action_from_a_resolution_in_one_step(world, cast, client_for):
    mine = world["mine"]
    assert (mine.text, mine.raised_at, mine.raised_on) == (
        "Ask for a performance appendix",
        world["held"],
        timezone.localtime(world["held"].start).date(),
    )
    clerk = client_for(cast.user("alpha", Role.CLERK))
    resolution = mine.resolution
    response = clerk.post(
        reverse("workprogramme:action-from-resolution", args=["alpha", resolution.pk]),
        {"lead_team": "Democratic Services"},
    )
    assert response.status_code == 302
    with panel_scope(world["alpha"].panel):
        assert Action.objects.filter(resolution=resolution).count() == 2


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


def note(client, action):
    return client.post(
        reverse("workprogramme:action", args=["alpha", action.pk]),
        {"text": "Progress", "status": "in_progress", "version": action.version},
    )


def test_it_lets_only_the_lead_the_opcc_for_its_actions_and_the_clerk_update(
    world, cast, client_for, django_user_model
):
    other_member = django_user_model.objects.create_user("alpha-other-member")
    panel_services.role_grant(
        panel=world["alpha"].panel, user=other_member, role=Role.MEMBER, actor=None
    )
    assert note(client_for(world["member"]), world["mine"]).status_code == 302
    assert note(client_for(other_member), world["mine"]).status_code == 404
    assert note(client_for(cast.user("alpha", Role.OPCC_OFFICER)), world["opcc"]).status_code == 302
    assert note(client_for(cast.user("alpha", Role.OPCC_OFFICER)), world["mine"]).status_code == 404
    assert note(client_for(cast.user("alpha", Role.CLERK)), world["officer"]).status_code == 302
    for outsider in (None, *(cast.user("beta", r) for r in Role)):
        assert note(client_for(outsider), world["officer"]).status_code in (302, 404)
        api = client_for(outsider).post(
            reverse("api:workprogramme:action-notes", args=["alpha", world["officer"].pk]),
            {"text": "x", "status": "open"},
            content_type="application/json",
        )
        assert api.status_code in (401, 403, 404)
    world["officer"].refresh_from_db()
    with panel_scope(world["alpha"].panel):
        assert world["officer"].notes.count() == 1  # the clerk's only
    # The public reads the tracker (it is published in the agenda pack) but sees no form.
    page = (
        client_for(None)
        .get(reverse("workprogramme:action", args=["alpha", world["mine"].pk]))
        .content.decode()
    )
    assert "Add a progress note" not in page and "Ask for a performance appendix" in page


def listing(client, **params):
    response = client.get(reverse("api:workprogramme:actions", args=["alpha"]), params)
    return sorted(a["text"] for a in response.json())


def test_it_filters_mine_overdue_lead_meeting_and_completed_since_last(world, client_for):
    client = client_for(world["member"])
    assert listing(client, mine=1) == ["Ask for a performance appendix"]
    assert listing(client, overdue=1) == [
        "Ask for a performance appendix"
    ]  # due at the held meeting
    assert listing(client, lead="opcc") == ["OPCC to report on rural crime"]
    assert listing(client, lead=world["alpha"].officer.slug) == ['=HYPERLINK("x") formula attempt']
    assert listing(client, meeting=world["held"].slug) == ["Ask for a performance appendix"]
    services.action_add_note(action=world["opcc"], text="Done", status="completed", actor=None)
    assert listing(client, completed_since_last=1) == ["OPCC to report on rural crime"]
    page = client.get(
        reverse("workprogramme:actions", args=["alpha"]) + "?overdue=1"
    ).content.decode()
    assert "Overdue" in page


def test_it_exports_csv_without_letting_a_cell_run_as_a_formula(world, client):
    response = client.get(reverse("workprogramme:actions-csv", args=["alpha"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Date raised", "Meeting", "Recommendation / action"]
    texts = [r[2] for r in rows[1:]]
    assert (
        '\'=HYPERLINK("x") formula attempt' in texts and "Ask for a performance appendix" in texts
    )


def test_it_lists_a_thousand_actions_in_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    alpha = world["alpha"]
    client = client_for(world["member"])
    url = reverse("workprogramme:actions", args=["alpha"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    with panel_scope(alpha.panel):
        actions = Action.objects.bulk_create(
            Action(
                panel=alpha.panel,
                text=f"Action {n}",
                raised_on=dt.date(2024, 1, 1),
                lead_person=alpha.officer,
                update_due=world["upcoming"],
            )
            for n in range(1000)
        )
        for action in actions[:50]:
            services.action_add_note(action=action, text="note", status="in_progress", actor=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("api:workprogramme:actions", args=["alpha"])).status_code == 200


def test_it_emails_leads_and_a_digest_before_the_deadline_once(world, settings_override=None):
    alpha = world["alpha"]
    assert "action-reminders" in settings.CELERY_BEAT_SCHEDULE
    with panel_scope(alpha.panel):
        due = services.action_create(
            panel=alpha.panel,
            text="Councillor to report back",
            raised_on=dt.date(2024, 1, 1),
            lead_person=alpha.councillor,
            update_due=world["upcoming"],
            actor=None,
        )
        today = meetings.deadline_for(world["upcoming"]) - dt.timedelta(days=2)
        sent = reminders.send_for_panel(alpha.panel, today)
        assert reminders.send_for_panel(alpha.panel, today) == 0  # never twice
    assert sent == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "Councillor to report back" in by_to[alpha.councillor.email].body
    assert "OPCC to report on rural crime" not in by_to[alpha.councillor.email].body
    digest = by_to[alpha.panel.contact_email].body
    assert "Councillor to report back" in digest and "OPCC to report on rural crime" in digest
    tracker = f"{settings.SITE_URL}/{alpha.panel.slug}/actions/"
    assert tracker in by_to[alpha.councillor.email].body and tracker in digest
    assert due.pk


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


def test_it_attaches_group_minutes_and_raises_all_actions_through_the_pages(
    world, cast, client_for
):
    alpha = world["alpha"]
    clerk = client_for(cast.user("alpha", Role.CLERK))
    with panel_scope(alpha.panel):
        wg = meetings.meeting_create(
            body=alpha.working_group,
            start=dt.datetime(2030, 8, 19, 10, tzinfo=LONDON),
            venue="R",
            actor=None,
        )
        wg_item = meetings.item_add(meeting=wg, title="Budget", actor=None)
        meetings.agenda_publish(meeting=wg, late_reason="test", actor=None)
        meetings.minute_update(
            item=wg_item, text="Underspend noted.", resolutions=["Noted"], actor=None
        )
        meetings.minutes_publish(meeting=wg, actor=None)
        report = meetings.item_add(
            meeting=world["upcoming"], title="Report of the Budget Working Group", actor=None
        )
        final = meetings.item_add(meeting=world["held"], title="Final report", actor=None)
        meetings.minute_update(item=final, text="Agreed", resolutions=["One", "Two"], actor=None)
    page = clerk.get(
        reverse("meetings:item-edit", args=["alpha", world["upcoming"].slug, report.pk])
    ).content.decode()
    assert (
        "Attach a working group&#x27;s minutes" in page
        or "Attach a working group's minutes" in page
    )
    clerk.post(
        reverse(
            "workprogramme:attach-group-minutes", args=["alpha", world["upcoming"].slug, report.pk]
        ),
        {"group_meeting": wg.pk},
    )
    with panel_scope(alpha.panel):
        assert "Underspend noted." in report.appendices.get().text_html
    clerk.post(
        reverse("workprogramme:actions-from-item", args=["alpha", world["held"].slug, final.pk]),
        {"lead_opcc": "on"},
    )
    with panel_scope(alpha.panel):
        assert sorted(
            Action.objects.filter(resolution__item=final).values_list("text", flat=True)
        ) == ["One", "Two"]
    member = client_for(world["member"])
    assert (
        member.post(
            reverse("workprogramme:actions-from-item", args=["alpha", world["held"].slug, final.pk])
        ).status_code
        == 404
    )
