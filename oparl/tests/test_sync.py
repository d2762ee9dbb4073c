from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from decisions import services as decision_services
from decisions import testing as decisions_testing
from meetings import services as meeting_services
from meetings.testing import published_meeting
from panel import services as panel_services
from panel.tenancy import panel_scope

from .conftest import Walk

pytestmark = pytest.mark.django_db

LISTS = ("organizations", "people", "memberships", "meetings", "papers", "files",
         "legislative-terms", "locations")  # fmt: skip
BEFORE = dt.datetime(2030, 3, 20, 9, tzinfo=dt.UTC)
AFTER = dt.datetime(2030, 4, 1, 9, tzinfo=dt.UTC)


def _changed(client, panel_slug: str, since: dt.datetime) -> set[str]:
    walk = Walk(client)
    for kind in LISTS:
        url = reverse("oparl:list", kwargs={"panel_slug": panel_slug, "kind": kind})
        walk.items(f"http://testserver{url}?modified_since={since.isoformat()}")
    return set(walk.objects)


def test_it_returns_exactly_what_changed_since(client, cast):
    c = cast["alpha"]
    with time_machine.travel(BEFORE, tick=False), panel_scope(c.panel):
        published_meeting(c, dt.date(2030, 3, 15))
        start = dt.datetime(2030, 4, 20, 10, tzinfo=dt.UTC)
        later = meeting_services.meeting_create(
            body=c.main_body, start=start, venue="Shire Hall", actor=None
        )
        item = meeting_services.item_add(meeting=later, title="Rural crime", actor=None)
        meeting_services.report_update(item=item, body_source="The report.", actor=None)
        numbered = decision_services.decision_submit(
            decision=decisions_testing.draft(c), actor=None
        )
    with time_machine.travel(AFTER, tick=False), panel_scope(c.panel):
        person = c.councillor
        panel_services.person_update(
            person=person, expected_version=person.version, actor=None, title="Cllr"
        )
        meeting_services.agenda_publish(meeting=later, actor=None)
        decision_services.decision_withdraw(decision=numbered, reason="Superseded", actor=None)

    item.refresh_from_db()
    changed = _changed(client, c.panel.slug, AFTER - dt.timedelta(minutes=1))

    base = f"http://testserver/oparl/v1/body/{c.panel.slug}"
    meeting = f"{base}/meeting/{later.slug}"
    assert changed == {
        f"{base}/person/{person.slug}",
        meeting,
        f"{meeting}/location",
        f"{meeting}/item-{item.number}/report",
        f"{base}/decision/{numbered.number}",
    }
    tombstone = client.get(f"{base}/papers?modified_since={AFTER.isoformat()}").json()["data"]
    assert [p for p in tombstone if p.get("deleted")] == [
        {
            "id": f"{base}/decision/{numbered.number}",
            "type": "https://schema.oparl.org/1.1/Paper",
            "deleted": True,
            "created": BEFORE.isoformat(),
            "modified": AFTER.isoformat(),
        }
    ]
    assert _changed(client, c.panel.slug, AFTER + dt.timedelta(minutes=1)) == set()
