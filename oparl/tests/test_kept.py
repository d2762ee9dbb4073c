"""The panel's record kept in the cache: never stale after a change, never more than public,
and a kept list served in a handful of queries."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from decisions import services as decision_services
from decisions import testing as decisions_testing
from documents.testing import pdf_bytes, upload
from meetings import services as meeting_services
from meetings.testing import published_meeting, voting_meeting
from panel import services as panel_services
from panel.tenancy import panel_scope

from ..stamps import record_stamp

pytestmark = pytest.mark.django_db


def _get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    return dict(response.json())


def test_a_kept_record_is_never_stale_after_a_change(client, cast):
    c = cast["alpha"]
    base = f"/oparl/v1/body/{c.panel.slug}"
    with panel_scope(c.panel):
        later = meeting_services.meeting_create(
            body=c.main_body,
            start=dt.datetime(2030, 4, 20, 10, tzinfo=dt.UTC),
            venue="Shire Hall",
            actor=None,
        )
        item = meeting_services.item_add(meeting=later, title="Rural crime", actor=None)
        numbered = decision_services.decision_submit(
            decision=decisions_testing.draft(c), actor=None
        )
    meeting = f"{base}/meeting/{later.slug}"
    assert "agendaItem" not in _get(client, meeting)  # kept now, with no agenda
    assert _get(client, f"{base}/papers")["data"] == []

    with panel_scope(c.panel):
        meeting_services.agenda_publish(meeting=later, actor=None)
        decision = decisions_testing.published(c)
        decision_services.decision_withdraw(decision=numbered, reason="Superseded", actor=None)
        panel_services.person_update(
            person=c.councillor, expected_version=c.councillor.version, actor=None, title="Dr"
        )
    c.panel.name = "Alphashire Police and Crime Panel"
    c.panel.save()  # as a platform administrator does in the admin

    assert item.title in [i["name"] for i in _get(client, meeting)["agendaItem"]]
    papers = {p["id"]: p for p in _get(client, f"{base}/papers")["data"]}
    assert papers[f"http://testserver{base}/decision/{numbered.number}"]["deleted"] is True
    assert papers[f"http://testserver{base}/decision/{decision.number}"]["name"] == decision.title
    person = _get(client, f"{base}/person/{c.councillor.slug}")
    assert person["formOfAddress"] == "Dr"
    assert _get(client, base)["name"] == "Alphashire Police and Crime Panel"


def test_the_stamp_changes_with_every_kind_of_change(cast):
    c = cast["alpha"]
    stamps = [record_stamp(c.panel)]

    def changed() -> None:
        stamps.append(record_stamp(c.panel))
        assert stamps[-1] != stamps[-2]

    with panel_scope(c.panel):
        published = published_meeting(c)  # a meeting, its agenda published
        changed()
        voting = voting_meeting(c)
        changed()
        meeting_services.minutes_publish(meeting=voting.meeting, actor=None)
        changed()
        draft = decisions_testing.draft(c)
        changed()  # a draft's history is a change too (the stamp does not know who may read)
        decision_services.attachment_add(
            decision=draft, title="Plan", upload=upload(pdf_bytes()), actor=None
        )
        changed()
        with time_machine.travel(dt.datetime(2036, 4, 1, tzinfo=dt.UTC)):
            meeting_services.papers_archive(
                meeting=published.meeting, reason="Six years", actor=None
            )
        changed()
        panel_services.membership_end(
            membership=c.membership, end_date=dt.date(2030, 5, 1), actor=None
        )
        changed()
        doomed = meeting_services.meeting_create(
            body=c.main_body,
            start=dt.datetime(2030, 5, 5, 10, tzinfo=dt.UTC),
            venue="Hall",
            actor=None,
        )
        changed()
        doomed.delete()  # only in the admin
        changed()
    c.panel.contact_name = "Ann Clerk"
    c.panel.save()
    changed()
    assert record_stamp(c.panel) == stamps[-1]  # and stays while nothing changes
    assert record_stamp(cast["beta"].panel) not in stamps


def test_a_kept_list_and_object_are_served_in_a_few_queries(
    client, cast, django_assert_max_num_queries
):
    c = cast["alpha"]
    published = published_meeting(c)
    meeting = f"/oparl/v1/body/{c.panel.slug}/meeting/{published.meeting.slug}"
    for url in (meeting, f"/oparl/v1/body/{c.panel.slug}/files"):
        client.get(url)  # kept
        with django_assert_max_num_queries(2):  # the panel, the stamp
            assert client.get(url).status_code == 200


def test_a_list_is_kept_object_by_object_and_built_again_when_one_is_lost(client, cast):
    """A page reads the list's index and its own objects; if the cache has let one of them go,
    the list is built again rather than a page served short."""
    from django.core.cache import cache

    from ..kept import KeptRecord
    from ..record import PublicRecord

    c = cast["alpha"]
    published_meeting(c)
    url = f"/oparl/v1/body/{c.panel.slug}/meetings"
    whole = _get(client, url)
    assert whole["data"]
    kept = KeptRecord(
        PublicRecord(c.panel, lambda path: f"http://testserver{path}"), "http://testserver/"
    )
    index = kept.index("meetings")
    assert [row.id for row in index] == [o["id"] for o in whole["data"]]
    cache.delete(f"{kept._key('meetings')}:0")
    assert _get(client, url) == whole
    assert kept.one("meetings", whole["data"][0]["id"]) == whole["data"][0]
    assert kept.one("meetings", "http://testserver/oparl/v1/nothing") is None
