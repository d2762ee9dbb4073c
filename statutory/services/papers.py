"""A case's papers and the panel's s 29 powers beside its steps: documents (public or exempt), and
attendance required before the panel.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction

from documents import exemptions
from documents.models import Access
from documents.services import store_pdf
from meetings.models import Meeting
from meetings.services import meeting_day
from panel.audit import Actor, save_as
from panel.tenancy import require_same_panel

from .. import extensions
from ..models import (
    AttendanceRequirement,
    CaseDocument,
    StatutoryCase,
)
from ._common import (
    _locked,
)


@transaction.atomic
def attendance_require(
    *,
    case: StatutoryCase,
    meeting: Meeting,
    who: str,
    notice_given_on: dt.date,
    actor: Actor,
    chief_constable_requested: bool = False,
    questions: str = "",
    expected_version: int | None = None,
) -> AttendanceRequirement:
    """The panel requires attendance before it at a meeting of the panel (PRSRA 2011 s 29(1)),
    at reasonable notice: notice is given before the day of the meeting."""
    current = _locked(case, expected_version)
    require_same_panel(case.panel_id, meeting=meeting)
    if meeting.body.kind != "panel":
        raise ValidationError({"meeting": "Choose a meeting of the panel itself."})
    if not who.strip():
        raise ValidationError({"who": "Say who the panel requires to attend."})
    day = meeting_day(meeting)
    if notice_given_on >= day:
        raise ValidationError(
            {
                "notice_given_on": "Attendance is required at reasonable notice: give the "
                "notice before the day of the meeting (PRSRA 2011 s 29(1))."
            }
        )
    requirement = AttendanceRequirement(
        panel_id=case.panel_id,
        case=current,
        meeting=meeting,
        who=who.strip(),
        chief_constable_requested=chief_constable_requested,
        notice_given_on=notice_given_on,
        questions=questions,
    )
    save_as(requirement, actor)
    save_as(current, actor, update_fields=["version"])
    return requirement


@transaction.atomic
def document_add(
    *,
    case: StatutoryCase,
    title: str,
    upload: IO[bytes],
    actor: Actor,
    access: str = Access.PUBLIC,
    exempt_paragraph: int | None = None,
) -> CaseDocument:
    """A paper of the case, public from the moment it is added unless exempt under its
    Schedule 12A paragraph (checked for the panel's nation). The file is checked before it is
    kept (``documents.services.store_pdf``); a refused upload leaves nothing behind."""
    if not title.strip():
        raise ValidationError({"title": "Give the document a title."})
    document = CaseDocument(
        panel_id=case.panel_id,
        case=case,
        title=title.strip(),
        access=access,
        exempt_paragraph=exempt_paragraph if access == Access.EXEMPT else None,
        added_by=actor,
    )
    if access not in Access.values:
        raise ValidationError({"access": "Choose public or exempt."})
    document.clean_exemption(set(exemptions.paragraphs_for(case.panel.jurisdiction)))
    document.stored_file = store_pdf(case.panel, upload)
    save_as(document, actor)
    extensions.case_document_added.send(CaseDocument, case=case)  # in its transaction
    return document


# A case's workflow, one step by name: its pages and its API both run a step through here.
