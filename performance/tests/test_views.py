"""The plan's pages, downloads and the office's and clerk's screens."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from panel.access import Role
from panel.tenancy import panel_scope
from performance import services
from performance.models import Figure, Measure, Return

from .conftest import DRAFT

pytestmark = pytest.mark.django_db


def _get(client, name, *args):
    return client.get(reverse(f"performance:{name}", args=["alpha", *args]))


def test_the_public_reads_the_chart_its_description_and_a_table_of_the_same_numbers(world, client):
    page = _get(client, "measure", "2013-17", "victim-satisfaction")
    html = page.content.decode()
    assert page.status_code == 200
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    # The site's CSP (style-src 'self') refuses inline styles: the chart carries none.
    assert "<style" not in svg and " style=" not in svg and "<script" not in svg
    title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg).groups()
    assert f'id="{title_id}"' in svg and f'id="{desc_id}"' in svg
    assert "<title" in svg and "<desc" in svg and "Victim satisfaction" in svg
    table = re.search(r"<table.*?</table>", html[html.index("</svg>") :], re.S).group(0)
    assert "2014/15 Q1" in table and "80%" in table and "83.5%" in table
    assert not {"7777", "7,777", "8888", "8,888"} & set(re.findall(r"[\d,]+", html))


def test_a_quarter_without_a_figure_reads_as_missing_in_the_table(world, client):
    html = _get(client, "measure", "2013-17", "burglaries").content.decode()
    q2 = html.index("2014/15 Q2</th>")
    assert "No figure" in html[q2 : q2 + 200]
    assert "Lower is better" in html


def test_draft_and_submitted_returns_reach_only_the_office_and_the_clerk(world, cast, client_for):
    for user, status in [
        (None, 404),
        (cast.user("alpha", Role.MEMBER), 404),
        (cast.user("beta", Role.OPCC_OFFICER), 404),
        (cast.user("beta", Role.CLERK), 404),
        (cast.user("alpha", Role.OPCC_OFFICER), 200),
        (cast.user("alpha", Role.CLERK), 200),
    ]:
        client = client_for(user)
        for r in (world["draft"], world["submitted"]):
            assert _get(client, "quarter", "2013-17", r.key).status_code == status
        for name, args in [
            ("plan", ["2013-17"]),
            ("priority", ["2013-17", "protecting-people-from-harm"]),
            ("measure", ["2013-17", "burglaries"]),
            ("data-csv", ["2013-17"]),
            ("data-json", ["2013-17"]),
            ("measure-csv", ["2013-17", "burglaries"]),
            ("money", ["2013-17"]),
        ]:
            body = _get(client, name, *args).content.decode()
            leaked = ("8888", "8,888", "7777", "7,777", DRAFT)
            assert not [x for x in leaked if x in body], (user, name)


def test_the_downloads_carry_every_published_figure_and_blank_for_missing(world, client):
    csv = _get(client, "data-csv", "2013-17").content.decode().splitlines()
    assert csv[0].startswith("priority,measure,title,unit")
    assert any(",burglaries," in r and "2014/15 Q2" in r and r.endswith(",,") for r in csv)
    data = _get(client, "data-json", "2013-17").json()
    values = {(f["measure"], f["quarter"]): f["value"] for f in data["figures"]}
    assert values[("victim-satisfaction", "2014/15 Q2")] == "83.50"
    assert values[("burglaries", "2014/15 Q2")] is None


def test_the_office_loads_a_csv_and_a_bad_row_is_named_and_nothing_saved(world, cast, client_for):
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    draft = world["draft"]
    url = reverse("performance:return-csv", args=["alpha", "2013-17", draft.key])
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("q4.csv", b"measure,value\nburglaries,2100\nvictim-satisfaction,abc\n")
    page = client.post(url, {"file": bad, "version": draft.version})
    assert page.status_code == 400
    assert "Row 3, value: “abc” is not a number." in page.content.decode()
    with panel_scope(draft.panel_id):
        assert Figure.objects.for_panel(draft.panel_id).get(of_return=draft).value == 8888
    good = SimpleUploadedFile("q4.csv", b"measure,value\nburglaries,2100\n")
    assert client.post(url, {"file": good, "version": draft.version}).status_code == 302
    with panel_scope(draft.panel_id):
        assert Figure.objects.for_panel(draft.panel_id).get(of_return=draft).value == 2100


def test_the_office_submits_and_the_clerk_publishes(world, cast, client_for):
    r = world["draft"]
    office = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    step = reverse("performance:return-step", args=["alpha", "2013-17", r.key, "publish"])
    assert office.post(step, {"version": r.version}).status_code == 404  # not the office's step
    submit = reverse("performance:return-step", args=["alpha", "2013-17", r.key, "submit"])
    assert office.post(submit, {"version": r.version}).status_code == 302
    clerk = client_for(cast.user("alpha", Role.CLERK))
    assert clerk.post(step, {"version": r.version + 1}).status_code == 302
    r.refresh_from_db()
    assert r.status == Return.Status.PUBLISHED
    assert "8,888" in _get(client_for(None), "measure", "2013-17", "burglaries").content.decode()


def test_the_figures_form_refuses_bad_input_and_keeps_what_was_typed(world, cast, client_for):
    r = world["draft"]
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    url = reverse("performance:return-edit", args=["alpha", "2013-17", r.key])
    page = client.post(
        url, {"version": r.version, "m-victim-satisfaction": "140", "m-burglaries": "2000"}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "a percentage cannot be more than 100" in html and 'value="2000"' in html
    stale = client.post(url, {"version": r.version - 1 or 99, "m-burglaries": "1"})
    assert stale.status_code == 400 and "Someone else changed" in stale.content.decode()


def test_a_member_raises_a_question_from_a_measure_and_sees_the_answer(world, cast, client_for):
    member = client_for(cast.user("alpha", Role.MEMBER))
    url = reverse(
        "performance:question-raise", args=["alpha", "2013-17", "protecting-people-from-harm"]
    )
    member.post(url, {"measure": "burglaries", "kind": "question", "text": "Why the gap in Q2?"})
    from workprogramme import services as tracker
    from workprogramme.models import Action

    with panel_scope(world["plan"].panel_id):
        action = Action.objects.for_panel(world["plan"].panel_id).get()
        tracker.action_add_note(
            action=action,
            text="The Q2 count was late from the force.",
            status="in_progress",
            actor=cast.user("alpha", Role.OPCC_OFFICER),
        )
    html = _get(client_for(None), "measure", "2013-17", "burglaries").content.decode()
    assert "Why the gap in Q2?" in html and "The Q2 count was late from the force." in html
    outsider = client_for(cast.user("beta", Role.MEMBER))
    assert outsider.post(url, {"kind": "question", "text": "x"}).status_code == 404


def test_the_dashboard_asks_the_same_queries_for_two_measures_or_twenty(world, cast, client):
    plan = world["plan"]

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert (
                _get(client, "priority", "2013-17", "protecting-people-from-harm").status_code
                == 200
            )
        return len(captured)

    few = count()
    with panel_scope(plan.panel_id):
        priority = plan.priorities.get()
        for n in range(18):
            m = services.measure_add(
                priority=priority,
                title=f"Measure {n}",
                unit=Measure.Unit.COUNT,
                good_direction="up",
                actor=None,
            )
            Figure.objects.create(panel_id=plan.panel_id, of_return=world["q1"], measure=m, value=n)
    assert count() == few


def test_the_overview_names_late_returns_for_the_office_and_the_clerk_only(world, cast, client_for):
    home = reverse("panel:home", args=["alpha"])
    clerk = client_for(cast.user("alpha", Role.CLERK)).get(home).content.decode()
    assert "figures published to 2014/15 Q2" in clerk
    assert "2013/14 Q1</a>" not in clerk and "2013/14 Q1: no return" in clerk
    assert "2014/15 Q3</a>: submitted to the panel" in clerk and "To publish" in clerk
    for user in (None, cast.user("alpha", Role.MEMBER), cast.user("beta", Role.CLERK)):
        page = client_for(user).get(home).content.decode()
        assert "figures published to 2014/15 Q2" in page
        assert "needing attention" not in page and "2014/15 Q3" not in page


def test_the_clerk_records_a_variation_naming_the_review_case(world, cast, client_for):
    from statutory import services as statutory_services

    alpha = cast["alpha"]
    with panel_scope(alpha.panel):
        case = statutory_services.case_notify(
            panel=alpha.panel,
            kind="plan_variation",
            title="Variation of the plan",
            notified_on=dt.date(2015, 1, 5),
            actor=None,
        )
    client = client_for(cast.user("alpha", Role.CLERK))
    manage = reverse("performance:plan-manage", args=["alpha", "2013-17"])
    assert "Variation of the plan" in client.get(manage).content.decode()
    with panel_scope(alpha.panel):
        burglaries = Measure.objects.for_panel(alpha.panel).get(slug="burglaries")
    url = reverse("performance:plan-change", args=["alpha", "2013-17", "vary"])
    data = {"adopted_on": "2015-04-01", "summary": "Burglary folded in", "review_case": case.pk}
    client.post(url, {**data, "withdraw": [burglaries.pk]})
    page = _get(client_for(None), "plan", "2013-17").content.decode()
    assert "Version 2, 1 April 2015: Burglary folded in" in page and f"case {case.number}" in page
    assert "Domestic burglaries" not in page
    assert client_for(cast.user("alpha", Role.MEMBER)).post(url, data).status_code == 404
