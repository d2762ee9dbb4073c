"""The audit trail: every change records who, when and what; each role sees the history it keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import Complaint
from complaints.tasks import complaints_anonymise_all
from decisions.testing import draft
from meetings import services as meeting_services
from meetings.models import AgendaItem, Report
from meetings.testing import LONDON
from panel import services as panel_services
from panel.access import Role
from panel.tenancy import panel_scope
from panel.testing import api_token


@pytest.fixture
def records(cast):
    alpha = cast["alpha"]
    with panel_scope(alpha.panel):
        start = dt.datetime(2030, 3, 15, 10, tzinfo=LONDON)
        meeting = meeting_services.meeting_create(
            body=alpha.main_body, start=start, venue="Hall", actor=None
        )
        item = meeting_services.item_add(meeting=meeting, title="Road safety", actor=None)
        decision = draft(alpha, title="Draft estates decision")
        complaint = complaint_services.complaint_receive(
            panel=alpha.panel,
            received_on=timezone.localdate(),
            channel="email",
            complainant_name="Ada Complainant",
            subject="pcc",
            text="About the Commissioner",
            actor=None,
        )
    return {"meeting": meeting, "item": item, "decision": decision, "complaint": complaint}


def history_page(client, **params):
    return client.get(reverse("publishing:history", args=["alpha"]), params)


def test_a_change_on_a_page_records_who_when_and_what(cast, client_for, records):
    clerk = client_for(cast.user("alpha", Role.CLERK))
    item, meeting = records["item"], records["meeting"]
    meeting.refresh_from_db()
    response = clerk.post(
        reverse("meetings:item-edit", args=["alpha", meeting.slug, item.pk]),
        {
            "form": "item",
            "title": "Road safety partnership",
            "purpose": "",
            "access": "public",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    with panel_scope(item.panel):
        last = AgendaItem.history.filter(id=item.pk).order_by("-history_date").first()
    assert last.history_user == cast.user("alpha", Role.CLERK)
    assert last.history_type == "~"
    assert abs(timezone.now() - last.history_date) < dt.timedelta(minutes=1)

    page = history_page(clerk).content.decode()
    assert "Changed: Agenda item – Road safety partnership" in page
    assert "alpha-clerk" in page
    assert "Road safety</td>" in page and "Road safety partnership</td>" in page
    # One record's history on its own.
    one = history_page(clerk, kind="item", id=item.pk).content.decode()
    assert "Created: Agenda item" in one and "Meeting –" not in one


def test_each_role_sees_the_history_of_what_it_keeps_and_nobody_else_any(cast, client_for, records):
    clerk = history_page(client_for(cast.user("alpha", Role.CLERK))).content.decode()
    assert "Road safety" in clerk
    assert "Draft estates decision" not in clerk and "Ada Complainant" not in clerk

    opcc = history_page(client_for(cast.user("alpha", Role.OPCC_OFFICER))).content.decode()
    assert "Draft estates decision" in opcc and "Road safety" not in opcc

    handler = client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))
    page = history_page(handler).content.decode()
    assert "Ada Complainant" in page and "Road safety" not in page
    assert "Draft estates decision" not in page

    assert history_page(client_for(cast.user("alpha", Role.MEMBER))).status_code == 404
    for role in Role:
        assert history_page(client_for(cast.user("beta", role))).status_code == 404
    anonymous = history_page(client_for(None))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    # Asking for a kind one may not see shows nothing of it.
    sneaky = history_page(client_for(cast.user("alpha", Role.CLERK)), kind="complaint")
    assert "Ada Complainant" not in sneaky.content.decode()


def test_another_panels_changes_never_appear(cast, client_for, records):
    beta = cast["beta"]
    with panel_scope(beta.panel):
        start = dt.datetime(2030, 4, 1, 10, tzinfo=LONDON)
        meeting = meeting_services.meeting_create(
            body=beta.main_body, start=start, venue="Hall", actor=None
        )
        meeting_services.item_add(meeting=meeting, title="Betagwent business", actor=None)
    page = history_page(client_for(cast.user("alpha", Role.CLERK))).content.decode()
    assert "Betagwent business" not in page


def test_the_page_costs_the_same_number_of_queries_however_many_changes(
    cast, client_for, records, django_assert_max_num_queries
):
    clerk = client_for(cast.user("alpha", Role.CLERK))
    history_page(clerk)
    with panel_scope(records["item"].panel):
        for n in range(30):
            meeting_services.item_update(item=records["item"], title=f"Title {n}", actor=None)
    with django_assert_max_num_queries(40):
        response = history_page(clerk)
    assert response.content.decode().count("govuk-summary-card__title") >= 30


def test_the_retention_policy_also_clears_the_history(cast, records):
    complaint = records["complaint"]
    with panel_scope(complaint.panel):
        complaint_services.complaint_withdraw(
            complaint=complaint, reason="Withdrawn by letter", actor=None
        )
        Complaint.objects.filter(pk=complaint.pk).update(closed_on=dt.date(2000, 1, 1))
        complaint_services.complaints_anonymise(
            panel=complaint.panel, closed_before=dt.date.today(), actor=None
        )
        names = set(complaint.history.values_list("complainant_name", flat=True))
    assert names == {complaint_services.ANONYMISED}


# Who: the service writes its actor into the record itself, in its own transaction; nothing
# remembers the request (no middleware), so the same call records the same actor from a page,
# the API, a task or a command.


def test_a_service_called_directly_records_its_actor(cast, records):
    clerk = cast.user("alpha", Role.CLERK)
    item = records["item"]
    with panel_scope(item.panel):
        meeting_services.item_update(item=item, title="Road safety, revised", actor=clerk)
        last = AgendaItem.history.filter(id=item.pk).latest("history_date")
    assert (last.history_type, last.history_user) == ("~", clerk)


def test_a_deletion_records_its_actor_on_every_row_it_takes_with_it(cast, records):
    clerk = cast.user("alpha", Role.CLERK)
    item, item_id = records["item"], records["item"].pk  # a report: its Report goes with it
    with panel_scope(item.panel):
        meeting_services.item_remove(item=item, actor=clerk)
        gone = [
            AgendaItem.history.filter(id=item_id).latest("history_date"),
            Report.history.filter(item_id=item_id).latest("history_date"),
        ]
    assert [(r.history_type, r.history_user) for r in gone] == [("-", clerk), ("-", clerk)]


def test_a_celery_task_records_the_system(cast, records):
    handler = cast.user("alpha", Role.COMPLAINTS_HANDLER)
    complaint = records["complaint"]
    with panel_scope(complaint.panel):
        complaint_services.complaint_withdraw(
            complaint=complaint, reason="Withdrawn by letter", actor=handler
        )
        Complaint.objects.filter(pk=complaint.pk).update(closed_on=dt.date(2000, 1, 1))
    assert complaints_anonymise_all.apply().get() == 1
    with panel_scope(complaint.panel):
        users = list(
            complaint.history.order_by("history_date").values_list("history_user", flat=True)
        )
    assert users == [None, handler.pk, None]  # received (fixture), withdrawn, anonymised


def test_the_admin_records_the_superuser(records, client_for, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")
    item = records["item"]
    response = client_for(root).post(
        f"/admin/meetings/agendaitem/{item.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    with panel_scope(item.panel):
        last = AgendaItem.history.filter(id=item.pk).latest("history_date")
    assert (last.history_type, last.history_user) == ("-", root)


def test_people_bodies_memberships_standing_items_and_role_grants_have_their_history(
    cast, client_for
):
    alpha = cast["alpha"]
    clerk_user = cast.user("alpha", Role.CLERK)
    with panel_scope(alpha.panel):
        person = panel_services.person_create(
            panel=alpha.panel, name="Cllr Ann Example", actor=clerk_user
        )
        panel_services.person_update(
            person=person, expected_version=person.version, name="Cllr Ann Sample", actor=clerk_user
        )
        seat = panel_services.membership_create(
            body=alpha.main_body,
            person=person,
            role="member",
            start_date=dt.date(2030, 5, 1),
            actor=clerk_user,
        )
        panel_services.membership_end(
            membership=seat, end_date=dt.date(2031, 4, 30), actor=clerk_user
        )
        meeting_services.standing_items_customise(panel=alpha.panel, actor=clerk_user)
        newcomer = cast.user("alpha", Role.MEMBER)
        panel_services.role_grant(
            panel=alpha.panel, user=newcomer, role=Role.OPCC_OFFICER, actor=clerk_user
        )
        panel_services.role_revoke(
            panel=alpha.panel, user=newcomer, role=Role.OPCC_OFFICER, actor=clerk_user
        )
    page = history_page(client_for(clerk_user)).content.decode()
    assert "Changed: Person – Cllr Ann Sample" in page
    assert "Cllr Ann Example</td>" in page  # the old name beside the new
    assert "Changed: Membership – Cllr Ann Sample, Member of" in page
    assert "2031" in page  # the membership's end
    assert "Created: Standing item" in page
    assert "Created: Role granted – Opcc officer: alpha-member" in page
    assert "Deleted: Role granted – Opcc officer: alpha-member" in page
    assert page.count("alpha-clerk") >= 6
    # Nobody but the clerk reads it.
    for who in (Role.OPCC_OFFICER, Role.COMPLAINTS_HANDLER):
        other = history_page(client_for(cast.user("alpha", who))).content.decode()
        assert "Cllr Ann Sample" not in other and "Role granted" not in other


def test_the_office_and_the_clerk_read_the_history_of_api_tokens_never_their_keys(cast, client_for):
    alpha = cast["alpha"]
    officer = cast.user("alpha", Role.OPCC_OFFICER)
    with panel_scope(alpha.panel):
        token, key = api_token(officer, alpha.panel)
        panel_services.api_token_revoke(token=token, actor=cast.user("alpha", Role.CLERK))
    for role in (Role.OPCC_OFFICER, Role.CLERK):
        page = history_page(client_for(cast.user("alpha", role))).content.decode()
        assert "Created: API token – Case management system" in page
        assert "Changed: API token – Case management system" in page
        assert key not in page and token.digest not in page
    other = history_page(client_for(cast.user("alpha", Role.COMPLAINTS_HANDLER))).content.decode()
    assert "API token" not in other


@pytest.mark.parametrize(
    "query", ["?page=99999999999999999999", "?id=99999999999999999999", "?page=0", "?id=x"]
)
def test_a_page_or_id_no_row_can_have_is_a_404_not_an_error(cast, client_for, query):
    """A number past the database's integers reached PostgreSQL as an error (a 500)."""
    client = client_for(cast.user("alpha", Role.CLERK))
    assert client.get(reverse("publishing:history", args=["alpha"]) + query).status_code == 404


def test_whole_numbers_are_those_a_row_may_have():
    from panel.http import INT_MAX, whole_number

    assert whole_number("42") == 42 and whole_number(str(INT_MAX)) == INT_MAX
    for text in ("", "x", "-1", "1.5", "²", str(INT_MAX + 1), "9" * 40):
        assert whole_number(text) is None, text
