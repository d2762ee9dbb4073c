"""Walk every public URL of the demo panel as the public and look for exempt text.

Starting from the front page, the walker follows every link on the site (pages, feeds, files,
API), adds the API's own routes, and searches each response for the exempt items' report text.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from documents.testing import pdf_bytes, upload
from meetings import services
from meetings.models import AgendaItem, Meeting
from panel.models import Panel
from panel.tenancy import panel_scope

MARKERS = ("EXEMPT-WALK-REPORT-5e1d", "EXEMPT-WALK-APPENDIX-b7a0", "EXEMPT-WALK-MINUTE-c93f")
HREF = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
JSON_URL = re.compile(r'"(https?://testserver/[^"]+|/[a-z0-9\-/]+/)"')


def add_exempt_business():
    panel = Panel.objects.get(slug="warwickshire")
    with panel_scope(panel):
        meeting = Meeting.objects.get(slug="2014-09-26")
        secret = services.item_add(
            meeting=meeting,
            title="Custody healthcare contract",
            access="exempt",
            exempt_paragraph=3,
            public_interest="Bids are commercially sensitive.",
            actor=None,
        )
        services.report_update(item=secret, body_source=f"Bid prices: {MARKERS[0]}", actor=None)
        services.appendix_add(
            item=secret,
            title="Bids",
            access="exempt",
            exempt_paragraph=3,
            upload=upload(pdf_bytes(1), "bids.pdf"),
            actor=None,
        )
        public = AgendaItem.objects.get(meeting=meeting, title="Operation Devonport")
        services.appendix_add(
            item=public,
            title="Officer statements",
            access="exempt",
            exempt_paragraph=1,
            text=MARKERS[1],
            actor=None,
        )
        services.appendix_add(
            item=public,
            title="Review summary",
            upload=upload(pdf_bytes(2), "summary.pdf"),
            actor=None,
        )
        services.agenda_publish(meeting=meeting, late_reason="Late contract report", actor=None)
        july = Meeting.objects.get(slug="2014-07-18")
        complaints = AgendaItem.objects.get(meeting=july, kind="complaints")
        services.minutes_correct(
            item=complaints,
            text=f"One complaint about a named person: {MARKERS[2]}",
            reason="Omitted from the approved minutes",
            actor=None,
        )
        return complaints, secret


def walk(client, starts):
    seen, queue, visited = set(starts), deque(starts), []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        visited.append((url, response))
        if response.status_code != 200 or response.get("Content-Type", "").startswith(
            "application/pdf"
        ):
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        for found in HREF.findall(text) + JSON_URL.findall(text):
            link = urldefrag(found)[0].replace("&amp;", "&")
            parsed = urlparse(link)
            if parsed.netloc not in ("", "testserver") or not parsed.path.startswith("/"):
                continue
            path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if path.startswith(("/admin", "/accounts", "/static")) or path in seen:
                continue
            seen.add(path)
            queue.append(path)
    return visited


def test_it_finds_no_exempt_text_on_any_public_url_of_the_demo_panel(db, client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with scopes_disabled():
        _complaints, secret = add_exempt_business()
    starts = [
        "/",
        "/warwickshire/",
        "/api/panels/",
        "/api/panels/warwickshire/meetings/",
        "/api/schema/",
        "/warwickshire/meetings.ics",
        "/warwickshire/feeds/agendas/",
        "/warwickshire/feeds/minutes/",
    ]
    visited = walk(client, starts)
    urls = [u for u, _ in visited]
    assert len(visited) > 40
    assert reverse("meetings:item", args=["warwickshire", "2014-09-26", secret.number]) in urls
    assert "/warwickshire/meetings/2014-07-18/" in urls
    assert any("/files/" in u for u in urls)
    assert "/warwickshire/decisions/40/" in urls and "/warwickshire/decisions/40/pdf/" in urls
    for url, response in visited:
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        if response.streaming:
            continue
        body = response.content.decode("utf-8", "replace")
        for marker in MARKERS:
            assert marker not in body, (url, marker)
        assert "No complaints had been received" not in body, url  # an exempt minute
        assert "commercially sensitive until contracts" not in body, url  # WPCC 0040's exempt part
    print(f"walked {len(visited)} public URLs, 0 leaks")


def test_it_would_notice_a_leak_because_a_member_walking_the_same_urls_finds_the_markers(
    db, client
):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with scopes_disabled():
        add_exempt_business()
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username="warwickshire-member"))
    visited = walk(client, ["/warwickshire/meetings/"])
    bodies = " ".join(r.content.decode("utf-8", "replace") for _, r in visited if not r.streaming)
    for marker in MARKERS:
        assert marker in bodies
