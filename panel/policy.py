"""The access policy: the one place that says who may see and change what.

Pages, the API, PDFs, feeds, search, downloads and the admin all ask this module. Roles are
granted per panel with django-guardian (object permissions on the Panel, never model-wide:
``accept_global_perms=False``). A user's roles in a panel are read once per request and kept on
the user object, so lists ask nothing per row.

Naming: ``roles_in`` reads grants; ``can_<verb>_<entity>`` answers yes/no; ``visible_<entities>``
returns a queryset filtered for the user; ``access_<entity>`` fetches and authorises in one call
and raises Http404 for "missing" and "not allowed" alike.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import get_objects_for_user

from complaints.models import Complaint
from decisions.models import CONTENT_FIELDS as DECISION_CONTENT_FIELDS
from decisions.models import PUBLIC_FIELDS as DECISION_PUBLIC_FIELDS
from decisions.models import Decision
from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Meeting,
    MinutesVersion,
    StandingItem,
    StoredFile,
)
from workprogramme.models import Action, WorkProgrammeItem

from .models import Body, Membership, Panel, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser | AnonymousUser


# The anonymous public, for surfaces that are always built as the public sees them (feeds).
PUBLIC = AnonymousUser()


class Role(StrEnum):
    CLERK = "clerk"
    MEMBER = "member"
    OPCC_OFFICER = "opcc_officer"
    COMPLAINTS_HANDLER = "complaints_handler"

    @property
    def codename(self) -> str:
        return f"role_{self.value}"

    @property
    def permission(self) -> str:
        return f"panel.role_{self.value}"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.CLERK: "Clerk (democratic services)",
    Role.MEMBER: "Panel member",
    Role.OPCC_OFFICER: "OPCC officer",
    Role.COMPLAINTS_HANDLER: "Complaints handler",
}
_CACHE_ATTR = "_panel_roles_cache"


def is_signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles_in(user: Any, panel: Panel | int) -> frozenset[Role]:
    """The roles ``user`` holds in ``panel``; read once per user object (one request).

    Takes a panel or its id, so that policy checks on a row need only its ``panel_id``.
    """
    if not is_signed_in(user):
        return frozenset()
    panel_id = panel if isinstance(panel, int) else panel.pk
    cache: dict[int, frozenset[Role]] = user.__dict__.setdefault(_CACHE_ATTR, {})
    if panel_id not in cache:
        perms = ObjectPermissionChecker(user).get_perms(Panel(pk=panel_id))
        cache[panel_id] = frozenset(
            Role(p.removeprefix("role_")) for p in perms if p.startswith("role_")
        )
    return cache[panel_id]


def forget_roles(user: Any) -> None:
    user.__dict__.pop(_CACHE_ATTR, None)


def has_role(user: Any, panel: Panel | int, *roles: Role) -> bool:
    return not roles_in(user, panel).isdisjoint(roles)


def panels_with_roles(user: Any) -> list[tuple[Panel, frozenset[Role]]]:
    """The panels where ``user`` holds any role, with those roles."""
    if not is_signed_in(user):
        return []
    perms = [role.permission for role in Role]
    panels = get_objects_for_user(
        user, perms, klass=Panel, any_perm=True, accept_global_perms=False
    )
    return [(panel, roles_in(user, panel)) for panel in panels.order_by("name")]


# Panels, authorities, bodies and memberships are the public record of who sits on what.


def visible_panels(user: Any) -> QuerySet[Panel]:
    return Panel.objects.all()


def can_view_panel(user: Any, panel: Panel) -> bool:
    return True


def can_manage_panel(user: Any, panel: Panel) -> bool:
    return has_role(user, panel, Role.CLERK)


def visible_bodies(user: Any, panel: Panel) -> QuerySet[Body]:
    return Body.objects.for_panel(panel)


def can_view_body(user: Any, body: Body) -> bool:
    return True


def can_change_body(user: Any, body: Body) -> bool:
    return has_role(user, body.panel_id, Role.CLERK)


def visible_people(user: Any, panel: Panel) -> QuerySet[Person]:
    return Person.objects.for_panel(panel)


def can_view_person(user: Any, person: Person) -> bool:
    return True


def can_view_contact_details(user: Any, person: Person) -> bool:
    """A person's own email and phone: the clerk and the person themselves."""
    if not is_signed_in(user):
        return False
    return person.user_id == user.pk or has_role(user, person.panel_id, Role.CLERK)


def can_change_person(user: Any, person: Person) -> bool:
    return has_role(user, person.panel_id, Role.CLERK)


def visible_memberships(user: Any, panel: Panel) -> QuerySet[Membership]:
    return Membership.objects.for_panel(panel)


def can_view_membership(user: Any, membership: Membership) -> bool:
    return True


def can_change_membership(user: Any, membership: Membership) -> bool:
    return has_role(user, membership.panel_id, Role.CLERK)


def can_view_role_grants(user: Any, panel: Panel) -> bool:
    return has_role(user, panel, Role.CLERK)


def can_use_admin(user: Any) -> bool:
    """The Django admin is for the platform's superusers only; it crosses panels."""
    return is_signed_in(user) and user.is_staff and user.is_superuser


# Fetch and authorise in one call: a missing row and a forbidden one are the same 404.


def access_body(user: Any, panel: Panel, slug: str, *, for_change: bool = False) -> Body:
    body = visible_bodies(user, panel).filter(slug=slug).first()
    if body is None or (for_change and not can_change_body(user, body)):
        raise Http404("No such body")
    body.panel = panel
    return body


def access_person(user: Any, panel: Panel, slug: str, *, for_change: bool = False) -> Person:
    person = visible_people(user, panel).filter(slug=slug).first()
    if person is None or (for_change and not can_change_person(user, person)):
        raise Http404("No such person")
    person.panel = panel
    return person


def access_membership(
    user: Any, panel: Panel, membership_id: int, *, for_change: bool = False
) -> Membership:
    membership = (
        visible_memberships(user, panel)
        .select_related("person", "body", "authority")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None or (for_change and not can_change_membership(user, membership)):
        raise Http404("No such membership")
    membership.panel = panel
    return membership


# Meetings. The public and OPCC officers see published public business; panel members also see
# exempt business; only the clerk sees drafts. Published versions are projected per reader: the
# public view is built from an allow-list of public fields, never by redacting the full one.

ITEM_PUBLIC_FIELDS = ("id", "parent", "number", "kind", "title", "access", "paragraph",
                      "public_interest", "late")  # fmt: skip
APPENDIX_PUBLIC_FIELDS = ("id", "letter", "title", "access", "paragraph", "public_interest")
MINUTE_PUBLIC_FIELDS = ("id", "number", "title", "access", "paragraph")


def can_view_exempt(user: Any, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK, Role.MEMBER)


def can_draft_meetings(user: Any, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK)


def visible_meetings(user: Any, panel: Panel) -> QuerySet[Meeting]:
    meetings = Meeting.objects.for_panel(panel)
    return meetings if can_draft_meetings(user, panel) else meetings.published()


def access_meeting(user: Any, panel: Panel, slug: str, *, for_change: bool = False) -> Meeting:
    meeting = visible_meetings(user, panel).select_related("body").filter(slug=slug).first()
    if meeting is None or (for_change and not can_draft_meetings(user, panel)):
        raise Http404("No such meeting")
    meeting.panel = panel
    return meeting


def access_standing_item(user: Any, panel: Panel, standing_id: int) -> StandingItem:
    """An item of the panel's standing-item template: the clerk's to change, no one else's."""
    if not can_draft_meetings(user, panel.pk):
        raise Http404("No such standing item")
    item = StandingItem.objects.for_panel(panel).filter(pk=standing_id).first()
    if item is None:
        raise Http404("No such standing item")
    return item


def access_item(user: Any, meeting: Meeting, item_id: int) -> AgendaItem:
    """A live (draft) agenda item: for the clerk's drafting screens only."""
    if not can_draft_meetings(user, meeting.panel_id):
        raise Http404("No such item")
    item = (
        AgendaItem.objects.for_panel(meeting.panel)
        .filter(meeting=meeting, pk=item_id)
        .select_related("report", "parent")
        .first()
    )
    if item is None:
        raise Http404("No such item")
    item.meeting = meeting
    return item


def _project_item(item: dict[str, Any], full: bool) -> dict[str, Any]:
    if item["access"] == "exempt" and not full:
        return {**{k: item[k] for k in ITEM_PUBLIC_FIELDS}, "restricted": True, "purpose": "",
                "report": None, "appendices": []}  # fmt: skip
    appendices = [
        {**a, "restricted": False} if full or a["access"] != "exempt"
        else {**{k: a[k] for k in APPENDIX_PUBLIC_FIELDS}, "restricted": True, "file": None,
              "text_html": ""}
        for a in item["appendices"]
    ]  # fmt: skip
    return {**item, "restricted": False, "appendices": appendices}


def latest_agenda(meeting: Meeting) -> AgendaVersion | None:
    return (
        AgendaVersion.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .order_by("-number")
        .first()
    )


def agenda_projection(content: dict[str, Any], *, full: bool) -> dict[str, Any]:
    return {**content, "items": [_project_item(i, full) for i in content["items"]]}


def agenda_for(user: Any, version: AgendaVersion | None) -> dict[str, Any] | None:
    """A published agenda as this reader may see it. It takes a version, never a meeting:
    readers are shown what was published, never the live draft."""
    if version is None:
        return None
    return agenda_projection(version.content, full=can_view_exempt(user, version.panel_id))


def latest_minutes(meeting: Meeting) -> MinutesVersion | None:
    return (
        MinutesVersion.objects.for_panel(meeting.panel)
        .filter(meeting=meeting)
        .order_by("-number")
        .first()
    )


def minutes_for(user: Any, version: MinutesVersion | None) -> dict[str, Any] | None:
    """Published minutes as this reader may see them (a version, never the live record)."""
    if version is None:
        return None
    return minutes_projection(version.content, full=can_view_exempt(user, version.panel_id))


def minutes_projection(content: dict[str, Any], *, full: bool) -> dict[str, Any]:
    items = [
        {**i, "restricted": False} if full or i["access"] != "exempt"
        else {**{k: i[k] for k in MINUTE_PUBLIC_FIELDS}, "restricted": True, "minute": "",
              "resolutions": [], "questions": []}
        for i in content["items"]
    ]  # fmt: skip
    return {**content, "items": items}


def can_download_pack(user: Any, meeting: Meeting, audience: str) -> bool:
    """The public pack goes with the published meeting; the members' pack with exempt business."""
    if audience == "members":
        return can_view_exempt(user, meeting.panel_id)
    return audience == "public"


def visible_file_ids(user: Any, version: AgendaVersion | None) -> set[int]:
    """Files the reader may download: those of the published agenda they may see."""
    agenda = agenda_for(user, version)
    if agenda is None:
        return set()
    return {a["file"]["id"] for i in agenda["items"] for a in i["appendices"] if a.get("file")}


def can_download_file(user: Any, meeting: Meeting, stored_file: StoredFile) -> bool:
    if stored_file.panel_id != meeting.panel_id:
        return False
    if can_draft_meetings(user, meeting.panel_id):
        return True
    return stored_file.pk in visible_file_ids(user, latest_agenda(meeting))


# Decisions of the Commissioner. OPCC officers draft and take them through the workflow and see
# everything of their panel's; everyone else sees the register (published decisions, and numbered
# ones since withdrawn as tombstones). The exempt part is for the OPCC, the clerk and members.

DECISION_TOMBSTONE_FIELDS = ("number", "status", "withdrawn_at")


def can_draft_decisions(user: Any, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.OPCC_OFFICER)


def can_view_decision_exempt(user: Any, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.OPCC_OFFICER, Role.CLERK, Role.MEMBER)


def visible_decisions(user: Any, panel: Panel) -> QuerySet[Decision]:
    decisions = Decision.objects.for_panel(panel)
    return decisions if can_draft_decisions(user, panel) else decisions.in_register()


def access_decision(user: Any, panel: Panel, number: int) -> Decision:
    decision = visible_decisions(user, panel).filter(number=number).first()
    if decision is None:
        raise Http404("No such decision")
    decision.panel = panel
    return decision


def access_decision_for_change(user: Any, panel: Panel, decision_id: int) -> Decision:
    if not can_draft_decisions(user, panel):
        raise Http404("No such decision")
    decision = Decision.objects.for_panel(panel).filter(pk=decision_id).first()
    if decision is None:
        raise Http404("No such decision")
    decision.panel = panel
    return decision


def decision_for(user: Any, decision: Decision) -> dict[str, Any]:
    """A decision as this reader may read it: corrections applied, exempt part only if entitled.

    Built from an allow-list of fields, so a new field stays private until it is listed.
    """
    if decision.published_at is None and not can_draft_decisions(user, decision.panel_id):
        return {k: getattr(decision, k) for k in DECISION_TOMBSTONE_FIELDS} | {"tombstone": True}
    content = {f: getattr(decision, f) for f in DECISION_CONTENT_FIELDS}
    corrections = list(decision.corrections.all())
    for correction in corrections:
        content.update(
            {k: v for k, v in correction.changes.items() if k in DECISION_CONTENT_FIELDS}
        )
    exempt = can_view_decision_exempt(user, decision.panel_id)
    view = {k: v for k, v in content.items() if exempt or k in DECISION_PUBLIC_FIELDS}
    attachments = [a for a in decision.attachments.all() if exempt or a.access == "public"]
    meta = ("number", "status", "submitted_at", "chief_executive", "chief_executive_on",
            "chief_finance_officer", "chief_finance_officer_on", "signed_by", "signed_on",
            "published_at", "withdrawn_at", "withdrawn_reason", "pk")  # fmt: skip
    return {
        **view, **{k: getattr(decision, k) for k in meta}, "tombstone": False,
        "shows_exempt": exempt, "has_exempt_part": bool(content["exempt_part"].strip()),
        "attachments": attachments, "corrections": corrections,
    }  # fmt: skip


def can_download_decision_file(user: Any, decision: Decision, stored_file_id: int) -> bool:
    view = decision_for(user, decision)
    return any(a.stored_file_id == stored_file_id for a in view.get("attachments", []))


# Complaints about the Commissioner: the panel's complaints handler sees every case; a member of
# the complaints sub-committee sees the cases granted to them (object permissions, revoked when
# they are excluded). Nobody else learns that a case exists: every complaint URL is a 404.

COMPLAINT_VIEW = "complaints.view_complaint"


def can_handle_complaints(user: Any, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.COMPLAINTS_HANDLER)


def sits_on_complaints_subcommittee(user: Any, panel: Panel) -> bool:
    if not is_signed_in(user):
        return False
    return (
        Membership.objects.for_panel(panel)
        .current(timezone.localdate())
        .filter(body__kind=Body.Kind.COMPLAINTS, person__user=user)
        .exclude(role=Membership.Role.OFFICER)
        .exists()
    )


def can_list_complaints(user: Any, panel: Panel) -> bool:
    return can_handle_complaints(user, panel) or sits_on_complaints_subcommittee(user, panel)


def visible_complaints(user: Any, panel: Panel) -> QuerySet[Complaint]:
    complaints = Complaint.objects.for_panel(panel)
    if can_handle_complaints(user, panel):
        return complaints
    if not is_signed_in(user):
        return complaints.none()
    return get_objects_for_user(  # type: ignore[no-any-return]
        user, COMPLAINT_VIEW, klass=complaints, accept_global_perms=False, with_superuser=False
    )


def access_complaint(
    user: Any, panel: Panel, complaint_id: int, *, for_change: bool = False
) -> Complaint:
    complaint = visible_complaints(user, panel).filter(pk=complaint_id).first()
    if complaint is None or (for_change and not can_handle_complaints(user, panel)):
        raise Http404("Not found")
    complaint.panel = panel
    return complaint


def can_view_complaint_log(user: Any, panel: Panel | int) -> bool:
    return can_handle_complaints(user, panel)


def can_view_complaint_counts(user: Any, panel: Panel | int) -> bool:
    """Counts by status, never names: for those who see the standing exempt Complaints item."""
    return can_view_exempt(user, panel) or can_handle_complaints(user, panel)


# The work programme and the recommendations and actions tracker are public business (the panel
# publishes both in its agenda packs). Updating an action: the clerk; the member or officer who
# leads it; OPCC officers for actions the OPCC leads.


def visible_work_items(user: Any, panel: Panel) -> QuerySet[WorkProgrammeItem]:
    return WorkProgrammeItem.objects.for_panel(panel)


def can_edit_work_programme(user: Any, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.CLERK)


def visible_actions(user: Any, panel: Panel) -> QuerySet[Action]:
    return Action.objects.for_panel(panel)


def can_update_action(user: Any, action: Action) -> bool:
    if not is_signed_in(user) or not roles_in(user, action.panel_id):
        return False
    if has_role(user, action.panel_id, Role.CLERK):
        return True
    if action.lead_opcc and has_role(user, action.panel_id, Role.OPCC_OFFICER):
        return True
    return action.lead_person is not None and action.lead_person.user_id == user.pk


def access_action(user: Any, panel: Panel, action_id: int, *, for_change: bool = False) -> Action:
    action = visible_actions(user, panel).select_related("lead_person").filter(pk=action_id).first()
    if action is None or (for_change and not can_update_action(user, action)):
        raise Http404("No such action")
    action.panel = panel
    return action


# The change history (django-simple-history): each role sees the history of what it keeps. The
# clerk, the panel's meetings, minutes and work programme; OPCC officers, their decisions (drafts
# included, which nobody else may read); complaints handlers, complaints. Nobody else sees any.

HISTORY_KINDS_BY_ROLE = {
    Role.CLERK: ("meeting", "item", "report", "appendix", "attendance", "declaration", "minute",
                 "resolution", "question", "work_item", "action", "action_note"),
    Role.OPCC_OFFICER: ("decision", "decision_attachment"),
    Role.COMPLAINTS_HANDLER: ("complaint", "complaint_attachment"),
}  # fmt: skip


def history_kinds(user: Any, panel: Panel | int) -> tuple[str, ...]:
    roles = roles_in(user, panel) if is_signed_in(user) else frozenset()
    return tuple(k for role, kinds in HISTORY_KINDS_BY_ROLE.items() if role in roles for k in kinds)


def can_view_history(user: Any, panel: Panel | int) -> bool:
    return bool(history_kinds(user, panel))
