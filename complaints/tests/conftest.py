"""The complaints tests' fixtures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from complaints import services
from complaints.tests.support import SECRET, Setup
from documents.testing import pdf_bytes, upload
from panel import services as panel_services
from panel.access import Role
from panel.tenancy import panel_scope


@pytest.fixture
def setup(cast, django_user_model):
    alpha = cast["alpha"]
    with panel_scope(alpha.panel):
        committee = panel_services.body_create(
            panel=alpha.panel, name="Complaints Sub-Committee", kind="complaints", actor=None
        )
        on = cast.user("alpha", Role.MEMBER)
        excluded_user = django_user_model.objects.create_user("alpha-member-excluded")
        off = django_user_model.objects.create_user("alpha-member-off")
        for user in (excluded_user, off):
            panel_services.role_grant(panel=alpha.panel, user=user, role=Role.MEMBER, actor=None)
        seats = [("Member On", on), ("Member Excluded", excluded_user)]
        people = {}
        for name, user in seats:
            person = panel_services.person_create(
                panel=alpha.panel, name=name, user=user, actor=None
            )
            panel_services.membership_create(
                body=committee,
                person=person,
                role="member",
                start_date=dt.date(2024, 1, 1),
                actor=None,
            )
            people[name] = person
        complaint = services.complaint_receive(
            panel=alpha.panel,
            received_on=timezone.localdate(),
            channel="email",
            complainant_name=SECRET,
            complainant_email="c@example.org",
            subject="pcc",
            text=f"Text {SECRET}",
            actor=None,
        )
        attachment = services.attachment_add(
            complaint=complaint, title="Letter", upload=upload(pdf_bytes()), actor=None
        )
        services.complaint_exclude(
            complaint=complaint, person=people["Member Excluded"], reason="Friend", actor=None
        )
    return Setup(complaint, attachment.stored_file_id, on, off, excluded_user)
