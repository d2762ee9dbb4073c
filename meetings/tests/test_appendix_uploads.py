"""Appendix uploads: a bad file leaves no appendix and keeps the old file, the page says why,
and the clerk is told which PDFs have no structure tags. The checks themselves are
documents.uploads' (documents/tests/test_uploads.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.testing import pdf_bytes, upload
from meetings import services
from meetings.models import AgendaItem, Appendix
from meetings.testing import LONDON
from panel.access import Role
from panel.tenancy import panel_scope

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


@pytest.fixture
def item(cast):
    c = cast["alpha"]
    with panel_scope(c.panel):
        start = dt.datetime(2030, 3, 15, 10, tzinfo=LONDON)
        meeting = services.meeting_create(body=c.main_body, start=start, venue="Hall", actor=None)
        yield services.item_add(meeting=meeting, title="Budget", actor=None)


def test_it_keeps_no_appendix_when_the_file_is_refused(item):
    with pytest.raises(ValidationError) as caught:
        services.appendix_add(item=item, title="A", upload=upload(PNG, "report.pdf"), actor=None)
    assert "not a PDF" in caught.value.message_dict["file"][0]
    assert not Appendix.objects.for_panel(item.panel).filter(item=item).exists()


def test_it_accepts_a_pdf_and_keeps_the_old_file_when_a_replacement_is_bad(item):
    appendix = services.appendix_add(
        item=item, title="Survey", upload=upload(pdf_bytes(3), "survey.pdf"), actor=None
    )
    assert (appendix.letter, appendix.stored_file.pages, appendix.stored_file.name) == (
        "A",
        3,
        "survey.pdf",
    )
    original = appendix.stored_file_id
    with pytest.raises(ValidationError):
        services.appendix_replace_file(appendix=appendix, upload=upload(PNG, "new.pdf"), actor=None)
    appendix.refresh_from_db()
    assert appendix.stored_file_id == original
    second = services.appendix_add(item=item, title="Map", text="A written appendix", actor=None)
    assert second.letter == "B"


def test_it_shows_the_upload_error_on_the_page_and_keeps_nothing(cast, client_for, item):
    client = client_for(cast.user("alpha", Role.CLERK))
    meeting = item.meeting
    url = reverse("meetings:item-edit", args=["alpha", meeting.slug, item.pk])
    response = client.post(
        url,
        {
            "form": "appendix",
            "appendix-title": "Photo",
            "appendix-access": "public",
            "appendix-version": meeting.version,
            "appendix-file": upload(PNG, "photo.pdf"),
        },
    )
    assert response.status_code == 400
    assert "This file is not a PDF" in response.content.decode()
    assert not Appendix.objects.for_panel(item.panel).exists()
    assert AgendaItem.objects.for_panel(item.panel).filter(pk=item.pk).exists()


def test_it_tells_the_clerk_which_appendices_have_no_structure_tags(cast, client_for, item):
    """A tagged PDF keeps the pack accessible; an untagged one is named on the item page."""
    from weasyprint import HTML

    html = HTML(string='<html lang="en-GB"><body><h1>Survey</h1><p>Results</p></body></html>')
    tagged = services.appendix_add(
        item=item,
        title="Survey",
        upload=upload(html.write_pdf(pdf_tags=True), "survey.pdf"),
        actor=None,
    )
    plain = services.appendix_add(
        item=item, title="Map", upload=upload(pdf_bytes(), "map.pdf"), actor=None
    )
    assert (tagged.stored_file.tagged, plain.stored_file.tagged) == (True, False)
    client = client_for(cast.user("alpha", Role.CLERK))
    page = client.get(reverse("meetings:item-edit", args=["alpha", item.meeting.slug, item.pk]))
    text = page.content.decode()
    assert text.count("No structure tags") == 1 and "Appendix B is a PDF without" in text
    services.appendix_replace_file(
        appendix=plain, upload=upload(html.write_pdf(pdf_tags=True), "map.pdf"), actor=None
    )
    page = client.get(reverse("meetings:item-edit", args=["alpha", item.meeting.slug, item.pk]))
    assert "No structure tags" not in page.content.decode()
