"""The authorisation matrix (matrix.yaml) run against the pages and the API, and what lists tell.

- Every row × every actor: the outcome (allowed, 404, 403, sent to sign in) is the one the matrix
  says; a refused write leaves the database as it was and an allowed one changes it.
- Lists agree with details: what a list shows, its detail opens, and what a detail opens, the
  list shows; counts equal what is listed; filters and ordering reveal nothing hidden.
- Another panel's ids in a request body are refused and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from decisions.models import DecisionAttachment
from meetings.models import Appendix, Meeting
from panel.access import Role, forget_roles
from panel.testing import HARNESS_SUMMARY

from .test_walker import fingerprint
from .world import World, build_world

MATRIX = yaml.safe_load((Path(__file__).parent / "matrix.yaml").read_text())
ACTORS = MATRIX["groups"]["everyone"]


def actor_client(world: World, actor: str) -> Client:
    client = Client()
    if actor != "anonymous":
        where, role = actor.split(":")
        user = world.cast.user("alpha" if where == "own" else "beta", Role(role))
        forget_roles(user)
        client.force_login(user)
    return client


def fixture_values(world: World) -> dict[str, Any]:
    alpha = world["alpha"]
    published, draft, _previous = alpha.meetings
    items = {i.title: i for i in alpha.items[published.slug]}
    with scopes_disabled():
        files = Appendix.objects.exclude(stored_file=None)
        appendices = list(files.filter(item__meeting=published))
        draft_files = list(files.filter(item__meeting=draft))
        decision, draft_decision, _edited = alpha.decisions
        exempt_attachment = DecisionAttachment.objects.get(decision=decision, access="exempt")
    # The draft renamed it after publication: found by its published title.
    public_item = next(i for t, i in items.items() if t.startswith("Neighbourhood policing"))
    return {
        "body": alpha.cast.main_body.slug,
        "person": alpha.cast.councillor.slug,
        "membership": alpha.cast.membership.pk,
        "published": published.slug,
        "draft": draft.slug,
        "draft_item": alpha.items[draft.slug][-1].pk,
        "public_item": public_item.pk,
        "exempt_item": items["Contract for custody healthcare"].pk,
        "public_file": next(a.stored_file_id for a in appendices if a.access == "public"),
        "exempt_file": next(a.stored_file_id for a in appendices if a.access == "exempt"),
        "draft_file": draft_files[0].stored_file_id,
        "decision_number": decision.number,
        "decision": decision.pk,
        "decision_exempt_file": exempt_attachment.stored_file_id,
        "draft_decision": draft_decision.pk,
        "draft_decision_file": alpha.decision_files[draft_decision.pk][0],
        "complaint": alpha.complaints[0].pk,
        "complaint_file": alpha.complaint_files[alpha.complaints[0].pk][0],
        "set_aside_complaint": alpha.complaints[3].pk,
        "conduct_matter": alpha.complaints[4].pk,
        "work_item": alpha.work_items[0].pk,
        "action": alpha.actions[0].pk,
        # a resolution no action has been raised from yet (each makes one action)
        "public_resolution": [r.pk for r in alpha.resolutions if r.item_id == public_item.pk][-1],
        "late_item": next(i.pk for t, i in items.items() if t.startswith("Late item")),
        "renamed_item": public_item.pk,
        "made_exempt_item": next(i.pk for t, i in items.items() if t.startswith("Victims")),
        **_published_numbers(published, items),
        **_cases(alpha),
        **_plans(alpha),
        "api_token": alpha.api_tokens[0].pk,
        "previous": _previous.slug,
        "previous_item": next(
            i.pk for i in alpha.items[_previous.slug] if i.title == "Road safety partnership"
        ),
    }


def _cases(alpha: Any) -> dict[str, Any]:
    vetoed, drafted, answered, chief, _reserved, awaiting_reserve, closed = alpha.cases
    with scopes_disabled():
        drafted.refresh_from_db()
        resolution = alpha.vote_resolutions[0]
        meeting = resolution.item.meeting
    return {
        "case": vetoed.number,
        "drafted_case": drafted.number,
        "drafted_case_version": drafted.version,
        "answered_case": answered.number,
        "vetoed_chief_case": awaiting_reserve.number,
        "closed_precept_case": closed.number,
        "chief_case": chief.number,
        "case_public_document": alpha.case_documents[0],
        "case_exempt_document": alpha.case_documents[1],
        "vote_meeting": meeting.slug,
        "vote_resolution": resolution.pk,
    }


def _plans(alpha: Any) -> dict[str, Any]:
    plan, unpublished = alpha.plans
    published, draft, submitted = alpha.returns
    harm = next(p for p in alpha.priorities if p.plan_id == plan.pk)
    return {
        "plan": plan.slug,
        "draft_plan": unpublished.slug,
        "plan_priority": harm.slug,
        "plan_priority_id": harm.pk,
        "draft_plan_priority": next(p.slug for p in alpha.priorities if p.plan_id != plan.pk),
        "plan_measure": "victim-satisfaction",
        "plan_measure_id": next(m.pk for m in alpha.measures if m.slug == "burglaries"),
        "published_quarter": published.key,
        "draft_quarter": draft.key,
        "draft_quarter_version": draft.version,
        "submitted_quarter": submitted.key,
        "submitted_quarter_version": submitted.version,
    }


def _published_numbers(meeting: Any, items: dict[str, Any]) -> dict[str, str]:
    """Items' public addresses are their numbers on the published agenda; a draft item has only
    its live number (which no published agenda gives it)."""
    with scopes_disabled():
        version = meeting.agenda_versions.order_by("-number").first()
    published = {i["id"]: i["number"] for i in version.content["items"]}

    def number(prefix: str) -> str:
        item = next(i for t, i in items.items() if t.startswith(prefix))
        return published.get(item.pk, item.number)

    return {
        "public_item_no": number("Neighbourhood policing"),
        "exempt_item_no": number("Contract for custody healthcare"),
        "late_item_no": number("Late item"),
        "made_exempt_item_no": number("Victims"),
    }


def _value(world: World, token: str) -> Any:
    if token == "@today":
        return timezone.localdate().isoformat()
    if token == "@csv":  # a valid return file: a refusal is the policy's, not the file's
        body = b"measure,value,note\nvictim-satisfaction,81.5,From the file\n"
        return SimpleUploadedFile("return.csv", body, content_type="text/csv")
    if token in ("@draft_version", "@published_version"):
        meeting = world["alpha"].meetings[1 if token == "@draft_version" else 0]
        meeting.refresh_from_db()
        return meeting.version
    return token


def outcome(response: Any) -> str:
    status = response.status_code
    if status in (301, 302, 303) and response["Location"].startswith(reverse("login")):
        return "login"
    if status < 400:
        return "allow"
    if status in (401, 403):
        return "403"
    return str(status)


def expected(row: dict[str, Any], actor: str) -> str:
    allow = row["allow"]
    allowed = MATRIX["groups"][allow] if isinstance(allow, str) else allow
    if actor in allowed:
        return str(row.get("refused", "allow"))  # "refused": the entitled are told no, by name
    return str(row.get("anonymous", "404")) if actor == "anonymous" else "404"


def request(world: World, values: dict[str, Any], row: dict[str, Any], actor: str) -> Any:
    args = [values.get(a, a) for a in row.get("args", [])]
    url = reverse(row["url"], args=["alpha", *args])
    method = row.get("method", "get")
    client = actor_client(world, actor)
    if method == "get":
        return client.get(url)
    data = {
        k: values.get(v[1:]) or _value(world, v) if isinstance(v, str) else v
        for k, v in row["data"].items()
    }  # "@name": a fixture value; "@today", "@csv" and "@…_version" are worked out when sent
    if row["how"] == "api" and not any(isinstance(v, SimpleUploadedFile) for v in data.values()):
        return getattr(client, method)(url, json.dumps(data), content_type="application/json")
    return client.post(url, data)


@pytest.fixture
def world(cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_world(cast)


def test_every_actor_gets_what_the_matrix_says(world):
    values = fixture_values(world)
    failures, checks = [], 0
    for row in MATRIX["rows"]:
        writes = row.get("method", "get") != "get"
        # Refused actors first: an allowed write must not change what the next actor meets.
        order = sorted(ACTORS, key=lambda a: expected(row, a) == "allow")
        for actor in order:
            want = expected(row, actor)
            with transaction.atomic():
                before = fingerprint() if writes else None
                response = request(world, values, row, actor)
                got = outcome(response)
                changed = writes and fingerprint() != before
                transaction.set_rollback(True)
            checks += 1
            label = f"{row['kind']} / {row['action']} ({row['how']} {row['url']}) as {actor}"
            if got != want:
                failures.append(f"{label}: expected {want}, got {got} ({response.status_code})")
            elif writes and changed != (want == "allow"):
                failures.append(f"{label}: {'changed' if changed else 'did not change'} the data")
    HARNESS_SUMMARY.append(
        f"matrix: {len(MATRIX['rows'])} rows x {len(ACTORS)} actors = {checks} checks, "
        f"{len(failures)} failures"
    )
    assert not failures, "\n".join(failures)


# --- Lists agree with details ---------------------------------------------------------------

LISTS = {
    # list page or API, the detail URL pattern its links follow, and the detail route.
    "meetings page": ("meetings:meetings", r"/alpha/meetings/(\d{4}-\d{2}-\d{2}[\w-]*)/"),
    "decisions page": ("decisions:decisions", r"/alpha/decisions/(\d+)/"),
    "complaints page": ("complaints:complaints", r"/alpha/complaints/(\d+)/"),
    "actions page": ("workprogramme:actions", r"/alpha/actions/(\d+)/"),
    "reports register": ("statutory:register", r"/alpha/reports-register/(\d+)/"),
    "plans page": ("performance:plans", r"/alpha/plan/([\w-]+)/"),
}


def _listed(world: World, actor: str) -> dict[str, set[str]]:
    client = actor_client(world, actor)
    out = {}
    for name, (route, pattern) in LISTS.items():
        response = client.get(reverse(route, args=["alpha"]))
        page = response.content.decode() if response.status_code == 200 else ""
        out[name] = set(re.findall(pattern, page))
    return out


def _openable(world: World, actor: str) -> dict[str, set[str]]:
    client = actor_client(world, actor)
    alpha = world["alpha"]
    with scopes_disabled():  # the meeting of the precept's recorded vote
        voted = [r.item.meeting.slug for r in alpha.vote_resolutions]
    candidates = {
        "meetings page": ("meetings:meeting", [m.slug for m in alpha.meetings] + voted),
        # The register lists published and withdrawn records; the OPCC reaches its unpublished
        # numbered ones from its own list (checked below), nobody else at all.
        "decisions page": (
            "decisions:decision",
            [d.number for d in alpha.decisions if d.number and (d.published_at or d.withdrawn_at)],
        ),
        "complaints page": ("complaints:complaint", [c.pk for c in alpha.complaints]),
        "actions page": ("workprogramme:action", [a.pk for a in alpha.actions]),
        "reports register": ("statutory:case", [c.number for c in alpha.cases]),
        "plans page": ("performance:plan", [p.slug for p in alpha.plans]),
    }
    return {
        name: {
            str(key)
            for key in keys
            if client.get(reverse(route, args=["alpha", key])).status_code == 200
        }
        for name, (route, keys) in candidates.items()
    }


@pytest.mark.parametrize("actor", ACTORS)
def test_lists_show_exactly_what_details_open(world, actor):
    listed = _listed(world, actor)
    assert listed == _openable(world, actor)
    # The comparison is not of two empty sets: everyone sees the published meeting and the
    # action, and everyone the scheduled meeting; only the handler the five cases.
    alpha = world["alpha"]
    assert alpha.meetings[0].slug in listed["meetings page"]
    # A meeting is public from the day it is scheduled: the draft's meeting is listed for
    # everyone (its facts only; the walker finds none of its draft's markers).
    assert alpha.meetings[1].slug in listed["meetings page"]
    assert len(listed["actions page"]) == 1
    submitted = alpha.decisions[2].number
    opened = actor_client(world, actor).get(
        reverse("decisions:decision", args=["alpha", submitted])
    )
    assert (opened.status_code == 200) == (actor == "own:opcc_officer")
    assert len(listed["complaints page"]) == (5 if actor == "own:complaints_handler" else 0)
    # The published plan for everyone; the one not yet published for the office and the clerk.
    published, unpublished = (p.slug for p in alpha.plans)
    assert published in listed["plans page"]
    assert (unpublished in listed["plans page"]) == (actor in ("own:opcc_officer", "own:clerk"))


def test_api_counts_and_filters_reveal_nothing_hidden(world):
    public = actor_client(world, "anonymous")
    handler = actor_client(world, "own:complaints_handler")
    decisions = public.get(reverse("api:decisions:decisions", args=["alpha"])).json()
    rows = decisions["results"] if isinstance(decisions, dict) else decisions
    if isinstance(decisions, dict) and "count" in decisions:
        assert decisions["count"] == len(rows) == 1
    assert len(rows) == 1  # the draft is neither listed nor counted
    for query in (
        "status=draft",
        "ordering=-created",
        "search=Estates",
        "q=Estates",
        "status=submitted",
        "page=2",
    ):
        response = public.get(reverse("api:decisions:decisions", args=["alpha"]) + "?" + query)
        assert response.status_code in (200, 400, 404), query
        assert "ddraft" not in response.content.decode().lower()
        assert "Estates" not in response.content.decode(), query
    meetings = public.get(
        reverse("api:meetings:meetings", args=["alpha"]) + "?ordering=venue"
    ).json()
    rows = meetings["results"] if isinstance(meetings, dict) else meetings
    with scopes_disabled():  # every scheduled meeting, its agenda published or not
        scheduled = list(
            Meeting.objects.filter(panel=world["alpha"].cast.panel).values_list("slug", flat=True)
        )
    assert sorted(m["slug"] for m in rows) == sorted(scheduled)
    # The complaints handler's count is every case; everyone else learns no count at all.
    assert len(_rows(handler.get(reverse("api:complaints:complaints", args=["alpha"])).json())) == 5
    for actor in ("own:clerk", "own:member", "other:complaints_handler"):
        response = actor_client(world, actor).get(
            reverse("api:complaints:complaints", args=["alpha"])
        )
        assert response.status_code == 404, actor


def _rows(payload: Any) -> list[Any]:
    return payload["results"] if isinstance(payload, dict) else payload


# --- Another panel's ids in request bodies --------------------------------------------------


def test_another_panels_ids_in_a_request_body_are_refused(world):
    clerk = actor_client(world, "own:clerk")
    beta = world["beta"]
    alpha_meeting = world["alpha"].meetings[1].slug
    attempts = [
        (
            "api:meetings:attendance-create",
            [alpha_meeting],
            {"person": beta.cast.councillor.slug, "status": "present"},
        ),
        (
            "api:meetings:attendance-create",
            [alpha_meeting],
            {"person": beta.cast.councillor.pk, "status": "present"},
        ),
        (
            "api:meetings:declaration-create",
            [alpha_meeting],
            {"person": beta.cast.councillor.slug, "pecuniary": False, "nature": "Home"},
        ),
        (
            "api:meetings:meetings",
            [],
            {
                "body": beta.cast.working_group.slug + "-beta",
                "start": "2031-01-01T10:00:00+00:00",
                "venue": "X",
            },
        ),
    ]
    for route, args, body in attempts:
        before = fingerprint()
        response = clerk.post(
            reverse(route, args=["alpha", *args]), json.dumps(body), content_type="application/json"
        )
        assert response.status_code in (400, 404), (route, body, response.status_code)
        assert fingerprint() == before, (route, body)
    # A form naming another panel's meeting as the one an action's update is due at.
    action_create = reverse("workprogramme:action-create", args=["alpha"])
    before = fingerprint()
    response = clerk.post(
        action_create,
        {
            "text": "Report back",
            "raised_on": dt.date(2030, 3, 15).isoformat(),
            "lead_team": "Finance",
            "update_due": beta.meetings[1].pk,
        },
    )
    assert response.status_code in (200, 302, 400, 404)
    assert fingerprint() == before
