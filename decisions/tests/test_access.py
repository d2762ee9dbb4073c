"""Who reads what of a decision record: the exempt part and drafts, on every surface."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from decisions.testing import DRAFT_MARKER, EXEMPT_MARKER, draft, published_with_exempt_part
from panel.access import Role

OUTSIDERS = [
    "anonymous",
    "own:complaints_handler",
    "other:opcc_officer",
    "other:clerk",
    "other:member",
]


ENTITLED = ["own:opcc_officer", "own:clerk", "own:member"]


def user_for(cast, actor):
    if actor == "anonymous":
        return None
    where, role = actor.split(":")
    return cast.user("alpha" if where == "own" else "beta", Role(role))


def surfaces(client, decision):
    number = decision.number
    pdf = client.get(reverse("decisions:decision-pdf", args=["alpha", number]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    return {
        "register": client.get(
            reverse("decisions:decisions", args=["alpha"]) + "?q=Sale"
        ).content.decode(),
        "page": client.get(reverse("decisions:decision", args=["alpha", number])).content.decode(),
        "feed": client.get(reverse("decisions:decision-feed", args=["alpha"])).content.decode(),
        "api_list": client.get(reverse("api:decisions:decisions", args=["alpha"])).content.decode(),
        "api_detail": client.get(
            reverse("api:decisions:decision", args=["alpha", decision.pk])
        ).content.decode(),
        "pdf": pdf_text,
    }


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_it_keeps_the_exempt_part_and_drafts_from_outsiders(cast, client_for, decisions, actor):
    published, _ = decisions
    for surface, text in surfaces(client_for(user_for(cast, actor)), published).items():
        assert EXEMPT_MARKER not in text, (surface, actor)
        assert DRAFT_MARKER not in text, (surface, actor)
        assert "Sale of a police station" in text, (surface, actor)


@pytest.mark.parametrize("actor", ENTITLED)
def test_it_shows_the_exempt_part_to_the_entitled(cast, client_for, decisions, actor):
    published, _ = decisions
    found = surfaces(client_for(user_for(cast, actor)), published)
    for surface in ("page", "api_detail", "pdf"):
        assert EXEMPT_MARKER.replace("-", "") in found[surface].replace("-", "").replace(
            "\n", ""
        ), surface
    assert EXEMPT_MARKER not in found["feed"]  # feeds are always the public's


def test_it_shows_drafts_only_to_the_opcc(cast, client_for, decisions):
    _, the_draft = decisions
    opcc = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    assert (
        DRAFT_MARKER
        in opcc.get(reverse("api:decisions:decisions", args=["alpha"])).content.decode()
    )
    member = client_for(cast.user("alpha", Role.MEMBER))
    assert (
        member.get(reverse("api:decisions:decision", args=["alpha", the_draft.pk])).status_code
        == 404
    )


def test_it_lists_the_decisions_since_the_previous_meeting_on_the_commissioners_item(cast, client):
    import datetime as dt

    from django.utils import timezone

    from decisions.models import Decision
    from decisions.queries import decisions_since_previous_meeting
    from meetings import services as meetings
    from meetings.testing import LONDON
    from panel.tenancy import panel_scope

    alpha = cast["alpha"]
    now = timezone.now()
    with panel_scope(alpha.panel):
        before = meetings.meeting_create(
            body=alpha.main_body, start=now - dt.timedelta(days=60), venue="A", actor=None
        )
        meeting = meetings.meeting_create(
            body=alpha.main_body,
            start=now + dt.timedelta(days=30),
            venue="B",
            previous=before,
            actor=None,
        )
        item = meetings.item_add(
            meeting=meeting, title="Report of the Commissioner", kind="pcc_update", actor=None
        )
        meetings.agenda_publish(meeting=meeting, late_reason="test", actor=None)
        old = published_with_exempt_part(alpha)
        Decision._base_manager.filter(pk=old.pk).update(published_at=now - dt.timedelta(days=90))
        new = draft(alpha, "Recent decision")
    from decisions.testing import published as publish_one

    recent = publish_one(alpha, "Recent published decision")
    assert list(decisions_since_previous_meeting(meeting)) == [recent]
    page = client.get(
        reverse("meetings:item", args=["alpha", meeting.slug, item.number])
    ).content.decode()
    assert "Recent published decision" in page and "Sale of a police station" not in page
    assert new.title not in page
    assert LONDON
