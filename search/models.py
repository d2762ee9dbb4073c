"""The search index: what the public may read of each published agenda item, set of minutes
and decision, as plain text. It holds public text only; who may see which meeting or decision is
asked of the access policy when searching, never stored here."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models

from panel.tenancy import TenantManager, TenantModel


class SearchEntry(TenantModel):
    class Kind(models.TextChoices):
        ITEM = "item", "Agenda items"
        MINUTES = "minutes", "Minutes"
        DECISION = "decision", "Decisions"
        CASE = "case", "Statutory cases"

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
        indexes = [models.Index(fields=["panel", "kind"])]


DOCUMENT = SearchVector("title", weight="A", config="english") + SearchVector(
    "text", weight="B", config="english"
)


def fill_documents(entries: models.QuerySet[SearchEntry]) -> None:
    """Compute the stored search vectors of these entries (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        entries.update(document=DOCUMENT)
