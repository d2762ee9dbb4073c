"""The tenancy guard.

Every tenant-owned model has a ``panel`` foreign key and the manager built here. Queries on it
are scoped by django-scopes: outside ``scope(panel=...)`` (set once per request by
``PanelMiddleware``, per task by ``panel_scope``) any query raises ``ScopeError`` instead of
returning every panel's rows. ``for_panel(panel)`` is the one explicit way to scope a query.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django_scopes import ScopedManager, scope, scopes_disabled


class Panel(Protocol):
    """What the guard needs of a panel: its key (the ground's model is not imported here, so the
    tenancy kernel stands below the models that use it)."""

    pk: Any


__all__ = [
    "TenantManager",
    "TenantModel",
    "TenantQuerySet",
    "next_in_sequence",
    "own_row",
    "panel_scope",
    "require_same_panel",
    "scopes_disabled",
]

M = TypeVar("M", bound=models.Model)


class TenantQuerySet(models.QuerySet[M]):
    if TYPE_CHECKING:
        # The manager's ``for_panel`` as the type checker sees it: django-stubs types a manager
        # made with ``from_queryset`` by its queryset's methods, so declaring it here gives
        # ``Meeting.objects.for_panel(panel)`` the type ``MeetingQuerySet[Meeting]``. At run time
        # the manager's own method (below) is the one called.
        def for_panel(self, panel: Panel | int) -> Self: ...


# django-scopes builds its manager class inside a function; the class is taken once here so the
# tenancy manager is a class of its own, generic in its model (what the type checker needs).
if TYPE_CHECKING:
    _ScopedManager = models.Manager
else:
    _ScopedManager = type(ScopedManager(panel="panel"))


class TenantManager(_ScopedManager[M], Generic[M]):
    """A tenant-owned model's manager: every query scoped to the panel of the current scope.

    A model with its own queryset takes ``TenantManager.from_queryset(ItsQuerySet)()``."""

    if TYPE_CHECKING:

        def with_scope(self, **scope: object) -> Self: ...

    def for_panel(self, panel: Panel | int) -> models.QuerySet[M]:
        panel_id = panel if isinstance(panel, int) else getattr(panel, "pk", None)
        if panel_id is None:
            raise ValueError("for_panel() needs a saved panel")
        return self.with_scope(panel=panel_id).all()


@contextmanager
def panel_scope(panel: Panel | int) -> Iterator[None]:
    """Scope tenant-owned queries to one panel (requests, tasks, commands)."""
    panel_id = panel if isinstance(panel, int) else panel.pk
    if panel_id is None:
        raise ValueError("panel_scope() needs a saved panel")
    with scope(panel=panel_id):
        yield


class TenantModel(models.Model):
    """A tenant-owned row. Each concrete model names its own manager, a ``TenantManager``
    (``TenantManager.from_queryset(ItsQuerySet)()`` with a queryset of its own), so the type
    checker knows every model's queryset; panel/tests/test_tenancy.py fails a model without one."""

    panel = models.ForeignKey("panel.Panel", on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


T = TypeVar("T", bound=TenantModel)


def own_row(obj: T) -> models.QuerySet[T]:
    """A tenant-owned object's own row, looked up inside its own panel's scope: what a service
    locks (``select_for_update()``) or updates in place (a version bump), instead of going round
    the scope with the unscoped ``_base_manager``."""
    manager = type(obj)._default_manager
    if not isinstance(manager, TenantManager):
        raise TypeError(f"{type(obj).__name__} has no tenancy manager")
    rows: models.QuerySet[T] = manager.for_panel(obj.panel_id).filter(pk=obj.pk)
    return rows


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


class _Counter(Protocol):
    """A panel's counter row (``DecisionCounter``, ``ComplaintCounter``)."""

    last_number: int

    def save(self, *, update_fields: list[str]) -> None: ...


def next_in_sequence(counter_model: type[TenantModel], panel: Panel) -> int:
    """The panel's next number from its counter row: no duplicate, no gap under concurrency.

    The row is created if missing (``INSERT … ON CONFLICT DO NOTHING``), then locked with
    ``SELECT … FOR UPDATE`` in the caller's transaction, so concurrent callers queue on it; a
    rolled-back caller gives its number back. Call inside ``transaction.atomic``.
    """
    rows = counter_model._default_manager
    rows.bulk_create([counter_model(panel_id=panel.pk)], ignore_conflicts=True)
    row = counter_model._base_manager.select_for_update().get(panel_id=panel.pk)
    counter = cast(_Counter, row)  # every counter model has ``last_number``
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def insert_once(model: type[TenantModel], **fields: Any) -> bool:
    """Insert a row that a unique constraint allows once; True only for the caller whose row
    went in. Reminders record each message this way before sending it, so a re-run, or a second
    worker, sends nothing twice. Its own savepoint, so a refusal leaves the caller's transaction
    usable."""
    try:
        with transaction.atomic():
            model._default_manager.create(**fields)
    except IntegrityError:
        return False
    return True
