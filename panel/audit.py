"""Who made a change: the actor every service takes, and the one way a service writes it into
the audit trail (django-simple-history) in the same transaction as the change.

simple-history reads ``instance._history_user`` when it writes a historical record; a service
saves and deletes a tracked row through ``save_as``/``delete_as``/``create_as`` so the record
names the actor it was given, from a page, the API, a Celery task or a command alike. None is
the system (a task, a command, the demo loader), passed explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias, TypeVar

from django.contrib.auth.models import User
from django.db import router
from django.db.models import ForeignKey, Model, QuerySet
from django.db.models.deletion import Collector
from simple_history.utils import bulk_create_with_history

# The project keeps Django's own user model (no AUTH_USER_MODEL), so an actor is one of them.
Actor: TypeAlias = User | None

__all__ = [
    "Actor",
    "bulk_create_as",
    "create_as",
    "delete_as",
    "get_or_create_as",
    "save_as",
    "update_or_create_as",
]

M = TypeVar("M", bound=Model)


def _mark(obj: Model, actor: Actor) -> None:
    obj._history_user = actor  # type: ignore[attr-defined]  # simple-history's hook, read on save


def save_as(obj: M, actor: Actor, **kwargs: Any) -> M:
    """Save ``obj`` (any ``Model.save`` keyword, e.g. ``update_fields``) as ``actor``."""
    _mark(obj, actor)
    obj.save(**kwargs)
    return obj


def create_as(model: type[M], actor: Actor, **fields: Any) -> M:
    """``model.objects.create(**fields)``, as ``actor``."""
    return save_as(model(**fields), actor, force_insert=True)


def get_or_create_as(
    rows: QuerySet[M], actor: Actor, *, defaults: dict[str, Any] | None = None, **lookup: Any
) -> tuple[M, bool]:
    """``rows.get_or_create(defaults, **lookup)``, a created row recorded as ``actor``."""
    found = rows.filter(**lookup).first()
    if found is not None:
        return found, False
    return create_as(rows.model, actor, **lookup, **(defaults or {})), True


def update_or_create_as(
    rows: QuerySet[M], actor: Actor, *, defaults: dict[str, Any], **lookup: Any
) -> tuple[M, bool]:
    """``rows.update_or_create(defaults, **lookup)`` (the row locked first), as ``actor``; a row
    that already holds ``defaults`` is not saved, so the history records only real changes."""
    found = rows.select_for_update().filter(**lookup).first()
    if found is None:
        return create_as(rows.model, actor, **lookup, **defaults), True
    if all(_holds(found, name, value) for name, value in defaults.items()):
        return found, False
    for name, value in defaults.items():
        setattr(found, name, value)
    return save_as(found, actor), False


def _holds(obj: Model, name: str, value: Any) -> bool:
    """Whether ``obj`` already holds ``value`` in field ``name`` (a related row compared by its
    id, so nothing is fetched)."""
    field = obj._meta.get_field(name)
    if isinstance(field, ForeignKey):
        wanted = value.pk if isinstance(value, Model) else value
        return bool(getattr(obj, field.attname) == wanted)
    return bool(getattr(obj, name) == value)


def delete_as(obj: Model | QuerySet[Any], actor: Actor) -> None:
    """Delete a row (or a queryset's rows) and what cascades from it, every deleted tracked row
    recorded as ``actor`` (Django's own collector, as ``Model.delete`` uses it)."""
    if isinstance(obj, QuerySet):
        collector = Collector(using=obj.db, origin=obj)
        collector.collect(obj)  # type: ignore[arg-type]  # as QuerySet.delete does; stubs want a list
    else:
        collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
        collector.collect([obj])
    for instances in collector.data.values():
        for instance in instances:
            _mark(instance, actor)
    collector.delete()


def bulk_create_as(rows: Sequence[M], model: type[M], actor: Actor) -> list[M]:
    """``bulk_create`` with a historical record for each row, as ``actor``."""
    created: list[M] = bulk_create_with_history(rows, model, default_user=actor)
    return created
