"""The change history a tenant model keeps (django-simple-history), found newest first by panel.

``PanelHistory`` is simple-history's ``HistoricalRecords`` with one index more on the history
table: (panel, history_id), so that a panel's newest change of a kind is one step down an index
however many years of changes the table holds (what the OParl record's stamp asks at every
request, `oparl.stamps`). simple-history builds each history model's Meta itself, so the index is
added where it builds it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords


class PanelHistory(HistoricalRecords):  # type: ignore[misc]  # simple-history has no types
    def get_meta_options(self, model: type[models.Model]) -> dict[str, Any]:
        options: dict[str, Any] = super().get_meta_options(model)
        newest = models.Index(fields=["panel", "history_id"])  # named for its model by Django
        options["indexes"] = [*options.get("indexes", ()), newest]
        return options
