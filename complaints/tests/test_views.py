"""Complaints on the pages: the case page runs the steps; an unknown step is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documents.testing import pdf_bytes, upload
from panel.access import Role
from panel.models import Person
from panel.tenancy import panel_scope


def test_it_takes_a_case_through_its_steps_and_changes_on_the_case_page(cast, client_for, setup):
    handler = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))
    complaint = setup.complaint

    def act(action, data):
        url = reverse("complaints:complaint-action", args=["alpha", complaint.pk, action])
        return handler.post(url, data)

    on = Person.objects.for_panel(cast["alpha"].panel).get(name="Member On")
    assert act("record", {"note": "Recorded"}).status_code == 302
    assert act("informal", {"note": "To the sub-committee"}).status_code == 302
    assert act("exclude", {"person": on.pk, "reason": "A declared interest"}).status_code == 302
    assert act("attach", {"title": "Reply", "file": upload(pdf_bytes())}).status_code == 302
    assert act("resolve", {"outcome": "Apology given", "record": "Agreed"}).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.resolution_outcome) == ("resolved", "Apology given")
    with panel_scope(complaint.panel_id):
        assert complaint.exclusions.filter(person=on, reason="A declared interest").exists()
        assert complaint.attachments.filter(title="Reply").exists()
        moves = [(e.from_status, e.to_status) for e in complaint.events.all()]
    assert [(a, b) for a, b in moves if a != b][-3:] == [
        ("received", "recorded"),
        ("recorded", "informal"),
        ("informal", "resolved"),
    ]


@pytest.mark.parametrize("step", ["bogus", "complaint_record", "receive"])
def test_it_answers_an_unknown_step_with_a_404_on_the_page_and_the_api(
    cast, client_for, setup, step
):
    handler = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))
    complaint = setup.complaint
    page = handler.post(reverse("complaints:complaint-action", args=["alpha", complaint.pk, step]))
    api = handler.post(
        reverse("api:complaints:complaint-action", args=["alpha", complaint.pk, step])
    )
    assert (page.status_code, api.status_code) == (404, 404)
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_a_file_number_past_a_database_integer_is_a_404_not_a_500(cast, client_for, setup):
    client = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))
    for number in ("2147483648", "99999999999999999999"):
        url = f"/alpha/complaints/{setup.complaint.pk}/files/{number}/"
        assert client.get(url).status_code == 404, number
