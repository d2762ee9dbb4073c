"""A heading added on the editor: it takes no report, items go under it numbered 3(1), 3(2), and
a heading under another heading is refused with the reason, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Report
from meetings.testing import LONDON
from panel.access import Role
from panel.tenancy import panel_scope


@pytest.fixture
def meeting(cast):
    c = cast["alpha"]
    with panel_scope(c.panel):
        start = dt.datetime(2030, 9, 12, 10, tzinfo=LONDON)
        return services.meeting_create(body=c.main_body, start=start, venue="Hall", actor=None)


def _add(client, meeting, **fields):
    meeting.refresh_from_db()
    data = {"access": "public", "parent": "", "version": meeting.version, **fields}
    return client.post(reverse("meetings:item-add", args=["alpha", meeting.slug]), data)


def test_the_clerk_adds_a_heading_and_items_under_it(cast, client_for, meeting):
    clerk = client_for(cast.user("alpha", Role.CLERK))
    assert _add(clerk, meeting, title="Estates", heading="on").status_code == 302
    with panel_scope(meeting.panel):
        heading = AgendaItem.objects.get(meeting=meeting, title="Estates")
        assert heading.kind == AgendaItem.Kind.HEADING
        assert not Report.objects.filter(item=heading).exists()
    assert _add(clerk, meeting, title="Custody suite", parent=heading.pk).status_code == 302
    with panel_scope(meeting.panel):
        sub = AgendaItem.objects.get(meeting=meeting, title="Custody suite")
        heading.refresh_from_db()
    assert sub.parent_id == heading.pk and sub.kind == AgendaItem.Kind.REPORT
    assert sub.number == f"{heading.number}(1)"
    editor = clerk.get(reverse("meetings:meeting-edit", args=["alpha", meeting.slug]))
    assert f'<option value="{heading.pk}">{heading.number} Estates</option>' in (
        editor.content.decode()
    )


def test_a_heading_under_a_heading_is_refused_and_nothing_is_saved(cast, client_for, meeting):
    clerk = client_for(cast.user("alpha", Role.CLERK))
    _add(clerk, meeting, title="Estates", heading="on")
    with panel_scope(meeting.panel):
        heading = AgendaItem.objects.get(meeting=meeting, title="Estates")
        count = AgendaItem.objects.filter(meeting=meeting).count()
    refused = _add(clerk, meeting, title="Buildings", heading="on", parent=heading.pk)
    assert refused.status_code == 400
    assert "A heading cannot go under another heading." in refused.content.decode()
    assert 'value="Buildings"' in refused.content.decode()  # the form comes back as typed
    with panel_scope(meeting.panel):
        assert AgendaItem.objects.filter(meeting=meeting).count() == count


@pytest.mark.parametrize(
    ("panel_key", "role"),
    [("alpha", Role.MEMBER), ("alpha", Role.OPCC_OFFICER), ("beta", Role.CLERK), (None, None)],
)
def test_only_the_panels_clerk_adds_a_heading(cast, client_for, meeting, panel_key, role):
    user = None if panel_key is None else cast.user(panel_key, role)
    response = _add(client_for(user), meeting, title="Estates", heading="on")
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:  # the public is sent to sign in
        assert "/accounts/login/" in response["Location"]
    with panel_scope(meeting.panel):
        assert not AgendaItem.objects.filter(meeting=meeting, title="Estates").exists()
