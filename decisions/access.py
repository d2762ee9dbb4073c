"""Who sees what of the Commissioner's decisions: the OPCC everything of its panel's, everyone
else the register, and the exempt part only the OPCC, the clerk and members."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from documents.models import StoredFile, readable_access
from panel.access import Reader, Role, has_role
from panel.models import Panel

from .models import CONTENT_FIELDS as DECISION_CONTENT_FIELDS
from .models import PUBLIC_FIELDS as DECISION_PUBLIC_FIELDS
from .models import Decision
from .querysets import DecisionQuerySet

# Decisions of the Commissioner. OPCC officers draft and take them through the workflow and see
# everything of their panel's; everyone else sees the register (published decisions, and numbered
# ones since withdrawn as tombstones). The exempt part is for the OPCC, the clerk and members.

DECISION_TOMBSTONE_FIELDS = ("number", "status", "withdrawn_at")


def can_draft_decisions(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.OPCC_OFFICER)


def can_view_decision_exempt(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.OPCC_OFFICER, Role.CLERK, Role.MEMBER)


def readable_attachments(user: Reader, panel: Panel | int) -> tuple[str, ...]:
    """The access of a published decision's attachments this reader may read (the files, and
    their pages in search): what ``decision_for`` shows them."""
    return readable_access(can_view_decision_exempt(user, panel))


def visible_decisions(user: Reader, panel: Panel) -> DecisionQuerySet[Decision]:
    decisions = Decision.objects.for_panel(panel)
    return decisions if can_draft_decisions(user, panel) else decisions.in_register()


def access_decision(user: Reader, panel: Panel, number: int) -> Decision:
    decision = visible_decisions(user, panel).filter(number=number).first()
    if decision is None:
        raise Http404("No such decision")
    decision.panel = panel
    return decision


def access_decision_for_change(user: Reader, panel: Panel, decision_id: int) -> Decision:
    if not can_draft_decisions(user, panel):
        raise Http404("No such decision")
    decision = Decision.objects.for_panel(panel).filter(pk=decision_id).first()
    if decision is None:
        raise Http404("No such decision")
    decision.panel = panel
    return decision


def decision_for(user: Reader, decision: Decision) -> dict[str, Any]:
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
    readable = readable_attachments(user, decision.panel_id)
    attachments = [a for a in decision.attachments.all() if a.access in readable]
    meta = (
        "number",
        "status",
        "submitted_at",
        "chief_executive",
        "chief_executive_on",
        "chief_finance_officer",
        "chief_finance_officer_on",
        "signed_by",
        "signed_on",
        "published_at",
        "withdrawn_at",
        "withdrawn_reason",
        "pk",
    )
    return {
        **view,
        **{k: getattr(decision, k) for k in meta},
        "tombstone": False,
        "shows_exempt": exempt,
        "has_exempt_part": bool(content["exempt_part"].strip()),
        "attachments": attachments,
        "corrections": corrections,
    }


def can_download_decision_file(user: Reader, decision: Decision, stored_file_id: int) -> bool:
    view = decision_for(user, decision)
    return any(a.stored_file_id == stored_file_id for a in view.get("attachments", []))


def decision_file(decision: Decision, file_id: int) -> StoredFile:
    """One of the decision's attached files (the caller has decided the reader may have it)."""
    attachment = (
        decision.attachments.filter(stored_file_id=file_id).select_related("stored_file").first()
    )
    if attachment is None or attachment.stored_file is None:
        raise Http404("No such file")
    return attachment.stored_file
