"""Confirmation hearings end to end: the chief constable (PRSRA 2011 Sch 8 Part 1; SI 2012/2271
Part 3) and the Commissioner's senior appointments (Sch 1 paras 9–11), and the precept issued by
a decision record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decisions import testing as decisions_testing
from panel.access import Role
from panel.tenancy import panel_scope
from statutory import services
from statutory.models import StatutoryCase
from statutory.testing import chief_constable, precept, vetoed_at_meeting

pytestmark = pytest.mark.django_db
S = StatutoryCase.Status
RESERVE_MARKER = "SECRET-STATUTORY-RESERVE-41c0"
D = dt.date


def _step(case, step, **inputs):
    return services.case_step(case=case, step=step, actor=None, **inputs)


def _vetoed_chief(c, in_favour=8):
    """A chief constable notified on 1 March 2016 and vetoed on 10 March by ``in_favour`` of
    the panel's twelve members."""
    case = chief_constable(c)
    v = vetoed_at_meeting(c, in_favour=in_favour, day=D(2016, 3, 10))
    with panel_scope(c.panel):
        _step(
            case,
            "report",
            made_on=D(2016, 3, 10),
            text="The panel vetoes the proposed appointment.",
            veto="appointment",
            resolution=v.resolution,
        )
        _step(case, "publish_report")
        case.refresh_from_db()
    return case


def test_a_chief_constable_is_notified_with_the_particulars_of_sch_8_para_3_2(cast):
    c = cast["alpha"]
    with panel_scope(c.panel), pytest.raises(ValidationError) as refused:
        services.case_notify(
            panel=c.panel,
            kind="chief_constable",
            title="Proposed chief constable",
            notified_on=D(2016, 3, 1),
            candidate="A Candidate",
            actor=None,
        )
    assert {"criteria", "candidate_details", "terms"} <= set(refused.value.message_dict)
    assert "Sch 8 para 3(2)" in refused.value.message_dict["terms"][0]
    with panel_scope(c.panel), pytest.raises(ValidationError) as refused:
        services.case_notify(
            panel=c.panel,
            kind="senior_appointment",
            title="Proposed chief finance officer",
            notified_on=D(2016, 3, 1),
            actor=None,
        )
    assert "candidate" in refused.value.message_dict
    case = chief_constable(c)
    # Three weeks beginning with 1 March 2016: the last day is 21 March (Sch 8 para 4(6)).
    assert "21 March 2016" in case.status_note and "Sch 8 para 4(6)" in case.status_note


def test_a_veto_of_the_chief_constable_leads_to_the_reserve_candidate_and_the_decision(cast):
    c = cast["alpha"]
    case = _vetoed_chief(c)
    assert case.status == S.VETOED
    with panel_scope(c.panel):
        report = case.reports.get()
    assert report.veto_outcome.startswith("vetoed: 8 of 12 members in favour")
    assert "Sch 8 para 5" in report.veto_outcome
    assert report.recommendation == "not_appoint"
    assert "reserve candidate" in case.status_note and "SI 2012/2271 Part 3" in case.status_note
    with panel_scope(c.panel):
        with pytest.raises(ValidationError, match="reserve candidate"):
            _step(case, "respond", received_on=D(2016, 3, 12), text="We note it.")
        with pytest.raises(ValidationError) as same:
            _step(
                case,
                "propose_reserve",
                reserve_candidate="a candidate",
                reserve_details="x",
                notified_on=D(2016, 3, 14),
            )
        assert "must not appoint the vetoed candidate" in str(same.value)
        with pytest.raises(ValidationError) as early:
            _step(
                case,
                "propose_reserve",
                reserve_candidate="B Reserve",
                reserve_details="x",
                notified_on=D(2016, 3, 9),
            )
        assert "notified_on" in early.value.message_dict
        _step(
            case,
            "propose_reserve",
            reserve_candidate="B Reserve",
            reserve_details=RESERVE_MARKER,
            notified_on=D(2016, 3, 14),
        )
        case.refresh_from_db()
        assert case.status == S.RESERVE
        # Three weeks beginning with 14 March 2016 end on 3 April.
        assert "3 April 2016" in case.status_note
        with pytest.raises(ValidationError, match="no second veto"):
            _step(case, "report", made_on=D(2016, 3, 24), text="Vetoed.", veto="appointment")
        with pytest.raises(ValidationError) as bare:
            _step(case, "report", made_on=D(2016, 3, 24), text="Reviewed.")
        assert "Sch 8 para 4(4)" in bare.value.message_dict["recommendation"][0]
        _step(
            case,
            "report",
            made_on=D(2016, 3, 24),
            text="The panel reviewed the reserve candidate.",
            recommendation="appoint",
        )
        _step(case, "publish_report")
        case.refresh_from_db()
        assert case.status == S.REPORTED
        with pytest.raises(ValidationError) as undecided:
            _step(case, "respond", received_on=D(2016, 3, 29), text="Noted.", publish=True)
        assert "Sch 8 para 7(3)" in undecided.value.message_dict["decision"][0]
        _step(
            case,
            "respond",
            received_on=D(2016, 3, 29),
            text="The Commissioner accepts the recommendation.",
            decision="accepted",
            publish=True,
        )
        case.refresh_from_db()
    assert case.status == S.CLOSED
    assert "accepted the panel's recommendation" in case.status_note
    assert "SI 2012/2271 Part 3" in case.status_note
    with panel_scope(c.panel):
        assert [r.stage for r in case.reports.order_by("made_on")] == ["first", "reserve"]


def test_a_failed_veto_leaves_the_recommendation_for_the_commissioners_decision(cast):
    c = cast["alpha"]
    case = _vetoed_chief(c, in_favour=7)
    assert case.status == S.REPORTED
    with panel_scope(c.panel):
        assert case.reports.get().veto_carried is False
    with panel_scope(c.panel):
        _step(
            case,
            "respond",
            received_on=D(2016, 3, 15),
            text="The Commissioner will appoint the candidate.",
            decision="rejected",
            publish=True,
        )
        case.refresh_from_db()
    assert case.status == S.CLOSED
    assert "rejected the panel's recommendation" in case.status_note
    assert "Sch 8 paras 2(4) and 7(2)–(3)" in case.status_note


def test_a_report_after_the_three_weeks_finds_the_process_ended_sch_8_para_2_3(cast):
    c = cast["alpha"]
    case = chief_constable(c)
    with panel_scope(c.panel):
        _step(case, "report", made_on=D(2016, 3, 22), text="Late.", recommendation="not_appoint")
        _step(case, "publish_report")
        case.refresh_from_db()
    assert case.status == S.CLOSED
    assert "21 March 2016" in case.status_note and "Sch 8 para 2(2)–(3)" in case.status_note


def test_a_senior_appointment_has_no_veto_and_ends_with_the_decision(cast):
    c = cast["alpha"]
    with panel_scope(c.panel):
        case = services.case_notify(
            panel=c.panel,
            kind="senior_appointment",
            title="Proposed chief finance officer",
            notified_on=D(2016, 6, 6),
            candidate="C Officer",
            actor=None,
        )
        assert "26 June 2016" in case.status_note and "Sch 1 paras 9–11" in case.status_note
        with pytest.raises(ValidationError) as vetoed:
            _step(case, "report", made_on=D(2016, 6, 20), text="No.", veto="appointment")
        assert "no other case is vetoed" in vetoed.value.message_dict["veto"][0]
        _step(
            case,
            "report",
            made_on=D(2016, 6, 20),
            text="After the confirmation hearing in public the panel supports the appointment.",
            recommendation="appoint",
        )
        _step(case, "publish_report")
        _step(
            case,
            "respond",
            received_on=D(2016, 6, 22),
            text="Appointed.",
            decision="accepted",
            publish=True,
        )
        case.refresh_from_db()
    assert case.status == S.CLOSED and "Sch 1 paras 9–11" in case.status_note


def test_only_an_appointment_carries_a_recommendation_or_a_decision(cast):
    c = cast["alpha"]
    case = precept(c)
    with panel_scope(c.panel), pytest.raises(ValidationError) as refused:
        _step(case, "report", made_on=D(2015, 2, 3), text="Fine.", recommendation="appoint")
    assert "recommendation" in refused.value.message_dict


def _closed_precept(c):
    case = precept(c)
    with panel_scope(c.panel):
        _step(case, "report", made_on=D(2015, 2, 3), text="The panel supports it.")
        _step(case, "publish_report")
        _step(case, "respond", received_on=D(2015, 2, 10), text="Thank you.", publish=True)
        case.refresh_from_db()
    return case


def test_the_precept_is_issued_by_a_published_decision_record_of_the_panel(cast, client):
    c = cast["alpha"]
    case = _closed_precept(c)
    theirs = decisions_testing.published(cast["beta"], title="Beta's precept")
    ours = decisions_testing.published(c, title="Issue of the precept for 2015/16")
    with panel_scope(c.panel):
        for number in (theirs.number + 50, theirs.number + 100):
            with pytest.raises(ValidationError) as missing:
                _step(
                    case,
                    "issue",
                    issued_precept=Decimal("196.83"),
                    issued_on=D(2015, 2, 20),
                    decision_number=number,
                )
            assert "decision_number" in missing.value.message_dict
        _step(
            case,
            "issue",
            issued_precept=Decimal("196.83"),
            issued_on=D(2015, 2, 20),
            decision_number=ours.number,
        )
    page = client.get(reverse("statutory:case", args=["alpha", case.number])).content.decode()
    assert f"{c.panel.decision_prefix} {ours.number:04d}" in page
    assert "Issue of the precept for 2015/16" in page
    assert reverse("decisions:decision", args=["alpha", ours.number]) in page


@pytest.mark.parametrize(
    "who,sees",
    [
        (None, False),
        (("alpha", Role.MEMBER), True),
        (("alpha", Role.CLERK), True),
        (("alpha", Role.OPCC_OFFICER), True),
        (("alpha", Role.COMPLAINTS_HANDLER), False),
        (("beta", Role.CLERK), False),
        (("beta", Role.OPCC_OFFICER), False),
    ],
)
def test_the_reserve_candidates_material_reaches_only_those_entitled(cast, client_for, who, sees):
    c = cast["alpha"]
    case = _vetoed_chief(c)
    with panel_scope(c.panel):
        _step(
            case,
            "propose_reserve",
            reserve_candidate="B Reserve",
            reserve_details=RESERVE_MARKER,
            notified_on=D(2016, 3, 14),
        )
    client = client_for(cast.user(*who) if who else None)
    page = client.get(reverse("statutory:case", args=["alpha", case.number])).content.decode()
    api = client.get(reverse("api:statutory:case", args=["alpha", case.number])).content.decode()
    assert "B Reserve" in page and "B Reserve" in api
    assert (RESERVE_MARKER in page) is sees and (RESERVE_MARKER in api) is sees


def test_the_opcc_proposes_the_reserve_and_issues_the_precept_through_the_api(cast, client_for):
    c = cast["alpha"]
    case = _vetoed_chief(c)
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    url = reverse("api:statutory:case-reserve", args=["alpha", case.number])
    bad = client.post(url, {"reserve_candidate": "", "notified_on": "soon"})
    assert bad.status_code == 400
    assert {"reserve_candidate", "notified_on", "reserve_details"} <= set(bad.json())
    good = client.post(
        url,
        {"reserve_candidate": "B Reserve", "notified_on": "2016-03-14", "reserve_details": "Why."},
    )
    assert good.status_code == 200, good.content
    assert good.json()["status"] == "reserve" and good.json()["reserve_candidate"] == "B Reserve"
    again = client.post(
        url, {"reserve_candidate": "C Other", "notified_on": "2016-03-15", "reserve_details": "Y"}
    )
    assert again.status_code == 400  # the case has moved on: a clear error, not a 500

    issued = _closed_precept(c)
    decision = decisions_testing.published(c, title="Issue of the precept")
    issue = reverse("api:statutory:case-issue", args=["alpha", issued.number])
    done = client.post(
        issue,
        {"issued_precept": "196.83", "issued_on": "2015-02-20", "decision_number": decision.number},
    )
    assert done.status_code == 200, done.content
    assert done.json()["issued_precept"] == "196.83"
    assert done.json()["decision_number"] == decision.number
    member = client_for(cast.user("alpha", Role.MEMBER))
    assert member.post(issue, {"issued_precept": "1", "issued_on": "2015-02-21"}).status_code == 404
