"""The Warwickshire Work Programme 2014/15 and Recommendations and Actions Plan as the 26
September 2014 pack shows them: topics, dates, leads and statuses from the pack; report details
and progress notes summarised in our own words. Idempotent."""

from __future__ import annotations

import datetime as dt

from meetings.models import Meeting, Resolution
from panel.models import Panel, Person

from . import services
from .models import Action, WorkProgrammeItem

D = dt.date
YEAR = "2014/15"
EVERY, AFTER_WG = "every_meeting", "after_working_group"

# topic, detail, lead, standing, last report, next ("sept" = the 26 September meeting, or words)
PROGRAMME = [
    (
        "Police and Crime Plan 2013-17",
        "Hold the Commissioner to account for delivering the Plan: "
        "progress, performance against objectives, recent activity and decisions.",
        "Neil Hewison",
        EVERY,
        None,
        "",
    ),
    (
        "Complaints",
        "Complaints made personally against the Commissioner or the Deputy (verbal update).",
        "",
        EVERY,
        None,
        "",
    ),
    (
        "Report of the Budget Working Group",
        "Quarterly budget monitoring delegated to the working group, with its minutes.",
        "Georgina Atkinson",
        AFTER_WG,
        D(2014, 6, 20),
        "",
    ),
    (
        "Independent Custody Visiting (ICV)",
        "Presentation from the Chairs of the North and South ICV schemes.",
        "Caroline Ryder",
        "",
        None,
        "sept",
    ),
    (
        "Community Safety Ambassadors",
        "Progress report on the scheme, answering the panel's questions.",
        "Cheryl Bridges",
        "",
        None,
        "sept",
    ),
    (
        "PCC Role in Holding the Chief Constable to Account",
        "How the Commissioner holds the Chief Constable to account, with evidence of improvements.",
        "Neil Hewison",
        "",
        None,
        "sept",
    ),
    (
        "Operation X / Devonport",
        "Outcome of the Chief Constable's review and future deployment "
        "in the Policing Priority Areas.",
        "",
        "",
        None,
        "sept",
    ),
    (
        "Community Engagement and Delivery Plan",
        "How engagement shapes the Police and Crime Plan and how its results are reported.",
        "",
        "",
        D(2014, 6, 20),
        "sept",
    ),
    (
        "Home Office Grant",
        "The grant and options for allowances to the panel.",
        "Georgina Atkinson / Sarah Duxbury",
        "",
        None,
        "21 November 2014",
    ),
    (
        "Cyber, Rural and Business Crime",
        "Progress in these three priority areas.",
        "Neil Hewison",
        "",
        D(2014, 6, 20),
        "21 November 2014",
    ),
    (
        "Strategic Policing Requirement",
        "The requirement, its budget and its effect on services in Warwickshire.",
        "",
        "",
        None,
        "21 November 2014",
    ),
    (
        "Domestic Abuse",
        "Delivery of HMIC's recommendations and the charging rate.",
        "",
        "",
        None,
        "21 November 2014",
    ),
    (
        "Sexual Violence",
        "The 6% charge or caution rate and the measures to improve it.",
        "",
        "",
        None,
        "21 November 2014",
    ),
    (
        "Victims' Services Commissioning Task and Finish Group",
        "Final report and recommendations.",
        "Georgina Atkinson",
        "",
        None,
        "21 November 2014",
    ),
    (
        "Budget Precept 2015/16",
        "The panel's statutory review of the proposed precept.",
        "Dave Clarke",
        "",
        D(2014, 2, 3),
        "3 February 2015",
    ),
    (
        "Joint Property Vehicle Policy",
        "The full business case.",
        "Dave Clarke / Richard Elkin",
        "",
        D(2014, 7, 18),
        "TBC",
    ),
    (
        "Election of Chair/Vice Chair",
        "Election for the 2015/16 municipal year.",
        "Georgina Atkinson",
        "",
        D(2014, 6, 20),
        "First meeting in the new municipal year",
    ),
    (
        "Police and Crime Panel Annual Report 2014/15",
        "The panel's own annual report.",
        "Georgina Atkinson",
        "",
        D(2014, 6, 20),
        "TBC",
    ),
    (
        "PCC Annual Report 2015",
        "Review of the Commissioner's annual report, with a written response.",
        "Neil Hewison",
        "",
        D(2014, 7, 18),
        "June/July 2015",
    ),
]

# raised, text, lead person, OPCC?, team, update due ("june", "july", "sept"), status, note
ACTIONS = [
    (
        D(2013, 9, 27),
        "Say how the Commissioner will reach people without internet access, e.g. "
        "with the council tax letter.",
        "",
        True,
        "",
        "june",
        "completed",
        "Information went out with one council's supplementary leaflet; adverts and newsletters planned.",
    ),
    (
        D(2013, 9, 27),
        "Report back on the national guidance on child abuse and sexual exploitation.",
        "Eric Wood",
        False,
        "",
        "june",
        "completed",
        "A multi-agency safeguarding hub is in the refreshed Plan.",
    ),
    (
        D(2013, 9, 27),
        "Find out how PCSOs are deployed to schools.",
        "",
        True,
        "",
        "june",
        "completed",
        "Briefing note circulated on 28 March 2014.",
    ),
    (
        D(2013, 11, 22),
        "Publish the Safer Neighbourhood Team structure and contacts.",
        "",
        False,
        "Chief Inspector Slemensek",
        "june",
        "completed",
        "Charts circulated with the February agenda.",
    ),
    (
        D(2014, 2, 3),
        "Informal budget briefing for members every November.",
        "Dave Clarke",
        False,
        "Georgina Atkinson",
        "june",
        "completed",
        "Added to the work programme; held each November.",
    ),
    (
        D(2014, 6, 20),
        "Put the Medium Term Financial Plan and reserves to the Budget Working Group.",
        "Georgina Atkinson",
        False,
        "Dave Clarke",
        "july",
        "in_progress",
        "The working group meets in August to look at them.",
    ),
    (
        D(2014, 6, 20),
        "Webcast future meetings, monitoring how well it works.",
        "Georgina Atkinson",
        False,
        "Communications team",
        "july",
        "completed",
        "First webcast meeting on 18 July 2014.",
    ),
    (
        D(2014, 7, 18),
        "Provide data on road traffic collisions involving cyclists.",
        "Neil Hewison",
        False,
        "",
        "sept",
        "in_progress",
        "To come as a briefing note, agreed on 1 August.",
    ),
    (
        D(2014, 7, 18),
        "Provide information on the police complaints system, with volumes and outcomes.",
        "Neil Hewison",
        False,
        "",
        "sept",
        "completed",
        "See item 5, Appendix A, 26 September 2014.",
    ),
]


def load_work_programme(
    panel: Panel, *, june: Meeting | None, july: Meeting, september: Meeting
) -> None:
    if WorkProgrammeItem.objects.for_panel(panel).exists():
        return
    meetings = {"june": june, "july": july, "sept": september}
    for position, (topic, detail, lead, standing, last, nxt) in enumerate(PROGRAMME):
        item = services.work_item_create(
            panel=panel,
            municipal_year=YEAR,
            topic=topic,
            report_detail=detail,
            lead_officer=lead,
            standing=standing,
            next_meeting=september if nxt == "sept" else None,
            next_note="" if nxt == "sept" else nxt,
            position=position,
            actor=None,
        )
        if last:
            WorkProgrammeItem.objects.for_panel(panel).filter(pk=item.pk).update(
                last_reported_on=last
            )
    people = {p.name: p for p in Person.objects.for_panel(panel)}
    for raised, text, lead, opcc, team, due, status, note in ACTIONS:
        action = services.action_create(
            panel=panel,
            text=text,
            raised_on=raised,
            raised_at=july if raised == D(2014, 7, 18) else None,
            lead_person=people.get(lead),
            lead_opcc=opcc,
            lead_team=team,
            update_due=meetings[due],
            actor=None,
        )
        services.action_add_note(
            action=action,
            text=note,
            status=status,
            on=min(raised + dt.timedelta(days=60), D(2014, 9, 16)),
            actor=None,
        )
    first = (
        Resolution.objects.for_panel(panel)
        .filter(
            item__meeting=july, item__title__startswith="Police and Crime Commissioner's Annual"
        )
        .order_by("position")
        .first()
    )
    if first is not None:
        action = services.action_from_resolution(
            resolution=first, lead_person=people["Neil Hewison"], update_due=september, actor=None
        )
        services.action_add_note(
            action=action,
            text="The performance report is now an appendix to the Annual Report; the "
            "finance section was made clearer.",
            status=Action.Status.COMPLETED,
            on=D(2014, 9, 16),
            actor=None,
        )
