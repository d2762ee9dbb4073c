"""The clerk's forms for bodies, people and memberships: field errors, nothing half-saved; a form
repeated on a page keeps its labels on its own fields."""

from __future__ import annotations

import re

from django import forms
from django.template import Context, Template
from django.urls import reverse

from panel.access import Role
from panel.forms import GovukForm
from panel.models import Membership, Person


def test_it_shows_field_errors_on_the_membership_form_and_saves_nothing(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("panel:membership-create", args=["alpha", alpha.working_group.slug])
    before = Membership.objects.for_panel(alpha.panel).count()
    response = client.post(
        url,
        {
            "person": alpha.officer.pk,
            "role": "member",
            "start_date": "2025-06-01",
            "end_date": "2025-05-01",
        },
    )
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert Membership.objects.for_panel(alpha.panel).count() == before


def test_it_shows_the_twice_at_once_error_on_the_form(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("panel:membership-create", args=["alpha", alpha.main_body.slug])
    response = client.post(
        url, {"person": alpha.councillor.pk, "role": "member", "start_date": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "already has a seat" in response.content.decode()


def test_it_refuses_a_clashing_edit_on_the_page_and_keeps_the_typed_text(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("panel:body-edit", args=["alpha", alpha.working_group.slug])
    form = {"name": alpha.working_group.name, "kind": "working_group", "version": 1}
    assert client.post(url, {**form, "frequency": "Monthly"}).status_code == 302
    response = client.post(url, {**form, "frequency": "Fortnightly, on Tuesdays"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else changed this record" in page
    assert "Fortnightly, on Tuesdays" in page  # what the second clerk typed is still there
    alpha.working_group.refresh_from_db()
    assert alpha.working_group.frequency == "Monthly"


def test_it_refuses_a_duplicate_person_address_on_the_form(cast, client_for):
    client = client_for(cast.user("alpha", Role.CLERK))
    response = client.post(
        reverse("panel:person-create", args=["alpha"]),
        {"name": "Someone", "slug": cast["alpha"].councillor.slug},
    )
    assert response.status_code == 400
    assert "already has a person at this address" in response.content.decode()
    assert not Person.objects.for_panel(cast["alpha"].panel).filter(name="Someone").exists()


def test_it_creates_a_body_and_a_membership_through_the_pages(cast, client_for):
    alpha = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    response = client.post(
        reverse("panel:body-create", args=["alpha"]),
        {
            "name": "Victims' Services Task and Finish Group",
            "kind": "task_and_finish",
            "role_and_objectives": "Hear from victims' organisations\nReport to the panel",
        },
    )
    assert response.status_code == 302
    slug = "victims-services-task-and-finish-group"
    response = client.post(
        reverse("panel:membership-create", args=["alpha", slug]),
        {"person": alpha.officer.pk, "role": "member", "start_date": "2025-06-01"},
    )
    assert response.status_code == 302
    page = client.get(reverse("panel:body", args=["alpha", slug])).content.decode()
    assert alpha.officer.name in page
    assert "Report to the panel" in page


def test_it_gives_a_form_shown_once_per_row_ids_of_its_own():
    class LeadForm(GovukForm):
        lead = forms.CharField(label="Lead")
        opcc = forms.BooleanField(label="Led by the OPCC", required=False)

    template = Template("{% load govuk_forms %}{{ form|ids_for:one }}{{ form|ids_for:two }}")
    html = template.render(
        Context({"form": LeadForm(auto_id=False), "one": Person(pk=1), "two": Person(pk=2)})
    )
    ids = re.findall(r' id="([^"]+)"', html)
    labelled = re.findall(r' for="([^"]+)"', html)
    assert ids == ["id_person1_lead", "id_person1_opcc", "id_person2_lead", "id_person2_opcc"]
    assert labelled == ids
