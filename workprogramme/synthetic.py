"""A synthetic panel's work programme and tracker for scale tests (`manage.py load_synthetic`):
a programme of topics each municipal year, and an action for each resolution asking the
Commissioner to report back, raised at its meeting and led by the office or the member login's
person (so "my actions" has rows); an action is completed within the year, except in the last
year, where most are still open. Written in bulk with their history rows."""

from __future__ import annotations

import datetime as dt

from simple_history.utils import bulk_create_with_history

from meetings.synthetic import Held
from panel import years as municipal
from panel.synthetic import SyntheticPanel

from .models import Action, WorkProgrammeItem

PROGRAMME = (
    ("Police and Crime Plan: performance", WorkProgrammeItem.Standing.EVERY_MEETING),
    ("The Commissioner's annual report", WorkProgrammeItem.Standing.NO),
    ("Budget and precept", WorkProgrammeItem.Standing.NO),
    ("Complaints update", WorkProgrammeItem.Standing.EVERY_MEETING),
    ("Working groups' reports", WorkProgrammeItem.Standing.AFTER_WORKING_GROUP),
    ("Victims' services", WorkProgrammeItem.Standing.NO),
)


def build_work(
    world: SyntheticPanel, *, years: list[int], held: list[Held], built_at: dt.datetime
) -> int:
    panel, rng = world.panel, world.rng
    items = [
        WorkProgrammeItem(
            panel=panel,
            municipal_year=municipal.written(year),
            topic=topic,
            standing=standing,
            lead_officer="Scrutiny Officer",
            position=n,
            status=WorkProgrammeItem.Status.DONE
            if year < years[-1]
            else WorkProgrammeItem.Status.ACTIVE,
        )
        for year in years
        for n, (topic, standing) in enumerate(PROGRAMME, start=1)
    ]
    bulk_create_with_history(items, WorkProgrammeItem, batch_size=500, default_date=built_at)
    following = {h.meeting.previous_id: h.meeting for h in held if h.meeting.previous_id}
    last_year_from = dt.date(years[-1], 5, 1)
    actions = []
    for record in held:
        meeting = record.meeting
        day = meeting.start.date()
        for resolution in record.resolutions:
            if not resolution.text.startswith("That the Commissioner reports back"):
                continue
            opcc = rng.random() < 0.6
            done = day < last_year_from or rng.random() < 0.2
            actions.append(
                Action(
                    panel=panel,
                    raised_on=day,
                    raised_at=meeting,
                    resolution=resolution,
                    text=resolution.text,
                    lead_person=None if opcc else world.member_person,
                    lead_opcc=opcc,
                    update_due=following.get(meeting.pk),
                    status=Action.Status.COMPLETED if done else Action.Status.OPEN,
                    completed_on=day + dt.timedelta(days=rng.randrange(30, 150)) if done else None,
                )
            )
    bulk_create_with_history(actions, Action, batch_size=500, default_date=built_at)
    return len(actions)
