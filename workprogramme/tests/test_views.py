"""The tracker's pages: filters, the CSV, the list's queries, working group minutes through
the pages."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.urls import reverse

from meetings import services as meetings
from meetings.testing import LONDON
from panel.access import Role
from panel.tenancy import panel_scope
from workprogramme import services
from workprogramme.models import Action


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
    # On several pages, they are counted and the filters' choices are read apart: two queries
    # more (one page in one query needs neither), however many.
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        assert client.get(reverse("api:workprogramme:actions", args=["alpha"])).status_code == 200


def test_the_trackers_pages_hold_every_outstanding_action_once_newest_first(world, client):
    """The first page is read by one query of a page and one more (workprogramme.queries
    ._FIRST_PAGE); past a page it is counted and the rest paged as before: every outstanding
    action once, across the pages, newest raised first, and none that is done."""
    alpha = world["alpha"]
    with panel_scope(alpha.panel):
        Action.objects.bulk_create(
            Action(
                panel=alpha.panel,
                text=f"Paged {n}",
                raised_on=dt.date(2023, 1, 1) + dt.timedelta(days=n % 40),
                status="completed" if n % 7 == 0 else "open",
            )
            for n in range(120)
        )
        expected = list(
            Action.objects.for_panel(alpha.panel)
            .open()
            .order_by("-raised_on", "-pk")
            .values_list("pk", flat=True)
        )
    url = reverse("workprogramme:actions", args=["alpha"])
    seen, pages = [], []
    for number in (None, 2, 3):
        response = client.get(url, {"page": number} if number else {})
        seen += [row["pk"] for row in response.context["actions"]]
        pages.append(response.context["page"])
    assert seen == expected and len(expected) > 100
    assert [p.paginator.num_pages for p in pages] == [3, 3, 3]
    assert "Page 1 of 3" in client.get(url).content.decode()
    assert client.get(url, {"page": "1"}).context["actions"][0]["pk"] == expected[0]


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


def test_each_row_of_the_tracker_links_to_its_action_and_shows_its_dates(world, client):
    """The rows are worked out in the query (workprogramme.queries._for_rows), not by the
    template's url and date filters: each link is the action's own page."""
    import re

    from django.urls import resolve
    from django.utils import timezone

    response = client.get(reverse("workprogramme:actions", args=["alpha"]))
    links = re.findall(r'href="(/alpha/actions/\d+/)"', response.content.decode())
    rows = {row["pk"]: row for row in response.context["actions"]}
    assert links and len(links) == len(rows)
    for link in links:
        match = resolve(link)
        assert match.view_name == "workprogramme:action"
        row = rows[match.kwargs["action_id"]]
        action = Action.objects.for_panel(world["alpha"].panel).get(pk=row["pk"])
        assert client.get(link).status_code == 200
        raised = action.raised_on
        assert row["raised"] == f"{raised.day} {raised:%b %Y}"
        due = action.update_due.start if action.update_due else None
        local = timezone.localtime(due).date() if due else None
        assert row["due"] == (f"{local.day} {local:%b %Y}" if local else "—")
        assert row["lead"] == action.lead_label
        assert row["status_label"] == action.get_status_display()


def test_the_tracker_and_its_csv_open_on_the_outstanding_and_a_status_reaches_the_rest(
    world, client
):
    """A tracker is the panel's outstanding business (ten years of completed actions are
    hundreds): the page and its CSV open on the open and in-progress; a status, "All" or
    "completed since the last meeting" reach the rest; the API lists them all, as it did."""
    services.action_add_note(action=world["opcc"], text="Done", status="completed", actor=None)
    url = reverse("workprogramme:actions", args=["alpha"])
    done = "OPCC to report on rural crime"
    page = client.get(url).content.decode()
    assert done not in page and "Ask for a performance appendix" in page
    assert '<option value="" selected>Outstanding</option>' in page
    for query in ("?status=completed", "?status=all", "?completed_since_last=1"):
        assert done in client.get(url + query).content.decode(), query
    assert (
        "Ask for a performance appendix"
        not in client.get(url + "?status=completed").content.decode()
    )
    csv_url = reverse("workprogramme:actions-csv", args=["alpha"])
    assert done not in client.get(csv_url).content.decode()
    assert done in client.get(csv_url + "?status=all").content.decode()
    assert done in listing(client)
