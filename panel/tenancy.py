"""The tenancy guard.

Every tenant-owned model has a ``panel`` foreign key and the manager built here. Queries on it
are scoped by django-scopes: outside ``scope(panel=...)`` (set once per request by
``PanelMiddleware``, per task by ``panel_scope``) any query raises ``ScopeError`` instead of
returning every panel's rows. ``for_panel(panel)`` is the one explicit way to scope a query.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import models
from django_scopes import ScopedManager, scope, scopes_disabled

if TYPE_CHECKING:
    from .models import Panel

__all__ = [
    "TenantModel",
    "TenantQuerySet",
    "next_in_sequence",
    "panel_scope",
    "scopes_disabled",
    "tenant_manager",
]


class TenantQuerySet(models.QuerySet):
    pass


def tenant_manager(queryset_class: type[models.QuerySet] = TenantQuerySet) -> Any:
    base = models.Manager.from_queryset(queryset_class)

    class TenantManager(base):  # type: ignore[misc,valid-type]
        def for_panel(self, panel: Panel) -> models.QuerySet:
            if panel is None or getattr(panel, "pk", None) is None:
                raise ValueError("for_panel() needs a saved panel")
            return self.with_scope(panel=panel.pk).all()  # type: ignore[attr-defined]

    return ScopedManager(_manager_class=TenantManager, panel="panel")


@contextmanager
def panel_scope(panel: Panel | int) -> Iterator[None]:
    """Scope tenant-owned queries to one panel (requests, tasks, commands)."""
    panel_id = panel if isinstance(panel, int) else panel.pk
    if panel_id is None:
        raise ValueError("panel_scope() needs a saved panel")
    with scope(panel=panel_id):
        yield


class TenantModel(models.Model):
    panel = models.ForeignKey("panel.Panel", on_delete=models.PROTECT, related_name="+")

    objects = tenant_manager()

    class Meta:
        abstract = True


def next_in_sequence(counter_model: type[models.Model], panel: Panel) -> int:
    """The panel's next number from its counter row: no duplicate, no gap under concurrency.

    The row is created if missing (``INSERT … ON CONFLICT DO NOTHING``), then locked with
    ``SELECT … FOR UPDATE`` in the caller's transaction, so concurrent callers queue on it; a
    rolled-back caller gives its number back. Call inside ``transaction.atomic``.
    """
    counter_model.objects.bulk_create([counter_model(panel=panel)], ignore_conflicts=True)  # type: ignore[attr-defined]
    counter = counter_model._base_manager.select_for_update().get(panel=panel)
    counter.last_number += 1  # type: ignore[attr-defined]
    counter.save(update_fields=["last_number"])
    return counter.last_number  # type: ignore[attr-defined,no-any-return]
