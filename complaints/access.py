"""Who sees what of complaints: the handler every case, a sub-committee member the cases granted
to them, nobody else anything (every complaint URL is a 404)."""

from __future__ import annotations

from typing import cast

from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from documents.models import StoredFile
from meetings.access import can_view_exempt
from panel.access import Reader, Role, acts_in_person, has_role
from panel.models import Body, Membership, Panel

from .models import Complaint
from .querysets import ComplaintQuerySet

# Complaints about the Commissioner: the panel's complaints handler sees every case; a member of
# the complaints sub-committee sees the cases granted to them (object permissions, revoked when
# they are excluded). Nobody else learns that a case exists: every complaint URL is a 404.

COMPLAINT_VIEW = "complaints.view_complaint"


def can_handle_complaints(user: Reader, panel: Panel | int) -> bool:
    return has_role(user, panel, Role.COMPLAINTS_HANDLER)


def sits_on_complaints_subcommittee(user: Reader, panel: Panel) -> bool:
    if not acts_in_person(user):  # a seat is the person's, not an API token's
        return False
    return (
        Membership.objects.for_panel(panel)
        .current(timezone.localdate())
        .filter(body__kind=Body.Kind.COMPLAINTS, person__user=user)
        .exclude(role=Membership.Role.OFFICER)
        .exists()
    )


def can_list_complaints(user: Reader, panel: Panel) -> bool:
    return can_handle_complaints(user, panel) or sits_on_complaints_subcommittee(user, panel)


def visible_complaints(user: Reader, panel: Panel) -> ComplaintQuerySet[Complaint]:
    complaints = Complaint.objects.for_panel(panel)
    if can_handle_complaints(user, panel):
        return complaints
    if not acts_in_person(user):  # grants are to the person, never to an API token
        return complaints.none()
    granted = get_objects_for_user(
        user, COMPLAINT_VIEW, klass=complaints, accept_global_perms=False, with_superuser=False
    )
    return cast(ComplaintQuerySet[Complaint], granted)  # ``complaints`` filtered: its own class


def access_complaint(
    user: Reader, panel: Panel, complaint_id: int, *, for_change: bool = False
) -> Complaint:
    complaint = visible_complaints(user, panel).filter(pk=complaint_id).first()
    if complaint is None or (for_change and not can_handle_complaints(user, panel)):
        raise Http404("Not found")
    complaint.panel = panel
    return complaint


def can_view_complaint_log(user: Reader, panel: Panel | int) -> bool:
    return can_handle_complaints(user, panel)


def can_view_complaint_counts(user: Reader, panel: Panel | int) -> bool:
    """Counts by status, never names: for those who see the standing exempt Complaints item."""
    return can_view_exempt(user, panel) or can_handle_complaints(user, panel)


def complaint_file(complaint: Complaint, file_id: int) -> StoredFile:
    """One of the case's files (the caller has decided the reader may read the case)."""
    attachment = (
        complaint.attachments.filter(stored_file_id=file_id).select_related("stored_file").first()
    )
    if attachment is None or attachment.stored_file is None:
        raise Http404("No such file")
    return attachment.stored_file
