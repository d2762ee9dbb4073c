"""Complaints: the workflow, who may see and do what, the view log, letters, retention, counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ComplaintView
from documents.testing import pdf_bytes, upload
from panel import services as panel_services
from panel.access import Role
from panel.models import Person
from panel.tenancy import panel_scope

SECRET = "SECRET-COMPLAINANT-5a7c"


@dataclass
class Setup:
    complaint: Complaint
    file_id: int
    on_committee: Any
    off_committee: Any
    excluded: Any


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


def urls(s: Setup):
    c = s.complaint.pk
    return {
        "list": reverse("complaints:complaints", args=["alpha"]),
        "detail": reverse("complaints:complaint", args=["alpha", c]),
        "log": reverse("complaints:complaint-log", args=["alpha", c]),
        "letter": reverse(
            "complaints:complaint-letter", args=["alpha", c, "acknowledgement", "complainant"]
        ),
        "file": reverse("complaints:complaint-file", args=["alpha", c, s.file_id]),
        "api_list": reverse("api:complaints:complaints", args=["alpha"]),
        "api_detail": reverse("api:complaints:complaint", args=["alpha", c]),
    }


def outsiders(cast, s):
    return {
        "clerk": cast.user("alpha", Role.CLERK),
        "opcc": cast.user("alpha", Role.OPCC_OFFICER),
        "member off the sub-committee": s.off_committee,
        "excluded member": s.excluded,
        **{f"other panel {r.value}": cast.user("beta", r) for r in Role},
    }


def test_it_gives_everyone_without_a_grant_404_for_every_complaint_url(cast, client_for, setup):
    for who, user in outsiders(cast, setup).items():
        client = client_for(user)
        for name, url in urls(setup).items():
            response = client.get(url)
            assert SECRET not in response.content.decode()
            if who == "excluded member" and name in ("list", "api_list"):
                # Still on the sub-committee: the list is theirs, without this case in it.
                assert response.status_code == 200
                assert f"/complaints/{setup.complaint.pk}/" not in response.content.decode()
                assert f'"id":{setup.complaint.pk},' not in response.content.decode()
                continue
            assert response.status_code == 404, (who, name)
        for action in ("record", "withdraw", "exclude"):
            post = client.post(
                reverse("complaints:complaint-action", args=["alpha", setup.complaint.pk, action])
            )
            assert post.status_code == 404, (who, action)
            api = client.post(
                reverse(
                    "api:complaints:complaint-action", args=["alpha", setup.complaint.pk, action]
                )
            )
            assert api.status_code == 404, (who, action)
        if who != "excluded member":
            home = client.get(reverse("panel:home", args=["alpha"])).content.decode()
            assert "/complaints/" not in home
    anonymous = client_for(None)
    for name, url in urls(setup).items():
        response = anonymous.get(url)
        assert response.status_code in (302, 404), name  # pages ask the public to sign in first
        assert SECRET not in response.content.decode()


def test_it_lets_the_sub_committee_member_read_but_not_act(cast, client_for, setup):
    client = client_for(setup.on_committee)
    for name in ("list", "detail", "letter", "file", "api_list", "api_detail"):
        assert client.get(urls(setup)[name]).status_code == 200, name
    assert client.get(urls(setup)["log"]).status_code == 404
    response = client.post(
        reverse("complaints:complaint-action", args=["alpha", setup.complaint.pk, "record"])
    )
    assert response.status_code == 404


def test_it_logs_every_view_for_the_handler(cast, client_for, setup):
    member = client_for(setup.on_committee)
    member.get(urls(setup)["detail"])
    member.get(urls(setup)["letter"])
    member.get(urls(setup)["api_detail"])
    with panel_scope(cast["alpha"].panel):
        what = list(
            ComplaintView.objects.filter(user=setup.on_committee).values_list("what", flat=True)
        )
    assert sorted(what) == ["api", "case", "letter:acknowledgement:complainant"]
    handler = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))
    log = handler.get(urls(setup)["log"]).content.decode()
    assert setup.on_committee.get_username() in log


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


def test_it_shows_the_complaints_item_counts_and_never_names(cast, client_for, setup):
    from meetings import services as meetings
    from meetings.models import AgendaItem
    from meetings.testing import LONDON

    alpha = cast["alpha"]
    start = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=30), dt.time(10), tzinfo=LONDON
    )
    with panel_scope(alpha.panel):
        meeting = meetings.meeting_create(
            body=alpha.main_body, start=start, venue="Hall", actor=None
        )
        meetings.agenda_publish(meeting=meeting, late_reason="test", actor=None)
        item = AgendaItem.objects.get(meeting=meeting, kind="complaints")
    url = reverse("meetings:item", args=["alpha", meeting.slug, item.number])
    member = client_for(setup.off_committee).get(url).content.decode()
    assert "Complaints received since the last meeting" in member and SECRET not in member
    public = client_for(None).get(url).content.decode()
    assert "Complaints received since the last meeting" not in public


def test_it_lets_the_handler_use_the_api_with_field_errors(cast, client_for, setup):
    client = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))
    bad = client.post(
        reverse("api:complaints:complaints", args=["alpha"]),
        {"channel": "pigeon"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and {"channel", "complainant_name", "subject", "text"} <= set(
        bad.json()
    )
    done = client.post(
        reverse(
            "api:complaints:complaint-action", args=["alpha", setup.complaint.pk, "not_record"]
        ),
        {},
        content_type="application/json",
    )
    assert done.status_code == 400 and "grounds" in done.json()


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
