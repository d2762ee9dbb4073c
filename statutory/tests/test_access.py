"""Who sees and does what on the register, a case, its feed and the API; the forms by role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from panel.access import Role
from statutory.models import StatutoryCase
from statutory.testing import CANDIDATE_MARKER, DRAFT_MARKER

pytestmark = pytest.mark.django_db
DRAFT, CANDIDATE = DRAFT_MARKER, CANDIDATE_MARKER


def _get(client_for, user, name, *args):
    return client_for(user).get(reverse(name, args=["alpha", *args]))


@pytest.mark.parametrize(
    "who,sees_draft,sees_candidate",
    [
        (None, False, False),
        (("alpha", Role.CLERK), True, True),
        (("alpha", Role.MEMBER), False, True),
        (("alpha", Role.OPCC_OFFICER), False, True),
        (("alpha", Role.COMPLAINTS_HANDLER), False, False),
        (("beta", Role.CLERK), False, False),
        (("beta", Role.OPCC_OFFICER), False, False),
    ],
)
def test_each_reader_sees_what_the_policy_allows(
    world, cast, client_for, who, sees_draft, sees_candidate
):
    user = cast.user(*who) if who else None
    register = _get(client_for, user, "statutory:register").content.decode()
    assert "vetoed: 8 of 12 members in favour (two-thirds of 12 is 8)" in register
    pages = [register]
    for case in StatutoryCase.objects.for_panel(cast["alpha"].panel):
        pages.append(_get(client_for, user, "statutory:case", case.number).content.decode())
        pages.append(_get(client_for, user, "api:statutory:case", case.number).content.decode())
    pages.append(_get(client_for, user, "api:statutory:cases").content.decode())
    pages.append(_get(client_for, user, "statutory:register-feed").content.decode())
    pages.append(_get(client_for, user, "panel:home").content.decode())  # what is due next
    for year in ("2014/15", "2015/16"):  # the year's statutory dates
        url = reverse("workprogramme:work-programme", args=["alpha"])
        pages.append(client_for(user).get(url, {"year": year}).content.decode())
    text = "\n".join(pages)
    assert (DRAFT in text) is sees_draft
    assert (CANDIDATE in text) is sees_candidate


def test_the_forms_are_for_their_role_only(world, cast, client_for):
    number = world["drafted"].number
    forms = {
        ("statutory:case-notify",): Role.OPCC_OFFICER,
        ("statutory:case-report", number): Role.CLERK,
        ("statutory:case-respond", world["vetoed"].number): Role.OPCC_OFFICER,
    }
    for (name, *args), role in forms.items():
        assert _get(client_for, None, name, *args).status_code == 302  # sign in first
        for panel in ("alpha", "beta"):
            for other in Role:
                status = _get(client_for, cast.user(panel, other), name, *args).status_code
                assert status == (200 if (panel, other) == ("alpha", role) else 404), (name, other)


def test_nobody_else_notifies_or_responds_through_the_api(world, cast, client_for):
    url = reverse("api:statutory:cases", args=["alpha"])
    data = {"kind": "other_report", "title": "A report", "notified_on": "2017-01-30"}
    for user in [None, cast.user("alpha", Role.CLERK), cast.user("beta", Role.OPCC_OFFICER)]:
        assert client_for(user).post(url, data).status_code == 404
    assert StatutoryCase.objects.for_panel(cast["alpha"].panel).count() == 3
