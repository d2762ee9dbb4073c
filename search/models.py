"""The search index: what is published of each agenda item, set of minutes, decision and
statutory case, as plain text, and each page of the published papers' PDFs (uploaded appendices,
decisions' attachments, the public agenda pack) with its page number.

Entries of items, minutes, decisions and cases hold public text only. A page of an exempt paper
is held with its access (`exempt`); who may see which entry is asked of the owning app's access
rules when searching (`search.queries.entries_for`), never decided here."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models

from documents.models import Access
from panel.tenancy import TenantManager, TenantModel


class SearchEntry(TenantModel):
    class Kind(models.TextChoices):
        ITEM = "item", "Agenda items"
        MINUTES = "minutes", "Minutes"
        DECISION = "decision", "Decisions"
        CASE = "case", "Statutory cases"
        PAGE = "page", "Pages of papers (PDF)"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    item_id = models.PositiveIntegerField(null=True, blank=True)
    item_number = models.CharField(
        max_length=20,
        blank=True,
        help_text="The item's number on the published agenda: its address.",
    )
    decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        "statutory.StatutoryCase",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # A page of a PDF: the stored file (an appendix, a decision's attachment, a case's paper)
    # or the public pack; a case's paper is named too (its address is by the paper's id).
    case_document = models.ForeignKey(
        "statutory.CaseDocument", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    stored_file = models.ForeignKey(
        "documents.StoredFile", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pack = models.ForeignKey(
        "meetings.AgendaPack", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.PositiveIntegerField(null=True, blank=True, help_text="Its page in the PDF.")
    access = models.CharField(
        max_length=10,
        choices=Access.choices,
        default=Access.PUBLIC,
        help_text="Exempt: shown only to readers the owning app's rules let read exempt papers.",
    )
    key = models.CharField(
        max_length=200,
        blank=True,
        help_text="What it is, by public keys (meeting/2014-09-26/item-5/appendix-A/page-2): "
        "the feed's stable id, the same after the index is rebuilt.",
    )
    updated = models.DateTimeField(
        null=True, blank=True, help_text="When what it holds was last published."
    )
    title = models.CharField(max_length=400)
    context = models.CharField(max_length=300, help_text="Where it is: the meeting, or the date.")
    text = models.TextField()
    date = models.DateTimeField()
    # PostgreSQL: the words of title (weight A) and text (B), kept by fill_documents and found
    # through a GIN index (migration 0002). Left empty on the embedded SQLite.
    document = SearchVectorField(null=True, editable=False)

    objects = TenantManager()

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [
            models.Index(fields=["panel", "kind"]),
            # the embedded (SQLite) search lists a panel's matches newest first: read in this
            # order, a page stops at its tenth match instead of sorting ten years of them
            models.Index(fields=["panel", "-date", "id"], name="search_panel_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(access="public") | models.Q(kind="page", access="exempt"),
                name="search_only_pages_of_papers_are_exempt",
            )
        ]


DOCUMENT = SearchVector("title", weight="A", config="english") + SearchVector(
    "text", weight="B", config="english"
)


def fill_documents(entries: models.QuerySet[SearchEntry]) -> None:
    """Compute the stored search vectors of these entries (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        entries.update(document=DOCUMENT)
