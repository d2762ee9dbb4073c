"""Hostile uploads, made in the test, against every upload surface: pages, the API and services.

Every file is refused with a message that says why, nothing is stored (no row, no file on disk),
and the object's existing file is kept. All uploads go through ``documents.uploads.check_pdf``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from complaints import services as complaint_services
from decisions import services as decision_services
from documents.models import StoredFile
from documents.testing import pdf_bytes
from meetings import services as meeting_services
from meetings.models import Appendix
from meetings.testing import LONDON
from panel.access import Role
from panel.tenancy import panel_scope

LIMIT = 64 * 1024


def _write(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _with_action(key: str, action: dict[str, Any], *, on_page: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    value = DictionaryObject(
        {
            NameObject(k): NameObject(v) if v.startswith("/") else TextStringObject(v)
            for k, v in action.items()
        }
    )
    if on_page:
        writer.pages[0][NameObject(key)] = DictionaryObject({NameObject("/O"): value})
    else:
        writer._root_object[NameObject(key)] = value
    return _write(writer)


def _hidden_javascript() -> bytes:
    """JavaScript on a page-open action, its names escaped so a byte search cannot find them."""
    data = _with_action("/AA", {"/S": "/JavaScript", "/JS": "app.alert(1)"}, on_page=True)
    for plain, escaped in (
        (b"/JavaScript", b"/Java#53cript"),
        (b"/JS", b"/J#53"),
        (b"/AA", b"/A#41"),
    ):
        data = data.replace(plain, escaped)
    return data


def _embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("payload.exe", b"MZ\x90\x00 not really a program")
    return _write(writer)


def _zip_polyglot() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.html", "<script>alert(1)</script>")
    return pdf_bytes() + archive.getvalue()


def _html_polyglot() -> bytes:
    data = pdf_bytes()
    first_line = data.index(b"\n") + 1
    return (
        data[:first_line] + b"%<html><script>alert(document.cookie)</script>\n" + data[first_line:]
    )


# name -> (file bytes, uploaded file name, words the refusal must contain)
CORPUS: dict[str, tuple[bytes, str, str]] = {
    "encrypted": (pdf_bytes(password="secret"), "locked.pdf", "password-protected"),
    "javascript": (pdf_bytes(javascript="app.alert(1)"), "script.pdf", "scripts"),
    "hidden javascript": (_hidden_javascript(), "innocent.pdf", "scripts"),
    "launch action": (
        _with_action("/OpenAction", {"/S": "/Launch", "/F": "calc.exe"}),
        "launch.pdf",
        "launch",
    ),
    "embedded file": (_embedded_file(), "attached.pdf", "embedded files"),
    "zip polyglot": (_zip_polyglot(), "polyglot.pdf", "something else hidden"),
    "html polyglot": (_html_polyglot(), "page.pdf", "something else hidden"),
    "renamed executable": (b"MZ\x90\x00\x03" + b"\x00" * 400, "report.pdf", "not a PDF"),
    "oversized": (pdf_bytes() + b"\n%" + b"x" * LIMIT, "big.pdf", "too big"),
}
TRAVERSAL = "..\\..\\windows\\system32\\evil.pdf"


def _file(name: str) -> SimpleUploadedFile:
    data, filename, _ = CORPUS[name]
    return SimpleUploadedFile(filename, data, content_type="application/pdf")


@pytest.fixture
def setup(cast, settings, tmp_path):
    """A meeting item, a draft decision and a complaint, each with one good file already."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.APPENDIX_MAX_BYTES = LIMIT
    alpha = cast["alpha"]
    good = SimpleUploadedFile("good.pdf", pdf_bytes(2), content_type="application/pdf")
    with panel_scope(alpha.panel):
        start = dt.datetime(2030, 3, 15, 10, tzinfo=LONDON)
        meeting = meeting_services.meeting_create(
            body=alpha.main_body, start=start, venue="Hall", actor=None
        )
        item = meeting_services.item_add(meeting=meeting, title="Budget", actor=None)
        appendix = meeting_services.appendix_add(
            item=item, title="Figures", upload=good, actor=None
        )
        good.seek(0)
        decision = decision_services.decision_create(
            panel=alpha.panel, title="Estates", executive_summary="S", decision="D", actor=None
        )
        decision_services.attachment_add(decision=decision, title="Plan", upload=good, actor=None)
        good.seek(0)
        complaint = complaint_services.complaint_receive(
            panel=alpha.panel,
            received_on=timezone.localdate(),
            channel="email",
            complainant_name="A Person",
            subject="pcc",
            text="About the Commissioner",
            actor=None,
        )
        complaint_services.attachment_add(
            complaint=complaint, title="Letter", upload=good, actor=None
        )
    media = Path(settings.MEDIA_ROOT)
    return {
        "cast": cast,
        "meeting": meeting,
        "item": item,
        "appendix": appendix,
        "decision": decision,
        "complaint": complaint,
        "media": media,
    }


def _client(cast: Any, role: Role) -> Client:
    client = Client()
    client.force_login(cast.user("alpha", role))
    return client


def _state(s: dict[str, Any]) -> tuple[Any, ...]:
    with scopes_disabled():
        files = sorted(StoredFile.objects.values_list("pk", "sha256"))
        appendices = sorted(Appendix.objects.values_list("pk", "stored_file_id"))
        decision_files = sorted(s["decision"].attachments.values_list("stored_file_id", flat=True))
        complaint_files = sorted(
            s["complaint"].attachments.values_list("stored_file_id", flat=True)
        )
    on_disk = sorted(str(p) for p in s["media"].rglob("*") if p.is_file())
    return files, appendices, decision_files, complaint_files, on_disk


def _appendix_page(s: dict[str, Any], upload: SimpleUploadedFile) -> str:
    meeting, item = s["meeting"], s["item"]
    meeting.refresh_from_db()
    url = reverse("meetings:item-edit", args=["alpha", meeting.slug, item.pk])
    response = _client(s["cast"], Role.CLERK).post(
        url,
        {
            "form": "appendix",
            "appendix-title": "New",
            "appendix-access": "public",
            "appendix-version": meeting.version,
            "appendix-file": upload,
        },
    )
    assert response.status_code == 400
    return response.content.decode()


def _appendix_api(s: dict[str, Any], upload: SimpleUploadedFile) -> str:
    meeting, item = s["meeting"], s["item"]
    url = f"/api/panels/alpha/meetings/{meeting.slug}/items/{item.pk}/appendices/"
    response = _client(s["cast"], Role.CLERK).post(
        url, {"title": "New", "access": "public", "file": upload}
    )
    assert response.status_code == 400
    return " ".join(response.json()["file"])


def _appendix_replace_page(s: dict[str, Any], upload: SimpleUploadedFile) -> str:
    meeting, item = s["meeting"], s["item"]
    meeting.refresh_from_db()
    url = reverse("meetings:item-edit", args=["alpha", meeting.slug, item.pk])
    response = _client(s["cast"], Role.CLERK).post(
        url,
        {
            "form": "replace",
            "replace-appendix": s["appendix"].letter,
            "replace-version": meeting.version,
            "replace-file": upload,
        },
    )
    assert response.status_code == 400
    return response.content.decode()


def _appendix_replace(s: dict[str, Any], upload: SimpleUploadedFile) -> str:
    with panel_scope(s["appendix"].panel), pytest.raises(ValidationError) as caught:
        meeting_services.appendix_replace_file(appendix=s["appendix"], upload=upload, actor=None)
    return " ".join(caught.value.messages)


def _decision_page(s: dict[str, Any], upload: SimpleUploadedFile) -> str:
    url = reverse("decisions:decision-action", args=["alpha", s["decision"].pk, "attach"])
    response = _client(s["cast"], Role.OPCC_OFFICER).post(
        url, {"title": "New", "access": "public", "file": upload}, follow=True
    )
    assert response.status_code in (200, 400)
    return response.content.decode()


def _decision_api(s: dict[str, Any], upload: SimpleUploadedFile) -> str:
    url = f"/api/panels/alpha/decisions/{s['decision'].pk}/attachments/"
    response = _client(s["cast"], Role.OPCC_OFFICER).post(
        url, {"title": "New", "access": "public", "file": upload}
    )
    assert response.status_code == 400
    return " ".join(response.json()["file"])


def _complaint_page(s: dict[str, Any], upload: SimpleUploadedFile) -> str:
    url = reverse("complaints:complaint-action", args=["alpha", s["complaint"].pk, "attach"])
    response = _client(s["cast"], Role.COMPLAINTS_HANDLER).post(
        url, {"title": "New", "file": upload}, follow=True
    )
    assert response.status_code in (200, 400)
    return response.content.decode()


SURFACES: dict[str, Callable[[dict[str, Any], SimpleUploadedFile], str]] = {
    "appendix page": _appendix_page,
    "appendix API": _appendix_api,
    "appendix replacement page": _appendix_replace_page,
    "appendix replacement": _appendix_replace,
    "decision attachment page": _decision_page,
    "decision attachment API": _decision_api,
    "complaint attachment page": _complaint_page,
}


@pytest.mark.parametrize("surface", SURFACES)
def test_every_hostile_file_is_refused_with_a_reason_and_nothing_is_lost(setup, surface):
    before = _state(setup)
    for name, (_, _, reason) in CORPUS.items():
        shown = SURFACES[surface](setup, _file(name))
        assert reason in shown.replace("&#x27;", "'"), f"{name} on the {surface}: {shown[:300]}"
        assert _state(setup) == before, f"{name} on the {surface} changed what is stored"


def test_the_clerk_replaces_an_appendix_file_on_the_item_page(setup):
    meeting, item, appendix = setup["meeting"], setup["item"], setup["appendix"]
    meeting.refresh_from_db()
    old_file = appendix.stored_file_id
    new = SimpleUploadedFile("revised.pdf", pdf_bytes(3), content_type="application/pdf")
    response = _client(setup["cast"], Role.CLERK).post(
        reverse("meetings:item-edit", args=["alpha", meeting.slug, item.pk]),
        {
            "form": "replace",
            "replace-appendix": appendix.letter,
            "replace-version": meeting.version,
            "replace-file": new,
        },
    )
    assert response.status_code == 302
    appendix.refresh_from_db()
    assert appendix.stored_file_id != old_file
    assert (appendix.stored_file.name, appendix.stored_file.pages) == ("revised.pdf", 3)


def test_a_folder_in_the_file_name_is_refused_and_never_reaches_the_disk(setup):
    """Django cuts a path out of an uploaded name before we see it; given one anyway, we refuse."""
    before = _state(setup)
    upload = SimpleUploadedFile("x.pdf", pdf_bytes(), content_type="application/pdf")
    upload._name = TRAVERSAL  # what a hostile client would like the name to be
    assert "plain name" in _appendix_replace(setup, upload)
    assert _state(setup) == before
    # Through a real request, the name arrives cut to "evil.pdf" and is stored under a hash.
    page = SimpleUploadedFile(TRAVERSAL, pdf_bytes(), content_type="application/pdf")
    response = _client(setup["cast"], Role.OPCC_OFFICER).post(
        f"/api/panels/alpha/decisions/{setup['decision'].pk}/attachments/",
        {"title": "Named", "access": "public", "file": page},
    )
    if response.status_code == 201:
        with scopes_disabled():
            stored = StoredFile.objects.order_by("-pk").first()
        assert "\\" not in stored.name and ".." not in stored.name and "/" not in stored.name
        path = Path(stored.file.path).resolve()
        assert path.is_relative_to(setup["media"].resolve())
        assert "evil" not in path.name and stored.name == "evil.pdf"  # stored under a random name
    else:
        assert response.status_code == 400 and "plain name" in " ".join(response.json()["file"])
