"""Who sees what of the work programme and the tracker: everyone reads them; the clerk edits the
programme; an action is updated by the clerk, its lead, and the OPCC for the OPCC's actions."""

from __future__ import annotations

from django.http import Http404

from panel.access import Reader, Role, acts_in_person, has_role, is_signed_in, roles_in
from panel.models import Panel

from .models import Action, WorkProgrammeItem
from .querysets import ActionQuerySet, WorkItemQuerySet

# The work programme and the recommendations and actions tracker are public business (the panel
# publishes both in its agenda packs). Updating an action: the clerk; the member or officer who
# leads it; OPCC officers for actions the OPCC leads.


def visible_work_items(user: Reader, panel: Panel) -> WorkItemQuerySet[WorkProgrammeItem]:
    return WorkProgrammeItem.objects.for_panel(panel)


def can_edit_work_programme(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK)


def visible_actions(user: Reader, panel: Panel) -> ActionQuerySet[Action]:
    return Action.objects.for_panel(panel)


def can_update_action(user: Reader, action: Action) -> bool:
    if not is_signed_in(user) or not roles_in(user, action.panel_id):
        return False
    if has_role(user, action.panel_id, Role.CLERK):
        return True
    if action.lead_opcc and has_role(user, action.panel_id, Role.OPCC_OFFICER):
        return True
    leads = action.lead_person is not None and action.lead_person.user_id == user.pk
    return leads and acts_in_person(user)  # an API token acts by its role only


def access_action(
    user: Reader, panel: Panel, action_id: int, *, for_change: bool = False
) -> Action:
    action = visible_actions(user, panel).select_related("lead_person").filter(pk=action_id).first()
    if action is None or (for_change and not can_update_action(user, action)):
        raise Http404("No such action")
    action.panel = panel
    return action


def access_work_item(user: Reader, panel: Panel, item_id: int) -> WorkProgrammeItem:
    """A work programme item, for the clerk who edits the programme."""
    item = visible_work_items(user, panel).filter(pk=item_id).first()
    if item is None or not can_edit_work_programme(user, panel):
        raise Http404("No such item")
    return item
