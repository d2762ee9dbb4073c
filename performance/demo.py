"""The demo's Police and Crime Plan: Warwickshire 2013–17 (Commissioner Ron Ball), its five
priorities, sixteen measures and the returns from 2013/14 Q1 to 2014/15 Q2, published; 2014/15
Q3 is the office's draft.

Where the facts come from (the documents in the project's reference set), in our own words:

- The five priorities: the Commissioner's engagement strategy in the panel's pack of 26
  September 2014, and the Alliance Strategic Assessment 2016/17.
- The measures follow the Warwickshire Policing Plan 2011–14, whose last year is the Plan's
  first: the documents do not list the 2013–17 Plan's own measures. That plan's three numerical
  targets (all agreed local activity delivered, serious sexual offence detections up 5%,
  satisfaction with being kept informed up 2 points) are version 1's.
- Version 2: in April 2014 both Commissioners removed numerical targets from their Plans
  (Strategic Assessment); the day is not given, and 1 April is ours.
- Figures from the documents, each with a note saying where it comes from: the 25% rise in
  people killed or seriously injured in 2013/14; 6% of reported rapes charged or cautioned (18%
  nationally); victim satisfaction 84.1% and anti-social behaviour down 10.4% at 17 September
  2014; 86% of the spending review savings made by March 2014; 94% of officers on the front line
  (87% before the spending review); 82% of the Blueprint posts created; officers' hours lost to
  sickness 6.1% (the half year before the comparison of March 2015); 232 special constables in
  November 2014 (in the draft). Money: reserves of £33.2m at 1 April 2014 with £6m earmarked,
  and the 1.99% rise in the 2014/15 precept (Budget Working Group, 19 August 2014).
- Everything else is ILLUSTRATIVE. Every measure fills gaps, so every measure is marked
  illustrative; the illustrative figures agree with the documents' facts (2013/14 crime about
  11% below the baseline, where the Commissioner reported falls of 9 to 12%; the KSI quarters
  add up to a 25% rise). The 2014/15 Band D precept (£182.33) is the one whose 1.99% rise gives
  the statutory demo's illustrative £185.96 for 2015/16.
- The gap: no rape charge or caution rate in 2014/15 Q2, while the force reviewed it for the
  panel (the Commissioner's update of September 2014).
- Councillor Davies's question of 18 July 2014 on that rate, and the office's answer as the
  update of 26 September 2014 gives it.

Idempotent: nothing is loaded if the panel already has a plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from meetings.models import Meeting
from panel.models import Panel
from workprogramme import services as tracker
from workprogramme.models import Action

from . import services
from .models import Measure, Plan, Priority, Question, Return, quarter_end

LONDON = ZoneInfo("Europe/London")
U, D, R = Measure.Unit, Measure.Direction, Measure.Reference
PUBLISHED = [(2013, 1), (2013, 2), (2013, 3), (2013, 4), (2014, 1), (2014, 2)]
DRAFT = (2014, 3)
Q4_1314, Q1_1415, Q2_1415, Q3_1415 = 3, 4, 5, 6  # positions in a measure's figures


@dataclass(frozen=True)
class Spec:
    slug: str
    title: str
    unit: str
    direction: str
    figures: tuple[str | None, ...]  # 2013/14 Q1 .. 2014/15 Q2, then the 2014/15 Q3 draft
    reference_kind: str = ""
    reference: str | None = None
    description: str = ""
    source: str = "Warwickshire Police performance data"
    notes: dict[int, str] = field(default_factory=dict)
    target_removed: bool = False  # withdrawn in version 2 (numerical targets removed)


CRIME = Spec(
    "total-crime",
    "Total recorded crime",
    U.COUNT,
    D.DOWN,
    ("7050", "7210", "6980", "6860", "6920", "7150", "7040"),
    R.BASELINE,
    "7900",
    "Offences recorded in the quarter. Baseline: the 2012/13 quarterly average.",
)
BURGLARY = Spec(
    "domestic-burglary",
    "Domestic burglaries",
    U.COUNT,
    D.DOWN,
    ("372", "355", "401", "389", "341", "350", "380"),
    R.BASELINE,
    "420",
    "Homes burgled in the quarter. Baseline: the 2012/13 quarterly average.",
)
VEHICLE = Spec(
    "vehicle-crime",
    "Vehicle crime",
    U.COUNT,
    D.DOWN,
    ("690", "705", "742", "668", "640", "655", "700"),
    R.BASELINE,
    "780",
    "Thefts of and from vehicles in the quarter. Baseline: the 2012/13 quarterly average.",
)
ASB = Spec(
    "asb-fall",
    "Fall in anti-social behaviour incidents on the year before",
    U.PERCENT,
    D.UP,
    ("6.2", "7.5", "8.1", "9.0", "9.6", "10.4", "10.1"),
    description="Incidents in the year to date against the same period a year earlier.",
    notes={Q2_1415: "Year to date at 17 September 2014 (Operation Devonport report)."},
)
KSI = Spec(
    "ksi-roads",
    "People killed or seriously injured on the roads",
    U.COUNT,
    D.DOWN,
    ("84", "92", "86", "78", "81", "88", "80"),
    R.BASELINE,
    "68",
    "Casualties of road traffic collisions in the quarter. Baseline: the 2012/13 quarterly "
    "average (272 in the year).",
    source="Warwickshire and West Mercia Road Safety Partnership",
    notes={Q4_1314: "2013/14 ends 25% above 2012/13 (reported to the panel on 18 July 2014)."},
)
RAPE = Spec(
    "rape-charge-rate",
    "Reported rapes resulting in a charge or caution",
    U.PERCENT,
    D.UP,
    ("7.4", "6.9", "6.6", "6.2", "6.0", None, "7.0"),
    description="The national average was 18% when the panel raised it in July 2014.",
    notes={Q1_1415: "As reported to the panel on 18 July 2014 (18% nationally)."},
)
SATISFACTION = Spec(
    "victim-satisfaction",
    "Victims satisfied with the overall service",
    U.PERCENT,
    D.UP,
    ("85.3", "84.9", "84.6", "84.4", "84.3", "84.1", "84.0"),
    R.BASELINE,
    "85",
    "From the victim satisfaction survey, year to date. The Plan aims to keep it at the level "
    "of 2012/13.",
    source="Victim satisfaction survey",
    notes={Q2_1415: "Year to date at 17 September 2014 (Operation Devonport report)."},
)
SEXUAL_OFFENCES = Spec(
    "sso-detections-rise",
    "Rise in serious sexual offences detected on the year before",
    U.PERCENT,
    D.UP,
    ("2.4", "3.8", "4.9", "5.6", None, None, None),
    R.TARGET,
    "5",
    target_removed=True,
)
KEPT_INFORMED = Spec(
    "kept-informed-rise",
    "Rise in victims satisfied with being kept informed",
    U.PERCENT,
    D.UP,
    ("0.8", "1.5", "1.9", "2.3", None, None, None),
    R.TARGET,
    "2",
    "Percentage points on the year before.",
    source="Victim satisfaction survey",
    target_removed=True,
)
AGREED_ACTIVITY = Spec(
    "snt-agreed-activity",
    "Local activity agreed with communities and delivered by Safer Neighbourhood Teams",
    U.PERCENT,
    D.UP,
    ("100", "98", "100", "100", None, None, None),
    R.TARGET,
    "100",
    "Activity agreed at community forums and reported back to them.",
    target_removed=True,
)
SPECIALS = Spec(
    "special-constables",
    "Special constables in post, including those in training",
    U.COUNT,
    D.UP,
    ("205", "211", "218", "222", "226", "229", "232"),
    notes={Q3_1415: "Establishment in November 2014 (Strategic Assessment)."},
)
SAVINGS = Spec(
    "savings-achieved",
    "Spending review savings achieved",
    U.PERCENT,
    D.UP,
    ("74", "78", "82", "86", "89", "92", "95"),
    description="Share of the savings required by March 2015 achieved to date.",
    source="OPCC finance",
    notes={Q4_1314: "First three years of the spending review (HMIC, Responding to Austerity)."},
)
BLUEPRINT = Spec(
    "blueprint-posts",
    "Blueprint posts created across the Alliance",
    U.PERCENT,
    D.UP,
    ("55", "63", "71", "77", "82", "85", "88"),
    description="Posts of the Alliance's final structure created to date.",
    source="Strategic Alliance Change Programme",
    notes={Q1_1415: "Reported to the Budget Working Group on 19 August 2014."},
)
FRONT_LINE = Spec(
    "front-line-officers",
    "Police officers in front-line roles",
    U.PERCENT,
    D.UP,
    ("92", "92.5", "93", "93.5", "94", "94", "94"),
    R.BASELINE,
    "87",
    "Baseline: the share before the spending review (HMIC).",
    notes={Q1_1415: "HMIC, Responding to Austerity (the Commissioner's update, September 2014)."},
)
SICKNESS = Spec(
    "officer-sickness",
    "Police officer hours lost to sickness",
    U.PERCENT,
    D.DOWN,
    ("5.6", "5.8", "6.0", "6.2", "6.0", "6.1", "6.0"),
    source="Alliance performance team",
    notes={Q2_1415: "Six-month national comparison before March 2015 (Strategic Assessment)."},
)
ORGANISED_CRIME = Spec(
    "ocg-disrupted",
    "Organised crime groups disrupted or dismantled",
    U.COUNT,
    D.UP,
    ("3", "2", "4", "3", "2", "3", "4"),
    description="Groups mapped as posing a threat to Warwickshire, disrupted in the quarter.",
)

PRIORITIES: list[tuple[str, str, list[Spec]]] = [
    (
        "Reduce crime and disorder",
        "Fewer victims of crime and anti-social behaviour, with the focus on burglary and "
        "vehicle crime.",
        [CRIME, BURGLARY, VEHICLE, ASB],
    ),
    (
        "Protect the public from harm",
        "Put the effort against the harms that are most serious, and against those who cause "
        "the most harm.",
        [KSI, RAPE, SATISFACTION, SEXUAL_OFFENCES, KEPT_INFORMED],
    ),
    (
        "Empower local communities to prevent crime and disorder",
        "Safer Neighbourhood Teams that act on what communities ask for, and more volunteers, "
        "special constables among them.",
        [AGREED_ACTIVITY, SPECIALS],
    ),
    (
        "Deliver an efficient and effective police force for Warwickshire",
        "Make the savings the spending review requires through the Alliance with West Mercia "
        "while keeping officers on the front line.",
        [SAVINGS, BLUEPRINT, FRONT_LINE, SICKNESS],
    ),
    (
        "Meet the requirements of the Strategic Policing Requirement",
        "Play Warwickshire's part in meeting the national threats the Home Secretary sets out.",
        [ORGANISED_CRIME],
    ),
]

TARGETS = [s.slug for _, _, specs in PRIORITIES for s in specs if s.target_removed]
M = 1_000_000
# Money by quarter. Illustrative except the reserves at 1 April 2014 (2014/15 Q1) and the 1.99%
# precept rise; the Budget Working Group's projected underspend (£8.25m) is the Alliance's, so
# Warwickshire's forecast here is illustrative.
MONEY: dict[tuple[int, int], dict[str, Decimal]] = {
    (year, q): {
        "budget": Decimal(budget) * M,
        "forecast": Decimal(forecast) * M,
        "spend_to_date": Decimal(spent) * M,
        "reserves_general": Decimal(general) * M,
        "reserves_earmarked": Decimal(earmarked) * M,
        "precept_band_d": Decimal(band_d),
    }
    for (year, q), budget, forecast, spent, general, earmarked, band_d in [
        ((2013, 1), "91.4", "91.1", "22.6", "35.6", "6.4", "178.77"),
        ((2013, 2), "91.4", "90.6", "45.0", "35.2", "6.4", "178.77"),
        ((2013, 3), "91.4", "90.2", "67.3", "34.5", "6.2", "178.77"),
        ((2013, 4), "91.4", "89.9", "89.9", "33.2", "6.0", "178.77"),
        ((2014, 1), "90.8", "88.0", "21.9", "33.2", "6.0", "182.33"),
        ((2014, 2), "90.8", "88.4", "44.1", "32.6", "6.0", "182.33"),
        ((2014, 3), "90.8", "88.9", "66.2", "32.1", "6.0", "182.33"),
    ]
}

ILLUSTRATIVE = "(Illustrative commentary.)"
COMMENTARY = {
    (2013, 1): f"The Plan's first quarter. Crime is below the 2012/13 level. {ILLUSTRATIVE}",
    (2013, 2): f"Satisfaction holds near the 2012/13 level. {ILLUSTRATIVE}",
    (2013, 3): "The Alliance's new policing model began in October 2013; Safer Neighbourhood "
    f"Teams continue under it. {ILLUSTRATIVE}",
    (2013, 4): "The year ends with recorded crime down and 86% of the spending review savings "
    "made, but with 25% more people killed or seriously injured on the roads than in 2012/13.",
    (2014, 1): "Numerical targets have been removed from the Plan (version 2). Across the "
    "Alliance the forecast is an underspend of £8.25m, £2.31m of Operation X spending included, "
    "mostly because more officers left than planned (100 against 53 since January): 240 "
    "officers are to be recruited across the Alliance.",
    (2014, 2): "Victim satisfaction stood at 84.1% and anti-social behaviour 10.4% lower at 17 "
    "September. No rape charge or caution rate is given this quarter while the force reviews "
    "it for the panel.",
    (2014, 3): "The office's draft: not yet submitted to the panel. (Illustrative.)",
}


def load_performance(panel: Panel) -> None:
    if Plan.objects.for_panel(panel).exists():
        return
    plan = services.plan_create(
        panel=panel,
        title="Police and Crime Plan 2013-2017",
        commissioner="Ron Ball",
        starts_on=dt.date(2013, 4, 1),
        ends_on=dt.date(2017, 3, 31),
        summary="The Commissioner's plan for policing and community safety in Warwickshire for "
        "his term: five priorities, with the measures by which the panel judges their delivery.",
        actor=None,
    )
    priorities = _priorities(plan)
    services.plan_publish(plan=plan, actor=None)
    services.plan_vary(
        plan=plan,
        adopted_on=dt.date(2014, 4, 1),
        summary="Numerical targets removed: the measures are now judged against the year "
        "before, and the three measures set as targets are withdrawn (they stay on the record).",
        withdraw=list(Measure.objects.for_panel(panel).filter(plan=plan, slug__in=TARGETS)),
        actor=None,
    )
    for year, quarter in [*PUBLISHED, DRAFT]:
        _return(plan, year, quarter)
    _dates(plan)
    _question(panel, priorities["Protect the public from harm"])


def _priorities(plan: Plan) -> dict[str, Priority]:
    made = {}
    for title, description, specs in PRIORITIES:
        priority = services.priority_add(
            plan=plan, title=title, description=description, actor=None
        )
        for spec in specs:
            services.measure_add(
                priority=priority,
                title=spec.title,
                slug=spec.slug,
                unit=spec.unit,
                good_direction=spec.direction,
                reference_kind=spec.reference_kind,
                reference=None if spec.reference is None else Decimal(spec.reference),
                source=spec.source,
                description=spec.description,
                illustrative=True,  # every measure has illustrative figures (see above)
                actor=None,
            )
        made[title] = priority
    return made


def _return(plan: Plan, year: int, quarter: int) -> None:
    position = [*PUBLISHED, DRAFT].index((year, quarter))
    entries = {
        spec.slug: services.Entry(Decimal(value), spec.notes.get(position, ""))
        for _, _, specs in PRIORITIES
        for spec in specs
        if (value := spec.figures[position]) is not None
    }
    made = services.return_open(plan=plan, year=year, quarter=quarter, actor=None)
    services.return_save(
        of_return=made,
        entries=entries,
        money=MONEY[(year, quarter)],
        commentary=COMMENTARY[(year, quarter)],
        actor=None,
    )
    if (year, quarter) != DRAFT:
        services.return_submit(of_return=made, actor=None)
        services.return_publish(of_return=made, actor=None)


def _dates(plan: Plan) -> None:
    """The services stamp today; the demo's plan and returns are dated when they would have
    been: each return submitted five weeks after its quarter ends and published before the
    six-week deadline (ILLUSTRATIVE dates: the seeds give none)."""
    rows = Plan.objects.for_panel(plan.panel_id).filter(pk=plan.pk)
    rows.update(published_at=dt.datetime(2013, 4, 1, 10, tzinfo=LONDON))
    for year, quarter in PUBLISHED:
        ended = dt.datetime.combine(quarter_end(year, quarter), dt.time(10), tzinfo=LONDON)
        Return.objects.for_panel(plan.panel_id).filter(
            plan=plan, year=year, quarter=quarter
        ).update(
            submitted_at=ended + dt.timedelta(days=35),
            published_at=ended + dt.timedelta(days=40),
        )


def _question(panel: Panel, harm: Priority) -> None:
    meetings = {m.slug: m for m in Meeting.objects.for_panel(panel)}
    july, september = meetings.get("2014-07-18"), meetings.get("2014-09-26")
    question = services.question_raise(
        priority=harm,
        measure=Measure.objects.for_panel(panel).get(plan=harm.plan, slug=RAPE.slug),
        kind=Question.Kind.QUESTION,
        text="Why do only 6% of reported rapes in Warwickshire end in a charge or caution, "
        "against 18% nationally? How are officers trained to deal with a report of rape, and "
        "how are victims supported through the investigation and prosecution? (Councillor "
        "Davies)",
        update_due=september,
        actor=None,
    )
    # Raised at the meeting of 18 July 2014, as the tracker's other actions are dated.
    Action.objects.for_panel(panel).filter(pk=question.action_id).update(
        raised_on=dt.date(2014, 7, 18), raised_at=july
    )
    tracker.action_add_note(
        action=question.action,
        text="The Chief Constable has been asked to examine the reasons. The Head of Protecting "
        "Vulnerable People for Warwickshire and West Mercia is preparing a report on the "
        "charge rate, officers' training and the support given to victims; it will go to "
        "members when complete, and the topic is on the work programme for 21 November 2014.",
        status=Action.Status.IN_PROGRESS,
        on=dt.date(2014, 9, 16),
        actor=None,
    )
