"""Queries the ORM compiles once per process and the database runs many times.

For the small lookups nearly every request makes (the panel named in the address, the reader's
roles there) the ORM's compiling of a queryset into SQL costs more than the database's answer.
``Prepared`` builds its queryset once, with stand-in values where the real ones go, keeps the
SQL and its parameters, and runs that SQL with each call's values in the stand-ins' places.
The queryset is still written with the ORM (so its tables, joins and quoting stay the ORM's,
and its rows' values are converted as the ORM converts them: a datetime is one on SQLite too);
only the compiling is not repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model, QuerySet

# Each column's converters (the backend's and the field's) by its position, as the ORM's compiler
# works them out (SQLCompiler.get_converters).
Converters = dict[int, tuple[list[Callable[..., Any]], Any]]

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
        self._names = {repr(v): k for k, v in stand_ins.items()}
        if len(self._names) != len(stand_ins):
            raise ValueError("each stand-in must differ from the others")
        self._build = build
        self._stand_ins = stand_ins
        # The queryset, its SQL, and its parameters each with the stand-in's name it is (or None)
        self._compiled: tuple[QuerySet[M, Any], str, list[tuple[Any, str | None]]] | None = None
        self._converters: Converters = {}

    def _sql(self) -> tuple[QuerySet[M, Any], str, list[tuple[Any, str | None]]]:
        if self._compiled is None:
            queryset = self._build(**self._stand_ins)
            compiler = queryset.query.get_compiler(DEFAULT_DB_ALIAS)
            sql, params = compiler.as_sql()  # what Query.sql_with_params() is
            slots = [(p, self._names.get(repr(p))) for p in params]
            missing = set(self._stand_ins) - {name for _, name in slots}
            if missing:
                raise ValueError(f"the query does not use {sorted(missing)}")
            columns = [expression for expression, _, _ in compiler.select[: compiler.col_count]]
            self._converters = compiler.get_converters(columns)
            self._compiled = queryset, sql, slots
        return self._compiled

    def _params(self, slots: list[tuple[Any, str | None]], values: Mapping[str, Any]) -> list[Any]:
        if set(values) != set(self._stand_ins):
            raise TypeError(f"values for {sorted(self._stand_ins)} are needed")
        return [p if name is None else values[name] for p, name in slots]

    def rows(self, **values: Any) -> list[tuple[Any, ...]]:
        """The rows of a ``values_list`` query (or any), as tuples of the values the ORM would
        give (each column through its converters, as ``SQLCompiler.apply_converters``)."""
        _, sql, slots = self._sql()
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(slots, values))
            fetched = cursor.fetchall()
        if not self._converters:
            return list(fetched)
        converted = []
        for row in fetched:
            cells = list(row)
            for position, (converters, expression) in self._converters.items():
                for convert in converters:
                    cells[position] = convert(cells[position], expression, connection)
            converted.append(tuple(cells))
        return converted

    def objects(self, **values: Any) -> list[M]:
        """The model instances of a query of whole rows of one model (no ``select_related``)."""
        queryset, sql, slots = self._sql()
        return list(queryset.model._base_manager.raw(sql, self._params(slots, values)))

    def first(self, **values: Any) -> M | None:
        """The first of ``objects``, or None."""
        found = self.objects(**values)
        return found[0] if found else None
