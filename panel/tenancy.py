"""The tenancy guard.

Every tenant-owned model has a ``panel`` foreign key and the manager built here. Queries on it
are scoped by django-scopes: outside ``scope(panel=...)`` (set once per request by
``PanelMiddleware``, per task by ``panel_scope``) any query raises ``ScopeError`` instead of
returning every panel's rows. ``for_panel(panel)`` is the one explicit way to scope a query.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import models
from django_scopes import ScopedManager, scope, scopes_disabled


class Panel(Protocol):
    """What the guard needs of a panel: its key (the ground's model is not imported here, so the
    tenancy kernel stands below the models that use it)."""

    pk: Any


__all__ = [
    "TenantModel",
    "TenantQuerySet",
    "next_in_sequence",
    "own_row",
    "panel_scope",
    "require_same_panel",
    "scopes_disabled",
    "tenant_manager",
]


class TenantQuerySet(models.QuerySet):
    pass


def tenant_manager(queryset_class: type[models.QuerySet] = TenantQuerySet) -> Any:
    base = models.Manager.from_queryset(queryset_class)

    class TenantManager(base):  # type: ignore[misc,valid-type]
        def for_panel(self, panel: Panel | int) -> models.QuerySet:
            panel_id = panel if isinstance(panel, int) else getattr(panel, "pk", None)
            if panel_id is None:
                raise ValueError("for_panel() needs a saved panel")
            return self.with_scope(panel=panel_id).all()  # type: ignore[attr-defined]

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


def own_row(obj: Any) -> models.QuerySet:
    """A tenant-owned object's own row, looked up inside its own panel's scope: what a service
    locks (``select_for_update()``) or updates in place (a version bump), instead of going round
    the scope with the unscoped ``_base_manager``."""
    return type(obj).objects.for_panel(obj.panel_id).filter(pk=obj.pk)  # type: ignore[no-any-return]


def require_same_panel(panel: Panel | int, **objects: Any) -> None:
    """The one check of a cross-panel foreign key: every object named (a keyword per field, None
    for "not given") must belong to ``panel``, or a ValidationError names each field that does
    not. Every service that takes another object as an argument calls it before writing."""
    panel_id = panel if isinstance(panel, int) else panel.pk
    errors = {
        name: "Choose one of this panel's."
        for name, obj in objects.items()
        if obj is not None and obj.panel_id != panel_id
    }
    if errors:
        raise ValidationError(errors)


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
