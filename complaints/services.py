"""The complaints workflow, under the Elected Local Policing Bodies (Complaints and Misconduct)
Regulations 2012: received → not recorded (grounds sent to the complainant) or recorded → a
serious complaint or conduct matter referred to the IOPC (which may refer it back) → set aside on
the regulation's grounds → informal resolution by the sub-committee → resolved; or withdrawn.

Every transition writes a ComplaintEvent (who, when, from, to, why) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from documents.services import store_pdf
from meetings.models import Meeting
from panel.audit import Actor, create_as, delete_as, save_as
from panel.models import Body, Membership, Panel, Person
from panel.services import run_step
from panel.tenancy import next_in_sequence, own_row, panel_scope, require_same_panel

from .models import (
    Complaint,
    ComplaintAttachment,
    ComplaintCounter,
    ComplaintEvent,
    ComplaintExclusion,
    ComplaintView,
)

S = Complaint.Status
VIEW = "complaints.view_complaint"
MOVES = {
    S.RECEIVED: {S.NOT_RECORDED, S.RECORDED, S.WITHDRAWN},
    S.RECORDED: {S.REFERRED, S.SET_ASIDE, S.INFORMAL, S.WITHDRAWN},
    S.REFERRED: {S.RECORDED, S.RESOLVED, S.WITHDRAWN},
    S.INFORMAL: {S.RESOLVED, S.WITHDRAWN},
}
CLOSING = {S.NOT_RECORDED, S.SET_ASIDE, S.RESOLVED, S.WITHDRAWN}
RECEIVE_FIELDS = (
    "received_on",
    "channel",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "complainant_address",
    "subject",
    "text",
)


def _move(complaint: Complaint, to: str, actor: Actor, note: str, **fields: Any) -> Complaint:
    current = own_row(complaint).select_for_update().get()
    if to not in MOVES.get(S(current.status), set()):
        raise ValidationError(
            f"A complaint that is “{current.get_status_display()}” cannot become “{S(to).label}”."
        )
    for field, value in fields.items():
        setattr(current, field, value)
    previous, current.status = current.status, to
    if to in CLOSING:
        current.closed_on = timezone.localdate()
    current.version += 1
    save_as(current, actor)
    ComplaintEvent.objects.create(
        panel_id=current.panel_id,
        complaint=current,
        from_status=previous,
        to_status=to,
        actor=actor,
        at=timezone.now(),
        note=note,
    )
    return current


@transaction.atomic
def complaint_receive(*, panel: Panel, actor: Actor, **fields: Any) -> Complaint:
    unknown = set(fields) - set(RECEIVE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    complaint = Complaint(panel=panel, number=0, **fields)
    with panel_scope(panel):
        complaint.full_clean(exclude=["number"])
    if complaint.received_on > timezone.localdate():
        raise ValidationError({"received_on": "The date received cannot be in the future."})
    complaint.number = next_in_sequence(ComplaintCounter, panel)
    save_as(complaint, actor)
    ComplaintEvent.objects.create(
        panel=panel,
        complaint=complaint,
        to_status=S.RECEIVED,
        actor=actor,
        at=timezone.now(),
        note="Complaint received.",
    )
    complaint_grant_subcommittee(complaint=complaint)
    return complaint


def _required(value: str, field: str, message: str) -> None:
    if not (value or "").strip():
        raise ValidationError({field: message})


@transaction.atomic
def complaint_not_record(*, complaint: Complaint, grounds: str, actor: Actor) -> Complaint:
    _required(grounds, "grounds", "Give the grounds, which are sent to the complainant.")
    return _move(complaint, S.NOT_RECORDED, actor, grounds, not_recorded_grounds=grounds)


@transaction.atomic
def complaint_record(
    *, complaint: Complaint, serious: bool, note: str = "", actor: Actor
) -> Complaint:
    return _move(complaint, S.RECORDED, actor, note or "Complaint recorded.", serious=serious)


@transaction.atomic
def complaint_refer(
    *,
    complaint: Complaint,
    referred_on: dt.date,
    reference: str = "",
    note: str = "",
    actor: Actor,
) -> Complaint:
    return _move(
        complaint,
        S.REFERRED,
        actor,
        note or "Referred to the IOPC.",
        iopc_referred_on=referred_on,
        iopc_reference=reference,
    )


@transaction.atomic
def complaint_iopc_outcome(
    *, complaint: Complaint, outcome: str, back_to_panel: bool, actor: Actor
) -> Complaint:
    """The IOPC's outcome: it deals with the matter, or refers it back for the panel to handle."""
    _required(outcome, "outcome", "Record the IOPC's outcome.")
    to = S.RECORDED if back_to_panel else S.RESOLVED
    return _move(
        complaint,
        to,
        actor,
        outcome,
        iopc_outcome=outcome,
        serious=False if back_to_panel else complaint.serious,
    )


@transaction.atomic
def complaint_set_aside(
    *, complaint: Complaint, ground: str, note: str = "", actor: Actor
) -> Complaint:
    if ground not in Complaint.SetAsideGround.values:
        raise ValidationError({"ground": "Choose one of the regulation's grounds."})
    if complaint.serious:
        raise ValidationError("A serious complaint goes to the IOPC; it cannot be set aside here.")
    return _move(
        complaint,
        S.SET_ASIDE,
        actor,
        note or Complaint.SetAsideGround(ground).label,
        set_aside_ground=ground,
    )


@transaction.atomic
def complaint_informal(
    *, complaint: Complaint, meeting: Meeting | None = None, note: str = "", actor: Actor
) -> Complaint:
    if complaint.serious:
        raise ValidationError(
            "A serious complaint goes to the IOPC before any informal resolution."
        )
    require_same_panel(complaint.panel_id, meeting=meeting)
    note = note or "Passed to the sub-committee for informal resolution."
    return _move(complaint, S.INFORMAL, actor, note, resolution_meeting=meeting)


@transaction.atomic
def complaint_resolve(
    *,
    complaint: Complaint,
    outcome: str,
    record: str = "",
    meeting: Meeting | None = None,
    actor: Actor,
) -> Complaint:
    """Informal resolution: an outcome and a record of it; no sanctions and no appeal."""
    _required(outcome, "outcome", "Record the outcome.")
    fields: dict[str, Any] = {"resolution_outcome": outcome, "resolution_record": record}
    if meeting is not None:
        fields["resolution_meeting"] = meeting
    return _move(complaint, S.RESOLVED, actor, outcome, **fields)


@transaction.atomic
def complaint_withdraw(*, complaint: Complaint, reason: str, actor: Actor) -> Complaint:
    _required(reason, "reason", "Record how the complainant withdrew the complaint.")
    return _move(complaint, S.WITHDRAWN, actor, reason)


def _subcommittee_users(panel: Panel, excluded: set[int]) -> list[Any]:
    today = timezone.localdate()
    seats = (
        Membership.objects.for_panel(panel)
        .current(today)
        .filter(body__kind=Body.Kind.COMPLAINTS, person__user__isnull=False)
        .exclude(role=Membership.Role.OFFICER)
        .exclude(person_id__in=excluded)
        .select_related("person__user")
    )
    return [seat.person.user for seat in seats]


def complaint_grant_subcommittee(*, complaint: Complaint) -> None:
    """Give this case to the sub-committee's current members, less those excluded from it."""
    panel = Panel.objects.get(pk=complaint.panel_id)
    excluded = set(
        ComplaintExclusion.objects.for_panel(panel)
        .filter(complaint=complaint)
        .values_list("person_id", flat=True)
    )
    for user in _subcommittee_users(panel, excluded):
        assign_perm(VIEW, user, complaint)


@transaction.atomic
def complaint_exclude(
    *, complaint: Complaint, person: Person, reason: str, actor: Actor
) -> ComplaintExclusion:
    _required(reason, "reason", "Say why the member is excluded from this case.")
    require_same_panel(complaint.panel_id, person=person)
    exclusion, _ = ComplaintExclusion.objects.for_panel(complaint.panel).get_or_create(
        complaint=complaint,
        person=person,
        defaults={"panel_id": complaint.panel_id, "reason": reason},
    )
    if person.user_id:
        remove_perm(VIEW, person.user, complaint)
    ComplaintEvent.objects.create(
        panel_id=complaint.panel_id,
        complaint=complaint,
        from_status=complaint.status,
        to_status=complaint.status,
        actor=actor,
        at=timezone.now(),
        note=f"{person.display_name} excluded from this case: {reason}",
    )
    return exclusion


def complaint_log_view(*, complaint: Complaint, user: User, what: str = "case") -> None:
    ComplaintView.objects.create(
        panel_id=complaint.panel_id, complaint=complaint, user=user, at=timezone.now(), what=what
    )


@transaction.atomic
def attachment_add(
    *, complaint: Complaint, title: str, upload: IO[bytes], actor: Actor
) -> ComplaintAttachment:
    _required(title, "title", "Give the attachment a title.")
    stored = store_pdf(complaint.panel, upload)
    return create_as(
        ComplaintAttachment,
        actor,
        panel_id=complaint.panel_id,
        complaint=complaint,
        title=title,
        stored_file=stored,
    )


ANONYMISED = "[removed under the retention policy]"
PERSONAL_FIELDS = (
    "complainant_name",
    "complainant_address",
    "text",
    "not_recorded_grounds",
    "iopc_outcome",
    "resolution_outcome",
    "resolution_record",
)


@transaction.atomic
def complaints_anonymise(*, panel: Panel, closed_before: dt.date, actor: Actor) -> int:
    """Strip personal data from cases closed before the date, keeping dates and outcomes' kinds.

    Counts by status and date stay true; names, contact details, the complaint's text, notes and
    files go. Idempotent: an anonymised case is not touched again.
    """
    rows = list(
        Complaint.objects.for_panel(panel)
        .closed_before(closed_before)
        .filter(anonymised_at__isnull=True)
    )
    for complaint in rows:
        for attachment in complaint.attachments.select_related("stored_file"):
            if attachment.stored_file:
                attachment.stored_file.file.delete(save=False)
                delete_as(attachment.stored_file, actor)
        for attachment in complaint.attachments.all():
            delete_as(attachment, actor)
        ComplaintEvent.objects.for_panel(panel).filter(complaint=complaint).update(note="")
        ComplaintExclusion.objects.for_panel(panel).filter(complaint=complaint).update(
            reason=ANONYMISED
        )
        for field in PERSONAL_FIELDS:
            setattr(complaint, field, ANONYMISED)
        complaint.complainant_email = complaint.complainant_phone = ""
        complaint.anonymised_at = timezone.now()
        save_as(complaint, actor)
        # The audit trail keeps no more than the case itself does.
        complaint.history.update(
            **dict.fromkeys(PERSONAL_FIELDS, ANONYMISED),
            complainant_email="",
            complainant_phone="",
        )
        ComplaintAttachment.history.filter(complaint_id=complaint.pk).update(title=ANONYMISED)
    return len(rows)


def retention_cutoff(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    years = settings.COMPLAINT_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


# The workflow, one step by name: the case page and the API both run a step through here.
STEPS: dict[str, Callable[..., Complaint]] = {
    "not_record": complaint_not_record,
    "record": complaint_record,
    "refer": complaint_refer,
    "iopc_outcome": complaint_iopc_outcome,
    "set_aside": complaint_set_aside,
    "informal": complaint_informal,
    "resolve": complaint_resolve,
    "withdraw": complaint_withdraw,
}


def complaint_step(*, complaint: Complaint, step: str, actor: Actor, **inputs: Any) -> Complaint:
    return run_step(STEPS, step, complaint=complaint, actor=actor, **inputs)
