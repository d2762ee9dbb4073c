from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse

from meetings import packs
from meetings import services as meeting_services
from meetings.testing import (
    DRAFT_MARKER,
    EXEMPT_APPENDIX_MARKER,
    EXEMPT_MINUTE_MARKER,
    EXEMPT_REPORT_MARKER,
    published_meeting,
)
from panel.access import Role
from panel.tenancy import panel_scope
from panel.testing import api_token
from tests.security.world import build_world

from .conftest import embedded, local, walk_all

pytestmark = pytest.mark.django_db


def test_it_serves_only_valid_objects_and_no_secret_of_the_world(client, cast, schemas, settings):
    settings.OPARL_PAGE_SIZE = 3  # so every list of the world runs to several pages
    world = build_world(cast)

    walk = walk_all(client)

    served = [e for obj in walk.objects.values() for e in embedded(obj)]
    errors = [error for obj in served for error in schemas.errors(obj)]
    assert errors == []
    kinds = {o["type"].rsplit("/", 1)[-1] for o in served}
    assert kinds >= {
        "System", "Body", "Organization", "Person", "Membership", "LegislativeTerm", "Meeting",
        "AgendaItem", "File", "Location", "Paper", "Consultation",
    }  # fmt: skip
    paper_types = {o.get("paperType") for o in served if o["type"].endswith("/Paper")}
    assert paper_types >= {
        "Report",
        "Decision of the Police and Crime Commissioner",
        "Report of the Police and Crime Panel",
    }
    bodies = [o for o in walk.objects.values() if o["type"].endswith("/Body")]
    assert {b["shortName"] for b in bodies} == {w.cast.panel.slug for w in world.panels.values()}
    text = "\n".join(walk.texts)
    leaked = [m.text for m in world.markers if m.text in text]
    assert leaked == []


def test_it_shows_an_exempt_item_as_its_number_title_and_paragraph_only(client, cast, schemas):
    c = cast["alpha"]
    published = published_meeting(c)
    walk = walk_all(client)

    text = "\n".join(walk.texts)
    for marker in (
        EXEMPT_REPORT_MARKER,
        EXEMPT_APPENDIX_MARKER,
        EXEMPT_MINUTE_MARKER,
        DRAFT_MARKER,
    ):
        assert marker not in text
    meeting = next(o for o in walk.objects.values() if o["type"].endswith("/Meeting"))
    items = {i["name"]: i for i in meeting["agendaItem"]}
    exempt = items[published.exempt_item.title]
    assert exempt["public"] is False
    assert set(exempt) == {
        "id", "type", "meeting", "number", "order", "name", "public", "keyword",
        "created", "modified",
    }  # fmt: skip
    assert exempt["keyword"] == [
        f"exempt: Schedule 12A paragraph {published.exempt_item.exempt_paragraph}"
    ]
    public = items[published.public_item.title]
    assert [f["name"] for f in public["auxiliaryFile"]] == ["Appendix A: Survey results"]
    (file,) = public["auxiliaryFile"]
    assert file["size"] > 0 and len(file["sha512Checksum"]) == 128
    assert client.get(file["accessUrl"]).status_code == 200
    assert all(not schemas.errors(o) for obj in walk.objects.values() for o in embedded(obj))


def test_it_refuses_a_date_that_is_not_one(client, cast):
    url = reverse("oparl:list", kwargs={"panel_slug": cast["alpha"].panel.slug, "kind": "meetings"})
    response = client.get(url, {"modified_since": "yesterday"})
    assert response.status_code == 400
    assert "modified_since must be an ISO 8601 date and time" in response.json()["error"]
    assert client.get(url, {"page": "x"}).status_code == 400
    assert client.get(url.replace("meetings", "nothing")).status_code == 404
    assert client.get("/oparl/v1/body/no-such-panel").status_code == 404


def _meetings_list(c, days: int) -> str:
    """``days`` meetings (June 2030) and the URL of the panel's OParl meetings list."""
    with panel_scope(c.panel):
        for day in range(1, days + 1):
            start = dt.datetime(2030, 6, day, 10, tzinfo=dt.UTC)
            meeting_services.meeting_create(body=c.main_body, start=start, venue="Hall", actor=None)
    return reverse("oparl:list", kwargs={"panel_slug": c.panel.slug, "kind": "meetings"})


def _ids_by_next(client, page, size: int) -> list[str]:
    """The ids on this page and on each page its ``links.next`` leads to, none over ``size``."""
    ids = []
    while True:
        assert len(page["data"]) <= page["pagination"]["elementsPerPage"] == size
        ids += [m["id"] for m in page["data"]]
        if "next" not in page["links"]:
            return ids
        page = client.get(page["links"]["next"]).json()


def test_it_pages_without_skipping_or_repeating(client, cast, settings):
    settings.OPARL_PAGE_SIZE = 2
    url = _meetings_list(cast["alpha"], 5)
    first = client.get(url).json()
    assert first["pagination"]["totalPages"] == 3
    assert "prev" not in first["links"]
    last = client.get(first["links"]["last"]).json()
    assert "next" not in last["links"] and last["links"]["prev"]
    ids = _ids_by_next(client, first, 2)
    assert len(ids) == len(set(ids)) == 5


def test_a_page_of_meetings_is_ten_and_a_client_may_ask_for_fewer(client, cast):
    url = _meetings_list(cast["alpha"], 12)

    first = client.get(url).json()
    assert len(first["data"]) == first["pagination"]["elementsPerPage"] == 10
    assert first["links"]["self"].endswith("?page=1")
    people = client.get(url.replace("meetings", "people")).json()
    assert people["pagination"]["elementsPerPage"] == 100  # small objects, the usual page

    # OParl 1.1: a client may ask for fewer a page; the pages that follow keep its size
    page = client.get(url, {"elementsPerPage": "5"}).json()
    assert page["pagination"]["totalPages"] == 3
    assert all("elementsPerPage=5" in page["links"][k] for k in ("self", "next", "last"))
    ids = _ids_by_next(client, page, 5)
    assert len(ids) == len(set(ids)) == 12
    # ...and no more than the server's own page
    assert client.get(url, {"elementsPerPage": "500"}).json()["pagination"]["elementsPerPage"] == 10
    for bad in ("0", "-1", "x", "²", "9" * 30):
        response = client.get(url, {"elementsPerPage": bad})
        assert response.status_code == 400, bad
        assert response.json()["error"] == "elementsPerPage must be a whole number from 1."
    assert client.get(url, {"page": "9" * 30}).status_code == 400


def test_it_serves_the_public_pack_and_files_with_their_checksums(
    client, cast, schemas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = published_meeting(cast["alpha"]).meeting
    with panel_scope(meeting.panel_id):
        job = meeting_services.pack_request(meeting=meeting, audience="public", actor=None)
    packs.pack_generate(job.pk)
    walk = walk_all(client)

    meeting = next(o for o in walk.objects.values() if o["type"].endswith("/Meeting"))
    pack = meeting["invitation"]
    assert schemas.errors(pack) == []
    files = [o for o in walk.objects.values() if o["type"].endswith("/File")]
    minutes = meeting["resultsProtocol"]
    assert (
        minutes["mimeType"] == "text/html" and client.get(minutes["accessUrl"]).status_code == 200
    )
    files.remove(minutes)
    assert pack in files and len(files) == 2
    for file in files:
        response = client.get(file["downloadUrl"])
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) == file["size"]
        assert hashlib.sha512(body).hexdigest() == file["sha512Checksum"]


def _body(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_reader_gets_the_public_record_and_no_secret(client, client_for, cast, schemas):
    """OParl is the public record whoever asks: a member and the clerk of each panel, and the
    office's API token, are served exactly what the public is, and no marker of the world."""
    world = build_world(cast)
    # The clerk first: the record kept in the cache is built while the clerk asks.
    readers = [cast.user(p, r) for p in ("alpha", "beta") for r in (Role.CLERK, Role.MEMBER)]
    walks = [walk_all(client_for(reader)) for reader in readers]
    public = walk_all(client_for(None))
    files = [o for o in public.objects.values() if o["type"].endswith("/File")]
    ids = {f["id"].rsplit("/", 1)[-1].split("-")[0] for f in files if not f.get("deleted")}
    assert ids >= {"minutes", "file", "document", "appendix"}
    for file in files:  # each one the public may download
        if not file.get("deleted"):
            assert _body(client, local(file["accessUrl"]))
    errors = [
        e for obj in public.objects.values() for o in embedded(obj) for e in schemas.errors(o)
    ]
    assert errors == []

    officer = cast.user("alpha", Role.OPCC_OFFICER)
    key = api_token(officer, cast["alpha"].panel)[1]
    token_client = client_for(None)
    token_client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    walks.append(walk_all(token_client))
    for walk in walks:
        assert walk.objects == public.objects
        text = "\n".join(walk.texts)
        assert [m.text for m in world.markers if m.text in text] == []
