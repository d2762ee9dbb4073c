"""The law of the panel's statutory powers, computed and cited: pure functions on dates and
numbers, no Django. Every date comes back as a ``Due`` with its citation; where the law gives
no date, a ``Duty`` says so in its words. The texts quoted are those found on
legislation.gov.uk (and the Bill as printed); docs/architecture.md, "The law, computed", lists
each rule, and what could not be read.
"""

from .appointments import (
    PostElectionPeriod,
    appointment_decision,
    chief_constable_confirmation_ended_unreported,
    chief_constable_end_of_confirmation,
    chief_constable_report_due,
    reserve_candidate_duty,
    reserve_candidate_report_due,
    senior_appointment_report_due,
)
from .precept import (
    PreceptTimetable,
    VetoedAs,
    precept_timetable,
    precept_veto_effective,
    response_without_veto,
    revised_precept_error,
)
from .scrutiny import annual_report_duties, attendance_due, draft_plan_duties, response_due
from .terms import Due, Duty, Ruling, long_date
from .votes import VetoOutcome, VetoPower, two_thirds_of, veto_outcome, veto_threshold

__all__ = [
    "Due",
    "Duty",
    "PostElectionPeriod",
    "PreceptTimetable",
    "Ruling",
    "VetoOutcome",
    "VetoPower",
    "VetoedAs",
    "annual_report_duties",
    "appointment_decision",
    "attendance_due",
    "chief_constable_confirmation_ended_unreported",
    "chief_constable_end_of_confirmation",
    "chief_constable_report_due",
    "draft_plan_duties",
    "long_date",
    "precept_timetable",
    "precept_veto_effective",
    "reserve_candidate_duty",
    "reserve_candidate_report_due",
    "response_due",
    "response_without_veto",
    "revised_precept_error",
    "senior_appointment_report_due",
    "two_thirds_of",
    "veto_outcome",
    "veto_threshold",
]
