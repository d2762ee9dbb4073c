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


def _people(client, panel_slug: str, **filters: dt.datetime) -> set[str]:
    query = "&".join(f"{name}={moment.isoformat()}" for name, moment in filters.items())
    url = reverse("oparl:list", kwargs={"panel_slug": panel_slug, "kind": "people"})
    found = Walk(client).items(f"http://testserver{url}?{query}")
    return {p["name"].removeprefix("Cllr ") for p in found}


def test_it_filters_by_created_and_modified_until_and_their_combinations(client, cast):
    c = cast["alpha"]
    t1, t2, t3 = (dt.datetime(2030, month, 10, 9, tzinfo=dt.UTC) for month in (1, 2, 3))
    with time_machine.travel(t1, tick=False), panel_scope(c.panel):
        first = panel_services.person_create(panel=c.panel, name="Ann First", actor=None)
    with time_machine.travel(t2, tick=False), panel_scope(c.panel):
        panel_services.person_create(panel=c.panel, name="Bea Second", actor=None)
    with time_machine.travel(t3, tick=False), panel_scope(c.panel):
        panel_services.person_update(
            person=first, expected_version=first.version, actor=None, title="Cllr"
        )
    cast_people = _people(client, c.panel.slug, created_until=t1 - dt.timedelta(days=1))
    assert cast_people and not cast_people & {"Ann First", "Bea Second"}
    day = dt.timedelta(days=1)
    slug = c.panel.slug

    assert _people(client, slug, created_until=t1) == cast_people | {"Ann First"}  # inclusive
    assert _people(client, slug, created_until=t2 - day) == cast_people | {"Ann First"}
    assert _people(client, slug, created_since=t1 + day) == {"Bea Second"}
    assert _people(client, slug, modified_until=t2 + day) == cast_people | {"Bea Second"}
    assert _people(client, slug, modified_since=t3) == {"Ann First"}  # inclusive
    assert _people(client, slug, modified_since=t1, modified_until=t2 + day) == {"Bea Second"}
    assert _people(client, slug, created_until=t1 + day, modified_since=t2 + day) == {"Ann First"}
    assert _people(client, slug, created_since=t1 - day, created_until=t2) == {
        "Ann First",
        "Bea Second",
    }
    assert _people(client, slug, created_since=t2 + day, created_until=t1) == set()
    assert _people(
        client, slug, created_since=t1 - day, modified_until=t3 - day, created_until=t3
    ) == {"Bea Second"}


@pytest.mark.parametrize("name", ["created_since", "created_until", "modified_until"])
def test_it_refuses_a_bad_value_of_each_filter(client, cast, name):
    url = reverse("oparl:list", kwargs={"panel_slug": cast["alpha"].panel.slug, "kind": "people"})
    response = client.get(url, {name: "2030-02-30T10:00:00Z"})
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{name} must be")
