"""Who sees what of the plan and its returns, on the panel's roles.

The plan, its measures, and every published return are public business. A plan not yet
published, and a return until the clerk publishes it, are seen by the Commissioner's office
(which prepares them) and the clerk only. The office opens, fills and submits returns; the clerk
publishes them; members and the clerk raise questions and recommendations on the plan.
"""

from __future__ import annotations

from django.http import Http404

from panel.access import Reader, Role, has_role
from panel.models import Panel

from .models import Measure, Plan, Priority, Return
from .querysets import PlanQuerySet, ReturnQuerySet


def can_prepare(user: Reader, panel: Panel | int) -> bool:
    """Draft the plan as data and prepare its returns: the office and the clerk."""
    return has_role(user, panel, Role.OPCC_OFFICER, Role.CLERK)


def can_fill_returns(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.OPCC_OFFICER)


def can_publish_returns(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK)


def can_view_drafts(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.OPCC_OFFICER, Role.CLERK)


def can_raise_questions(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.MEMBER, Role.CLERK)


def can_question_plan(user: Reader, plan: Plan) -> bool:
    """A question becomes an action in the public tracker, named after its priority or
    measure: only a published plan's can be asked about."""
    return plan.published_at is not None and can_raise_questions(user, plan.panel_id)


# Who may take each step of a return; any other step is a 404, as a missing return is.
RETURN_STEP_RULES = {
    "submit": can_fill_returns,
    "publish": can_publish_returns,
    "send_back": can_publish_returns,
}


def can_take_return_step(user: Reader, panel: Panel | int, step: str) -> bool:
    rule = RETURN_STEP_RULES.get(step)
    return rule is not None and rule(user, panel)


def visible_plans(user: Reader, panel: Panel) -> PlanQuerySet[Plan]:
    plans = Plan.objects.for_panel(panel)
    return plans if can_view_drafts(user, panel) else plans.published()


def visible_returns(user: Reader, panel: Panel, plan: Plan) -> ReturnQuerySet[Return]:
    returns = Return.objects.for_panel(panel).filter(plan=plan)
    return returns if can_view_drafts(user, panel) else returns.published()


def access_plan(user: Reader, panel: Panel, slug: str, *, for_change: bool = False) -> Plan:
    plan = visible_plans(user, panel).filter(slug=slug).first()
    if plan is None or (for_change and not can_prepare(user, panel)):
        raise Http404("No such plan")
    plan.panel = panel
    return plan


def access_priority(
    user: Reader, panel: Panel, plan_slug: str, slug: str, *, for_change: bool = False
) -> Priority:
    """A plan's priority; for change (a question raised on it), only on a published plan."""
    plan = access_plan(user, panel, plan_slug)
    if for_change and not can_question_plan(user, plan):
        raise Http404("No such priority")
    priority = Priority.objects.for_panel(panel).filter(plan=plan, slug=slug).first()
    if priority is None:
        raise Http404("No such priority")
    priority.plan = plan
    return priority


def access_measure(user: Reader, panel: Panel, plan_slug: str, slug: str) -> Measure:
    plan = access_plan(user, panel, plan_slug)
    measure = (
        Measure.objects.for_panel(panel)
        .select_related("priority")
        .filter(plan=plan, slug=slug)
        .first()
    )
    if measure is None:
        raise Http404("No such measure")
    measure.plan = plan
    return measure


def access_return(
    user: Reader, panel: Panel, plan_slug: str, key: str, *, for_change: bool = False
) -> Return:
    """A quarter's return by its key (``2014-15-q1``); a draft only for the office and the
    clerk; for change, the office while it is not yet published."""
    plan = access_plan(user, panel, plan_slug)
    year, quarter = parse_quarter_key(key)
    found = visible_returns(user, panel, plan).filter(year=year, quarter=quarter).first()
    if found is None:
        raise Http404("No such return")
    if for_change and not (
        can_fill_returns(user, panel) and found.status != Return.Status.PUBLISHED
    ):
        raise Http404("No such return")
    found.plan = plan
    return found


def parse_quarter_key(key: str) -> tuple[int, int]:
    """``2014-15-q1`` -> (2014, 1); anything else is a 404."""
    parts = key.split("-")
    if len(parts) != 3 or not (parts[0].isdigit() and parts[1].isdigit()):
        raise Http404("No such quarter")
    year, tail, q = int(parts[0]), int(parts[1]), parts[2]
    if tail != (year + 1) % 100 or q not in ("q1", "q2", "q3", "q4") or len(parts[0]) != 4:
        raise Http404("No such quarter")
    return year, int(q[1])
