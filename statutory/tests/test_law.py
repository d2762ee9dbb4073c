"""The law, worked: each example names the paragraph it works (PRSRA 2011 is the Police Reform and
Social Responsibility Act 2011; SI 2012/2271 the Police and Crime Panels (Precepts and Chief
Constable Appointments) Regulations 2012)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from statutory.law import (
    Due,
    Duty,
    PostElectionPeriod,
    VetoedAs,
    VetoPower,
    annual_report_duties,
    appointment_decision,
    chief_constable_confirmation_ended_unreported,
    chief_constable_end_of_confirmation,
    chief_constable_report_due,
    draft_plan_duties,
    precept_timetable,
    precept_veto_effective,
    reserve_candidate_duty,
    reserve_candidate_report_due,
    response_due,
    response_without_veto,
    revised_precept_error,
    senior_appointment_report_due,
    two_thirds_of,
    veto_outcome,
    veto_threshold,
)

D = dt.date


# --- The precept: SI 2012/2271 regs 2 to 6 -------------------------------------------------


def test_it_dates_the_2015_16_precept_on_the_regulations_fixed_days_si_2012_2271_regs_3_to_6():
    """The precept for 2015/16 (considered by Warwickshire on 3 February 2015): the "relevant
    financial year" (reg 2) is 2014/15, so its February is February 2015."""
    timetable = precept_timetable(2015)
    assert [due.on for due in timetable.dues()] == [
        D(2015, 2, 1),
        D(2015, 2, 8),
        D(2015, 2, 15),
        D(2015, 2, 22),
    ]
    assert [due.cites.split(";")[0] for due in timetable.dues()] == [
        "SI 2012/2271 reg 3",
        "SI 2012/2271 reg 4(1)",
        "SI 2012/2271 reg 5(1) and (2)",
        "SI 2012/2271 reg 6",
    ]


@pytest.mark.parametrize("year", [2015, 2026])
def test_it_keeps_8_february_when_it_is_a_sunday_si_2012_2271_reg_4_1(year):
    """Reg 4(1) says "by 8th February of the relevant financial year" and nothing of weekends:
    in 2015 and in 2026 the day is a Sunday and the report is still due that day."""
    report = precept_timetable(year).report
    assert report.on == D(year, 2, 8)
    assert report.on.strftime("%A") == "Sunday"
    assert str(report) == (
        f"8 February {year}: the panel reviews the proposed precept and reports to the "
        "Commissioner (SI 2012/2271 reg 4(1); PRSRA 2011 Sch 5 para 3)"
    )


def test_it_lets_a_veto_reported_by_8_february_stand_si_2012_2271_reg_4_1():
    ruling = precept_veto_effective(financial_year=2015, reported_on=D(2015, 2, 8))
    assert ruling.holds
    assert ruling.cites == "SI 2012/2271 reg 4(1)"


def test_it_ends_the_scrutiny_after_a_late_veto_si_2012_2271_reg_4_2():
    """A veto carried on Monday 9 February 2015 comes a day late: the end of the scrutiny
    process is reached and the Commissioner may issue the proposed precept."""
    ruling = precept_veto_effective(financial_year=2015, reported_on=D(2015, 2, 9))
    assert not ruling.holds
    assert ruling.cites == "SI 2012/2271 reg 4(2)"
    assert ruling.text == (
        "The veto came too late: the panel reported on 9 February 2015, after 8 February 2015. "
        "The end of the scrutiny process is reached and, notwithstanding the veto, the "
        "Commissioner may issue the proposed precept as the precept for the financial year."
    )


def test_it_refuses_a_revised_precept_that_is_not_lower_after_a_too_high_veto_reg_5_3_a():
    proposed = Decimal("191.07")  # a Band D figure, illustrative
    assert (
        revised_precept_error(
            proposed=proposed, revised=Decimal("189.00"), vetoed_as=VetoedAs.TOO_HIGH
        )
        is None
    )
    error = revised_precept_error(
        proposed=proposed, revised=Decimal("193.00"), vetoed_as=VetoedAs.TOO_HIGH
    )
    assert error == (
        "The panel vetoed the proposed precept of £191.07 as too high, so the revised precept "
        "must be lower than £191.07; £193.00 is not (SI 2012/2271 reg 5(3)(a))."
    )
    same = revised_precept_error(proposed=proposed, revised=proposed, vetoed_as=VetoedAs.TOO_HIGH)
    assert same is not None  # equal is not lower


def test_it_refuses_a_revised_precept_that_is_not_higher_after_a_too_low_veto_reg_5_3_b():
    proposed = 31_500_000  # a precept in pounds, illustrative
    assert (
        revised_precept_error(proposed=proposed, revised=32_000_000, vetoed_as=VetoedAs.TOO_LOW)
        is None
    )
    error = revised_precept_error(proposed=proposed, revised=31_000_000, vetoed_as=VetoedAs.TOO_LOW)
    assert error == (
        "The panel vetoed the proposed precept of £31,500,000.00 as too low, so the revised "
        "precept must be higher than £31,500,000.00; £31,000,000.00 is not "
        "(SI 2012/2271 reg 5(3)(b))."
    )


def test_it_gives_no_date_for_the_response_when_there_is_no_veto_sch_5_para_5_2():
    duty = response_without_veto()
    assert isinstance(duty, Duty)
    assert duty.cites == "PRSRA 2011 Sch 5 paras 1(2)(a) and 5(2)"


# --- The required majority: PRSRA 2011 Sch 5 para 4(4), Sch 8 para 5 -------------------------


@pytest.mark.parametrize(
    ("members", "needed", "exact"),
    [(10, 7, "6⅔"), (11, 8, "7⅓"), (12, 8, "8"), (13, 9, "8⅔"), (15, 10, "10")],
)
def test_it_counts_at_least_two_thirds_of_the_members_sch_5_para_4_4(members, needed, exact):
    assert veto_threshold(members) == needed
    assert two_thirds_of(members) == exact
    assert veto_outcome(in_favour=needed, members=members, power=VetoPower.PRECEPT).carried
    assert not veto_outcome(in_favour=needed - 1, members=members, power=VetoPower.PRECEPT).carried


def test_it_words_a_carried_veto_for_the_minutes_sch_5_para_4_4():
    outcome = veto_outcome(in_favour=8, members=12, power=VetoPower.PRECEPT)
    assert outcome.text == "vetoed: 8 of 12 members in favour (two-thirds of 12 is 8)"
    assert outcome.cites == "PRSRA 2011 Sch 5 para 4(4)"


def test_it_says_why_a_veto_failed_and_that_absent_members_count_sch_5_para_4_4():
    """Seven of the nine present vote to veto on a panel of twelve: the two-thirds are of "the
    persons who are members of the panel", so seven is not enough, whoever attends."""
    outcome = veto_outcome(in_favour=7, members=12, power=VetoPower.PRECEPT)
    assert not outcome.carried
    assert outcome.text == (
        "not vetoed: 7 of 12 members in favour, fewer than the 8 needed (two-thirds of 12 is 8)"
    )


def test_it_names_the_exact_fraction_when_two_thirds_is_not_whole_sch_8_para_5():
    outcome = veto_outcome(in_favour=7, members=10, power=VetoPower.CHIEF_CONSTABLE)
    assert (
        outcome.text
        == "vetoed: 7 of 10 members in favour (two-thirds of 10 is 6⅔, so 7 are needed)"
    )
    assert outcome.cites == "PRSRA 2011 Sch 8 para 5"


def test_it_counts_co_opted_members_as_members_sch_5_para_4_4():
    """Ten councillors and two co-opted independent members are twelve members: seven votes,
    enough among the councillors alone (two-thirds of 10 is 6⅔), do not carry the veto."""
    councillors, co_opted = 10, 2
    outcome = veto_outcome(in_favour=7, members=councillors + co_opted, power=VetoPower.PRECEPT)
    assert not outcome.carried
    assert outcome.needed == 8


def test_it_does_not_count_a_vacant_seat_sch_5_para_4_4():
    """A panel of thirteen seats with one vacant has twelve members at the time of the decision:
    eight carry the veto (nine would be needed with the seat filled)."""
    seats, vacancies = 13, 1
    assert veto_outcome(in_favour=8, members=seats - vacancies, power=VetoPower.PRECEPT).carried
    assert not veto_outcome(in_favour=8, members=seats, power=VetoPower.PRECEPT).carried


def test_it_does_the_arithmetic_in_integers_sch_5_para_4_4():
    members = 3 * 10**18 + 1  # where a float's 2/3 would round wrongly
    assert veto_threshold(members) == 2 * 10**18 + 1
    with pytest.raises(ValueError):
        veto_threshold(0)
    with pytest.raises(ValueError):
        veto_outcome(in_favour=13, members=12, power=VetoPower.PRECEPT)


# --- The chief constable: PRSRA 2011 Sch 8 Part 1 ---------------------------------------------


def test_it_counts_three_weeks_beginning_with_the_day_of_notification_sch_8_para_4_6():
    due = chief_constable_report_due(notification_received_on=D(2015, 3, 2))
    assert due.on == D(2015, 3, 22)  # Monday 2 March is day 1, Sunday 22 March day 21
    assert due.cites == "PRSRA 2011 Sch 8 para 4(6)"


# The ordinary election of 5 May 2016. The period's last day is the caller's (para 4(10)(b)
# could not be read here); 12 May 2016 is illustrative.
ELECTION_2016 = PostElectionPeriod(begins=D(2016, 5, 5), ends=D(2016, 5, 12))


def test_it_ignores_a_post_election_period_for_a_notification_within_it_sch_8_para_4_9():
    """Notified on Monday 9 May 2016, inside the period: counting starts on 13 May, the day
    after it ends, and the twenty-first day is 2 June 2016 (not 29 May)."""
    due = chief_constable_report_due(
        notification_received_on=D(2016, 5, 9), post_election_periods=[ELECTION_2016]
    )
    assert due.on == D(2016, 6, 2)
    assert due.cites == (
        "PRSRA 2011 Sch 8 para 4(6), a post-election period ignored (para 4(9)–(10))"
    )


def test_it_stops_the_count_across_a_post_election_period_sch_8_para_4_9():
    """Notified on 28 April 2016: seven days run to 4 May, the eight days from the poll on 5 May
    to 12 May are ignored, and the last fourteen run from 13 to 26 May (not 18 May)."""
    due = chief_constable_report_due(
        notification_received_on=D(2016, 4, 28), post_election_periods=[ELECTION_2016]
    )
    assert due.on == D(2016, 5, 26)


def test_it_ignores_nothing_when_the_period_falls_outside_the_three_weeks_sch_8_para_4_9():
    due = chief_constable_report_due(
        notification_received_on=D(2016, 3, 1), post_election_periods=[ELECTION_2016]
    )
    assert due.on == D(2016, 3, 21)
    assert due.cites == "PRSRA 2011 Sch 8 para 4(6)"


def test_it_ends_the_confirmation_process_when_three_weeks_pass_unreported_sch_8_para_2_3():
    due = chief_constable_report_due(notification_received_on=D(2015, 3, 2))
    assert not chief_constable_confirmation_ended_unreported(
        report_due=due, today=D(2015, 3, 22)
    ).holds
    ended = chief_constable_confirmation_ended_unreported(report_due=due, today=D(2015, 3, 23))
    assert ended.holds
    assert ended.cites == "PRSRA 2011 Sch 8 para 2(2)–(3)"


def test_it_leaves_the_commissioners_decision_undated_sch_8_paras_2_and_7():
    """Para 7(3) requires the decision to be notified but gives no date; after a veto the end
    is the regulations' (SI 2012/2271 Part 3), which is not computed here."""
    assert chief_constable_end_of_confirmation(vetoed=False).cites == (
        "PRSRA 2011 Sch 8 paras 2(2)(a), 2(4) and 7(2)–(3)"
    )
    after_veto = chief_constable_end_of_confirmation(vetoed=True)
    assert "SI 2012/2271 Part 3" in after_veto.cites
    assert not hasattr(after_veto, "on")


def test_it_counts_three_weeks_for_the_reserve_candidate_too_si_2012_2271_part_3():
    """Notified of the reserve candidate on Monday 14 March 2016: day 21 is Sunday 3 April; a
    post-election period inside the three weeks is ignored as for the first candidate."""
    due = reserve_candidate_report_due(notification_received_on=D(2016, 3, 14))
    assert due.on == D(2016, 4, 3)
    assert "SI 2012/2271 Part 3" in due.cites and "no veto" in due.what
    later = reserve_candidate_report_due(
        notification_received_on=D(2016, 4, 28), post_election_periods=[ELECTION_2016]
    )
    assert later.on == D(2016, 5, 26)


def test_the_commissioners_next_steps_cite_their_paragraphs_and_invent_no_date():
    assert appointment_decision(kind="chief_constable").cites == (
        "PRSRA 2011 Sch 8 paras 2(4) and 7(2)–(3)"
    )
    assert appointment_decision(kind="senior_appointment").cites == "PRSRA 2011 Sch 1 paras 9–11"
    assert "SI 2012/2271 Part 3" in appointment_decision(kind="reserve").cites
    assert isinstance(reserve_candidate_duty(), Duty)
    assert "must not appoint the vetoed candidate" in reserve_candidate_duty().what


def test_it_rejects_a_post_election_period_ending_before_the_poll_sch_8_para_4_10():
    with pytest.raises(ValueError):
        PostElectionPeriod(begins=D(2016, 5, 5), ends=D(2016, 5, 4))


# --- Senior appointments: PRSRA 2011 Sch 1 paras 9–11 ----------------------------------------


def test_it_gives_three_weeks_for_a_senior_appointment_and_no_veto_sch_1_paras_9_to_11():
    due = senior_appointment_report_due(notification_received_on=D(2016, 5, 9))
    assert due == Due(
        on=D(2016, 5, 29),
        what=(
            "the panel holds a confirmation hearing on the proposed senior appointment and "
            "reports to the Commissioner with a recommendation"
        ),
        cites="PRSRA 2011 Sch 1 paras 9–11",
    )


# --- The plan, the annual report, reports and responses: PRSRA 2011 ss 12, 28, 29 ------------


def test_it_gives_the_draft_plan_no_date_s_28_3():
    (duty,) = draft_plan_duties()
    assert duty.cites == "PRSRA 2011 s 28(3)"
    assert not hasattr(duty, "on")


def test_it_holds_the_annual_report_meeting_as_soon_as_practicable_s_28_4():
    """Warwickshire's Annual Report 2014 was reviewed on 18 July 2014: the Act asks for the
    meeting "as soon as practicable", which no function turns into a date."""
    meeting, questions, response = annual_report_duties()
    assert meeting.when == "as soon as practicable after the panel is sent the annual report"
    assert meeting.cites == "PRSRA 2011 s 28(4)(a)"
    assert response.cites == "PRSRA 2011 s 12(4)"
    assert all(not hasattr(duty, "on") for duty in (meeting, questions, response))


def test_it_dates_a_response_only_when_the_panel_sets_the_period_s_29_3():
    undated = response_due(report_made_on=D(2014, 7, 18))
    assert isinstance(undated, Duty)
    assert undated.cites == "PRSRA 2011 s 29(3)"
    dated = response_due(report_made_on=D(2014, 7, 18), required_by=D(2014, 8, 29))
    assert isinstance(dated, Due)
    assert dated.on == D(2014, 8, 29)
    assert dated.cites == "PRSRA 2011 s 29(3)–(4), within the period the panel determined"
    with pytest.raises(ValueError):
        response_due(report_made_on=D(2014, 7, 18), required_by=D(2014, 7, 17))
