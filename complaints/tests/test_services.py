"""Complaints: the workflow of the 2012 regulations, letters and retention, through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Complaint
from complaints.tests.support import SECRET
from panel.access import Role
from panel.tenancy import panel_scope


def test_it_takes_a_complaint_through_informal_resolution_and_records_every_step(cast, setup):
    c = setup.complaint
    with pytest.raises(ValidationError):
        services.complaint_resolve(complaint=c, outcome="Too early", actor=None)
    c = services.complaint_record(complaint=c, serious=False, actor=None)
    c = services.complaint_informal(complaint=c, actor=None)
    c = services.complaint_resolve(
        complaint=c, outcome="Apology given", record="Agreed by both", actor=None
    )
    assert (c.status, c.closed_on) == ("resolved", timezone.localdate())
    with panel_scope(c.panel_id):
        steps = [(e.from_status, e.to_status) for e in c.events.all()]
    assert steps == [
        ("", "received"),
        ("received", "received"),
        ("received", "recorded"),
        ("recorded", "informal"),
        ("informal", "resolved"),
    ]


def test_it_sends_a_serious_complaint_to_the_iopc_which_may_refer_it_back(cast, setup):
    c = services.complaint_record(complaint=setup.complaint, serious=True, actor=None)
    with pytest.raises(ValidationError):
        services.complaint_informal(complaint=c, actor=None)
    with pytest.raises(ValidationError):
        services.complaint_set_aside(complaint=c, ground="late", actor=None)
    c = services.complaint_refer(
        complaint=c, referred_on=timezone.localdate(), reference="IOPC/1", actor=None
    )
    c = services.complaint_iopc_outcome(
        complaint=c, outcome="Not criminal: back to the panel", back_to_panel=True, actor=None
    )
    assert (c.status, c.serious) == ("recorded", False)
    c = services.complaint_set_aside(complaint=c, ground="repetitious", actor=None)
    assert c.status == "set_aside" and c.status != "not_recorded"


def test_it_writes_the_letters_for_each_step(cast, client_for, setup):
    handler = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))

    def letter(kind, to):
        return reverse("complaints:complaint-letter", args=["alpha", setup.complaint.pk, kind, to])

    assert (
        f"Dear {SECRET}" in handler.get(letter("acknowledgement", "complainant")).content.decode()
    )
    assert handler.get(letter("outcome", "complainant")).status_code == 404  # not at this step
    services.complaint_not_record(
        complaint=setup.complaint, grounds="Not about the Commissioner's conduct.", actor=None
    )
    page = handler.get(letter("not_recorded", "complainant")).content.decode()
    assert (
        "Not about the Commissioner&#x27;s conduct." in page
        or "Not about the Commissioner's conduct." in page
    )


def test_it_anonymises_long_closed_cases_and_keeps_the_counts(cast, setup, settings):
    c = services.complaint_withdraw(complaint=setup.complaint, reason="By email", actor=None)
    Complaint._base_manager.filter(pk=c.pk).update(closed_on=dt.date(2010, 1, 1))
    settings.COMPLAINT_RETENTION_YEARS = 6
    call_command("anonymise_complaints", stdout=open("/dev/null", "w"))  # noqa: SIM115
    c.refresh_from_db()
    assert SECRET not in c.complainant_name + c.text and c.complainant_email == ""
    assert c.anonymised_at is not None and c.status == "withdrawn"
    with panel_scope(c.panel_id):
        assert not c.attachments.exists()
        assert Complaint.objects.filter(status="withdrawn").count() == 1
