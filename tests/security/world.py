"""Two panels full of secrets: every exempt part, draft and complaint field carries a marker.

A marker is a unique word that names its panel and says which roles of that panel may read it.
The walker (test_walker.py) requests every URL as every actor and looks for markers the actor may
not see. Markers are plain capitals and digits, so they survive HTML, JSON, iCalendar, Atom and
PDF text extraction unchanged (WeasyPrint does not hyphenate them).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from alerts import tokens as alert_tokens
from alerts.models import Subscriber, Subscription
from complaints import letters
from complaints import services as complaint_services
from complaints.models import Complaint
from decisions import services as decision_services
from decisions.models import Decision
from meetings import packs
from meetings import services as meeting_services
from meetings.models import AgendaItem, Appendix, Meeting, Resolution, StandingItem
from panel import services as panel_services
from panel.access import Role
from panel.models import ApiToken, Body, Membership, Person
from panel.tenancy import panel_scope
from panel.testing import Cast, PanelCast
from performance import services as performance_services
from performance import testing as performance_testing
from performance.models import Measure, Plan, Priority, Return
from statutory import services as statutory_services
from statutory.models import StatutoryCase
from statutory.testing import chief_constable, precept, vetoed_at_meeting
from workprogramme import services as wp_services
from workprogramme.models import Action, WorkProgrammeItem

LONDON = ZoneInfo("Europe/London")

# Who may read each kind of secret, by their role in the secret's own panel.
EXEMPT = frozenset({Role.CLERK, Role.MEMBER})
DRAFT = frozenset({Role.CLERK})
DECISION_DRAFT = frozenset({Role.OPCC_OFFICER})
DECISION_EXEMPT = frozenset({Role.OPCC_OFFICER, Role.CLERK, Role.MEMBER})
COMPLAINT = frozenset({Role.COMPLAINTS_HANDLER})
REPORT_DRAFT = frozenset({Role.CLERK})
RESPONSE_DRAFT = frozenset({Role.OPCC_OFFICER})
CANDIDATE = frozenset({Role.CLERK, Role.MEMBER, Role.OPCC_OFFICER})
API_TOKEN = frozenset({Role.OPCC_OFFICER, Role.CLERK})
PLAN_DRAFT = frozenset({Role.OPCC_OFFICER, Role.CLERK})  # unpublished plans and returns
NOBODY: frozenset[Role] = frozenset()  # an API token's key: shown once, to its maker, then never


@dataclass(frozen=True)
class Marker:
    text: str
    panel: str
    readers: frozenset[Role]
    where: str

    def readable_by(self, panel_key: str | None, role: Role | None) -> bool:
        return panel_key == self.panel and role in self.readers


@dataclass
class PanelWorld:
    cast: PanelCast
    meetings: list[Meeting] = field(default_factory=list)
    items: dict[str, list[AgendaItem]] = field(default_factory=dict)  # by meeting slug
    letters: dict[int, list[str]] = field(default_factory=dict)  # appendix letters by item id
    files: dict[str, list[int]] = field(default_factory=dict)  # stored file ids by meeting slug
    decisions: list[Decision] = field(default_factory=list)
    decision_files: dict[int, list[int]] = field(default_factory=dict)  # by decision pk
    actions: list[Action] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    work_items: list[WorkProgrammeItem] = field(default_factory=list)
    complaints: list[Complaint] = field(default_factory=list)
    complaint_files: dict[int, list[int]] = field(default_factory=dict)
    complaint_letters: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    standing_items: list[StandingItem] = field(default_factory=list)
    cases: list[StatutoryCase] = field(default_factory=list)
    case_documents: list[int] = field(default_factory=list)
    vote_resolutions: list[Resolution] = field(default_factory=list)
    api_tokens: list[ApiToken] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)  # published, unpublished
    returns: list[Return] = field(default_factory=list)  # published, draft, submitted
    priorities: list[Priority] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    # Alert subscriptions (an immediate and a weekly subscriber, to everything of the panel)
    subscriptions: list[Subscription] = field(default_factory=list)
    alert_tokens: list[str] = field(default_factory=list)  # confirm and unsubscribe links
    subscriber_keys: list[str] = field(default_factory=list)


@dataclass
class World:
    cast: Cast
    panels: dict[str, PanelWorld]
    markers: list[Marker]

    def __getitem__(self, key: str) -> PanelWorld:
        return self.panels[key]


class _Markers:
    def __init__(self, panel_key: str, out: list[Marker]) -> None:
        self.panel_key, self.out, self.count = panel_key, out, 0

    def __call__(self, readers: frozenset[Role], where: str) -> str:
        self.count += 1
        text = f"ZQ{self.panel_key[0].upper()}{where.upper()[:6]}{self.count:03d}X"
        text = "".join(ch for ch in text if ch.isalnum())
        self.out.append(Marker(text, self.panel_key, readers, where))
        return text


def pdf_with_text(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (uploads are checked to be inert PDFs)."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for n, line in enumerate(lines):
        page.drawString(72, 760 - 20 * n, line)
    page.save()
    return out.getvalue()


def _upload(*lines: str, name: str = "paper.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_with_text(*lines), content_type="application/pdf")


def _para(c: PanelCast, england: int) -> int:
    return england + (11 if c.panel.jurisdiction == "wales" else 0)


def _previous(c: PanelCast, mk: _Markers, start: dt.datetime) -> tuple[Meeting, list[Any]]:
    """The meeting before: its minutes published, then approved at the next, then corrected."""
    previous = meeting_services.meeting_create(
        body=c.main_body,
        start=start - dt.timedelta(days=42),
        venue="Council Chamber",
        with_standing_items=False,
        actor=None,  # two items are enough, and keep the walk short
    )
    public = meeting_services.item_add(
        meeting=previous, title="Road safety partnership", actor=None
    )
    exempt = meeting_services.item_add(
        meeting=previous,
        title="Disposal of a police house",
        access="exempt",
        exempt_paragraph=_para(c, 3),
        public_interest="Offers are commercially sensitive.",
        actor=None,
    )
    meeting_services.agenda_publish(
        meeting=previous, at=previous.start - dt.timedelta(days=14), actor=None
    )
    meeting_services.minute_update(
        item=public,
        text="Members noted the partnership's progress.",
        resolutions=["That the report be noted"],
        actor=None,
    )
    meeting_services.minute_update(
        item=exempt,
        text=f"Offers {mk(EXEMPT, 'pminute')}",
        resolutions=[f"Accept the offer {mk(EXEMPT, 'presol')}"],
        actor=None,
    )
    meeting_services.minutes_publish(meeting=previous, actor=None)
    return previous, [public, exempt]


def _approve_and_correct(
    c: PanelCast, mk: _Markers, previous: Meeting, items: list[Any], at: Meeting
) -> None:
    """Minutes edited after approval: only by a published correction; a draft edit is refused."""
    meeting_services.minutes_approve(
        meeting=previous,
        at_meeting=at,
        signed_by=c.councillor,
        actor=None,
        at=at.start + dt.timedelta(minutes=5),  # approved at that meeting, once it has met
    )
    public, exempt = items
    meeting_services.minutes_correct(
        item=exempt,
        text=f"Offers corrected {mk(EXEMPT, 'pcorrect')}",
        reason="A figure.",
        actor=None,
    )
    meeting_services.minutes_correct(
        item=public,
        text="Members noted the partnership's progress in full.",
        reason="Wording.",
        actor=None,
    )
    try:
        meeting_services.minute_update(
            item=public, text=f"Rewritten {mk(DRAFT, 'pafter')}", actor=None
        )
    except ValidationError:
        pass  # locked, as it should be: the marker is never stored
    else:
        raise AssertionError("approved minutes took an edit")


def _after_publication(c: PanelCast, mk: _Markers, meeting: Meeting, items: dict[str, Any]) -> None:
    """The agenda and minutes are published; the clerk goes on editing the draft. None of it is
    published: every surface must show the published text and none of these markers."""
    meeting_services.minute_update(
        item=items["public"],
        text=f"Members discussed the survey {mk(DRAFT, 'minedit')}",
        actor=None,
    )
    meeting_services.item_add(
        meeting=meeting, title=f"Late item {mk(DRAFT, 'lateitem')}", actor=None
    )
    meeting_services.item_update(
        item=items["public"], title=f"Neighbourhood policing {mk(DRAFT, 'rename')}", actor=None
    )
    meeting_services.item_update(
        item=items["victims"],
        access="exempt",
        exempt_paragraph=_para(c, 1),
        public_interest=f"Names of victims {mk(DRAFT, 'mkexempt')}",
        actor=None,
    )
    meeting_services.report_update(
        item=items["victims"], body_source=f"Named victims {mk(DRAFT, 'mkexrep')}", actor=None
    )
    meeting_services.item_move(item=items["public"], direction=-1, actor=None)
    removed = meeting_services.item_add(
        meeting=meeting, title=f"Gone {mk(DRAFT, 'removed')}", actor=None
    )
    meeting_services.item_remove(item=removed, actor=None)


def _meetings(c: PanelCast, w: PanelWorld, mk: _Markers, day: dt.date) -> None:
    start = dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)
    previous, previous_items = _previous(c, mk, start)
    meeting = meeting_services.meeting_create(
        body=c.main_body, start=start, venue="Council Chamber", previous=previous, actor=None
    )
    public = meeting_services.item_add(meeting=meeting, title="Neighbourhood policing", actor=None)
    meeting_services.report_update(
        item=public,
        body_source="The public report on neighbourhood policing.",
        recommendations="That the panel notes the report.",
        actor=None,
    )
    meeting_services.appendix_add(
        item=public, title="Survey results", upload=_upload("Public survey results"), actor=None
    )
    meeting_services.appendix_add(
        item=public,
        title="Named officers",
        access="exempt",
        exempt_paragraph=_para(c, 1),
        public_interest="Names of junior staff.",
        upload=_upload("Named officers", mk(EXEMPT, "appfile"), name="names.pdf"),
        actor=None,
    )
    meeting_services.appendix_add(
        item=public,
        title="Staff notes",
        access="exempt",
        exempt_paragraph=_para(c, 1),
        text=f"Staff notes {mk(EXEMPT, 'apptext')}",
        actor=None,
    )
    exempt = meeting_services.item_add(
        meeting=meeting,
        title="Contract for custody healthcare",
        access="exempt",
        exempt_paragraph=_para(c, 3),
        public_interest="Tender prices are commercially sensitive.",
        actor=None,
    )
    meeting_services.report_update(
        item=exempt,
        body_source=f"Tender prices {mk(EXEMPT, 'report')}",
        recommendations=f"Award to {mk(EXEMPT, 'recs')}",
        author=mk(EXEMPT, "author"),
        actor=None,
    )
    meeting_services.appendix_add(
        item=exempt,
        title="Bids",
        access="exempt",
        exempt_paragraph=_para(c, 3),
        upload=_upload("Bids", mk(EXEMPT, "bidfile"), name="bids.pdf"),
        actor=None,
    )
    victims = meeting_services.item_add(meeting=meeting, title="Victims' services", actor=None)
    meeting_services.report_update(
        item=victims, body_source="Support for victims of crime.", actor=None
    )
    meeting_services.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=14), actor=None)
    _approve_and_correct(c, mk, previous, previous_items, meeting)
    meeting_services.attendance_record(
        meeting=meeting, person=c.councillor, status="present", actor=None
    )
    meeting_services.declaration_add(
        meeting=meeting,
        person=c.councillor,
        pecuniary=False,
        nature="Lives in the area",
        item=public,
        actor=None,
    )
    meeting_services.minute_update(
        item=exempt,
        text=f"In private {mk(EXEMPT, 'minute')}",
        resolutions=[f"Award the contract {mk(EXEMPT, 'resol')}"],
        actor=None,
    )
    meeting_services.minute_update(
        item=public,
        text="Members discussed the survey.",
        resolutions=["That the report be noted", "That the Commissioner report back on it"],
        actor=None,
    )
    meeting_services.minutes_publish(meeting=meeting, actor=None)
    # Changes after publication are drafts until published again.
    _after_publication(c, mk, meeting, {"public": public, "victims": victims})
    for audience in ("public", "members"):
        job = meeting_services.pack_request(meeting=meeting, audience=audience, actor=None)
        packs.pack_generate(job.pk)

    draft_start = start + dt.timedelta(days=60)
    draft = meeting_services.meeting_create(
        # A scheduled meeting's venue is public from the day it is scheduled: no marker.
        body=c.main_body,
        start=draft_start,
        venue="Committee Room 2",
        actor=None,
    )
    item = meeting_services.item_add(
        meeting=draft, title=f"Budget {mk(DRAFT, 'dtitle')}", actor=None
    )
    meeting_services.report_update(
        item=item, body_source=f"Draft {mk(DRAFT, 'dreport')}", actor=None
    )
    meeting_services.appendix_add(
        item=item, title="Draft figures", upload=_upload("Draft", mk(DRAFT, "dfile")), actor=None
    )
    w.meetings = [meeting, draft, previous]
    for m in w.meetings:
        w.items[m.slug] = list(AgendaItem.objects.filter(meeting=m))
        appendices = list(Appendix.objects.filter(item__meeting=m))
        w.files[m.slug] = [a.stored_file_id for a in appendices if a.stored_file_id]
        for a in appendices:
            w.letters.setdefault(a.item_id, []).append(a.letter)
    w.resolutions = list(Resolution.objects.filter(item__meeting=meeting))


def _decisions(c: PanelCast, w: PanelWorld, mk: _Markers) -> None:
    day = dt.date(2030, 1, 10)
    decision = decision_services.decision_create(
        panel=c.panel,
        title="Sale of a police station",
        executive_summary="A summary.",
        decision="To sell it.",
        exempt_part=f"Offers {mk(DECISION_EXEMPT, 'dexempt')}",
        exempt_paragraph=_para(c, 3),
        exempt_reason="Offers received.",
        actor=None,
    )
    decision_services.attachment_add(
        decision=decision,
        title="Valuation",
        access="exempt",
        upload=_upload("Valuation", mk(DECISION_EXEMPT, "dexfile")),
        actor=None,
    )
    decision_services.attachment_add(
        decision=decision, title="Location plan", upload=_upload("Location plan"), actor=None
    )
    decision = decision_services.decision_submit(decision=decision, actor=None)
    for reviewer in ("chief_executive", "chief_finance_officer"):
        decision_services.decision_review(
            decision=decision, reviewer=reviewer, name="X", on=day, actor=None
        )
    decision_services.decision_sign(decision=decision, name="The Commissioner", on=day, actor=None)
    decision = decision_services.decision_publish(decision=decision, actor=None)
    draft = decision_services.decision_create(
        panel=c.panel,
        title=f"Estates {mk(DECISION_DRAFT, 'ddraft')}",
        executive_summary=f"Summary {mk(DECISION_DRAFT, 'dsumm')}",
        decision=f"To approve {mk(DECISION_DRAFT, 'dtext')}",
        actor=None,
    )
    decision_services.attachment_add(
        decision=draft,
        title="Draft plan",
        upload=_upload("Plan", mk(DECISION_DRAFT, "ddfile")),
        actor=None,
    )
    # Edited between submission and publication: numbered, not yet signed or published.
    edited = decision_services.decision_create(
        panel=c.panel,
        title="Fleet replacement",
        executive_summary="Replacing old vehicles.",
        decision="To replace forty vehicles.",
        actor=None,
    )
    edited = decision_services.decision_submit(decision=edited, actor=None)
    decision_services.decision_update(
        decision=edited, executive_summary=f"Revised {mk(DECISION_DRAFT, 'dedit')}", actor=None
    )
    w.decisions = [decision, draft, edited]
    for d in w.decisions:
        w.decision_files[d.pk] = list(d.attachments.values_list("stored_file_id", flat=True))


def _complaints(c: PanelCast, w: PanelWorld, mk: _Markers) -> None:
    today = timezone.localdate()
    complaint = complaint_services.complaint_receive(
        panel=c.panel,
        received_on=today,
        channel="email",
        complainant_name=f"Name {mk(COMPLAINT, 'cname')}",
        complainant_email=f"{mk(COMPLAINT, 'cmail')}@example.org",
        complainant_phone=mk(COMPLAINT, "cphone"),
        complainant_address=f"1 Street {mk(COMPLAINT, 'caddr')}",
        subject="pcc",
        text=f"The complaint {mk(COMPLAINT, 'ctext')}",
        actor=None,
    )
    complaint_services.attachment_add(
        complaint=complaint,
        title=f"Letter {mk(COMPLAINT, 'ctitle')}",
        upload=_upload("Letter", mk(COMPLAINT, "cfile")),
        actor=None,
    )
    complaint = complaint_services.complaint_record(
        complaint=complaint, serious=False, note=f"Recorded {mk(COMPLAINT, 'cnote')}", actor=None
    )
    other = complaint_services.complaint_receive(
        panel=c.panel,
        received_on=today,
        channel="letter",
        complainant_name=f"Other {mk(COMPLAINT, 'cname')}",
        subject="pcc",
        text=f"Second {mk(COMPLAINT, 'ctext')}",
        actor=None,
    )
    other = complaint_services.complaint_not_record(
        complaint=other, grounds=f"Grounds {mk(COMPLAINT, 'cground')}", actor=None
    )
    # Reopened: referred to the Commission, which sends it back for the panel to handle.
    reopened = complaint_services.complaint_receive(
        panel=c.panel,
        received_on=today,
        channel="email",
        complainant_name=f"Third {mk(COMPLAINT, 'cname')}",
        subject="pcc",
        text=f"Third {mk(COMPLAINT, 'ctext')}",
        actor=None,
    )
    reopened = complaint_services.complaint_record(complaint=reopened, serious=True, actor=None)
    reopened = complaint_services.complaint_refer(complaint=reopened, referred_on=today, actor=None)
    reopened = complaint_services.complaint_iopc_outcome(
        complaint=reopened,
        outcome=f"Back to the panel {mk(COMPLAINT, 'creopen')}",
        back_to_panel=True,
        actor=None,
    )
    # Set aside on reg 15(3)(c), and a conduct matter referred to the Commission.
    set_aside = complaint_services.complaint_receive(
        panel=c.panel,
        received_on=today,
        channel="email",
        complainant_name=f"Fourth {mk(COMPLAINT, 'cname')}",
        subject="dpcc",
        text=f"Fourth {mk(COMPLAINT, 'ctext')}",
        actor=None,
    )
    set_aside = complaint_services.complaint_record(complaint=set_aside, serious=False, actor=None)
    set_aside = complaint_services.complaint_set_aside(
        complaint=set_aside,
        ground="already_subject",
        note=f"Already a complaint {mk(COMPLAINT, 'caside')}",
        actor=None,
    )
    matter = complaint_services.conduct_matter_record(
        panel=c.panel,
        recorded_on=today,
        subject="pcc",
        text=f"Conduct matter {mk(COMPLAINT, 'cmatter')}",
        actor=None,
    )
    matter = complaint_services.complaint_refer(
        complaint=matter, referred_on=today, reference=mk(COMPLAINT, "cref"), actor=None
    )
    w.complaints = [complaint, other, reopened, set_aside, matter]
    for case in w.complaints:
        w.complaint_files[case.pk] = list(case.attachments.values_list("stored_file_id", flat=True))
        w.complaint_letters[case.pk] = [(kind, to) for kind, to, _ in letters.available(case)]


def _work(c: PanelCast, w: PanelWorld) -> None:
    meeting = w.meetings[0]
    public = [r for r in w.resolutions if r.item.access == "public"]
    action = wp_services.action_from_resolution(
        resolution=public[0], lead_person=c.councillor, update_due=w.meetings[1], actor=None
    )
    wp_services.action_add_note(action=action, text="Work has started.", status="open", actor=None)
    w.actions = [action]
    w.work_items = [
        wp_services.work_item_create(
            panel=c.panel,
            municipal_year="2029/30",
            topic="Road safety",
            next_meeting=meeting,
            actor=None,
        )
    ]


def _statutory(c: PanelCast, w: PanelWorld, mk: _Markers) -> None:
    """A precept vetoed by a recorded vote and answered with a revised precept; a precept with
    the clerk's draft report; one reported without a veto with the OPCC's draft response; a
    chief constable case with the candidate's personal material (Schedule 12A para 1)."""
    vetoed = precept(c, year=2015)
    v = vetoed_at_meeting(c, in_favour=3, members=3)
    step = statutory_services.case_step
    step(
        case=vetoed,
        step="report",
        actor=None,
        made_on=dt.date(2015, 2, 3),
        text="The panel vetoes the proposed precept as too high.",
        veto="too_high",
        resolution=v.resolution,
    )
    step(case=vetoed, step="publish_report", actor=None)
    step(
        case=vetoed,
        step="respond",
        actor=None,
        received_on=dt.date(2015, 2, 12),
        text="The Commissioner proposes a lower precept.",
        revised_precept=Decimal("190.00"),
        publish=True,
    )
    drafted = precept(c, year=2016, notified_on=dt.date(2016, 1, 28))
    step(
        case=drafted,
        step="report",
        actor=None,
        made_on=dt.date(2016, 2, 4),
        text=f"Draft report {mk(REPORT_DRAFT, 'srdraft')}",
        recommendations=f"Draft recommendation {mk(REPORT_DRAFT, 'srrec')}",
    )
    answered = precept(c, year=2017, notified_on=dt.date(2017, 1, 27))
    step(case=answered, step="report", actor=None, made_on=dt.date(2017, 2, 6), text="Agreed.")
    step(case=answered, step="publish_report", actor=None)
    step(
        case=answered,
        step="respond",
        actor=None,
        received_on=dt.date(2017, 2, 20),
        text=f"Draft response {mk(RESPONSE_DRAFT, 'srresp')}",
    )
    chief = chief_constable(
        c, notified_on=dt.date(2017, 3, 1), details=f"Personal history {mk(CANDIDATE, 'scand')}"
    )
    reserved = chief_constable(c, notified_on=dt.date(2017, 3, 1), candidate="D Candidate")
    step(
        case=reserved,
        step="report",
        actor=None,
        made_on=dt.date(2017, 3, 10),
        text="The panel vetoes the proposed appointment.",
        veto="appointment",
        resolution=v.resolution,
    )
    step(case=reserved, step="publish_report", actor=None)
    step(
        case=reserved,
        step="propose_reserve",
        actor=None,
        reserve_candidate="E Reserve",
        reserve_details=f"Reserve's history {mk(CANDIDATE, 'sresv')}",
        notified_on=dt.date(2017, 3, 13),
    )
    awaiting_reserve = chief_constable(c, notified_on=dt.date(2017, 3, 2), candidate="F Cand")
    step(
        case=awaiting_reserve,
        step="report",
        actor=None,
        made_on=dt.date(2017, 3, 10),
        text="The panel vetoes this proposed appointment too.",
        veto="appointment",
        resolution=v.resolution,
    )
    step(case=awaiting_reserve, step="publish_report", actor=None)
    closed = precept(c, year=2018, notified_on=dt.date(2018, 1, 26))
    step(case=closed, step="report", actor=None, made_on=dt.date(2018, 2, 5), text="Supported.")
    step(case=closed, step="publish_report", actor=None)
    step(
        case=closed,
        step="respond",
        actor=None,
        received_on=dt.date(2018, 2, 9),
        text="The Commissioner thanks the panel.",
        publish=True,
    )
    w.cases = [vetoed, drafted, answered, chief, reserved, awaiting_reserve, closed]
    public = statutory_services.document_add(
        case=chief, title="Criteria and terms", upload=_upload("Criteria and terms"), actor=None
    )
    exempt = statutory_services.document_add(
        case=chief,
        title=f"Application {mk(CANDIDATE, 'sappl')}",
        upload=_upload("Application", mk(CANDIDATE, "sapplfile")),
        access="exempt",
        exempt_paragraph=_para(c, 1),
        actor=None,
    )
    w.case_documents = [public.pk, exempt.pk]
    w.vote_resolutions = [v.resolution]


def _api_tokens(c: PanelCast, w: PanelWorld, mk: _Markers) -> None:
    """The office's tokens: one in use, one revoked. Their names are for the office and the
    clerk; their keys, and the digests kept of them, for nobody."""
    officer = c.users[Role.OPCC_OFFICER]
    for days, where in ((90, "tname"), (365, "trevoked")):
        token, key = panel_services.api_token_create(
            panel=c.panel,
            name=f"System {mk(API_TOKEN, where)}",
            days=days,
            role=Role.OPCC_OFFICER,
            actor=officer,
        )
        for secret, kind in ((key, "tokenkey"), (token.digest, "tokendigest")):
            mk.out.append(Marker(secret, mk.panel_key, NOBODY, kind))
        w.api_tokens.append(token)
    panel_services.api_token_revoke(token=w.api_tokens[1], actor=officer)


def _plan_return(plan: Plan, quarter: int, mk: _Markers, where: str) -> Return:
    """A quarter's return the office is still preparing: its commentary and figure notes are
    the office's and the clerk's until the clerk publishes it."""
    made = performance_services.return_open(plan=plan, year=2014, quarter=quarter, actor=None)
    entries = {
        "victim-satisfaction": performance_services.Entry(Decimal("79.5"), mk(PLAN_DRAFT, where)),
        "burglaries": performance_services.Entry(Decimal("2410"), mk(PLAN_DRAFT, where)),
    }
    return performance_services.return_save(
        of_return=made,
        entries=entries,
        money={"budget": Decimal("96000000"), "precept_band_d": Decimal("201.50")},
        commentary=f"Commentary {mk(PLAN_DRAFT, where + 'c')}",
        actor=None,
    )


def _performance(c: PanelCast, w: PanelWorld, mk: _Markers) -> None:
    """The published plan 2013-17 with a published return, a draft return and a submitted
    one; and the next plan, drafted by the office and not yet published."""
    plan = performance_testing.plan(c)
    published = performance_testing.quarter(
        plan,
        2014,
        1,
        {"victim-satisfaction": "82.5", "burglaries": "2350"},
        budget=Decimal("95000000"),
        spend_to_date=Decimal("23000000"),
    )
    draft = _plan_return(plan, 2, mk, "qdraft")
    submitted = _plan_return(plan, 3, mk, "qsubm")
    submitted = performance_services.return_submit(of_return=submitted, actor=None)
    unpublished = performance_services.plan_create(
        panel=c.panel,
        title=f"Police and Crime Plan 2017-2021 {mk(PLAN_DRAFT, 'pltitle')}",
        commissioner="The Commissioner elect",
        starts_on=dt.date(2017, 4, 1),
        ends_on=dt.date(2021, 3, 31),
        slug="2017-21",
        summary=f"The draft plan {mk(PLAN_DRAFT, 'plsumm')}",
        actor=None,
    )
    roads = performance_services.priority_add(
        plan=unpublished, title=f"Safer roads {mk(PLAN_DRAFT, 'plprio')}", actor=None
    )
    performance_services.measure_add(
        priority=roads,
        title=f"Road deaths {mk(PLAN_DRAFT, 'plmeas')}",
        slug="road-deaths",
        unit=Measure.Unit.COUNT,
        good_direction=Measure.Direction.DOWN,
        actor=None,
    )
    w.plans = [plan, unpublished]
    w.returns = [published, draft, submitted]
    w.priorities = list(Priority.objects.filter(panel=c.panel).order_by("pk"))
    w.measures = list(Measure.objects.filter(panel=c.panel).order_by("pk"))


def _alerts(c: PanelCast, w: PanelWorld) -> None:
    """Subscribers to everything the panel publishes (and to searches for what must never be
    found), confirmed before anything is published: the walker reads every message they get."""
    now = timezone.now()
    scope = Subscription.Scope
    for frequency in Subscriber.Frequency.values:
        subscriber = Subscriber.objects.create(email=f"{frequency}-{c.panel.slug}@example.org")
        subscriber.frequency = frequency
        subscriber.digest_through = now
        subscriber.save()
        w.subscriber_keys.append(subscriber.key)
        for kind, extra in [
            (scope.PANEL, {}),
            (scope.BODY, {"body": c.main_body}),
            (scope.DECISIONS, {}),
            (scope.REPORTS, {}),
            (scope.SEARCH, {"query": "marker"}),
        ]:
            w.subscriptions.append(
                Subscription.objects.create(
                    panel=c.panel, subscriber=subscriber, scope=kind, confirmed_at=now, **extra
                )
            )
    pending = Subscription.objects.create(
        panel=c.panel,
        subscriber=Subscriber.objects.create(email=f"pending-{c.panel.slug}@example.org"),
        scope=scope.PANEL,
    )
    w.alert_tokens += [
        alert_tokens.confirm_token(pending.pk, "weekly"),
        alert_tokens.unsubscribe_token(subscription_ids=[w.subscriptions[0].pk]),
        "not-a-token",
    ]


def build_world(cast: Cast) -> World:
    markers: list[Marker] = []
    panels = {}
    for key, day in (("alpha", dt.date(2030, 3, 15)), ("beta", dt.date(2030, 4, 17))):
        c = cast[key]
        mk = _Markers(key, markers)
        w = PanelWorld(cast=c)
        with panel_scope(c.panel):
            _alerts(c, w)  # first: told of everything published after
            _meetings(c, w, mk, day)
            _decisions(c, w, mk)
            _complaints(c, w, mk)
            _work(c, w)
            _statutory(c, w, mk)
            _api_tokens(c, w, mk)
            _performance(c, w, mk)
            w.people = list(Person.objects.filter(panel=c.panel))
            w.bodies = list(Body.objects.filter(panel=c.panel))
            w.memberships = list(Membership.objects.filter(panel=c.panel))
            w.standing_items = meeting_services.standing_items_customise(panel=c.panel, actor=None)
        panels[key] = w
    return World(cast=cast, panels=panels, markers=markers)


def everything(world: World, attr: str) -> list[Any]:
    """An attribute's objects across both panels (for requests that cross panels)."""
    return [obj for w in world.panels.values() for obj in getattr(w, attr)]
