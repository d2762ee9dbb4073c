"""A published item withdrawn from the agenda: it keeps its number and title, marked withdrawn
with the reason, and the revised agenda carries none of its papers (page, item page, files,
packs, search); an exempt item's reason stays with those who may read exempt business."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.testing import upload
from documents.textpdf import text_pdf
from meetings import packs, queries, services, snapshot
from meetings.models import AgendaItem
from meetings.testing import LONDON
from panel.access import Role
from panel.services import StaleEdit
from panel.tenancy import panel_scope

REPORT_WORD = "Wrenfordcustodyreport"
APPENDIX_WORD = "Ashcombeappendixword"
REASON = "Deferred to the June meeting at the request of the OPCC."
EXEMPT_REASON = "SECRET-WITHDRAWAL-REASON-5b1e"


@pytest.fixture
def withdrawn(cast):
    """A published meeting whose report (with a PDF appendix) and exempt item are withdrawn,
    and the revised agenda published."""
    c = cast["alpha"]
    with panel_scope(c.panel):
        start = dt.datetime(2030, 6, 20, 10, tzinfo=LONDON)
        meeting = services.meeting_create(
            body=c.main_body, start=start, venue="Shire Hall", actor=None
        )
        item = services.item_add(meeting=meeting, title="Custody review", actor=None)
        services.report_update(item=item, body_source=f"Text {REPORT_WORD}.", actor=None)
        appendix = services.appendix_add(
            item=item,
            title="Visits",
            upload=upload(text_pdf("Visits.", f"Found {APPENDIX_WORD}.")),
            actor=None,
        )
        exempt = services.item_add(
            meeting=meeting,
            title="Estates contract",
            access="exempt",
            exempt_paragraph=3,
            public_interest="Prices.",
            actor=None,
        )
        services.report_update(item=exempt, body_source="Tender prices.", actor=None)
        services.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=14), actor=None)
        item.refresh_from_db()
        exempt.refresh_from_db()
        meeting.refresh_from_db()
        services.item_withdraw(
            item=item, reason=REASON, expected_version=meeting.version, actor=None
        )
        services.item_withdraw(item=exempt, reason=EXEMPT_REASON, actor=None)
        assert "withdrawn" in str(snapshot.unpublished_changes(meeting)[0])
        services.agenda_publish(
            meeting=meeting,
            change_note="Item withdrawn",
            at=start - dt.timedelta(days=10),
            actor=None,
        )
    return {"meeting": meeting, "item": item, "exempt": exempt, "file": appendix.stored_file_id}


def _pages(meeting, item):
    args = ["alpha", meeting.slug]
    return {
        "page": reverse("meetings:meeting", args=args),
        "item": reverse("meetings:item", args=[*args, item.number]),
        "api": reverse("api:meetings:meeting", args=args),
    }


@pytest.mark.parametrize(
    "who,sees_exempt",
    [
        (None, False),
        (("alpha", Role.MEMBER), True),
        (("alpha", Role.CLERK), True),
        (("alpha", Role.OPCC_OFFICER), False),
        (("beta", Role.CLERK), False),
    ],
)
def test_a_withdrawn_item_keeps_its_place_and_reason_and_loses_its_papers(
    cast, client_for, withdrawn, who, sees_exempt
):
    client = client_for(cast.user(*who) if who else None)
    meeting, item = withdrawn["meeting"], withdrawn["item"]
    pages = _pages(meeting, item)
    agenda = client.get(pages["page"]).content.decode()
    assert "Custody review" in agenda and "Withdrawn" in agenda and REASON in agenda
    assert "Estates contract" in agenda
    assert (EXEMPT_REASON in agenda) is sees_exempt  # an exempt item's reason, to the entitled
    detail = client.get(pages["item"]).content.decode()
    assert "has been withdrawn from the agenda" in detail and REPORT_WORD not in detail
    assert "Visits" not in detail
    file = reverse("meetings:file", args=["alpha", meeting.slug, withdrawn["file"]])
    clerk = who == ("alpha", Role.CLERK)  # who keeps every paper of the panel's drafts
    assert client.get(file).status_code == (200 if clerk else 404)  # no longer published
    api = client.get(pages["api"]).json()
    (row,) = [i for i in api["agenda"]["items"] if i["title"] == "Custody review"]
    assert row["report"] is None and row["appendices"] == []
    for word in (REPORT_WORD, APPENDIX_WORD):
        found = client.get(reverse("search:search", args=["alpha"]), {"q": word})
        assert 'class="app-search-result' not in found.content.decode(), word


def test_the_packs_carry_the_item_on_the_agenda_and_none_of_its_papers(cast, withdrawn):
    meeting = withdrawn["meeting"]
    with panel_scope(meeting.panel):
        for audience in ("public", "members"):
            job = services.pack_request(meeting=meeting, audience=audience, actor=None)
            ctx = packs.jobs._context(job)
            keys = [part.key for part in packs.parts.build_parts(ctx)]
            assert f"item-{withdrawn['item'].pk}" not in keys, audience
            assert f"item-{withdrawn['exempt'].pk}" not in keys, audience
            agenda = packs.parts.build_parts(ctx)[1].segments[0].html
            assert "Withdrawn" in agenda and REASON in agenda
            assert (EXEMPT_REASON in agenda) is (audience == "members")


def test_withdrawal_is_refused_without_a_reason_before_publication_or_from_a_stale_screen(
    cast, withdrawn
):
    c = cast["alpha"]
    meeting = withdrawn["meeting"]
    with panel_scope(c.panel):
        fresh = services.item_add(meeting=meeting, title="Not yet published", actor=None)
        with pytest.raises(ValidationError, match="remove it instead"):
            services.item_withdraw(item=fresh, reason="No", actor=None)
        with pytest.raises(ValidationError, match="has been published: withdraw it"):
            services.item_remove(item=withdrawn["item"], actor=None)
        item = AgendaItem.objects.get(pk=withdrawn["item"].pk)
        services.item_reinstate(item=item, actor=None)
        with pytest.raises(ValidationError) as missing:
            services.item_withdraw(item=item, reason="  ", actor=None)
        assert "reason" in missing.value.message_dict
        with pytest.raises(StaleEdit):
            services.item_withdraw(item=item, reason="Late", expected_version=1, actor=None)
        item.refresh_from_db()
        assert item.withdrawn_reason == ""  # nothing half-saved
        changes = [str(c) for c in snapshot.unpublished_changes(meeting)]
        assert any("reinstated" in c for c in changes)


def test_the_clerk_withdraws_and_reinstates_on_the_editor(cast, client_for, withdrawn):
    meeting = withdrawn["meeting"]
    client = client_for(cast.user("alpha", Role.CLERK))
    with panel_scope(meeting.panel):
        item = AgendaItem.objects.get(pk=withdrawn["item"].pk)
    url = reverse("meetings:item-action", args=["alpha", meeting.slug, item.pk])

    def press(action, **data):
        meeting.refresh_from_db()
        return client.post(url, {"action": action, "version": meeting.version, **data})

    assert press("reinstate").status_code == 302
    editor = client.get(reverse("meetings:meeting-edit", args=["alpha", meeting.slug]))
    assert "Withdraw the item" in editor.content.decode()
    refused = press("withdraw", reason="")
    assert (
        refused.status_code == 400 and "Say why the item is withdrawn." in refused.content.decode()
    )
    assert press("withdraw", reason="Deferred to June").status_code == 302
    item.refresh_from_db()
    assert item.withdrawn_reason == "Deferred to June"
    member = client_for(cast.user("alpha", Role.MEMBER))
    assert member.post(url, {"action": "reinstate", "version": 1}).status_code == 404


def test_the_api_withdraws_and_reinstates_with_field_errors_and_a_stale_check(
    cast, client_for, withdrawn
):
    meeting, item = withdrawn["meeting"], withdrawn["item"]
    url = reverse("api:meetings:item-withdrawal", args=["alpha", meeting.slug, item.pk])
    client = client_for(cast.user("alpha", Role.CLERK))

    def put(**data):
        return client.put(url, data, content_type="application/json")

    meeting.refresh_from_db()
    back = client.delete(url + f"?version={meeting.version}")
    assert back.status_code == 200 and back.json()["withdrawn_reason"] == ""
    bad = put(reason=" ")
    assert bad.status_code == 400 and "reason" in bad.json()
    stale = put(reason="Late", version=1)  # another clerk's edit came first
    assert stale.status_code == 400 and "Someone else changed" in str(stale.json())
    item.refresh_from_db()
    assert item.withdrawn_reason == ""  # nothing half-saved
    done = put(reason="Deferred")
    assert done.status_code == 200 and done.json()["withdrawn_reason"] == "Deferred"
    for role in (Role.MEMBER, Role.OPCC_OFFICER):
        assert client_for(cast.user("alpha", role)).delete(url).status_code == 404
    assert client_for(cast.user("beta", Role.CLERK)).delete(url).status_code == 404
    assert client_for(None).delete(url).status_code in (401, 403, 404)


def test_a_withdrawn_heading_takes_its_sub_items_and_their_papers_with_it(cast, client_for):
    c = cast["alpha"]
    with panel_scope(c.panel):
        start = dt.datetime(2030, 7, 18, 10, tzinfo=LONDON)
        meeting = services.meeting_create(body=c.main_body, start=start, venue="Hall", actor=None)
        heading = services.item_add(
            meeting=meeting, title="Estates", kind=AgendaItem.Kind.HEADING, actor=None
        )
        sub = services.item_add(meeting=meeting, title="Custody suite", parent=heading, actor=None)
        services.report_update(item=sub, body_source=f"Text {REPORT_WORD}.", actor=None)
        services.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=14), actor=None)
        heading.refresh_from_db()
        services.item_withdraw(item=heading, reason=REASON, actor=None)
        changes = [str(change) for change in snapshot.unpublished_changes(meeting)]
        assert any("Custody suite" in change and "withdrawn" in change for change in changes)
        editor = client_for(cast.user("alpha", Role.CLERK)).get(
            reverse("meetings:meeting-edit", args=["alpha", meeting.slug])
        )
        html = editor.content.decode()
        assert "Withdrawn with its item" in html
        # the heading's own Withdraw is gone, and the sub-item offers none
        for title in ("Estates", "Custody suite"):
            assert f'Withdraw<span class="govuk-visually-hidden"> {title}</span>' not in html
        services.agenda_publish(
            meeting=meeting, change_note="Withdrawn", at=start - dt.timedelta(days=10), actor=None
        )
        sub.refresh_from_db()
    public = client_for(None)
    page = public.get(reverse("meetings:meeting", args=["alpha", meeting.slug])).content.decode()
    assert page.count(REASON) == 2  # the heading and its sub-item, each marked
    detail = public.get(reverse("meetings:item", args=["alpha", meeting.slug, sub.number]))
    assert REPORT_WORD not in detail.content.decode()
    found = public.get(reverse("search:search", args=["alpha"]), {"q": REPORT_WORD})
    assert 'class="app-search-result' not in found.content.decode()
    minutes = client_for(cast.user("alpha", Role.CLERK)).get(
        reverse("meetings:minutes-edit", args=["alpha", meeting.slug])
    )
    hints = re.findall(
        r'<p class="govuk-hint">Withdrawn from the agenda([^<]*)</p>', minutes.content.decode()
    )
    assert [hint.startswith(" with its item") for hint in hints] == [
        True
    ]  # headings take no minute
    assert REASON in hints[0]
    with panel_scope(c.panel):
        services.item_reinstate(item=heading, actor=None)
        (row,) = [i for i in snapshot.agenda_content(meeting)["items"] if i["id"] == sub.pk]
        assert "withdrawn" not in row and row["report"] is not None


def test_a_withdrawn_standing_item_brings_nothing_from_the_other_apps(cast, withdrawn):
    meeting = withdrawn["meeting"]
    clerk = cast.user("alpha", Role.CLERK)
    with panel_scope(meeting.panel):
        live = queries.item_extras(clerk, meeting, {"kind": AgendaItem.Kind.PCC_UPDATE})
        assert live["decisions"] is not None  # the Commissioner's decisions since the last one
        gone = {"kind": AgendaItem.Kind.PCC_UPDATE, "withdrawn": True}
        assert queries.item_extras(clerk, meeting, gone) == {
            "decisions": None,
            "complaint_counts": None,
        }
