"""Queries the ORM compiles once per process and the database runs many times.

For the small lookups nearly every request makes (the panel named in the address, the reader's
roles there) the ORM's compiling of a queryset into SQL costs more than the database's answer.
``Prepared`` builds its queryset once, with stand-in values where the real ones go, keeps the
SQL and its parameters, and runs that SQL with each call's values in the stand-ins' places.
The queryset is still written with the ORM (so its tables, joins and quoting stay the ORM's);
only the compiling is not repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


class Prepared(Generic[M]):
    """``build(**stand_ins)`` compiled once; ``rows(**values)`` or ``objects(**values)`` run it.

    Each stand-in must be a value the query would never hold of itself, and different from the
    others (negative ids, a string with a control character): a parameter equal to a stand-in
    is replaced by the value of that name. A tenant model's query is built scoped
    (``Model.objects.for_panel(panel_id)`` with the panel's id a stand-in): the scope's filter
    is then in the SQL, which is run as it is (``raw()`` has no scope of its own).
    """

    def __init__(self, build: Callable[..., QuerySet[M, Any]], **stand_ins: Any) -> None:
        if len({repr(v) for v in stand_ins.values()}) != len(stand_ins):
            raise ValueError("each stand-in must differ from the others")
        self._build = build
        self._stand_ins = stand_ins
        self._compiled: tuple[QuerySet[M, Any], str, tuple[Any, ...]] | None = None

    def _sql(self) -> tuple[QuerySet[M, Any], str, tuple[Any, ...]]:
        if self._compiled is None:
            queryset = self._build(**self._stand_ins)
            sql, params = queryset.query.sql_with_params()
            names = {repr(v): k for k, v in self._stand_ins.items()}
            missing = set(self._stand_ins) - {names.get(repr(p)) for p in params}
            if missing:
                raise ValueError(f"the query does not use {sorted(missing)}")
            self._compiled = queryset, sql, params
        return self._compiled

    def _params(self, params: tuple[Any, ...], values: Mapping[str, Any]) -> list[Any]:
        if set(values) != set(self._stand_ins):
            raise TypeError(f"values for {sorted(self._stand_ins)} are needed")
        names = {repr(v): k for k, v in self._stand_ins.items()}
        return [values[names[repr(p)]] if repr(p) in names else p for p in params]

    def rows(self, **values: Any) -> list[tuple[Any, ...]]:
        """The rows of a ``values_list`` query (or any), as tuples."""
        _, sql, params = self._sql()
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(params, values))
            return list(cursor.fetchall())

    def objects(self, **values: Any) -> list[M]:
        """The model instances of a query of whole rows of one model (no ``select_related``)."""
        queryset, sql, params = self._sql()
        return list(queryset.model._base_manager.raw(sql, self._params(params, values)))
