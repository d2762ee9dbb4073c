"""The published stamp of each panel: a value that changes whenever anything the public may read of
the panel changes. Kept in the cache (Redis) for the pages; this row is its fallback."""

from __future__ import annotations

from django.db import models


class Stamp(models.Model):
    # A panel's slug: the pages' addresses name a panel by it, so the cache finds a stamp without
    # asking the database which panel an address is.
    scope = models.SlugField(max_length=100, unique=True)
    value = models.CharField(max_length=64)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.scope}: {self.value}"
