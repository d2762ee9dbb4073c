"""The case in SI 2012/62's own words and dates: reg 15(3)'s grounds, the Commission named by
the case's date, the referral's due date, the letters of each step, and conduct matters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from complaints import letters, services
from complaints.models import Complaint
from complaints.tests.support import SECRET
from panel.access import Role
from panel.tenancy import panel_scope

D = dt.date


def _letter(client, complaint, kind, to):
    url = reverse("complaints:complaint-letter", args=["alpha", complaint.pk, kind, to])
    return client.get(url)


def _receive(panel, received_on, **extra):
    return services.complaint_receive(
        panel=panel,
        received_on=received_on,
        channel="email",
        complainant_name=SECRET,
        subject="pcc",
        text="About the Commissioner",
        actor=None,
        **extra,
    )


@pytest.fixture
def handler(cast, client_for):
    return client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))


def test_it_offers_every_reg_15_3_ground_in_its_words_and_records_15_3_c(cast, handler, setup):
    complaint = services.complaint_record(complaint=setup.complaint, serious=False, actor=None)
    page = handler.get(reverse("complaints:complaint", args=["alpha", complaint.pk])).content
    page = page.decode()
    for paragraph in "abcdef":
        assert f"Reg 15(3)({paragraph})" in page
    assert "the matter is already the subject of a complaint" in page
    url = reverse("complaints:complaint-action", args=["alpha", complaint.pk, "set_aside"])
    assert handler.post(url, {"ground": "already_subject"}).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.set_aside_ground) == ("set_aside", "already_subject")
    for to in ("complainant", "subject"):
        text = _letter(handler, complaint, "set_aside", to).content.decode()
        assert "regulation 15(3)(c)" in text
        assert "the matter is already the subject of a complaint" in text
        assert "sent under SI 2012/62 reg 15" in text
    assert (
        f"Dear {SECRET}" in _letter(handler, complaint, "set_aside", "complainant").content.decode()
    )
    assert _letter(handler, complaint, "set_aside", "oversight").status_code == 404


def test_it_refuses_a_ground_the_regulation_does_not_give(cast, client_for, setup):
    services.complaint_record(complaint=setup.complaint, serious=False, actor=None)
    with pytest.raises(ValidationError) as refused:
        services.complaint_set_aside(complaint=setup.complaint, ground="rude", actor=None)
    assert "ground" in refused.value.message_dict
    api = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER)).post(
        reverse("api:complaints:complaint-action", args=["alpha", setup.complaint.pk, "set_aside"]),
        {"ground": "rude"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "ground" in api.json()


def test_it_has_no_the_the_in_the_recorded_letters_titles(cast, handler, setup):
    complaint = services.complaint_record(complaint=setup.complaint, serious=False, actor=None)
    page = handler.get(reverse("complaints:complaint", args=["alpha", complaint.pk])).content
    assert b"the the" not in page.lower()
    assert b"Complaint recorded: to The Police and Crime Commissioner" in page
    titles = [title for _, _, title in letters.available(complaint)]
    assert not [t for t in titles if "the the" in t.lower()]


@pytest.mark.parametrize(
    ("clear", "referred", "body", "name"),
    [
        (D(2017, 12, 1), D(2017, 12, 2), "IPCC", "Independent Police Complaints Commission"),
        (D(2018, 1, 5), D(2018, 1, 8), "IOPC", "Independent Office for Police Conduct"),
    ],
)
def test_it_names_the_commission_by_the_cases_date(cast, handler, clear, referred, body, name):
    panel = cast["alpha"].panel
    with panel_scope(panel):
        case = _receive(panel, D(2017, 11, 20))
        case = services.complaint_record(
            complaint=case, serious=True, became_clear_on=clear, actor=None
        )
    detail = reverse("complaints:complaint", args=["alpha", case.pk])
    due = clear + dt.timedelta(days=1)
    page = handler.get(detail).content.decode()
    # Before the referral, named by the day it is due: 6 January 2018 is still the IPCC's.
    expected = "IPCC" if due < D(2018, 1, 8) else "IOPC"
    assert f"Refer the serious complaint to the {expected} by the end of this day" in page
    assert f"{due:%-d %B %Y}" in page and "SI 2012/62 reg 13" in page and "Overdue" in page
    url = reverse("complaints:complaint-action", args=["alpha", case.pk, "refer"])
    assert handler.post(url, {"referred_on": referred.isoformat()}).status_code == 302
    page = handler.get(detail).content.decode()
    assert f"Referred to the {body}" in page and f"({body})" in page
    other = "IOPC" if body == "IPCC" else "IPCC"
    # The duty keeps the name of the body of its day; referred after it, it was done late.
    assert ("Done late" in page) == (referred > due)
    api = handler.get(reverse("api:complaints:complaint", args=["alpha", case.pk])).json()
    assert api["oversight_body"] == {"name": name, "short": body}
    assert api["status_label"] == f"Referred to the {body}"
    for to in ("oversight", "complainant", "subject"):
        text = _letter(handler, case, "referral", to).content.decode()
        assert name in text and "SI 2012/62 reg 13" in text and other not in text
    with panel_scope(panel):
        notes = list(case.events.values_list("note", flat=True))
    assert any(f"Referred to the {name}" in note for note in notes)


def test_it_flags_a_late_complaint_and_a_referral_made_on_time(cast, handler):
    panel = cast["alpha"].panel
    today = timezone.localdate()
    with panel_scope(panel):
        case = _receive(panel, today, latest_incident_on=today - dt.timedelta(days=400))
        case = services.complaint_record(complaint=case, serious=True, actor=None)
        case = services.complaint_refer(complaint=case, referred_on=today, actor=None)
    page = handler.get(reverse("complaints:complaint", args=["alpha", case.pk])).content.decode()
    assert "SI 2012/62 reg 15(3)(b)" in page and "this complaint was made after it" in page
    assert "Overdue" not in page and "Done late" not in page


def test_it_refuses_an_incident_after_the_complaint_and_a_referral_in_the_future(cast):
    panel = cast["alpha"].panel
    today = timezone.localdate()
    with panel_scope(panel):
        with pytest.raises(ValidationError) as refused:
            _receive(panel, today - dt.timedelta(days=2), latest_incident_on=today)
        assert "latest_incident_on" in refused.value.message_dict
        case = services.complaint_record(complaint=_receive(panel, today), serious=True, actor=None)
        with pytest.raises(ValidationError) as refused:
            services.complaint_refer(
                complaint=case, referred_on=today + dt.timedelta(days=1), actor=None
            )
        assert "referred_on" in refused.value.message_dict
        case.refresh_from_db()
        assert case.status == "recorded"


def test_it_writes_the_withdrawal_letters_and_tells_the_commission_when_it_holds_it(
    cast, handler, setup
):
    case = services.complaint_withdraw(complaint=setup.complaint, reason="By email", actor=None)
    text = _letter(handler, case, "withdrawal", "complainant").content.decode()
    assert "recorded the withdrawal" in text and "SI 2012/62 reg 16" in text
    assert _letter(handler, case, "withdrawal", "subject").status_code == 200
    assert _letter(handler, case, "withdrawal", "oversight").status_code == 404
    panel = cast["alpha"].panel
    with panel_scope(panel):
        held = services.complaint_record(
            complaint=_receive(panel, D(2017, 5, 1)),
            serious=True,
            became_clear_on=D(2017, 5, 2),
            actor=None,
        )
        held = services.complaint_refer(complaint=held, referred_on=D(2017, 5, 3), actor=None)
        held = services.complaint_withdraw(complaint=held, reason="Letter", actor=None)
    text = _letter(handler, held, "withdrawal", "oversight").content.decode()
    assert "Independent Police Complaints Commission" in text and "regulation 16(3)" in text
    page = handler.get(reverse("complaints:complaint", args=["alpha", held.pk])).content.decode()
    assert "Tell the IPCC that the withdrawal has been recorded" in page


def test_it_records_a_conduct_matter_refers_it_and_deals_with_it(cast, handler):
    today = timezone.localdate()
    create = reverse("complaints:conduct-matter-create", args=["alpha"])
    bad = handler.post(create, {"subject": "pcc"})
    assert bad.status_code == 400 and "govuk-error-message" in bad.content.decode()
    made = handler.post(
        create,
        {"recorded_on": today.isoformat(), "subject": "pcc", "text": f"Fraud {SECRET}"},
    )
    assert made.status_code == 302
    with panel_scope(cast["alpha"].panel):
        matter = Complaint.objects.get(kind="conduct_matter")
    assert (matter.status, matter.serious, matter.serious_on) == ("recorded", True, today)
    page = handler.get(made.url).content.decode()
    due = today + dt.timedelta(days=1)
    assert "Refer the conduct matter to the IOPC by the end of this day" in page
    assert f"{due:%-d %B %Y}" in page and "Set it aside" not in page
    for refused in (
        lambda: services.complaint_set_aside(complaint=matter, ground="late", actor=None),
        lambda: services.complaint_informal(complaint=matter, actor=None),
        lambda: services.complaint_withdraw(complaint=matter, reason="x", actor=None),
        lambda: services.complaint_resolve(complaint=matter, outcome="x", actor=None),
    ):
        with pytest.raises(ValidationError):
            refused()
    matter = services.complaint_refer(complaint=matter, referred_on=today, actor=None)
    assert [(k, to) for k, to, _ in letters.available(matter)] == [
        ("referral", "oversight"),
        ("referral", "subject"),
    ]
    assert _letter(handler, matter, "referral", "complainant").status_code == 404
    text = _letter(handler, matter, "referral", "oversight").content.decode()
    assert "refers to the Independent Office for Police Conduct the conduct matter" in text
    matter = services.complaint_iopc_outcome(
        complaint=matter, outcome="No investigation needed", back_to_panel=True, actor=None
    )
    matter = services.complaint_resolve(complaint=matter, outcome="Words of advice", actor=None)
    assert matter.status == "resolved"
    text = _letter(handler, matter, "outcome", "subject").content.decode()
    assert "conduct matter" in text and "Words of advice" in text


def test_it_takes_a_conduct_matter_through_the_api_with_field_errors(cast, handler):
    url = reverse("api:complaints:conduct-matters", args=["alpha"])
    bad = handler.post(url, {"subject": "mayor"}, content_type="application/json")
    assert bad.status_code == 400 and {"recorded_on", "subject", "text"} <= set(bad.json())
    today = timezone.localdate()
    future = handler.post(
        url,
        {
            "recorded_on": today.isoformat(),
            "subject": "pcc",
            "text": "x",
            "became_clear_on": (today + dt.timedelta(days=3)).isoformat(),
        },
        content_type="application/json",
    )
    assert future.status_code == 400 and "became_clear_on" in future.json()
    with panel_scope(cast["alpha"].panel):
        assert not Complaint.objects.filter(kind="conduct_matter").exists()
    made = handler.post(
        url,
        {"recorded_on": today.isoformat(), "subject": "dpcc", "text": "x"},
        content_type="application/json",
    )
    assert made.status_code == 201
    body = made.json()
    assert body["kind"] == "conduct_matter" and body["timetable"][0]["cites"] == "SI 2012/62 reg 13"


def test_it_shows_none_of_it_to_the_public_members_the_opcc_or_another_panel(
    cast, client_for, setup
):
    case = services.complaint_record(complaint=setup.complaint, serious=False, actor=None)
    case = services.complaint_set_aside(complaint=case, ground="already_subject", actor=None)
    urls = [
        reverse("complaints:conduct-matter-create", args=["alpha"]),
        reverse("complaints:complaint-letter", args=["alpha", case.pk, "set_aside", "complainant"]),
        reverse("complaints:complaint-letter", args=["alpha", case.pk, "set_aside", "subject"]),
        reverse("api:complaints:conduct-matters", args=["alpha"]),
        reverse("api:complaints:complaint", args=["alpha", case.pk]),
    ]
    readers = {
        "member": setup.off_committee,
        "opcc": cast.user("alpha", Role.OPCC_OFFICER),
        "other handler": cast.user("beta", Role.COMPLAINTS_HANDLER),
    }
    for who, user in readers.items():
        client = client_for(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert SECRET not in response.content.decode()
        posted = client.post(urls[3], {"recorded_on": "2024-01-01", "subject": "pcc", "text": "x"})
        assert posted.status_code == 404, who
    public = client_for(None)
    for url in urls:
        response = public.get(url)
        assert response.status_code in (302, 404) and SECRET not in response.content.decode()
    with panel_scope(cast["alpha"].panel):
        assert not Complaint.objects.filter(kind="conduct_matter").exists()
