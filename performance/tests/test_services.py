"""The plan's and returns' rules, called directly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from panel.roles import Role
from panel.services import StaleEdit
from panel.tenancy import panel_scope
from performance import queries, services, testing
from performance.models import Figure, Return
from performance.rules import Judgement, judge
from workprogramme.models import Action


@pytest.fixture
def plan(cast):
    return testing.plan(cast["alpha"])


def test_it_loads_nothing_from_a_csv_with_a_bad_row_and_names_the_row_and_field(plan):
    r = testing.quarter(plan, 2014, 1, {"victim-satisfaction": "80"}, status="draft")
    bad = "measure,value,note\nvictim-satisfaction,82.5,\nburglaries,lots,\n"
    with panel_scope(plan.panel_id), pytest.raises(ValidationError) as raised:
        services.return_load_csv(of_return=r, data=bad.encode(), actor=None)
    assert raised.value.message_dict["file"] == ["Row 3, value: “lots” is not a number."]
    with panel_scope(plan.panel_id):
        values = dict(Figure.objects.for_panel(plan.panel_id).values_list("measure__slug", "value"))
    assert values == {"victim-satisfaction": Decimal("80")}  # untouched, not 82.5


def test_it_names_an_unknown_measure_and_an_impossible_value_by_row(plan):
    r = testing.quarter(plan, 2014, 1, {}, status="draft")
    bad = "measure,value\nvictim-satisfaction,120\nrobberies,3\n"
    with panel_scope(plan.panel_id), pytest.raises(ValidationError) as raised:
        services.return_load_csv(of_return=r, data=bad, actor=None)
    assert raised.value.message_dict["file"] == [
        "Row 2, value: a percentage cannot be more than 100.",
        "Row 3, measure: no measure of this plan has the code robberies.",
    ]


def test_it_loads_a_good_csv_and_an_empty_value_is_no_figure(plan):
    r = testing.quarter(plan, 2014, 1, {"burglaries": "2500"}, status="draft")
    good = '\ufeffMeasure,Value,Note\nvictim-satisfaction,"82.5",new survey\nburglaries,,\n'
    with panel_scope(plan.panel_id):
        services.return_load_csv(of_return=r, data=good.encode(), actor=None)
        rows = {f.measure.slug: (f.value, f.note) for f in Figure.objects.for_panel(plan.panel_id)}
    assert rows == {"victim-satisfaction": (Decimal("82.5"), "new survey")}


def test_a_measure_whose_good_direction_is_down_shows_a_rise_as_worse(plan):
    testing.quarter(plan, 2014, 1, {"burglaries": "2300", "victim-satisfaction": "80"})
    testing.quarter(plan, 2014, 2, {"burglaries": "2600", "victim-satisfaction": "90"})
    with panel_scope(plan.panel_id):
        data = queries.plan_data(plan)
    views = {v.measure.slug: v for v in data.measures}
    assert views["burglaries"].trend == Judgement.WORSE  # rose from 2,300 to 2,600
    assert views["burglaries"].status == Judgement.WORSE  # above the 2,400 baseline
    assert views["victim-satisfaction"].trend == Judgement.BETTER
    assert views["victim-satisfaction"].status == Judgement.BETTER


def test_a_figure_within_the_tolerance_is_level():
    kw = {"good": "down", "tolerance_percent": Decimal("5")}
    assert judge(Decimal("2500"), Decimal("2400"), **kw) == Judgement.LEVEL  # 4.2% away
    assert judge(Decimal("2530"), Decimal("2400"), **kw) == Judgement.WORSE  # 5.4% away
    assert judge(None, Decimal("2400"), **kw) == Judgement.UNKNOWN


def test_a_missing_quarter_is_missing_not_zero(plan):
    testing.quarter(plan, 2014, 1, {"burglaries": "2300"})
    testing.quarter(plan, 2014, 3, {"burglaries": "2200"})  # no return at all for Q2
    testing.quarter(plan, 2014, 4, {"victim-satisfaction": "70"})  # no burglary figure in Q4
    with panel_scope(plan.panel_id):
        view = next(v for v in queries.plan_data(plan).measures if v.measure.slug == "burglaries")
    assert [r["label"] for r in view.rows] == [
        "2014/15 Q1",
        "2014/15 Q2",
        "2014/15 Q3",
        "2014/15 Q4",
    ]
    assert view.values == [Decimal("2300"), None, Decimal("2200"), None]
    assert view.status == Judgement.UNKNOWN and view.missing == 2


def test_only_published_returns_reach_the_figures(plan):
    testing.quarter(plan, 2014, 1, {"burglaries": "2300"})
    testing.quarter(plan, 2014, 2, {"burglaries": "9999"}, status="submitted")
    with panel_scope(plan.panel_id):
        rows = queries.export_rows(plan)
    assert {r["value"] for r in rows} == {Decimal("2300"), None}
    assert "9999" not in str(rows)


def test_a_return_moves_draft_submitted_published_and_locks_on_submission(plan):
    r = testing.quarter(plan, 2014, 1, {"burglaries": "2300"}, status="draft")
    with panel_scope(plan.panel_id):
        services.return_step(of_return=r, step="submit", actor=None)
        with pytest.raises(ValidationError, match="submitted"):
            services.return_save(of_return=r, entries={}, actor=None)
        services.return_step(of_return=r, step="send_back", actor=None)
        assert r.status == Return.Status.DRAFT
        services.return_step(of_return=r, step="submit", actor=None)
        services.return_step(of_return=r, step="publish", actor=None)
    assert r.status == Return.Status.PUBLISHED and r.published_at is not None


def test_a_stale_edit_of_a_return_is_refused(plan):
    r = testing.quarter(plan, 2014, 1, {"burglaries": "2300"}, status="draft")
    entries = {"burglaries": services.Entry(Decimal("2350"))}
    with panel_scope(plan.panel_id):
        services.return_save(of_return=r, entries=entries, actor=None, expected_version=r.version)
        with pytest.raises(StaleEdit):
            services.return_save(of_return=r, entries=entries, actor=None, expected_version=1)


def test_a_quarter_is_opened_once_and_within_the_plan(plan):
    testing.quarter(plan, 2014, 1, {}, status="draft")
    with panel_scope(plan.panel_id):
        with pytest.raises(ValidationError, match="already a return"):
            services.return_open(plan=plan, year=2014, quarter=1, actor=None)
        with pytest.raises(ValidationError, match="runs from"):
            services.return_open(plan=plan, year=2030, quarter=1, actor=None)


def test_a_members_question_becomes_an_action_led_by_the_office(plan, cast):
    member = cast.user("alpha", Role.MEMBER)
    with panel_scope(plan.panel_id):
        measure = plan.measures.get(slug="burglaries")
        q = services.question_raise(
            priority=measure.priority,
            measure=measure,
            kind="question",
            text="Why did burglaries rise?",
            actor=member,
        )
        action = Action.objects.for_panel(plan.panel_id).get()
    assert q.action == action and action.lead_opcc
    assert "Domestic burglaries" in action.text and "Why did burglaries rise?" in action.text


def test_it_refuses_a_question_on_a_plan_not_yet_published(cast):
    """The tracker is public: the question's action would publish the draft priority's title."""
    draft = testing.plan(cast["alpha"], publish=False)
    with panel_scope(draft.panel_id):
        priority = draft.priorities.get()
        with pytest.raises(ValidationError, match="once the plan is published"):
            services.question_raise(
                priority=priority,
                kind="question",
                text="Why?",
                actor=cast.user("alpha", Role.CLERK),
            )
        assert not Action.objects.for_panel(draft.panel_id).exists()


def test_a_variation_withdraws_a_measure_and_names_the_review_case(plan, cast):
    from statutory.testing import precept

    case = precept(cast["alpha"])
    with panel_scope(plan.panel_id):
        measure = plan.measures.get(slug="burglaries")
        with pytest.raises(ValidationError, match="reviewed the draft plan"):
            services.plan_vary(
                plan=plan, adopted_on=dt.date(2015, 4, 1), summary="x", review_case=case, actor=None
            )
        version = services.plan_vary(
            plan=plan,
            adopted_on=dt.date(2015, 4, 1),
            summary="Burglary folded in",
            withdraw=[measure],
            actor=None,
        )
        measure.refresh_from_db()
        current = [v.measure.slug for v in queries.plan_data(plan).measures]
    assert version.number == 2 and measure.withdrawn_in == version
    assert current == ["victim-satisfaction"]
