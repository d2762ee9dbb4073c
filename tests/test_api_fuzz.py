"""API fuzzing: schemathesis generates requests from the OpenAPI schema, in-process (WSGI), as the
public, a member and a clerk of panel alpha. No response may be a server error, and every
response must match the schema: a documented status, the documented content type and body.

Path parameters are steered half the time to real objects (panel alpha's meetings, items,
decisions, actions, complaints), so the operations are exercised beyond their 404s.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from complaints import services as complaint_services
from decisions.testing import draft, published_with_exempt_part
from meetings.testing import published_meeting
from panel.access import Role
from panel.tenancy import panel_scope
from panel.testing import HARNESS_SUMMARY, api_token
from workprogramme import services as wp_services

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ACTORS = {"anonymous": None, "member": Role.MEMBER, "clerk": Role.CLERK}
TALLY: Counter[str] = Counter()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes "old" connections around each request, as a server should; in a
    test that would close the test's own transaction (Django's test client does the same)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def objects(cast, settings, tmp_path):
    """Real objects of panel alpha for path parameters to point at."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    alpha = cast["alpha"]
    pm = published_meeting(alpha)
    with panel_scope(alpha.panel):
        decision = published_with_exempt_part(alpha)
        drafted = draft(alpha, title="Fleet")
        action = wp_services.action_create(
            panel=alpha.panel,
            text="Report back",
            raised_on=dt.date(2030, 3, 15),
            lead_opcc=True,
            actor=None,
        )
        complaint = complaint_services.complaint_receive(
            panel=alpha.panel,
            received_on=timezone.localdate(),
            channel="email",
            complainant_name="A Person",
            subject="pcc",
            text="About the Commissioner",
            actor=None,
        )
    return {
        "panel_slug": ["alpha"],
        "meeting_slug": [pm.meeting.slug],
        "item_id": [pm.public_item.pk, pm.exempt_item.pk],
        "decision_id": [decision.pk, drafted.pk],
        "action_id": [action.pk],
        "complaint_id": [complaint.pk],
        "body_slug": [alpha.main_body.slug],
        "person_slug": [alpha.councillor.slug],
        "action": ["submit", "record", "publish"],
    }


@pytest.fixture
def keys():
    """The API keys of this test's actors (its examples share its database)."""
    return {}


def _steer(case: Any, objects: dict[str, list[Any]]) -> None:
    """Point generated path parameters at real objects about half the time, deterministically."""
    for name, value in list((case.path_parameters or {}).items()):
        known = objects.get(name)
        pick = zlib.crc32(str(value).encode())  # stable across runs, unlike hash()
        if known and (name == "panel_slug" or pick % 2 == 0):
            case.path_parameters[name] = known[pick % len(known)]


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    if TALLY["requests"]:
        operations = len(list(schema.get_all_operations()))
        HARNESS_SUMMARY.append(
            f"schemathesis: {operations} operations x {len(ACTORS)} actors, "
            f"{TALLY['requests']} requests, {TALLY['server errors']} server errors, "
            f"{TALLY['schema violations']} schema violations"
        )


@pytest.mark.parametrize("actor", ACTORS)
@schema.parametrize()
@hypothesis_settings(
    max_examples=int(os.getenv("FUZZ_EXAMPLES", "12")),
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_and_never_breaks_its_schema(case, actor, objects, cast, keys):
    _steer(case, objects)
    headers = {}
    role = ACTORS[actor]
    if role is not None:
        if role not in keys:  # one token per role, for the test's examples
            keys[role] = api_token(cast.user("alpha", role), cast["alpha"].panel, role)[1]
        headers["Authorization"] = f"Token {keys[role]}"
    TALLY["requests"] += 1
    try:
        case.call_and_validate(headers=headers, checks=CHECKS)
    except Exception as failure:  # schemathesis raises a group of the checks that failed
        kinds = {type(e).__name__ for e in getattr(failure, "exceptions", [failure])}
        TALLY["server errors" if "ServerError" in kinds else "schema violations"] += 1
        raise
