"""Complaints: who may see and do what, on every surface; the view log; the public item's counts."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from complaints.models import ComplaintView
from complaints.tests.support import SECRET, Setup
from panel.access import Role
from panel.tenancy import panel_scope


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
