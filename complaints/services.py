"""The complaints workflow, under the Elected Local Policing Bodies (Complaints and Misconduct)
Regulations 2012 (SI 2012/62; its words and dates are in ``complaints.law``): a complaint is
received → not recorded (reg 10(2): the decision and its grounds to the complainant) or recorded
→ a serious complaint referred to the Commission (reg 13: the IPCC, the IOPC from 8 January
2018), which may refer it back (reg 14) → set aside on one of reg 15(3)'s grounds → informal
resolution by the sub-committee (Part 4) → resolved; or withdrawn (reg 16). A conduct matter
(reg 2(1), reg 12) is recorded and referred (reg 13), and if referred back is dealt with as the
panel determines; it has no complainant, so it is never set aside, informally resolved or
withdrawn.

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

from . import law
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
K = Complaint.Kind
MOVES = {
    K.COMPLAINT: {
        S.RECEIVED: {S.NOT_RECORDED, S.RECORDED, S.WITHDRAWN},
        S.RECORDED: {S.REFERRED, S.SET_ASIDE, S.INFORMAL, S.WITHDRAWN},
        S.REFERRED: {S.RECORDED, S.RESOLVED, S.WITHDRAWN},
        S.INFORMAL: {S.RESOLVED, S.WITHDRAWN},
    },
    # A conduct matter is recorded when it is opened and must be referred (SI 2012/62 reg 13);
    # referred back, the panel deals with it as it determines and records how (``resolve``).
    K.CONDUCT_MATTER: {
        S.RECORDED: {S.REFERRED, S.RESOLVED},
        S.REFERRED: {S.RECORDED, S.RESOLVED},
    },
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
    "latest_incident_on",
)


def _move(complaint: Complaint, to: str, actor: Actor, note: str, **fields: Any) -> Complaint:
    current = own_row(complaint).select_for_update().get()
    if to not in MOVES[K(current.kind)].get(S(current.status), set()):
        raise ValidationError(
            f"A {current.get_kind_display().lower()} that is “{current.status_label()}” cannot "
            f"become “{S(to).label}”."
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
    complaint = Complaint(panel=panel, number=0, kind=K.COMPLAINT, **fields)
    _check_new(complaint, panel)
    errors = {
        field: message
        for field, message in (
            ("complainant_name", "Give the complainant's name."),
            ("channel", "Say how the complaint was received."),
        )
        if not getattr(complaint, field).strip()
    }
    incident = complaint.latest_incident_on
    if incident and incident > complaint.received_on:
        errors["latest_incident_on"] = "The incident cannot be after the complaint was received."
    if errors:
        raise ValidationError(errors)
    return _open(complaint, panel, actor, S.RECEIVED, "Complaint received.")


def _check_new(complaint: Complaint, panel: Panel) -> None:
    with panel_scope(panel):
        complaint.full_clean(exclude=["number"])
    if complaint.received_on > timezone.localdate():
        raise ValidationError({"received_on": "The date cannot be in the future."})


def _open(complaint: Complaint, panel: Panel, actor: Actor, status: str, note: str) -> Complaint:
    complaint.status = status
    complaint.number = next_in_sequence(ComplaintCounter, panel)
    save_as(complaint, actor)
    ComplaintEvent.objects.create(
        panel=panel,
        complaint=complaint,
        to_status=status,
        actor=actor,
        at=timezone.now(),
        note=note,
    )
    complaint_grant_subcommittee(complaint=complaint)
    return complaint


@transaction.atomic
def conduct_matter_record(
    *,
    panel: Panel,
    recorded_on: dt.date,
    subject: str,
    text: str,
    became_clear_on: dt.date | None = None,
    actor: Actor,
) -> Complaint:
    """Record a conduct matter (SI 2012/62 reg 2(1); reg 12, whose text was not read): a matter
    that is not a complaint, where there is an indication that the Commissioner (or the Deputy)
    may have committed a criminal offence. It must be referred to the Commission by the end of
    the day following the day it first became clear (reg 13; ``law.referral_due``)."""
    clear = became_clear_on or recorded_on
    matter = Complaint(
        panel=panel,
        number=0,
        kind=K.CONDUCT_MATTER,
        received_on=recorded_on,
        subject=subject,
        text=text,
        serious=True,
        serious_on=clear,
    )
    _check_new(matter, panel)
    if clear > timezone.localdate() or clear < recorded_on:
        raise ValidationError(
            {"became_clear_on": "Give a day from the day recorded to today, or leave it blank."}
        )
    due = law.referral_due(became_clear_on=clear, conduct_matter=True)
    note = f"Conduct matter recorded. {due.what}: {due.on:%-d %B %Y} ({due.cites})."
    return _open(matter, panel, actor, S.RECORDED, note)


def _required(value: str, field: str, message: str) -> None:
    if not (value or "").strip():
        raise ValidationError({field: message})


@transaction.atomic
def complaint_not_record(*, complaint: Complaint, grounds: str, actor: Actor) -> Complaint:
    _required(grounds, "grounds", "Give the grounds, which are sent to the complainant.")
    return _move(complaint, S.NOT_RECORDED, actor, grounds, not_recorded_grounds=grounds)


@transaction.atomic
def complaint_record(
    *,
    complaint: Complaint,
    serious: bool,
    note: str = "",
    became_clear_on: dt.date | None = None,
    actor: Actor,
) -> Complaint:
    """Record the complaint. A serious one must then be referred to the Commission by the end of
    the day following the day it first became clear that it is serious (SI 2012/62 reg 13):
    that day is ``became_clear_on``, the day it is recorded unless the handler says earlier."""
    today = timezone.localdate()
    clear = (became_clear_on or today) if serious else None
    if clear and not complaint.received_on <= clear <= today:
        raise ValidationError(
            {"became_clear_on": "Give a day from the day received to today, or leave it blank."}
        )
    if clear:
        due = law.referral_due(became_clear_on=clear)
        note = note or f"Serious complaint recorded. {due.what}: {due.on:%-d %B %Y} ({due.cites})."
    return _move(
        complaint,
        S.RECORDED,
        actor,
        note or "Complaint recorded.",
        serious=serious,
        serious_on=clear,
    )


@transaction.atomic
def complaint_refer(
    *,
    complaint: Complaint,
    referred_on: dt.date,
    reference: str = "",
    note: str = "",
    actor: Actor,
) -> Complaint:
    """Refer to the Commission (SI 2012/62 reg 13), named as on the day of the referral."""
    if referred_on > timezone.localdate() or referred_on < complaint.received_on:
        raise ValidationError(
            {"referred_on": "The referral's date must be between the case's date and today."}
        )
    body = law.oversight_body(referred_on)
    return _move(
        complaint,
        S.REFERRED,
        actor,
        note or f"Referred to the {body.name} ({body.short}) (SI 2012/62 reg 13).",
        iopc_referred_on=referred_on,
        iopc_reference=reference,
    )


@transaction.atomic
def complaint_iopc_outcome(
    *, complaint: Complaint, outcome: str, back_to_panel: bool, actor: Actor
) -> Complaint:
    """The Commission's outcome: it deals with the matter, or refers it back (SI 2012/62 reg 14,
    not read here) for the panel to handle."""
    body = complaint.oversight().short
    _required(outcome, "outcome", f"Record the {body}'s outcome.")
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
    """SI 2012/62 reg 15(2): a recorded complaint falling within a description of reg 15(3)
    may be handled "in whatever manner (if any) that panel thinks fit". Reg 15(1): not one
    which "has been, or must be, referred to the Commission under regulation 13" unless
    referred back under reg 14(2); a conduct matter is not a complaint at all."""
    if ground not in Complaint.SetAsideGround.values:
        raise ValidationError({"ground": "Choose one of the grounds of regulation 15(3)."})
    if complaint.is_conduct_matter:
        raise ValidationError("A conduct matter is not a complaint: it cannot be set aside.")
    if complaint.serious:
        body = complaint.oversight().short
        raise ValidationError(
            f"A serious complaint goes to the {body} (SI 2012/62 reg 15(1)); it cannot be set "
            "aside here."
        )
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
    if complaint.is_conduct_matter:
        raise ValidationError("A conduct matter is not resolved informally: Part 4 is complaints'.")
    if complaint.serious:
        raise ValidationError(
            f"A serious complaint goes to the {complaint.oversight().short} before any informal "
            "resolution."
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
    """Informal resolution: an outcome and a record of it; no sanctions and no appeal. For a
    conduct matter referred back: how the panel dealt with it."""
    _required(outcome, "outcome", "Record the outcome.")
    if complaint.is_conduct_matter and complaint.serious and complaint.status == S.RECORDED:
        raise ValidationError(
            f"A conduct matter goes to the {complaint.oversight().short} first (SI 2012/62 reg 13)."
        )
    fields: dict[str, Any] = {"resolution_outcome": outcome, "resolution_record": record}
    if meeting is not None:
        fields["resolution_meeting"] = meeting
    return _move(complaint, S.RESOLVED, actor, outcome, **fields)


@transaction.atomic
def complaint_withdraw(*, complaint: Complaint, reason: str, actor: Actor) -> Complaint:
    """SI 2012/62 reg 16(1): on the complainant's notification "in writing signed by him or by
    his solicitor or other authorised agent", the panel "shall forthwith record the withdrawal"."""
    _required(reason, "reason", "Record how the complainant withdrew the complaint.")
    if complaint.is_conduct_matter:
        raise ValidationError("A conduct matter has no complainant to withdraw it.")
    return _move(complaint, S.WITHDRAWN, actor, f"{reason} (SI 2012/62 reg 16(1))")


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


# The workflow, one step by name: the case page and the API both run a step through here
# (opening a case, a complaint received or a conduct matter recorded, is not a step).
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
