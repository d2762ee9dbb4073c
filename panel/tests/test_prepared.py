"""Prepared: a query the ORM compiles once and the database runs with each call's values."""

from __future__ import annotations

import pytest

from panel.models import Authority, Panel
from panel.prepared import Prepared


def _by_slug(slug):
    return Panel.objects.filter(slug=slug).order_by("pk")[:1]


def test_it_compiles_once_and_runs_with_each_calls_values(cast):
    built = []

    def build(slug):
        built.append(slug)
        return _by_slug(slug)

    prepared = Prepared(build, slug="\x1fany")
    alpha, beta = cast["alpha"].panel, cast["beta"].panel
    assert prepared.objects(slug="alpha") == [alpha]
    assert prepared.objects(slug="beta") == [beta]
    assert prepared.objects(slug="nowhere") == []
    assert built == ["\x1fany"]
    found = prepared.objects(slug="alpha")[0]
    assert (found.name, found.jurisdiction) == (alpha.name, alpha.jurisdiction)


def test_it_returns_rows_of_a_values_query(cast):
    prepared = Prepared(
        lambda slug: Panel.objects.filter(slug=slug).values_list("slug", "name"), slug="\x1f"
    )
    assert prepared.rows(slug="beta") == [("beta", cast["beta"].panel.name)]


def test_a_stand_in_must_be_used_and_differ_from_the_others(cast):
    with pytest.raises(ValueError, match="the query does not use"):
        Prepared(lambda slug, other: _by_slug(slug), slug="\x1fa", other="\x1fb").rows(
            slug="alpha", other="x"
        )
    with pytest.raises(ValueError, match="differ"):
        Prepared(lambda a, b: _by_slug(a), a="\x1f", b="\x1f")
    with pytest.raises(TypeError, match="values for"):
        Prepared(_by_slug, slug="\x1f").rows()


def test_its_rows_hold_the_values_the_orm_gives_converted_as_the_orm_converts_them(cast):
    """On SQLite the database answers a datetime as text: the rows are converted by each
    column's converters, as the ORM's are (make run's tracker read naive text before)."""

    def build(slug):
        return Panel.objects.filter(slug=slug).values_list("slug", "modified_at", "is_demo")

    prepared = Prepared(build, slug="\x1f")
    assert prepared.rows(slug="alpha") == list(build("alpha"))
    (_, modified, _), *_ = prepared.rows(slug="alpha")
    assert modified.tzinfo is not None


def test_its_objects_are_the_orms_with_what_it_selects_related_and_annotates(
    cast, django_assert_num_queries
):
    from django.db.models import Value

    def build(slug):
        rows = Panel.objects.filter(slug=slug).select_related("host_authority")
        return rows.annotate(marker=Value("m")).only("name", "slug", "host_authority__name")

    alpha = cast["alpha"].panel
    alpha.host_authority = Authority.objects.create(
        panel=alpha, name="Warwickshire County Council", slug="wcc", kind="county"
    )
    alpha.save()
    prepared = Prepared(build, slug="\x1f")
    (orm,) = build("alpha")
    assert orm.host_authority.name == "Warwickshire County Council"
    with django_assert_num_queries(1):
        (found,) = prepared.objects(slug="alpha")
        assert found.host_authority.name == orm.host_authority.name
    assert (found.pk, found.name, found.marker) == (orm.pk, orm.name, "m")
    assert found.get_deferred_fields() == orm.get_deferred_fields()
    assert found._state.db == "default" and not found._state.adding


def test_a_query_of_values_has_rows_not_objects(cast):
    prepared = Prepared(lambda slug: Panel.objects.filter(slug=slug).values_list("pk"), slug="\x1f")
    with pytest.raises(TypeError, match="rows, not objects"):
        prepared.objects(slug="alpha")
