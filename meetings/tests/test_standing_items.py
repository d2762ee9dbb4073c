"""The clerk's standing items: the template every new agenda opens with."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, StandingItem
from meetings.testing import LONDON
from panel.access import Role
from panel.services import StaleEdit
from panel.tenancy import panel_scope


def _titles(panel):
    return list(
        StandingItem.objects.for_panel(panel).order_by("position").values_list("title", flat=True)
    )


def _new_meeting(c, day=15):
    start = dt.datetime(2030, 3, day, 10, tzinfo=LONDON)
    return services.meeting_create(body=c.main_body, start=start, venue="Hall", actor=None)


def test_a_changed_template_opens_every_new_agenda(cast):
    c = cast["alpha"]
    with panel_scope(c.panel):
        services.standing_items_customise(panel=c.panel, actor=None)
        assert _titles(c.panel)[:2] == ["General", "Apologies"]
        added = services.standing_item_save(
            panel=c.panel,
            title="Police and Crime Commissioner's Update",
            kind="pcc_update",
            purpose="",
            parent_title="",
            access="public",
            exempt_paragraph=None,
            actor=None,
        )
        services.standing_item_move(panel=c.panel, item=added, direction=-1, actor=None)
        apologies = StandingItem.objects.for_panel(c.panel).get(title="Apologies")
        services.standing_item_remove(panel=c.panel, item=apologies, actor=None)
        general = StandingItem.objects.for_panel(c.panel).get(title="General")
        services.standing_item_save(
            panel=c.panel, item=general, title="Opening business", actor=None
        )
        titles = _titles(c.panel)
        assert "Apologies" not in titles and titles[-2] == "Police and Crime Commissioner's Update"
        meeting = _new_meeting(c)
        items = AgendaItem.objects.for_panel(c.panel).filter(meeting=meeting)
        agenda = {i.title: i for i in items}
        # The renamed heading keeps its sub-items; the new item is on the agenda, in its place.
        assert agenda["Minutes of the previous meeting"].parent == agenda["Opening business"]
        assert agenda["Police and Crime Commissioner's Update"].kind == "pcc_update"
        assert "Apologies" not in agenda


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"title": " "}, "title", "Enter a title"),
        ({"access": "exempt", "exempt_paragraph": None}, "exempt_paragraph", "paragraph"),
        ({"access": "exempt", "exempt_paragraph": 99}, "exempt_paragraph", "paragraph"),
        ({"parent_title": "No such heading"}, "parent_title", "must come after"),
        ({"kind": "nonsense"}, "kind", "Choose what kind"),
    ],
)
def test_a_bad_item_is_refused_and_nothing_changes(cast, fields, field, message):
    c = cast["alpha"]
    with panel_scope(c.panel):
        services.standing_items_customise(panel=c.panel, actor=None)
        before = services.standing_fingerprint(c.panel)
        row = {
            "title": "Precept",
            "kind": "report",
            "purpose": "",
            "parent_title": "",
            "access": "public",
            "exempt_paragraph": None,
            **fields,
        }
        with pytest.raises(ValidationError) as caught:
            services.standing_item_save(panel=c.panel, actor=None, **row)
        assert message in " ".join(caught.value.message_dict[field])
        assert services.standing_fingerprint(c.panel) == before


def test_a_public_item_cannot_move_above_its_heading_or_sit_under_an_exempt_one(cast):
    c = cast["alpha"]
    with panel_scope(c.panel):
        services.standing_items_customise(panel=c.panel, actor=None)
        apologies = StandingItem.objects.for_panel(c.panel).get(title="Apologies")
        with pytest.raises(ValidationError, match="must come after"):
            services.standing_item_move(panel=c.panel, item=apologies, direction=-1, actor=None)
        general = StandingItem.objects.for_panel(c.panel).get(title="General")
        with pytest.raises(ValidationError, match="cannot sit under an exempt"):
            services.standing_item_save(
                panel=c.panel, item=general, access="exempt", exempt_paragraph=3, actor=None
            )
        assert _titles(c.panel)[:2] == ["General", "Apologies"]


def test_a_stale_screen_is_refused(cast):
    c = cast["alpha"]
    with panel_scope(c.panel):
        services.standing_items_customise(panel=c.panel, actor=None)
        seen = services.standing_fingerprint(c.panel)
        general = StandingItem.objects.for_panel(c.panel).get(title="General")
        services.standing_item_save(
            panel=c.panel, item=general, title="Business", expected=seen, actor=None
        )
        with pytest.raises(StaleEdit):
            services.standing_item_save(
                panel=c.panel, item=general, title="Other", expected=seen, actor=None
            )
        assert _titles(c.panel)[0] == "Business"


def test_the_clerk_uses_the_pages_and_sees_errors_on_the_form(cast, client_for):
    c = cast["alpha"]
    client = client_for(cast.user("alpha", Role.CLERK))
    url = reverse("meetings:standing-items", args=["alpha"])
    page = client.get(url)
    assert "These are the standard items" in page.content.decode()
    client.post(url, {"form": "customise"})
    with panel_scope(c.panel):
        fingerprint = services.standing_fingerprint(c.panel)
    bad = client.post(
        url,
        {
            "form": "add",
            "title": "Precept",
            "kind": "report",
            "access": "exempt",
            "fingerprint": fingerprint,
        },
    )
    assert bad.status_code == 400 and "Choose the paragraph" in bad.content.decode()
    good = client.post(
        url,
        {
            "form": "add",
            "title": "Precept",
            "kind": "report",
            "access": "public",
            "fingerprint": fingerprint,
        },
    )
    assert good.status_code == 302
    with panel_scope(c.panel):
        precept = StandingItem.objects.for_panel(c.panel).get(title="Precept")
    item_url = reverse("meetings:standing-item", args=["alpha", precept.pk])
    stale = client.post(item_url, {"action": "up", "fingerprint": fingerprint}, follow=True)
    assert "Someone else changed this record" in stale.content.decode()
    edit = client.get(item_url)
    assert edit.status_code == 200 and 'value="Precept"' in edit.content.decode()


@pytest.mark.parametrize(
    "actor",
    [
        None,
        ("alpha", Role.MEMBER),
        ("alpha", Role.OPCC_OFFICER),
        ("alpha", Role.COMPLAINTS_HANDLER),
        ("beta", Role.CLERK),
    ],
)
def test_no_one_but_the_panels_clerk_sees_or_changes_the_template(cast, client_for, actor):
    c = cast["alpha"]
    with panel_scope(c.panel):
        services.standing_items_customise(panel=c.panel, actor=None)
        first = StandingItem.objects.for_panel(c.panel).first()
        before = services.standing_fingerprint(c.panel)
    client = client_for(cast.user(*actor) if actor else None)
    urls = [
        reverse("meetings:standing-items", args=["alpha"]),
        reverse("meetings:standing-item", args=["alpha", first.pk]),
    ]
    for url in urls:
        for response in (client.get(url), client.post(url, {"action": "remove", "form": "add"})):
            if actor is None:
                assert response.status_code == 302 and "/accounts/login/" in response["Location"]
            else:
                assert response.status_code == 404
    with panel_scope(c.panel):
        assert services.standing_fingerprint(c.panel) == before


def test_the_clerk_moves_and_removes_a_standing_item_with_its_buttons(cast, client_for):
    c = cast["alpha"]
    with panel_scope(c.panel):
        services.standing_items_customise(panel=c.panel, actor=None)
        before = _titles(c.panel)
    client = client_for(cast.user("alpha", Role.CLERK))

    def press(title, action):
        with panel_scope(c.panel):
            item = StandingItem.objects.for_panel(c.panel).get(title=title)
            fingerprint = services.standing_fingerprint(c.panel)
        url = reverse("meetings:standing-item", args=["alpha", item.pk])
        response = client.post(url, {"action": action, "fingerprint": fingerprint})
        assert response.status_code == 302, response.content.decode()
        with panel_scope(c.panel):
            return _titles(c.panel)

    last, before_last = before[-1], before[-2]
    assert press(last, "up")[-2:] == [last, before_last]
    assert press(last, "down") == before
    assert press(last, "remove") == before[:-1]


def test_a_working_group_agenda_opens_without_the_panels_own_items(cast):
    """Public Question Time and the Complaints update are the panel's business; a working group
    opens with apologies, declarations and its notes, as its own agendas do."""
    c = cast["alpha"]
    days = iter(range(1, 29))
    with panel_scope(c.panel):

        def kinds(body):
            meeting = services.meeting_create(
                body=body,
                start=dt.datetime(2030, 6, next(days), 10, tzinfo=LONDON),
                venue="Hall",
                actor=None,
            )
            return [i.kind for i in AgendaItem.objects.filter(meeting=meeting).order_by("position")]

        panel_kinds, group_kinds = kinds(c.main_body), kinds(c.working_group)
        assert {"public_questions", "complaints"} <= set(panel_kinds)
        assert not {"public_questions", "complaints"} & set(group_kinds)
        assert {"heading", "apologies", "declarations", "minutes"} <= set(group_kinds)
        # The clerk's own template keeps the marking, and may mark another item.
        rows = services.standing_items_customise(panel=c.panel, actor=None)
        item = next(r for r in rows if r.kind == "next_meeting")
        services.standing_item_save(panel=c.panel, item=item, panel_only=True, actor=None)
        assert "next_meeting" not in kinds(c.working_group) and "next_meeting" in kinds(c.main_body)
