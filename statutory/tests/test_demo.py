"""The demo's precept for 2015/16: considered on 3 February 2015, reported, answered, issued."""

from __future__ import annotations

import pytest
from django.urls import reverse

from panel.models import Panel
from panel.tenancy import panel_scope
from publishing.demo import load_demo
from statutory.models import StatutoryCase

pytestmark = pytest.mark.django_db


def test_the_demo_precept_is_on_the_register_with_its_vote_in_the_minutes(client):
    load_demo()
    register = client.get(reverse("statutory:register", args=["warwickshire"]))
    page = register.content.decode()
    assert "Proposed precept 2015/16" in page and "Closed" in page
    minutes = client.get(reverse("meetings:meeting", args=["warwickshire", "2015-02-03"]))
    assert "Carried: 11 for, 0 against, 1 abstained" in minutes.content.decode()
    panel = Panel.objects.get(slug="warwickshire")
    case = StatutoryCase.objects.for_panel(panel).get()
    with panel_scope(case.panel_id):
        assert case.reports.get().text.endswith("gives no figures, vote or outcome.)")
