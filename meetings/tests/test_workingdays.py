"""Five clear working days, counting England and Wales bank holidays."""

import datetime as dt

import pytest

from meetings.workingdays import clear_working_days_between, gives_notice, publication_deadline

D = dt.date


@pytest.mark.parametrize(
    "meeting,deadline",
    [
        # The seed pack's meeting, Friday 26 September 2014: Thursday 18th at the latest.
        (D(2014, 9, 26), D(2014, 9, 18)),
        # Monday 25 August 2014 was the summer bank holiday.
        (D(2014, 8, 29), D(2014, 8, 20)),
        # Christmas, Boxing Day and New Year's Day 2014/15.
        (D(2015, 1, 5), D(2014, 12, 23)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        (D(2026, 4, 9), D(2026, 3, 30)),
        # A Monday meeting: the weekend before does not count, and the deadline is the Friday
        # before it (publishing at the weekend would give no more notice).
        (D(2026, 11, 30), D(2026, 11, 20)),
        # The day before the fifth clear working day is Easter Monday 2026: the Thursday before.
        (D(2026, 4, 14), D(2026, 4, 2)),
    ],
)
def test_it_finds_the_publication_deadline(meeting, deadline):
    assert publication_deadline(meeting, "england") == deadline
    assert deadline.weekday() < 5 and gives_notice(deadline, meeting, "england")
    after = deadline + dt.timedelta(days=1)
    while after.weekday() >= 5 or clear_working_days_between(after, meeting, "england") >= 5:
        assert gives_notice(after, meeting, "england")  # a weekend after it is still in time
        after += dt.timedelta(days=1)
    assert not gives_notice(after, meeting, "england")  # the next working day is not


def test_it_counts_neither_the_day_of_publication_nor_the_meeting_day():
    assert clear_working_days_between(D(2014, 9, 19), D(2014, 9, 26), "england") == 4
