"""The workprogramme tests' fixtures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meetings import services as meetings
from meetings.models import Resolution
from panel.access import Role
from panel.tenancy import panel_scope
from workprogramme import services


@pytest.fixture
def world(cast):
    """A held meeting with a resolution, the next meeting, and actions led by various people."""
    alpha = cast["alpha"]
    member = cast.user("alpha", Role.MEMBER)
    now = timezone.now()
    with panel_scope(alpha.panel):
        alpha.councillor.user = member
        alpha.councillor.save()
        held = meetings.meeting_create(
            body=alpha.main_body, start=now - dt.timedelta(days=40), venue="A", actor=None
        )
        item = meetings.item_add(meeting=held, title="Annual report", actor=None)
        meetings.agenda_publish(meeting=held, late_reason="test", actor=None)
        meetings.minute_update(
            item=item, text="Discussed", resolutions=["Ask for a performance appendix"], actor=None
        )
        upcoming = meetings.meeting_create(
            body=alpha.main_body,
            start=now + dt.timedelta(days=10),
            venue="B",
            previous=held,
            actor=None,
        )
        resolution = Resolution.objects.get(item=item)
        mine = services.action_from_resolution(
            resolution=resolution, lead_person=alpha.councillor, update_due=held, actor=None
        )
        opcc = services.action_create(
            panel=alpha.panel,
            text="OPCC to report on rural crime",
            raised_on=dt.date(2024, 1, 1),
            lead_opcc=True,
            update_due=upcoming,
            actor=None,
        )
        officer = services.action_create(
            panel=alpha.panel,
            text='=HYPERLINK("x") formula attempt',
            raised_on=dt.date(2024, 2, 1),
            lead_person=alpha.officer,
            actor=None,
        )
    return {
        "alpha": alpha,
        "held": held,
        "upcoming": upcoming,
        "mine": mine,
        "opcc": opcc,
        "officer": officer,
        "member": member,
        "item": item,
    }
