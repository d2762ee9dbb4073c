"""The register's queries, the clerk's report form, the change history and its actor."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from panel.access import Role, forget_roles
from panel.tenancy import panel_scope
from statutory import services
from statutory.models import PanelReport
from statutory.testing import CANDIDATE_MARKER, DRAFT_MARKER, precept

pytestmark = pytest.mark.django_db
DRAFT, CANDIDATE = DRAFT_MARKER, CANDIDATE_MARKER


def _tables(queries):
    return [m[1] if (m := re.search(r'FROM "([a-z_]+)"', q["sql"])) else "" for q in queries]


def test_the_register_asks_the_same_queries_whatever_the_rows(world, cast, client):
    member = cast.user("alpha", Role.MEMBER)
    client.force_login(member)

    def read():
        forget_roles(member)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("statutory:register", args=["alpha"])).status_code == 200
        return _tables(captured.captured_queries)

    few = read()
    for year in range(2018, 2030):
        precept(cast["alpha"], year=year)
    assert read() == few
    # the cases, their reports (with the resolution, item and meeting), their documents (with
    # their files), the attendance required (with its meeting), their responses
    assert [t for t in few if t.startswith("statutory_")] == [
        "statutory_statutorycase",
        "statutory_panelreport",
        "statutory_casedocument",
        "statutory_attendancerequirement",
        "statutory_commissionerresponse",
    ]


def test_the_change_history_shows_reports_to_the_clerk_and_responses_to_the_opcc(
    world, cast, client_for
):
    c = cast["alpha"]
    with panel_scope(c.panel):
        services.case_step(
            case=world["vetoed"],
            step="respond",
            actor=None,
            received_on=dt.date(2015, 2, 12),
            text="DRAFT-RESPONSE-TEXT",
            revised_precept=Decimal("180.00"),
        )
    url = reverse("publishing:history", args=["alpha"])
    clerk = client_for(cast.user("alpha", Role.CLERK)).get(url + "?kind=panel_report")
    assert DRAFT in clerk.content.decode()
    opcc = client_for(cast.user("alpha", Role.OPCC_OFFICER)).get(
        url + "?kind=commissioner_response"
    )
    assert "DRAFT-RESPONSE-TEXT" in opcc.content.decode()
    clerk = client_for(cast.user("alpha", Role.CLERK)).get(url + "?kind=commissioner_response")
    assert "DRAFT-RESPONSE-TEXT" not in clerk.content.decode()
    member = client_for(cast.user("alpha", Role.MEMBER)).get(url)
    assert member.status_code == 404


def test_the_clerks_report_form_shows_the_laws_refusal_on_its_field(world, cast, client_for):
    clerk = client_for(cast.user("alpha", Role.CLERK))
    case = world["drafted"]
    case.refresh_from_db()
    url = reverse("statutory:case-report", args=["alpha", case.number])
    data = {"made_on": "2016-02-02", "text": "Vetoed.", "veto": "too_high", "version": case.version}
    response = clerk.post(url, data)
    assert response.status_code == 400
    assert "required majority" in response.content.decode()
    data["version"] = case.version - 1
    stale = clerk.post(url, {**data, "veto": "none"})
    assert stale.status_code == 400 and "Someone else changed" in stale.content.decode()


def test_a_step_taken_on_the_page_names_its_actor_in_the_history(world, cast, client_for):
    clerk = cast.user("alpha", Role.CLERK)
    case = world["drafted"]
    case.refresh_from_db()
    url = reverse("statutory:case-step", args=["alpha", case.number, "publish_report"])
    assert client_for(clerk).post(url, {"version": case.version}).status_code == 302
    with panel_scope(cast["alpha"].panel):
        record = PanelReport.history.filter(id__in=case.reports.values("pk")).latest("history_date")
    assert record.history_user == clerk and record.published_at is not None


def test_the_overview_shows_what_is_overdue_and_due_next_for_this_panel_only(world, client):
    page = client.get(reverse("panel:home", args=["alpha"])).content.decode()
    assert "Statutory business" in page and "Overdue" in page
    # The vetoed precept waits for the revised precept, due 15 February (SI 2012/2271 reg 5(1)).
    assert "15 February 2015" in page and "reg 5(1)" in page
    assert (
        "Proposed appointment of the chief constable" in page
    )  # its report, three weeks from notification
    other = client.get(reverse("panel:home", args=["beta"])).content.decode()
    assert "Statutory business" not in other


def test_the_work_programme_shows_the_years_statutory_dates_without_typing_them(world, client):
    url = reverse("workprogramme:work-programme", args=["alpha"])
    page = client.get(url, {"year": "2014/15"}).content.decode()
    # The precept for 2015/16 is scrutinised in February 2015 (SI 2012/2271 regs 3, 4(1), 5(1)).
    for day in ("1 February 2015", "8 February 2015", "15 February 2015"):
        assert day in page
    assert "reg 4(1)" in page and "Proposed precept" in page  # the year's case, linked
    # The chief constable case notified on 1 March 2016: its report is due in 2015/16.
    later = client.get(url, {"year": "2015/16"}).content.decode()
    assert "Proposed appointment of the chief constable" in later and "8 February 2016" in later
    assert client.get(url, {"year": "nonsense"}).status_code == 404  # not a municipal year
