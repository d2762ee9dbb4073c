"""A case's documents: added by the clerk or the OPCC, public at once unless exempt under their
Schedule 12A paragraph, served only to those the case's rules allow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documents.models import StoredFile
from documents.testing import pdf_bytes, upload
from panel.access import Role
from panel.tenancy import panel_scope
from statutory import services
from statutory.models import CaseDocument
from statutory.testing import chief_constable

pytestmark = pytest.mark.django_db
EXEMPT_TITLE = "SECRET-STATUTORY-APPLICATION-9d2e"


@pytest.fixture
def case(cast):
    c = cast["alpha"]
    case = chief_constable(c)
    with panel_scope(c.panel):
        services.document_add(
            case=case, title="Criteria and terms", upload=upload(pdf_bytes()), actor=None
        )
        services.document_add(
            case=case,
            title=EXEMPT_TITLE,
            upload=upload(pdf_bytes(2)),
            access="exempt",
            exempt_paragraph=1,
            actor=None,
        )
    return case


def _documents(case):
    with panel_scope(case.panel):
        return {d.title: d for d in CaseDocument.objects.for_panel(case.panel)}


@pytest.mark.parametrize(
    "who,sees_exempt",
    [
        (None, False),
        (("alpha", Role.MEMBER), True),
        (("alpha", Role.CLERK), True),
        (("alpha", Role.OPCC_OFFICER), True),
        (("alpha", Role.COMPLAINTS_HANDLER), False),
        (("beta", Role.CLERK), False),
        (("beta", Role.MEMBER), False),
    ],
)
def test_each_reader_gets_the_public_papers_and_only_the_entitled_the_exempt(
    case, cast, client_for, who, sees_exempt
):
    client = client_for(cast.user(*who) if who else None)
    docs = _documents(case)
    page = client.get(reverse("statutory:case", args=["alpha", case.number])).content.decode()
    api = client.get(reverse("api:statutory:case", args=["alpha", case.number])).json()
    assert "Criteria and terms" in page
    assert (EXEMPT_TITLE in page) is sees_exempt
    assert [d["title"] for d in api["documents"]] == (
        ["Criteria and terms", EXEMPT_TITLE] if sees_exempt else ["Criteria and terms"]
    )
    public = docs["Criteria and terms"]
    got = client.get(reverse("statutory:case-document", args=["alpha", case.number, public.pk]))
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    exempt = docs[EXEMPT_TITLE]
    got = client.get(reverse("statutory:case-document", args=["alpha", case.number, exempt.pk]))
    assert got.status_code == (200 if sees_exempt else 404)
    if sees_exempt:
        assert got["Cache-Control"] == "private, no-store"
    # Another case's number never opens this case's document.
    wrong = client.get(reverse("statutory:case-document", args=["alpha", 999, public.pk]))
    assert wrong.status_code == 404


def test_a_bad_upload_is_refused_with_a_message_and_nothing_is_kept(case, cast, client_for):
    client = client_for(cast.user("alpha", Role.OPCC_OFFICER))
    url = reverse("statutory:case-document-add", args=["alpha", case.number])
    with panel_scope(case.panel):
        files = StoredFile.objects.for_panel(case.panel).count()
    page = client.post(
        url,
        {"title": "Not a PDF", "access": "public", "file": upload(b"hello", "x.pdf")},
        follow=True,
    )
    assert "PDF" in page.content.decode()
    page = client.post(
        url, {"title": "No paragraph", "access": "exempt", "file": upload(pdf_bytes())}, follow=True
    )
    assert "Choose the paragraph that makes it exempt" in page.content.decode()
    with panel_scope(case.panel):
        assert StoredFile.objects.for_panel(case.panel).count() == files
    assert set(_documents(case)) == {"Criteria and terms", EXEMPT_TITLE}
    client.post(url, {"title": "Annual report", "access": "public", "file": upload(pdf_bytes())})
    assert "Annual report" in _documents(case)


@pytest.mark.parametrize(
    "who", [("alpha", Role.MEMBER), ("alpha", Role.COMPLAINTS_HANDLER), ("beta", Role.CLERK)]
)
def test_only_the_clerk_and_the_opcc_add_documents(case, cast, client_for, who):
    client = client_for(cast.user(*who))
    url = reverse("statutory:case-document-add", args=["alpha", case.number])
    got = client.post(url, {"title": "X", "access": "public", "file": upload(pdf_bytes())})
    assert got.status_code == 404
    assert "X" not in _documents(case)
