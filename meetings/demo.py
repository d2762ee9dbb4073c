"""Demo meetings of the Warwickshire panel: 18 July 2014 (with its minutes) and 26 September
2014 (its full agenda), as the 26 September 2014 pack records them.

Facts (dates, titles, order of business, names, figures) are the pack's; every sentence of
report and minute text is our own short summary. The venue of 18 July is not in the pack and is
illustrative. Loading is skipped for a meeting that already exists, so it is idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.textpdf import text_pdf
from panel.models import Body, Panel, Person

from . import services
from .models import AgendaItem, Meeting

LONDON = ZoneInfo("Europe/London")
K = AgendaItem.Kind


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=LONDON)


# Called before the September agenda is published, so that the generated work programme and
# tracker appendices carry it: (panel, june, july, september) -> None.
BeforeSeptember = Callable[[Panel, Meeting | None, Meeting, Meeting], None]


def load_meetings(panel: Panel, *, before_september: BeforeSeptember | None = None) -> None:
    body = Body.objects.for_panel(panel).get(kind=Body.Kind.PANEL)
    people = {p.name: p for p in Person.objects.for_panel(panel)}
    july = _july(panel, body, people)
    _september(panel, body, people, july, before_september)


def _item(meeting: Meeting, kind: str) -> AgendaItem:
    return AgendaItem.objects.for_panel(meeting.panel).get(meeting=meeting, kind=kind)


def _july(panel: Panel, body: Body, people: dict[str, Person]) -> Meeting:
    existing = Meeting.objects.for_panel(panel).filter(slug="2014-07-18").first()
    if existing:
        return existing
    meeting = services.meeting_create(
        body=body, start=at(2014, 7, 18), venue="Shire Hall, Warwick", actor=None
    )
    meeting.panel = panel
    minutes_item = _item(meeting, K.MINUTES)
    minutes_item.title = "Minutes of the meeting held on 20 June 2014"
    minutes_item.save()
    annual = services.item_add(
        meeting=meeting,
        title="Police and Crime Commissioner's Annual Report 2014",
        purpose="To comment on the Commissioner's draft Annual Report 2014.",
        actor=None,
    )
    jpv = services.item_add(
        meeting=meeting,
        title="Joint Property Vehicle",
        purpose="To receive an outline of the proposed Joint Property Vehicle.",
        actor=None,
    )
    work = services.item_add(
        meeting=meeting,
        title="Work Programme 2014/15",
        purpose="To consider the Work Programme and the Recommendations and Actions Plan.",
        actor=None,
    )
    services.agenda_publish(meeting=meeting, at=at(2014, 7, 9, 16), actor=None)
    _july_record(meeting, people, annual, jpv, work)
    return meeting


def _july_record(
    meeting: Meeting,
    people: dict[str, Person],
    annual: AgendaItem,
    jpv: AgendaItem,
    work: AgendaItem,
) -> None:
    present = [
        "Michael Coker",
        "Nicola Davies",
        "Peter Fowler",
        "Phillip Morris-Jones",
        "Derek Poole",
        "Bob Malloy",
        "Robin Verso",
    ]
    for name in present:
        services.attendance_record(
            meeting=meeting, person=people[name], status="present", actor=None
        )
    services.attendance_record(
        meeting=meeting,
        person=people["Richard Chattaway"],
        status="substitute",
        substitute_for=people["June Tandy"],
        actor=None,
    )
    services.attendance_record(
        meeting=meeting,
        person=people["Dave Parsons"],
        status="substitute",
        substitute_for=people["Peter Morson"],
        actor=None,
    )
    for name in ["Jenny Fradgley", "Dennis Harvey", "Peter Morson", "Gillian Roache", "June Tandy"]:
        services.attendance_record(
            meeting=meeting, person=people[name], status="apologies", actor=None
        )
    for name in [
        "Ron Ball",
        "Eric Wood",
        "Neil Hewison",
        "Robert Phillips",
        "Georgina Atkinson",
        "John Betts",
        "Phil Evans",
        "Sarah Duxbury",
    ]:
        person = people[name]
        services.attendance_record(
            meeting=meeting,
            person=person,
            status="in_attendance",
            capacity=person.job_title,
            actor=None,
        )
    services.declaration_add(
        meeting=meeting,
        person=people["Sarah Duxbury"],
        item=annual,
        pecuniary=False,
        nature="Warwickshire County Council has provided legal services to the Office of the "
        "Police and Crime Commissioner.",
        actor=None,
    )
    record = {
        K.MINUTES: (
            "The minutes of 20 June 2014 were agreed as a true record and signed by the Chair.",
            [
                "That the minutes of the meeting held on 20 June 2014 be signed "
                "by the Chair as a correct record."
            ],
        ),
        K.PUBLIC_QUESTIONS: (
            "No questions had been received from the public. Members asked "
            "that meetings be promoted widely to encourage participation.",
            [],
        ),
        K.URGENT: (
            "A member asked for figures on the volume and outcomes of police "
            "complaints; the Commissioner agreed to provide them.",
            [],
        ),
        K.NEXT_MEETING: (
            "Noted: 26 September 2014, 10.00 a.m., North Warwickshire Borough Council, Atherstone.",
            [],
        ),
        K.COMPLAINTS: (
            "No complaints had been received since the last meeting, so the public "
            "were not excluded.",
            [],
        ),
    }
    for kind, (text, resolutions) in record.items():
        services.minute_update(
            item=_item(meeting, kind), text=text, resolutions=resolutions, actor=None
        )
    services.minute_update(
        item=annual,
        text="The Commissioner outlined the highlights of his draft Annual Report, including a "
        "9 to 12 per cent fall in traditional crime types. Members found the report long and "
        "asked for a sharper focus on outcomes; they questioned him on road casualties, rural "
        "crime, domestic abuse and the rate at which rapes lead to a charge or caution.",
        resolutions=[
            "Note the report, and recommend more detail on performance and crime statistics and "
            "a clearer presentation of year-on-year budget comparisons.",
            "Request a report on the outcome of the review of Operation X.",
            "Request that the Panel's points on Community Safety Ambassadors be covered in the "
            "report due on 26 September 2014.",
            "Invite the Chairs of the Independent Custody Visitors to a future meeting.",
            "Request the report on improving prosecutions for domestic abuse.",
            "Request a report on the low proportion of reported rapes resulting in a charge or "
            "caution compared with the national average.",
        ],
        actor=None,
    )
    services.question_add(
        item=annual,
        asked_by="Councillor Fowler",
        question="What is being done about rural crime in the long term?",
        answer="He belongs to the Rural Crime Network and may recruit rural volunteers.",
        answered_by="The Commissioner",
        actor=None,
    )
    services.minute_update(
        item=jpv,
        text="The Director of Enabling Services outlined a publicly owned company to manage the "
        "estates of several public bodies. Members raised sovereignty and service quality.",
        resolutions=[
            "Note the report and ask whether the Full Business Case can be shared "
            "with the Panel before decisions are made."
        ],
        actor=None,
    )
    services.minute_update(
        item=work,
        text="The first meeting of the Planning and Performance Working Group was set for "
        "27 August 2014.",
        resolutions=[
            "Agree the updated Work Programme for 2014/15.",
            "Note the update on recommendations and actions.",
            "Seek representation at the conference on 17 October 2014.",
            "Note the update on the task and finish and working groups.",
            "Request data on road traffic collisions involving cyclists.",
        ],
        actor=None,
    )
    services.minutes_publish(
        meeting=meeting, rose_at=dt.time(12, 40), at=at(2014, 7, 25, 12), actor=None
    )


SEPTEMBER_ITEMS = [
    (
        "Independent Custody Visiting",
        "To receive a brief presentation from the Chairs of the "
        "North and South Independent Custody Visiting service on their experience of the role.",
        [
            "That the Panel receives the presentation of the Chairs of the Independent Custody "
            "Visitors."
        ],
        "Independent Custody Visitors are volunteers from the community who make unannounced "
        "visits to police stations to check on the welfare of people held in custody. The Chairs "
        "of the North and South schemes will describe their work and answer questions.",
    ),
    (
        "Report of the Budget Working Group",
        "To consider the report and minutes of the last meeting of the Working Group.",
        [
            "That the Panel considers the minutes of the Budget Working Group on the Quarter 1 "
            "2014/15 information.",
            "That the Panel appoints additional members to the Budget Working Group.",
        ],
        "On 20 June 2014 the Panel delegated quarterly budget monitoring to its Budget Working "
        "Group, which first met on 19 August 2014. It noted a projected underspend of £8.25 "
        "million across the Strategic Alliance, including £2.31 million forecast for Operation X. "
        "Its members are Cllr Peter Morson, Cllr Gillian Roache and Robin Verso; the report "
        "suggests widening it to five or six members.",
    ),
    (
        "Report of the Police and Crime Commissioner",
        "To receive an update on the Commissioner's recent progress, activity and decisions taken.",
        ["That the Panel notes the Commissioner's update."],
        "The Commissioner reports on his activity since July, including the decisions he has "
        "published since the last meeting (WPCC 0037 to WPCC 0043) and the new Joint Independent "
        "Ethics Committee.",
    ),
    (
        "Community Safety Ambassadors",
        "To consider a progress report on the Community Safety Ambassadors scheme.",
        ["That the Panel considers the progress report."],
        "A review of the Community Safety Ambassadors scheme, taking in the points the Panel "
        "raised on 18 July 2014 about the role.",
    ),
    (
        "Accountability of the Chief Constable",
        "To receive a verbal update on the "
        "Commissioner's approach to holding the Chief Constable to account.",
        [],
        "",
    ),
    (
        "Operation Devonport",
        "To consider the outcome of the Chief Constable's review of "
        "Operation Devonport and the Commissioner's view.",
        ["That the Panel considers the outcome of the review."],
        "The outcome of the Chief Constable's review of Operation Devonport, with the "
        "Commissioner's view of it.",
    ),
    (
        "Community Engagement and Delivery Plan",
        "To receive an outline of the Delivery Plan and "
        "the Commissioner's approach to community engagement.",
        [],
        "",
    ),
    (
        "Work Programme 2014/15",
        "To consider the updated Work Programme and future areas of activity.",
        [
            "Agrees the updated Work Programme for 2014/15.",
            "Reviews the update on recommendations and actions previously requested by the Panel.",
            "Notes the update on the Victims' Services Task and Finish Group.",
            "Approves the Terms of Reference of the Planning and Performance Working Group.",
            "Notes the meeting dates and arrangements for 2015/16.",
        ],
        "The Work Programme is a live document, updated after each meeting (Appendix A). The "
        "Recommendations and Actions Plan tracks what the Panel has asked for (Appendix B). The "
        "Victims' Services Task and Finish Group will report on 21 November 2014. The Planning and "
        "Performance Working Group first met on 27 August 2014; its draft terms of reference are "
        "at Appendix C.",
    ),
]


# The programme and the tracker are generated live (see workprogramme.render); the working
# group's terms of reference are on its body page.
WORK_PROGRAMME_APPENDICES = ("Planning and Performance Working Group: Terms of Reference",)


def _september(
    panel: Panel,
    body: Body,
    people: dict[str, Person],
    july: Meeting,
    before_september: BeforeSeptember | None,
) -> Meeting:
    existing = Meeting.objects.for_panel(panel).filter(slug="2014-09-26").first()
    if existing:
        return existing
    meeting = services.meeting_create(
        body=body,
        start=at(2014, 9, 26),
        previous=july,
        venue="Council Chamber, North Warwickshire Borough Council, Atherstone",
        webcast_url="http://www.ustream.tv/",
        actor=None,
    )
    meeting.panel = panel
    for title, purpose, recommendations, text in SEPTEMBER_ITEMS:
        kind = {
            "Report of the Police and Crime Commissioner": K.PCC_UPDATE,
            "Work Programme 2014/15": K.WORK_PROGRAMME,
        }.get(title, K.REPORT)
        item = services.item_add(
            meeting=meeting, title=title, purpose=purpose, kind=kind, actor=None
        )
        services.report_update(
            item=item,
            recommendations="\n".join(recommendations),
            body_source=text,
            author="Georgina Atkinson",
            author_contact="georginaatkinson@warwickshire.gov.uk",
            head_of_service="Sarah Duxbury",
            strategic_director="David Carter",
            actor=None,
        )
        if title == "Report of the Budget Working Group":
            services.appendix_add(
                item=item,
                title="Minutes of the Budget Working Group, 19 August 2014",
                text="Present: Cllr Gillian Roache, Robin Verso (in the chair), the Commissioner, "
                "the Treasurer (Dave Clarke) and the Deputy Chief Finance Officer. The group "
                "noted the projected £8.25 million underspend, mostly officer pay after 100 "
                "officers left against 53 expected, and a plan to recruit 240 officers across "
                "the Alliance. It agreed to meet quarterly.",
                actor=None,
            )
            services.appendix_add(
                item=item,
                title="Revenue budget monitoring, quarter 1 2014/15 (illustrative)",
                upload=SimpleUploadedFile(
                    "budget-monitoring-q1.pdf", text_pdf(*BUDGET_MONITORING), "application/pdf"
                ),
                actor=None,
            )
        if title == "Work Programme 2014/15":
            for appendix_title in WORK_PROGRAMME_APPENDICES:
                services.appendix_add(
                    item=item,
                    title=appendix_title,
                    text="The terms of reference are published on the working group's page: "
                    "rationale, role and objectives, information needed, indicators of success "
                    "and frequency (quarterly).",
                    actor=None,
                )
    next_item = _item(meeting, K.NEXT_MEETING)
    next_item.purpose = (
        "The next meeting is on 21 November 2014 at 11.00 a.m., Elizabeth "
        "House, Stratford-upon-Avon."
    )
    next_item.save()
    if before_september is not None:
        before_september(panel, None, july, meeting)
    services.agenda_publish(meeting=meeting, at=at(2014, 9, 17, 16), actor=None)
    services.minutes_approve(
        meeting=july,
        at_meeting=meeting,
        signed_by=people["Dennis Harvey"],
        at=at(2014, 9, 26, 10, 5),
        actor=None,
    )
    return meeting


# An uploaded appendix for the demo, so that searching inside the papers finds a page of a PDF.
# Illustrative: the pack of 26 September 2014 has no such appendix.
BUDGET_MONITORING = (
    "Revenue budget monitoring, quarter 1 2014/15. Illustrative figures for the demonstration.\n"
    "1. The force's net revenue budget for 2014/15 is £91.3 million. At the end of June the "
    "forecast outturn is £83.0 million, an underspend of £8.25 million.\n"
    "2. Most of the underspend is officer pay: 100 officers left in the quarter against 53 "
    "expected. Recruitment of 240 officers across the Alliance is planned for the year.",
    "3. Capital programme. The replacement of mobile data terminals in response vehicles is "
    "delayed to quarter 3; £0.6 million moves to 2015/16.\n"
    "4. Body-worn video: the pilot in Nuneaton continues, within its budget of £0.2 million.\n"
    "5. Overtime is £0.3 million above profile, mostly policing of summer events.",
    "6. Reserves stand at £24.1 million, of which £5.0 million is the general reserve.\n"
    "7. The Treasurer will report quarter 2 to the working group in November 2014.",
)
