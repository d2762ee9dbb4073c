"""The precept case end to end in the services, with the law's worked examples."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from panel.access import PUBLIC
from panel.services import StaleEdit
from panel.tenancy import panel_scope
from statutory import queries, services
from statutory.models import StatutoryCase
from statutory.testing import precept, vetoed_at_meeting

pytestmark = pytest.mark.django_db
S = StatutoryCase.Status


def _report(case, v, *, made_on=dt.date(2015, 2, 3), veto="too_high", actor=None):
    services.case_step(
        case=case,
        step="report",
        actor=actor,
        made_on=made_on,
        text="The panel reviewed the proposed precept.",
        veto=veto,
        resolution=v.resolution if v else None,
    )
    return services.case_step(case=case, step="publish_report", actor=actor)


def test_it_numbers_cases_per_panel_and_computes_the_report_due(cast):
    first, second = precept(cast["alpha"]), precept(cast["alpha"], year=2016)
    other = precept(cast["beta"])
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert first.status == S.NOTIFIED
    # 8 February 2015 is a Sunday and still the day (SI 2012/2271 reg 4(1)).
    assert "8 February 2015" in first.status_note and "reg 4(1)" in first.status_note


def test_it_vetoes_by_8_of_12_with_the_minutes_wording_sch_5_para_4_4(cast):
    c = cast["alpha"]
    case = precept(c)
    v = vetoed_at_meeting(c, in_favour=8)
    with panel_scope(c.panel):
        report = _report(case, v)
        case.refresh_from_db()
    assert report.veto_carried is True
    assert report.veto_outcome.startswith(
        "vetoed: 8 of 12 members in favour (two-thirds of 12 is 8)"
    )
    assert case.status == S.VETOED
    assert "15 February 2015" in case.status_note


def test_it_fails_a_veto_of_7_of_12_whoever_attends(cast):
    c = cast["alpha"]
    case = precept(c)
    v = vetoed_at_meeting(c, in_favour=7)
    with panel_scope(c.panel):
        report = _report(case, v)
        case.refresh_from_db()
    assert report.veto_carried is False
    assert "not vetoed: 7 of 12" in report.veto_outcome
    assert case.status == S.REPORTED


def test_a_late_veto_ends_the_process_reg_4_2(cast):
    c = cast["alpha"]
    case = precept(c)
    v = vetoed_at_meeting(c, in_favour=10, day=dt.date(2015, 2, 9))
    with panel_scope(c.panel):
        report = _report(case, v, made_on=dt.date(2015, 2, 9))
        case.refresh_from_db()
    assert report.veto_carried is True
    assert case.status == S.CLOSED
    assert "reg 4(2)" in case.status_note and "notwithstanding the veto" in case.status_note


def test_it_refuses_a_revised_precept_in_the_wrong_direction_reg_5_3(cast):
    c = cast["alpha"]
    case = precept(c)
    v = vetoed_at_meeting(c, in_favour=9)
    with panel_scope(c.panel):
        _report(case, v)
        for wrong in (Decimal("200.00"), Decimal("196.83")):
            with pytest.raises(ValidationError) as error:
                services.case_step(
                    case=case,
                    step="respond",
                    actor=None,
                    received_on=dt.date(2015, 2, 12),
                    text="A revised precept.",
                    revised_precept=wrong,
                )
            message = error.value.message_dict["revised_precept"][0]
            assert "must be lower than £196.83" in message and "reg 5(3)(a)" in message


def test_the_whole_precept_scrutiny_veto_revised_report_issue(cast):
    c = cast["alpha"]
    case = precept(c)
    v = vetoed_at_meeting(c, in_favour=8)
    with panel_scope(c.panel):
        _report(case, v)
        services.case_step(
            case=case,
            step="respond",
            actor=None,
            received_on=dt.date(2015, 2, 12),
            text="The Commissioner revises the precept.",
            revised_precept=Decimal("193.00"),
            publish=True,
        )
        case.refresh_from_db()
        assert case.status == S.REVISED and "22 February 2015" in case.status_note
        with pytest.raises(ValidationError) as error:
            _report(case, v, made_on=dt.date(2015, 2, 19), veto="too_high")
        assert "no second veto" in str(error.value)
        _report(case, None, made_on=dt.date(2015, 2, 19), veto="none")
        case.refresh_from_db()
        assert case.status == S.REVISED_REPORTED
        services.case_step(
            case=case,
            step="issue",
            actor=None,
            issued_precept=Decimal("193.00"),
            issued_on=dt.date(2015, 2, 24),
        )
        case.refresh_from_db()
    assert case.status == S.CLOSED and case.issued_precept == Decimal("193.00")


def test_a_report_without_veto_is_closed_by_the_response(cast):
    c = cast["alpha"]
    case = precept(c)
    with panel_scope(c.panel):
        _report(case, None, veto="none")
        services.case_step(
            case=case,
            step="respond",
            actor=None,
            received_on=dt.date(2015, 2, 10),
            text="Thank you.",
            publish=True,
        )
        case.refresh_from_db()
    assert case.status == S.CLOSED


def test_a_veto_needs_a_recorded_vote(cast):
    c = cast["alpha"]
    case = precept(c)
    with panel_scope(c.panel), pytest.raises(ValidationError) as error:
        _report(case, None)
    assert "resolution" in error.value.message_dict


def test_it_refuses_a_stale_step_and_another_panels_resolution(cast):
    c = cast["alpha"]
    case = precept(c)
    v = vetoed_at_meeting(cast["beta"], in_favour=8)
    with panel_scope(c.panel):
        with pytest.raises(StaleEdit):
            services.case_step(
                case=case,
                step="report",
                actor=None,
                made_on=dt.date(2015, 2, 3),
                text="x",
                expected_version=case.version + 5,
            )
        with pytest.raises(ValidationError) as error:
            _report(case, v)
        assert "resolution" in error.value.message_dict


def test_members_on_the_day_count_co_opted_and_not_vacancies(cast):
    c = cast["alpha"]
    v = vetoed_at_meeting(c, in_favour=0, members=11)
    with panel_scope(c.panel):
        assert services.panel_members_on(c.panel, dt.date(2015, 2, 3)) == 11
        assert services.panel_members_on(c.panel, dt.date(2014, 1, 1)) == 0
    assert len(v.members) == 11


def test_the_panel_sets_the_date_for_a_written_response_s_29_3(cast):
    """The Act fixes no period: the date is the panel's, and the register counts from it."""

    c = cast["alpha"]
    with panel_scope(c.panel):
        case = services.case_notify(
            panel=c.panel,
            kind="other_report",
            title="Estates strategy",
            notified_on=dt.date(2015, 6, 1),
            actor=None,
        )
        with pytest.raises(ValidationError) as early:
            services.case_step(
                case=case,
                step="report",
                actor=None,
                made_on=dt.date(2015, 6, 10),
                text="The panel recommends a review.",
                response_required_by=dt.date(2015, 6, 10),
            )
        assert "response_required_by" in early.value.message_dict
        services.case_step(
            case=case,
            step="report",
            actor=None,
            made_on=dt.date(2015, 6, 10),
            text="The panel recommends a review.",
            response_required_by=dt.date(2015, 7, 10),
        )
        services.case_step(case=case, step="publish_report", actor=None)
        case.refresh_from_db()
        assert "10 July 2015" in case.status_note and "s 29(3)–(4)" in case.status_note
        rows = {
            r["case"]["number"]: r for r in queries.register(PUBLIC, c.panel, dt.date(2015, 7, 11))
        }
        assert rows[case.number]["status"] == "response overdue"
        rows = {
            r["case"]["number"]: r for r in queries.register(PUBLIC, c.panel, dt.date(2015, 7, 10))
        }
        assert rows[case.number]["status"] == "awaiting response"
        precept_case = precept(c)
        with pytest.raises(ValidationError) as refused:
            services.case_step(
                case=precept_case,
                step="report",
                actor=None,
                made_on=dt.date(2015, 2, 3),
                text="Fine.",
                response_required_by=dt.date(2015, 3, 3),
            )
        assert "law sets" in refused.value.message_dict["response_required_by"][0]
