"""State changes for meetings, by sub-domain: `agenda` (drafting and publishing agendas),
`minutes` (the record of the meeting), `schedule` (postponing and cancelling a meeting),
`standing` (the standing-item template). Every service validates in full before writing and
runs in one transaction; nothing published is edited in place."""

from ._common import (
    TRAILING,
    renumber,
)
from .agenda import (
    agenda_publish,
    appendix_add,
    appendix_replace_file,
    deadline_for,
    item_add,
    item_move,
    item_reinstate,
    item_remove,
    item_update,
    item_withdraw,
    meeting_create,
    meeting_slug,
    pack_request,
    packs_request_all,
    report_update,
)
from .minutes import STEPS as MINUTES_STEPS
from .minutes import (
    attendance_record,
    declaration_add,
    minute_update,
    minutes_approve,
    minutes_correct,
    minutes_publish,
    minutes_step,
    question_add,
    urgent_item_record,
)
from .records import papers_archive, papers_open_until, papers_restore
from .schedule import STEPS as MEETING_STEPS
from .schedule import meeting_cancel, meeting_postpone, meeting_reinstate, meeting_step
from .standing import (
    standard_rows,
    standing_fingerprint,
    standing_item_move,
    standing_item_remove,
    standing_item_save,
    standing_items_customise,
)
from .votes import meeting_day, vote_record, voters

__all__ = [
    "MEETING_STEPS",
    "MINUTES_STEPS",
    "TRAILING",
    "agenda_publish",
    "appendix_add",
    "appendix_replace_file",
    "attendance_record",
    "deadline_for",
    "declaration_add",
    "item_add",
    "item_move",
    "item_reinstate",
    "item_remove",
    "item_update",
    "item_withdraw",
    "meeting_cancel",
    "meeting_create",
    "meeting_day",
    "meeting_postpone",
    "meeting_reinstate",
    "meeting_slug",
    "meeting_step",
    "minute_update",
    "minutes_approve",
    "minutes_correct",
    "minutes_publish",
    "minutes_step",
    "pack_request",
    "packs_request_all",
    "papers_archive",
    "papers_open_until",
    "papers_restore",
    "question_add",
    "renumber",
    "report_update",
    "standard_rows",
    "standing_fingerprint",
    "standing_item_move",
    "standing_item_remove",
    "standing_item_save",
    "standing_items_customise",
    "urgent_item_record",
    "vote_record",
    "voters",
]
