"""complaints.law worked by example, each test naming the provision it works."""

from __future__ import annotations

import datetime as dt

import holidays

from complaints import law

D = dt.date


def test_it_names_the_ipcc_before_8_january_2018_and_the_iopc_from_it_pca_2017_s_33():
    assert law.oversight_body(D(2018, 1, 7)).short == "IPCC"
    assert law.oversight_body(D(2018, 1, 7)).name == "Independent Police Complaints Commission"
    assert law.oversight_body(D(2018, 1, 8)).short == "IOPC"
    assert law.oversight_body(D(2018, 1, 8)).name == "Independent Office for Police Conduct"


def test_it_dues_the_referral_by_the_end_of_the_day_following_reg_13():
    # Clear on Tuesday 14 March 2017: refer by the end of Wednesday 15 March, to the IPCC.
    due = law.referral_due(became_clear_on=D(2017, 3, 14))
    assert (due.on, due.cites) == (D(2017, 3, 15), "SI 2012/62 reg 13")
    assert due.what == "Refer the serious complaint to the IPCC by the end of this day"


def test_it_counts_calendar_days_over_a_weekend_and_a_bank_holiday_reg_13():
    # "The day following" is not a working day: Friday 5 January 2018 gives Saturday 6 January.
    assert law.referral_due(became_clear_on=D(2018, 1, 5)).on == D(2018, 1, 6)
    # Christmas Eve 2019 gives Christmas Day, a bank holiday in England and Wales, unmoved.
    christmas = D(2019, 12, 25)
    assert christmas in holidays.country_holidays("GB", subdiv="ENG", years=2019)
    assert law.referral_due(became_clear_on=D(2019, 12, 24)).on == christmas


def test_it_names_the_body_of_the_day_the_referral_is_due_reg_13():
    # Clear on Sunday 7 January 2018 (the IPCC's last day): due Monday 8 January, to the IOPC.
    due = law.referral_due(became_clear_on=D(2018, 1, 7), conduct_matter=True)
    assert due.on == D(2018, 1, 8)
    assert due.what == "Refer the conduct matter to the IOPC by the end of this day"


def test_it_finds_more_than_12_months_elapsed_reg_15_3_b():
    incident = D(2016, 6, 10)
    assert law.late_complaint_window(incident).on == D(2017, 6, 10)
    assert law.late_complaint_window(incident).cites == "SI 2012/62 reg 15(3)(b)"
    assert not law.more_than_twelve_months(latest_incident_on=incident, made_on=D(2017, 6, 10))
    assert law.more_than_twelve_months(latest_incident_on=incident, made_on=D(2017, 6, 11))
    # 29 February 2016: twelve months end on 28 February 2017.
    assert law.twelve_months_after(D(2016, 2, 29)) == D(2017, 2, 28)


def test_it_gives_the_duties_without_a_date_in_the_regulations_words_regs_10_and_16():
    assert law.not_recorded_duty().cites == "SI 2012/62 reg 10(2)"
    assert "grounds" in law.not_recorded_duty().what
    assert law.withdrawal_duty() == law.Duty(
        "Record the withdrawal forthwith", "SI 2012/62 reg 16(1)"
    )
    to_ipcc = law.withdrawal_notice_to_commission_duty(D(2017, 5, 1))
    assert to_ipcc.cites == "SI 2012/62 reg 16(3)" and "IPCC" in to_ipcc.what
