"""Queries the ORM compiles once per process and the database runs many times.

For the small lookups nearly every request makes (the panel named in the address, the reader's
roles there, the meeting a page is of) the ORM's compiling of a queryset into SQL costs more
than the database's answer. ``Prepared`` builds its queryset once, with stand-in values where
the real ones go, keeps the SQL and its parameters, and runs that SQL with each call's values in
the stand-ins' places. The queryset is still written with the ORM (so its tables, joins and
quoting stay the ORM's), and what comes back is what the ORM would give: each column through
its converters (a datetime is one on SQLite too), and a query of model rows as instances, with
those it ``select_related`` attached, built as the ORM's own ``ModelIterable`` builds them.
Only the compiling is not repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]  # not in django-stubs

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Plan:
    """What compiling the queryset once leaves to each run of it."""

    sql: str
    # each parameter, with the name of the stand-in it is (None: the query's own value)
    slots: list[tuple[Any, str | None]]
    # each column's converters (the backend's and the field's), by its position
    converters: list[tuple[int, list[Callable[..., Any]], Any]]
    # a query of model rows: the model, its fields' names and their columns, the populators of
    # what it selects related and the annotations' columns (SQLCompiler.klass_info, as
    # ModelIterable reads it); None for a query of values
    model: type[Model] | None
    init_list: list[str]
    columns: slice
    populators: list[Any]
    annotations: dict[str, int]


class Prepared(Generic[M]):
    """``build(**stand_ins)`` compiled once; ``rows(**values)`` or ``objects(**values)`` run it.

    Each stand-in must be a value the query would never hold of itself, and different from the
    others (negative ids, a string with a control character): a parameter equal to a stand-in
    is replaced by the value of that name. A tenant model's query is built scoped
    (``Model.objects.for_panel(panel_id)`` with the panel's id a stand-in): the scope's filter
    is then in the SQL, which is run as it is.
    """

    def __init__(self, build: Callable[..., QuerySet[M, Any]], **stand_ins: Any) -> None:
        self._names = {repr(v): k for k, v in stand_ins.items()}
        if len(self._names) != len(stand_ins):
            raise ValueError("each stand-in must differ from the others")
        self._build = build
        self._stand_ins = stand_ins
        self._compiled: _Plan | None = None

    def _plan(self) -> _Plan:
        if self._compiled is None:
            self._compiled = self._compile(self._build(**self._stand_ins))
        return self._compiled

    def _compile(self, queryset: QuerySet[M, Any]) -> _Plan:
        if queryset._known_related_objects:  # type: ignore[attr-defined]  # a related manager's
            raise ValueError("a related manager's queryset cannot be prepared")
        compiler = queryset.query.get_compiler(DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()  # what Query.sql_with_params() is
        slots = [(p, self._names.get(repr(p))) for p in params]
        missing = set(self._stand_ins) - {name for _, name in slots}
        if missing:
            raise ValueError(f"the query does not use {sorted(missing)}")
        select = compiler.select
        columns = [expression for expression, _, _ in select[: compiler.col_count]]
        converters = [
            (position, found, expression)
            for position, (found, expression) in compiler.get_converters(columns).items()
        ]
        klass_info = compiler.klass_info
        if klass_info is None or queryset.query.values_select or queryset.query.combinator:
            return _Plan(sql, slots, converters, None, [], slice(0), [], {})
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        return _Plan(
            sql,
            slots,
            converters,
            klass_info["model"],
            [column[0].target.attname for column in select[start:end]],
            slice(start, end),
            get_related_populators(klass_info, select, DEFAULT_DB_ALIAS),
            dict(compiler.annotation_col_map or {}),
        )

    def _params(self, plan: _Plan, values: Mapping[str, Any]) -> list[Any]:
        if set(values) != set(self._stand_ins):
            raise TypeError(f"values for {sorted(self._stand_ins)} are needed")
        return [p if name is None else values[name] for p, name in plan.slots]

    def _run(self, plan: _Plan, values: Mapping[str, Any]) -> list[list[Any]]:
        """The rows, each column converted as ``SQLCompiler.apply_converters`` converts it."""
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, self._params(plan, values))
            fetched = [list(row) for row in cursor.fetchall()]
        for row in fetched:
            for position, converters, expression in plan.converters:
                for convert in converters:
                    row[position] = convert(row[position], expression, connection)
        return fetched

    def rows(self, **values: Any) -> list[tuple[Any, ...]]:
        """The rows of a ``values_list`` query (or any), as tuples of the values the ORM would
        give."""
        return [tuple(row) for row in self._run(self._plan(), values)]

    def objects(self, **values: Any) -> list[M]:
        """The model instances of a query of model rows, with what it selects related."""
        plan = self._plan()
        if plan.model is None:
            raise TypeError("a query of values has rows, not objects")
        found = []
        for row in self._run(plan, values):
            obj = plan.model.from_db(DEFAULT_DB_ALIAS, plan.init_list, row[plan.columns])
            for populator in plan.populators:
                populator.populate(row, obj)
            for name, position in plan.annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found  # type: ignore[return-value]  # plan.model is M

    def first(self, **values: Any) -> M | None:
        """The first of ``objects``, or None."""
        found = self.objects(**values)
        return found[0] if found else None
