"""The reports register, a case, the forms and the API: who sees and does what, the API's 400s,
and the register's queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from panel.access import Role, forget_roles
from panel.tenancy import panel_scope
from statutory import services
from statutory.models import PanelReport, StatutoryCase
from statutory.testing import precept, vetoed_at_meeting

pytestmark = pytest.mark.django_db
DRAFT = "SECRET-STATUTORY-DRAFT-REPORT-5e1d"
CANDIDATE = "SECRET-STATUTORY-CANDIDATE-77aa"


@pytest.fixture
def world(cast):
    """Alpha: a precept vetoed by a published report, and a second with a draft report; a chief
    constable case with a candidate's personal material."""
    c = cast["alpha"]
    vetoed, drafted = precept(c), precept(c, year=2016, notified_on=dt.date(2016, 1, 25))
    v = vetoed_at_meeting(c, in_favour=8)
    with panel_scope(c.panel):
        services.case_step(
            case=vetoed,
            step="report",
            actor=None,
            made_on=dt.date(2015, 2, 3),
            text="The panel vetoes it.",
            veto="too_high",
            resolution=v.resolution,
        )
        services.case_step(case=vetoed, step="publish_report", actor=None)
        services.case_step(
            case=drafted, step="report", actor=None, made_on=dt.date(2016, 2, 2), text=DRAFT
        )
        services.case_notify(
            panel=c.panel,
            kind="chief_constable",
            title="Proposed chief constable",
            notified_on=dt.date(2016, 3, 1),
            candidate="A Candidate",
            candidate_details=CANDIDATE,
            actor=None,
        )
    return {"vetoed": vetoed, "drafted": drafted}


def _get(client_for, user, name, *args):
    return client_for(user).get(reverse(name, args=["alpha", *args]))


@pytest.mark.parametrize(
    "who,sees_draft,sees_candidate",
    [
        (None, False, False),
        (("alpha", Role.CLERK), True, True),
        (("alpha", Role.MEMBER), False, True),
        (("alpha", Role.OPCC_OFFICER), False, True),
        (("alpha", Role.COMPLAINTS_HANDLER), False, False),
        (("beta", Role.CLERK), False, False),
        (("beta", Role.OPCC_OFFICER), False, False),
    ],
)
def test_each_reader_sees_what_the_policy_allows(
    world, cast, client_for, who, sees_draft, sees_candidate
):
    user = cast.user(*who) if who else None
    register = _get(client_for, user, "statutory:register").content.decode()
    assert "vetoed: 8 of 12 members in favour (two-thirds of 12 is 8)" in register
    pages = [register]
    for case in StatutoryCase.objects.for_panel(cast["alpha"].panel):
        pages.append(_get(client_for, user, "statutory:case", case.number).content.decode())
        pages.append(_get(client_for, user, "api:statutory:case", case.number).content.decode())
    pages.append(_get(client_for, user, "api:statutory:cases").content.decode())
    pages.append(_get(client_for, user, "statutory:register-feed").content.decode())
    text = "\n".join(pages)
    assert (DRAFT in text) is sees_draft
    assert (CANDIDATE in text) is sees_candidate


def test_the_forms_are_for_their_role_only(world, cast, client_for):
    number = world["drafted"].number
    forms = {
        ("statutory:case-notify",): Role.OPCC_OFFICER,
        ("statutory:case-report", number): Role.CLERK,
        ("statutory:case-respond", world["vetoed"].number): Role.OPCC_OFFICER,
    }
    for (name, *args), role in forms.items():
        assert _get(client_for, None, name, *args).status_code == 302  # sign in first
        for panel in ("alpha", "beta"):
            for other in Role:
                status = _get(client_for, cast.user(panel, other), name, *args).status_code
                assert status == (200 if (panel, other) == ("alpha", role) else 404), (name, other)


def test_the_opcc_notifies_and_responds_by_token_and_gets_field_errors(world, cast, client):
    token = Token.objects.create(user=cast.user("alpha", Role.OPCC_OFFICER))
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    url = reverse("api:statutory:cases", args=["alpha"])
    bad = client.post(url, {"kind": "precept", "title": "P", "notified_on": "2017-01-30"})
    assert bad.status_code == 400 and "financial_year" in bad.json()
    bad = client.post(url, {"kind": "nonsense", "title": "", "notified_on": "x"})
    assert bad.status_code == 400 and {"kind", "title", "notified_on"} <= set(bad.json())
    good = client.post(
        url,
        {
            "kind": "precept",
            "title": "Proposed precept 2017/18",
            "notified_on": "2017-01-30",
            "financial_year": 2017,
            "proposed_precept": "200.00",
        },
    )
    assert good.status_code == 201 and good.json()["status"] == "notified"
    respond = reverse("api:statutory:case-respond", args=["alpha", world["vetoed"].number])
    wrong = client.post(
        respond, {"received_on": "2015-02-12", "text": "Revised.", "revised_precept": "199.99"}
    )
    assert wrong.status_code == 400
    assert "reg 5(3)(a)" in wrong.json()["revised_precept"][0]
    right = client.post(
        respond, {"received_on": "2015-02-12", "text": "Revised.", "revised_precept": "193.00"}
    )
    assert right.status_code == 200 and right.json()["status"] == "revised"


def test_nobody_else_notifies_or_responds_through_the_api(world, cast, client_for):
    url = reverse("api:statutory:cases", args=["alpha"])
    data = {"kind": "other_report", "title": "A report", "notified_on": "2017-01-30"}
    for user in [None, cast.user("alpha", Role.CLERK), cast.user("beta", Role.OPCC_OFFICER)]:
        assert client_for(user).post(url, data).status_code == 404
    assert StatutoryCase.objects.for_panel(cast["alpha"].panel).count() == 3


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
    # the cases, their reports (with the resolution, item and meeting), their responses
    assert [t for t in few if t.startswith("statutory_")] == [
        "statutory_statutorycase",
        "statutory_panelreport",
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
