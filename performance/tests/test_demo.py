"""The demo's Police and Crime Plan 2013–17: loaded once however often the demo runs, published,
and its draft quarter kept out of everything the public can download."""

from __future__ import annotations

import pytest
from django.apps import apps
from django_scopes import scopes_disabled

from panel.tenancy import panel_scope
from performance import queries
from performance.models import Figure, Measure, Plan, Question, Return
from publishing.demo import load_demo

pytestmark = pytest.mark.django_db


def rows_of(*labels: str) -> dict[str, list[str]]:
    with scopes_disabled():
        return {
            model._meta.label: sorted(repr(sorted(r.items())) for r in model._base_manager.values())
            for model in apps.get_models()
            if model._meta.app_label in labels
        }


@pytest.fixture
def plan():
    load_demo()
    with scopes_disabled():
        return Plan.objects.select_related("panel").get(panel__slug="warwickshire")


def test_it_loads_the_same_rows_twice():
    load_demo()
    first = rows_of("performance", "workprogramme")
    load_demo()
    assert rows_of("performance", "workprogramme") == first
    assert len(first["performance.Figure"]) > 80 and len(first["performance.Return"]) == 7


def test_it_publishes_the_plan_with_a_unit_and_direction_for_every_measure(plan):
    assert plan.published_at is not None and plan.commissioner == "Ron Ball"
    with panel_scope(plan.panel):
        measures = list(Measure.objects.for_panel(plan.panel).filter(plan=plan))
        assert 4 <= plan.priorities.count() <= 6 and 12 <= len(measures) <= 20
        assert [v.number for v in queries.versions(plan)] == [1, 2]
    for m in measures:
        assert m.unit in Measure.Unit.values and m.good_direction in Measure.Direction.values
        assert m.reference is None or m.reference_kind


def test_it_keeps_the_draft_returns_figures_out_of_the_export(plan):
    with panel_scope(plan.panel):
        returns = Return.objects.for_panel(plan.panel).filter(plan=plan)
        draft = returns.get(status=Return.Status.DRAFT)
        assert draft.label == "2014/15 Q3" and draft.figures.exists()
        assert returns.exclude(pk=draft.pk).filter(status="published").count() == 6
        exported = queries.export_rows(plan)
        published = {
            (f.measure.slug, f.of_return.label, f.value)
            for f in Figure.objects.for_panel(plan.panel)
            .published()
            .select_related("measure", "of_return")
        }
    assert draft.label not in {row["quarter"] for row in exported}
    given = {(r["measure"], r["quarter"], r["value"]) for r in exported if r["value"] is not None}
    assert given == published


def test_it_shows_a_gap_and_a_question_answered_by_the_office(plan):
    with panel_scope(plan.panel):
        exported = queries.export_rows(plan, Measure.objects.get(slug="rape-charge-rate"))
        question = Question.objects.for_panel(plan.panel).get()
        answers = list(question.action.notes.all())
    assert {r["quarter"]: r["value"] for r in exported}["2014/15 Q2"] is None
    assert question.measure.slug == "rape-charge-rate" and question.action.lead_opcc
    assert [a.status for a in answers] == ["in_progress"]
    assert question.action.raised_on.isoformat() == "2014-07-18"


def test_it_shows_the_public_the_published_quarters_and_not_the_draft(client, plan):
    base = f"/{plan.panel.slug}/plan/{plan.slug}/"
    page = client.get(base).content.decode()
    measure = client.get(base + "measures/victim-satisfaction/").content.decode()
    download = client.get(base + "data.csv").content.decode()
    assert "Police and Crime Plan 2013-2017" in page
    assert "Illustrative figures" in measure and "84.1" in measure
    assert "2014/15 Q2" in download and "2014/15 Q3" not in download + page
    assert client.get(base + "quarters/2014-15-q3/").status_code == 404
