from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from meetings import services as meeting_services
from meetings.testing import published_meeting
from panel.tenancy import panel_scope

from .conftest import Walk
from .test_sync import LISTS

pytestmark = pytest.mark.django_db

BEFORE = dt.datetime(2030, 3, 20, 9, tzinfo=dt.UTC)
AFTER = dt.datetime(2036, 4, 1, 9, tzinfo=dt.UTC)  # the archived papers kept open six years


def _since(client, slug: str, since: dt.datetime) -> dict[str, dict]:
    walk = Walk(client)
    for kind in LISTS:
        walk.items(f"/oparl/v1/body/{slug}/{kind}?modified_since={since.isoformat()}")
    return walk.objects


def test_it_keeps_tombstones_of_what_the_public_can_no_longer_read(client, cast, schemas):
    c = cast["alpha"]
    with time_machine.travel(BEFORE, tick=False), panel_scope(c.panel):
        published = published_meeting(c, dt.date(2030, 3, 15))
        doomed = meeting_services.meeting_create(
            body=c.main_body,
            start=dt.datetime(2030, 5, 5, 10, tzinfo=dt.UTC),
            venue="Hall",
            actor=None,
        )
        archived = published_meeting(c, dt.date(2030, 2, 15)).meeting
    base = f"http://testserver/oparl/v1/body/{c.panel.slug}"
    item = f"{base}/meeting/{published.meeting.slug}/item-{published.public_item.number}"
    old = f"{base}/meeting/{archived.slug}/item-{published.public_item.number}"
    assert {f"{item}/report", f"{item}/appendix-A", f"{old}/report"} <= set(
        _since(client, c.panel.slug, BEFORE - dt.timedelta(days=1))
    )

    with time_machine.travel(AFTER, tick=False), panel_scope(c.panel):
        # The public item made exempt, and the agenda republished: its report and file go.
        meeting_services.item_update(
            item=published.public_item, access="exempt", exempt_paragraph=3, actor=None
        )
        meeting_services.agenda_publish(
            meeting=published.meeting, late_reason="The chair agreed.", actor=None
        )
        meeting_services.papers_archive(meeting=archived, reason="Six years on", actor=None)
        doomed.delete()  # as a platform superuser may, in the admin

    changed = _since(client, c.panel.slug, AFTER - dt.timedelta(minutes=1))

    gone = {url for url, obj in changed.items() if obj.get("deleted")}
    assert gone == {
        f"{item}/report",
        f"{item}/appendix-A",
        f"{old}/report",
        f"{old}/appendix-A",
        f"{base}/meeting/{archived.slug}/minutes",  # the archived meeting's published minutes
        f"{base}/meeting/{doomed.slug}",
        f"{base}/meeting/{doomed.slug}/location",
    }
    for url in gone:
        assert changed[url]["modified"] == AFTER.isoformat()
        extra = {"accessUrl"} if ("/appendix-" in url or url.endswith("/minutes")) else set()
        assert set(changed[url]) == {"id", "type", "deleted", "created", "modified", *extra}
        assert schemas.errors(changed[url]) == []
    assert set(changed) - gone == {
        # the revision also published the late item the meeting's helper left in the draft
        f"{base}/meeting/{published.meeting.slug}/item-2A/report",
        f"{base}/meeting/{published.meeting.slug}",
        f"{base}/meeting/{published.meeting.slug}/location",
        f"{base}/meeting/{archived.slug}",
        f"{base}/meeting/{archived.slug}/location",
    }
    assert client.get(f"{item}/report").json()["deleted"] is True
