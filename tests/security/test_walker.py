"""The marker walker: every URL pattern, every object of two panels, every actor, no leaks.

``world.build_world`` fills two panels with secrets, each carrying a marker that says which roles
of its panel may read it. The walker enumerates every URL pattern of the project (pages, API,
feeds, files, PDFs, admin, error pages), fills each with every object of both panels (so a panel's
URL is also tried with the other panel's ids), and requests it as each actor. Every response
(HTML, JSON, CSV, iCalendar, Atom, the text of PDFs, redirect targets and file names), every
email sent and every log line written is searched for markers the actor may not read.

A URL pattern the walker does not know fails the test: a new page must be added to ``ROUTES``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from alerts import delivery as alerts_delivery
from complaints.tasks import complaints_anonymise_all
from meetings.services import deadline_for
from panel.access import Role, forget_roles
from panel.tenancy import panel_scope
from panel.testing import HARNESS_SUMMARY
from publishing.history import KINDS as HISTORY_KINDS
from workprogramme import reminders
from workprogramme.tasks import action_reminders_send

from .world import World, build_world

PANELS = ("alpha", "beta")
ONE_DAY = dt.timedelta(days=1)
PROJECT_APPS = {
    "alerts",
    "panel",
    "documents",
    "meetings",
    "decisions",
    "complaints",
    "workprogramme",
    "statutory",
    "performance",
}

# Who walks: the public, every role of panel alpha, and beta's member and clerk (for whom all of
# alpha is "another panel"; beta's own objects are walked as their own panel's).
ACTORS: list[tuple[str, str | None, Role | None]] = [
    ("anonymous", None, None),
    *[(f"alpha:{role.value}", "alpha", role) for role in Role],
    ("beta:member", "beta", Role.MEMBER),
    ("beta:clerk", "beta", Role.CLERK),
]
# Secrets that no page shows even to those entitled (so the walker cannot see them either).
UNREACHABLE: dict[str, str] = {
    "removed": "an item removed from the draft agenda: nothing of it remains to be read",
    "pafter": "an edit of approved minutes, refused: it was never stored",
}
# Empty POSTs are sent as those who must be refused everything they post to.
REFUSED_POSTERS = {"anonymous": "", "beta:member": "/alpha/", "beta:clerk": "/alpha/"}


# --- URL patterns --------------------------------------------------------------------------


def url_patterns() -> list[tuple[str, str | None]]:
    """(route, name) of every URL pattern, routes joined as Django's resolver reports them."""

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> Iterable[Any]:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace])) or None
                yield from walk(p.url_patterns, prefix + str(p.pattern).removeprefix("^"), ns)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                yield prefix + str(p.pattern).removeprefix("^"), name

    return list(walk(get_resolver().url_patterns, "", None))


def _route_of(path: str) -> str:
    return resolve(path.split("?")[0]).route


# --- Filling patterns with objects -----------------------------------------------------------

Kwargs = dict[str, Any]


def _meetings(world: World) -> list[Kwargs]:
    slugs = [m.slug for p in PANELS for m in world[p].meetings]
    return [{"meeting_slug": s} for s in [*slugs, "2001-01-01"]]


def _minutes_versions(world: World) -> list[Kwargs]:
    return [{**k, "number": n} for k in _meetings(world) for n in (1, 2, 3, 99)]


def _items(world: World) -> list[Kwargs]:
    out = []
    for p in PANELS:
        other = world["beta" if p == "alpha" else "alpha"]
        stray = other.items[other.meetings[0].slug][0].pk
        for m in world[p].meetings:
            ids = [i.pk for i in world[p].items[m.slug]]
            out += [{"meeting_slug": m.slug, "item_id": i} for i in [*ids, stray, 999999]]
    return out


def _numbers(world: World, p: str, meeting: Any) -> dict[int, str]:
    """Item ids and their numbers on the meeting's latest published agenda (the public address),
    and the live number of each draft item, so that drafts are tried by number too."""
    numbers = {i.pk: i.number for i in world[p].items[meeting.slug]}
    with panel_scope(meeting.panel_id):
        version = meeting.agenda_versions.order_by("-number").first()
    if version is not None:
        numbers.update({i["id"]: i["number"] for i in version.content["items"]})
    return numbers


def _item_numbers(world: World) -> list[Kwargs]:
    out = []
    for p in PANELS:
        for m in world[p].meetings:
            numbers = [*sorted(set(_numbers(world, p, m).values())), "99", "1-99"]
            out += [{"meeting_slug": m.slug, "number": n} for n in numbers]
    return out


def _letters_by_number(world: World) -> list[Kwargs]:
    out = []
    for p in PANELS:
        for m in world[p].meetings:
            numbers = _numbers(world, p, m)
            for item in world[p].items[m.slug]:
                for letter in [*world[p].letters.get(item.pk, []), "Z"]:
                    out.append(
                        {"meeting_slug": m.slug, "number": numbers[item.pk], "letter": letter}
                    )
    return out


def _letters(world: World) -> list[Kwargs]:
    out = []
    for p in PANELS:
        for m in world[p].meetings:
            for item in world[p].items[m.slug]:
                for letter in [*world[p].letters.get(item.pk, []), "Z"]:
                    out.append({"meeting_slug": m.slug, "item_id": item.pk, "letter": letter})
    return out


def _files(world: World) -> list[Kwargs]:
    every = [f for p in PANELS for files in world[p].files.values() for f in files]
    return [
        {"meeting_slug": m.slug, "file_id": f}
        for p in PANELS
        for m in world[p].meetings
        for f in [*every, 999999]
    ]


def _decisions_by_number(world: World) -> list[Kwargs]:
    numbers = {d.number for p in PANELS for d in world[p].decisions if d.number}
    return [{"number": n} for n in [*sorted(numbers), 9999]]


def _decision_files(world: World) -> list[Kwargs]:
    every = [f for p in PANELS for d in world[p].decisions for f in world[p].decision_files[d.pk]]
    return [{**k, "file_id": f} for k in _decisions_by_number(world) for f in [*every, 999999]]


def _decision_ids(world: World) -> list[Kwargs]:
    return [{"decision_id": d.pk} for p in PANELS for d in world[p].decisions] + [
        {"decision_id": 999999}
    ]


def _decision_id_files(world: World) -> list[Kwargs]:
    every = [f for p in PANELS for d in world[p].decisions for f in world[p].decision_files[d.pk]]
    return [{**k, "file_id": f} for k in _decision_ids(world) for f in every]


def _complaints(world: World) -> list[Kwargs]:
    return [{"complaint_id": c.pk} for p in PANELS for c in world[p].complaints] + [
        {"complaint_id": 999999}
    ]


def _complaint_files(world: World) -> list[Kwargs]:
    every = [f for p in PANELS for files in world[p].complaint_files.values() for f in files]
    return [{**k, "file_id": f} for k in _complaints(world) for f in every]


def _complaint_letters(world: World) -> list[Kwargs]:
    out = []
    for p in PANELS:
        for c in world[p].complaints:
            for kind, to in [*world[p].complaint_letters[c.pk], ("acknowledge", "nobody")]:
                out.append({"complaint_id": c.pk, "kind": kind, "to": to})
    return out


def _cases(world: World) -> list[Kwargs]:
    numbers = {case.number for p in PANELS for case in world[p].cases}
    return [{"number": n} for n in [*sorted(numbers), 9999]]


def _case_documents(world: World) -> list[Kwargs]:
    every = [d for p in PANELS for d in world[p].case_documents]
    return [{**k, "document_id": d} for k in _cases(world) for d in [*every, 999999]]


def _resolution_votes(world: World) -> list[Kwargs]:
    """Each recorded vote's resolution at its own meeting, and at every other meeting."""
    resolutions = [r.pk for p in PANELS for r in world[p].vote_resolutions]
    slugs = []
    for p in PANELS:
        with panel_scope(world[p].cast.panel):
            slugs += [r.item.meeting.slug for r in world[p].vote_resolutions]
    slugs += [m.slug for p in PANELS for m in world[p].meetings[:1]]
    return [{"meeting_slug": s, "resolution_id": r} for s in slugs for r in [*resolutions, 999999]]


def _api_tokens(world: World) -> list[Kwargs]:
    return [{"token_id": t.pk} for p in PANELS for t in world[p].api_tokens] + [
        {"token_id": 999999}
    ]


def _plans(world: World) -> list[Kwargs]:
    slugs = [plan.slug for p in PANELS for plan in world[p].plans]  # both panels use the same
    return [{"plan_slug": s} for s in [*dict.fromkeys(slugs), "1999-00"]]


def _plan_parts(attr: str) -> Callable[[World], list[Kwargs]]:
    """Every plan's slug with every priority's (or measure's) slug, each panel's and a missing
    one: a plan's page is tried with the parts of every other plan too."""

    def fill(world: World) -> list[Kwargs]:
        slugs = [o.slug for p in PANELS for o in getattr(world[p], attr)]
        return [{**k, "slug": s} for k in _plans(world) for s in [*dict.fromkeys(slugs), "none"]]

    return fill


def _quarters(world: World) -> list[Kwargs]:
    """Every plan with every return's key (published, draft, submitted), a quarter with no
    return, and keys that are no quarter."""
    keys = [r.key for p in PANELS for r in world[p].returns]
    extra = ["2014-15-q4", "2014-16-q1", "2014-15-q5", "bogus"]
    return [{**k, "key": key} for k in _plans(world) for key in [*dict.fromkeys(keys), *extra]]


def _each(attr: str, key: str, field: str = "pk") -> Callable[[World], list[Kwargs]]:
    def fill(world: World) -> list[Kwargs]:
        values = [getattr(o, field) for p in PANELS for o in getattr(world[p], attr)]
        return [{key: v} for v in dict.fromkeys(values)]

    return fill


def _with(fill: Callable[[World], list[Kwargs]], **extra: list[str]) -> Callable:
    def combined(world: World) -> list[Kwargs]:
        ((key, values),) = extra.items()
        return [{**k, key: v} for k in fill(world) for v in values]

    return combined


def _none(world: World) -> list[Kwargs]:
    return [{}]


RETURN_STEPS = ["submit", "publish", "send_back", "bogus"]
BODIES = _each("bodies", "body_slug", "slug")
PEOPLE = _each("people", "person_slug", "slug")
MEMBERSHIPS = _each("memberships", "membership_id")
ACTIONS = _each("actions", "action_id")
RESOLUTIONS = _each("resolutions", "resolution_id")
WORK_ITEMS = _each("work_items", "item_id")
STANDING_ITEMS = _each("standing_items", "standing_id")

# Panel pages (each app's namespace) and API routes ("api:<app>", under a panel), by their names
# within the app: what fills each pattern's parameters besides the panel's slug.
PANEL_ROUTES: dict[str, Callable[[World], list[Kwargs]]] = {
    **dict.fromkeys(
        [
            "home",
            "membership",
            "bodies",
            "manage",
            "manage-access",
            "body-create",
            "person-create",
            "meetings",
            "meetings-ics",
            "records",
            "attendance",
            "attendance-csv",
            "agenda-feed",
            "minutes-feed",
            "decisions",
            "decision-feed",
            "decision-manage-list",
            "decision-create",
            "work-programme",
            "actions",
            "actions-csv",
            "action-create",
            "work-item-create",
            "complaints",
            "complaint-create",
            "conduct-matter-create",
            "meeting-create",
            "history",
            "more",
            "standing-items",
            "search",
            "subscribe",
            "check-email",
            "feed",
            "register",
            "register-feed",
            "case-notify",
            "api-tokens",
        ],
        _none,
    ),
    "api-token-revoke": _api_tokens,
    **dict.fromkeys(
        [
            "case",
            "case-report",
            "case-respond",
            "case-reserve",
            "case-document-add",
            "case-attendance",
        ],
        _cases,
    ),
    "case-document": _case_documents,
    "case-step": _with(
        _cases, step=["publish_report", "publish_response", "issue", "propose_reserve", "bogus"]
    ),
    "resolution-vote": _resolution_votes,
    **dict.fromkeys(["body", "body-edit", "body-ics", "membership-create"], BODIES),
    **dict.fromkeys(["person", "person-edit"], PEOPLE),
    "membership-edit": MEMBERSHIPS,
    "standing-item": STANDING_ITEMS,
    **dict.fromkeys(
        [
            "meeting",
            "meeting-edit",
            "meeting-status",
            "item-add",
            "agenda-publish",
            "minutes-edit",
            "minutes-urgent",
            "pack-generate",
        ],
        _meetings,
    ),
    "minutes-action": _with(_meetings, action=["publish", "minute", "bogus"]),
    "minutes-version": _minutes_versions,
    "records-action": _with(_meetings, action=["archive", "restore", "bogus"]),
    **dict.fromkeys(["item", "item-pdf", "item-restricted"], _item_numbers),
    "item-by-id": _items,
    "item-by-id-part": _with(_items, rest=["pdf", "restricted", "bogus"]),
    "appendix-by-id": _letters,
    **dict.fromkeys(
        [
            "item-edit",
            "item-action",
            "attach-group-minutes",
            "actions-from-item",
        ],
        _items,
    ),
    "appendix-restricted": _letters_by_number,
    "pack": _with(_meetings, audience=["public", "members", "bogus"]),
    "file": _files,
    **dict.fromkeys(["decision", "decision-pdf"], _decisions_by_number),
    "decision-file": _decision_files,
    "decision-manage": _decision_ids,
    "decision-manage-file": _decision_id_files,
    "decision-action": _with(_decision_ids, action=["publish", "correct", "bogus"]),
    "action": ACTIONS,
    "action-from-resolution": RESOLUTIONS,
    "work-item-action": _with(WORK_ITEMS, action=["defer", "bogus"]),
    **dict.fromkeys(["complaint", "complaint-log"], _complaints),
    "complaint-letter": _complaint_letters,
    "complaint-file": _complaint_files,
    "complaint-action": _with(_complaints, action=["record", "resolve", "bogus"]),
    **dict.fromkeys(["plans", "plan-create"], _none),
    **dict.fromkeys(["plan", "money", "data-csv", "data-json", "plan-manage", "returns"], _plans),
    # not "returns": manage/plan/<plan>/returns/ is the returns page's own pattern
    "plan-change": _with(_plans, what=["publish", "priority", "measure", "vary", "bogus"]),
    **dict.fromkeys(["priority", "question-raise"], _plan_parts("priorities")),
    **dict.fromkeys(["measure", "measure-csv"], _plan_parts("measures")),
    **dict.fromkeys(["quarter", "return-edit", "return-csv"], _quarters),
    "return-step": _with(_quarters, step=RETURN_STEPS),
}
API_ROUTES: dict[str, Callable[[World], list[Kwargs]]] = {
    **dict.fromkeys(
        [
            "panel",
            "bodies",
            "people",
            "memberships",
            "work-programme",
            "actions",
            "complaints",
            "conduct-matters",
            "decisions",
            "meetings",
            "cases",
        ],
        _none,
    ),
    **dict.fromkeys(["case", "case-respond", "case-reserve", "case-issue"], _cases),
    "body": BODIES,
    "person": PEOPLE,
    **dict.fromkeys(["action", "action-notes"], ACTIONS),
    "complaint": _complaints,
    "complaint-action": _with(_complaints, action=["record", "bogus"]),
    **dict.fromkeys(["decision", "decision-attachments"], _decision_ids),
    "decision-action": _with(_decision_ids, action=["publish", "bogus"]),
    **dict.fromkeys(
        ["meeting", "item-create", "agenda-publish", "attendance-create", "declaration-create"],
        _meetings,
    ),
    **dict.fromkeys(["report", "appendix-create", "minute", "item-withdrawal"], _items),
    "plans": _none,
    **dict.fromkeys(["plan", "figures", "returns"], _plans),
    **dict.fromkeys(["return", "return-csv"], _quarters),
    "return-step": _with(_quarters, step=RETURN_STEPS),
}
PROGRAMME_YEARS = [
    f"year={y}" for y in ("2029/30", "2014/15", "2015/16", "2016/17", "2020/21", "2014-15")
]
# Query strings tried too, on patterns whose page filters by them.
# Words of the exempt papers' text beside their markers (world.py): searched as every actor, so
# a snippet of an exempt page shown to anyone not entitled is a leak the walk finds.
PAPER_WORDS = ["q=Named+officers", "q=Bids", "q=Valuation", "q=Application", "q=Draft"]
QUERIES: dict[str, list[str]] = {
    "search:search": PAPER_WORDS + [f"{q}&type=page" for q in PAPER_WORDS[:2]],
    "search:feed": PAPER_WORDS,
    "publishing:history": [f"kind={kind}" for kind in HISTORY_KINDS] + ["kind=complaint&id=1"],
    # the world's items (2029/30), the statutory cases' years, a year between, one that is not
    "workprogramme:work-programme": PROGRAMME_YEARS,
    "api:workprogramme:work-programme": PROGRAMME_YEARS,
}
# The OParl endpoint (/oparl/v1/body/<panel>/…), by name: what fills each pattern besides the
# panel's slug. The public's view for everyone: no actor may find a marker in it.
OPARL_KINDS = [
    "organizations", "people", "memberships", "meetings", "papers", "files",
    "legislative-terms", "locations", "nothing",
]  # fmt: skip
OPARL_ROUTES: dict[str, Callable[[World], list[Kwargs]]] = {
    "body": _none,
    "list": lambda world: [{"kind": k} for k in OPARL_KINDS],
    "organization": BODIES,
    "person": PEOPLE,
    "membership": MEMBERSHIPS,
    "legislative-term": lambda world: [{"year": y} for y in ("2029-30", "2030-31", "2014-15")],
    **dict.fromkeys(["meeting", "location", "pack-file", "minutes-file"], _meetings),
    **dict.fromkeys(["agenda-item", "report", "consultation"], _item_numbers),
    "appendix-file": _letters_by_number,
    "decision": _decisions_by_number,
    "decision-file": _decision_files,
    "case-document": _case_documents,
    "statutory-report": _with(_cases, stage=["first", "revised", "reserve", "bogus"]),
}
# Pages outside any panel.
SITE_ROUTES: dict[str, list[str]] = {
    "home": ["/"],
    "healthz": ["/healthz"],
    "healthz-session": ["/healthz/session"],
    "login": ["/accounts/login/"],
    "logout": ["/accounts/logout/"],
    "password_reset": ["/accounts/password-reset/"],
    "password_reset_done": ["/accounts/password-reset/sent/"],
    "password_reset_confirm": ["/accounts/reset/MQ/set-password/", "/accounts/reset/MQ/x-y/"],
    "password_reset_complete": ["/accounts/reset/done/"],
    "password_change": ["/accounts/password-change/"],
    "password_change_done": ["/accounts/password-change/done/"],
    "api:schema": ["/api/schema/"],
    "api:panels": ["/api/panels/"],
    "oparl:system": ["/oparl/v1/system"],
    "oparl:bodies": ["/oparl/v1/bodies", "/oparl/v1/bodies?modified_since=2001-01-01T00:00:00Z"],
    "subscriptions:account": ["/alerts/"],
}
# Pages outside any panel whose addresses carry a subscriber's links.
SITE_WORLD_ROUTES: dict[str, Callable[[World], list[str]]] = {
    "subscriptions:confirm": lambda w: [
        reverse("subscriptions:confirm", args=[t]) for p in PANELS for t in w[p].alert_tokens
    ],
    "subscriptions:unsubscribe": lambda w: [
        reverse("subscriptions:unsubscribe", args=[t]) for p in PANELS for t in w[p].alert_tokens
    ],
    "subscriptions:manage": lambda w: [
        reverse("subscriptions:manage", args=[k])
        for k in [*w["alpha"].subscriber_keys, "no-such-key"]
    ],
}


def _admin_paths(route: str) -> list[str]:
    """The admin's own patterns, filled with the first object of each model (every panel's)."""
    if "(?P<app_label>" in route:
        return ["/admin/meetings/", "/admin/decisions/"]
    if "(?P<url>" in route:
        return ["/admin/no-such-page/"]
    parts = route.removeprefix("admin/").split("/")
    if "<" not in route:
        return ["/" + route]
    if parts[0] == "r":  # view on site: /admin/r/<content_type_id>/<object_id>/
        return ["/admin/r/1/1/"]
    model = apps.get_model(parts[0], parts[1])
    with scopes_disabled():
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True)[:1]) or [1]
    path = route
    for token in ("<path:object_id>", "<id>"):
        path = path.replace(token, str(pks[0]))
    return ["/" + path]


@dataclass(frozen=True)
class Request:
    route: str
    path: str


def _short(name: str) -> str:
    """A pattern's name without its namespaces ("meetings:meeting", "api:meetings:meeting")."""
    return name.rsplit(":", 1)[-1]


def plan(world: World) -> tuple[list[Request], list[str]]:
    """Every request to make, and the URL patterns nobody knows how to fill (must be empty)."""
    requests, unknown = [], []
    for route, name in url_patterns():
        if route.startswith("admin/"):
            paths = _admin_paths(route)
        elif name in SITE_ROUTES:
            paths = SITE_ROUTES[name]
        elif name in SITE_WORLD_ROUTES:
            paths = SITE_WORLD_ROUTES[name](world)
        elif name and name.startswith("oparl:") and _short(name) in OPARL_ROUTES:
            fills = OPARL_ROUTES[_short(name)](world)
            paths = [reverse(name, kwargs={"panel_slug": p, **k}) for p in PANELS for k in fills]
        elif name and name.count(":") == 1 and _short(name) in PANEL_ROUTES:
            fills = PANEL_ROUTES[_short(name)](world)
            paths = [reverse(name, kwargs={"panel_slug": p, **k}) for p in PANELS for k in fills]
            paths += [f"{path}?{query}" for path in paths for query in QUERIES.get(name, [])]
        elif name and name.startswith("api:") and _short(name) in API_ROUTES:
            fills = API_ROUTES[_short(name)](world)
            paths = [reverse(name, kwargs={"panel_slug": p, **k}) for p in PANELS for k in fills]
            paths += [f"{path}?{query}" for path in paths for query in QUERIES.get(name, [])]
        else:
            unknown.append(f"{route} ({name})")
            continue
        for path in paths:
            requests.append(Request(route, path))
    # Error pages: a missing panel, a missing page, a reserved word.
    requests += [Request("<404>", "/no-such-panel/"), Request("<404>", "/alpha/no-such-page/")]
    return requests, unknown


# --- Reading responses -----------------------------------------------------------------------

_PDF_TEXT: dict[str, str] = {}


def pdf_text(data: bytes) -> str:
    key = hashlib.sha256(data).hexdigest()
    if key not in _PDF_TEXT:
        reader = PdfReader(io.BytesIO(data))
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        outline = repr(reader.outline)
        pages = "\n".join(page.extract_text() or "" for page in reader.pages)
        _PDF_TEXT[key] = f"{meta}\n{outline}\n{pages}"
    return _PDF_TEXT[key]


def response_text(response: Any) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    head = " ".join(response.get(h, "") for h in ("Location", "Content-Disposition", "Link"))
    if data.startswith(b"%PDF"):
        return head + "\n" + pdf_text(data)
    return head + "\n" + data.decode("utf-8", "replace")


class LogCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += " " + repr(record.exc_info[1])
        self.lines.append(f"{record.name} {text}")


# --- The walk --------------------------------------------------------------------------------


@dataclass
class Leak:
    actor: str
    where: str
    marker: str
    kind: str

    def __str__(self) -> str:
        return f"{self.actor} saw {self.kind} marker {self.marker} at {self.where}"


def fingerprint() -> tuple[tuple[str, int, int], ...]:
    """Row counts and a checksum of every project table: a refused POST must change nothing."""
    rows = []
    with scopes_disabled():
        for model in apps.get_models():
            if model._meta.app_label in PROJECT_APPS and not model._meta.proxy:
                values = list(model._base_manager.order_by("pk").values_list())
                digest = int(hashlib.sha256(repr(values).encode()).hexdigest()[:12], 16)
                rows.append((model._meta.label, len(values), digest))
    return tuple(rows)


@pytest.fixture
def world(cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return build_world(cast)


def test_no_marker_reaches_anyone_not_entitled_to_it(world):
    requests, unknown = plan(world)
    assert not unknown, "URL patterns the walker does not know; add them to ROUTES:\n" + "\n".join(
        unknown
    )
    routes = {route for route, _ in url_patterns()}
    for request in requests:
        if request.route != "<404>":
            assert _route_of(request.path) == request.route, request

    collector = LogCollector()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(collector)
    root.setLevel(logging.INFO)
    leaks: list[Leak] = []
    seen: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    spent: Counter[str] = Counter()
    covered: set[str] = set()
    count = 0
    try:
        for actor, panel_key, role in ACTORS:
            client = Client(raise_request_exception=True)
            if role is not None:
                user = world.cast.user(panel_key, role)
                forget_roles(user)
                client.force_login(user)
            readable = [m for m in world.markers if m.readable_by(panel_key, role)]
            hidden = [m for m in world.markers if not m.readable_by(panel_key, role)]
            before = fingerprint() if actor in REFUSED_POSTERS else None
            for request in requests:
                methods = ["get"]
                prefix = REFUSED_POSTERS.get(actor)
                if (
                    prefix is not None
                    and request.path.startswith((prefix, f"/api/panels{prefix}"))
                    # An alert's links act for whoever holds them (confirm, one-click
                    # unsubscribe, manage): alerts/tests/ posts to them.
                    and not request.path.startswith(("/accounts/", "/admin/", "/alerts/"))
                ):
                    methods.append("post")
                for method in methods:
                    started = time.perf_counter()
                    response = getattr(client, method)(request.path)
                    count += 1
                    statuses[response.status_code] += 1
                    assert response.status_code < 500, (actor, method, request.path)
                    covered.add(request.route)
                    text = response_text(response)
                    spent[request.route] += time.perf_counter() - started
                    for marker in hidden:
                        if marker.text in text:
                            leaks.append(
                                Leak(actor, f"{method} {request.path}", marker.text, marker.where)
                            )
                    for marker in readable:
                        if marker.text in text:
                            seen[marker.text] += 1
            if before is not None:
                assert fingerprint() == before, f"a refused POST changed data (as {actor})"
        # Emails: whatever the scheduled jobs and a password reset send carries no secret.
        # Emails: the reminders sent before the draft meeting's deadline, and the daily jobs.
        for key in PANELS:
            draft = world[key].meetings[1]
            with panel_scope(world[key].cast.panel):
                reminders.send_for_panel(world[key].cast.panel, deadline_for(draft) - ONE_DAY)
        action_reminders_send()
        complaints_anonymise_all()
        # Alerts: everything published in the world, to its immediate and weekly subscribers.
        alerts_sent = alerts_delivery.sweep() + alerts_delivery.digests_send()
        for message in mail.outbox:
            body = f"{message.subject}\n{message.body}\n" + " ".join(
                str(alt[0]) for alt in getattr(message, "alternatives", [])
            )
            for marker in world.markers:
                if marker.text in body:
                    leaks.append(
                        Leak(f"email to {message.to}", message.subject, marker.text, marker.where)
                    )
    finally:
        root.removeHandler(collector)
        root.setLevel(old_level)
    for line in collector.lines:
        for marker in world.markers:
            if marker.text in line:
                leaks.append(Leak("the logs", line[:120], marker.text, marker.where))

    assert not leaks, "\n".join(str(leak) for leak in leaks[:40])
    assert mail.outbox, "the reminders sent no email: the walker searched none"
    assert alerts_sent >= 4, "the alerts sent too few messages for the walker to search"
    missing = sorted(routes - covered)
    assert not missing, "URL patterns not exercised:\n" + "\n".join(missing)
    walkers = {(p, r) for _, p, r in ACTORS}
    unseen = [
        m
        for m in world.markers
        if not seen[m.text]
        and m.where not in UNREACHABLE
        and any((m.panel, r) in walkers for r in m.readers)
    ]
    assert not unseen, "markers no entitled reader ever saw (is the walker looking?): " + ", ".join(
        f"{m.text} ({m.where})" for m in unseen
    )
    HARNESS_SUMMARY.append(
        f"walker: {count} requests, {len(leaks)} leaks, "
        f"{len(covered & routes)}/{len(routes)} URL patterns covered, "
        f"{len(world.markers)} markers, {len(mail.outbox)} emails searched, "
        f"{len(collector.lines)} log lines searched; statuses {dict(sorted(statuses.items()))}"
    )
    slowest = ", ".join(f"{route} {t:.1f}s" for route, t in spent.most_common(3))
    HARNESS_SUMMARY.append(f"walker: slowest patterns {slowest}")


def test_a_server_error_page_shows_nothing_of_the_error(world, monkeypatch):
    """The 500 page is the same plain page whatever went wrong: no exception text, no secret."""
    from meetings import views as meeting_views

    secret = next(m for m in world.markers if m.where == "report").text

    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(secret)

    monkeypatch.setattr(meeting_views, "render", explode)
    client = Client(raise_request_exception=False)
    response = client.get(reverse("meetings:meetings", kwargs={"panel_slug": "alpha"}))
    assert response.status_code == 500
    assert secret not in response.content.decode()
    assert "Sorry, there is a problem" in response.content.decode()


def test_a_private_resolution_never_becomes_a_public_action(world):
    """The tracker is public: copying an exempt item's resolution into it would publish it."""
    alpha = world["alpha"]
    private = next(r for r in alpha.resolutions if r.item.access == "exempt")
    client = Client()
    client.force_login(world.cast.user("alpha", Role.CLERK))
    before = fingerprint()
    response = client.post(
        reverse("workprogramme:action-from-resolution", args=["alpha", private.pk]),
        {"lead_team": "Democratic Services"},
        follow=True,
    )
    assert "made in private" in response.content.decode()
    assert fingerprint() == before


# Markers in the text of a PDF that the index holds: each is found, by those entitled only
# (a case's exempt application also by its title, which names its pages).
INDEXED_PAPERS = {"appfile", "bidfile", "dexfile", "sappl", "sapplfile"}


def _hits(client: Client, name: str, panel: str, text: str) -> int:
    response = client.get(reverse(name, args=[panel]), {"q": text})
    assert response.status_code == 200
    body = response.content.decode()
    if name == "search:feed":
        return body.count("<entry>")
    return body.count('class="app-search-result')


def test_search_finds_each_marker_only_for_those_entitled(world):
    """Each marker searched for as every reader, in both panels' search and their feeds: the
    index holds public text, and the pages of exempt papers, which only a reader of the paper's
    own panel entitled to it finds (the markers in exempt PDFs, found by them and them alone)."""
    searches, found = 0, Counter[str]()
    for _actor, panel_key, role in ACTORS:
        client = Client()
        if role is not None:
            user = world.cast.user(panel_key, role)
            forget_roles(user)
            client.force_login(user)
        for marker in world.markers:
            for panel in PANELS:
                for name in ("search:search", "search:feed"):
                    hits = _hits(client, name, panel, marker.text)
                    searches += 1
                    if hits:
                        entitled = panel == marker.panel and marker.readable_by(panel_key, role)
                        assert entitled and marker.where in INDEXED_PAPERS, (marker, panel, role)
                        found[f"{marker.where}:{panel_key}:{role}"] += 1
    # Not vacuous: each exempt paper's marker is found by its panel's clerk and members (and a
    # decision's by the OPCC) in the page and the feed, and by nobody else.
    expected = {
        f"{m.where}:{m.panel}:{r}"
        for m in world.markers
        if m.where in INDEXED_PAPERS
        for _a, p, r in ACTORS
        if r is not None and m.readable_by(p, r)
    }
    assert set(found) == expected and all(n == 2 for n in found.values()), found
    # And what is public is found by everyone.
    meeting = world["alpha"].meetings[0]
    with panel_scope(meeting.panel_id):
        published = meeting.agenda_versions.order_by("-number").first().content["items"]
    public = next(i for i in published if i["access"] == "public" and i["kind"] == "report")
    # The published title is found (the draft renamed it since: the new title is a marker).
    response = Client().get(reverse("search:search", args=["alpha"]), {"q": public["title"]})
    assert 'class="app-search-result' in response.content.decode()
    HARNESS_SUMMARY.append(
        f"search: {searches} searches (page and feed) for {len(world.markers)} markers, "
        f"{len(found)} found, each only by a reader entitled to its paper"
    )
