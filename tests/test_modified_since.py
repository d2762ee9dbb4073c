"""``modified_since`` on every list of the API: what changed after the moment, only that, only
what the reader may see; a bad value a 400 naming the parameter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.utils import timezone

from complaints.models import Complaint
from decisions.models import Decision, DecisionAttachment
from meetings.models import Meeting
from panel.access import Role
from panel.audit import save_as
from panel.models import Body, Membership, Panel, Person
from panel.tenancy import panel_scope
from performance.models import Plan, Return
from statutory.models import StatutoryCase
from tests.security.world import World, build_world
from workprogramme.models import Action, WorkProgrammeItem

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Lister:
    path: str  # under /api/panels/<panel>/ unless it starts with /
    role: Role
    key: str  # the field naming a row
    find: Callable[[Panel, Any], Any]  # the row's record, from its key


def _by(model: Any, field: str) -> Callable[[Panel, Any], Any]:
    return lambda panel, value: model.objects.for_panel(panel).get(**{field: value})


def _return(panel: Panel, key: str) -> Return:
    year, quarter = key.split("-q")
    return Return.objects.for_panel(panel).get(year=int(year[:4]), quarter=int(quarter))


LISTS = {
    "panels": Lister("/api/panels/", Role.CLERK, "slug", lambda p, v: Panel.objects.get(slug=v)),
    "bodies": Lister("bodies/", Role.CLERK, "slug", _by(Body, "slug")),
    "people": Lister("people/", Role.CLERK, "slug", _by(Person, "slug")),
    "memberships": Lister("memberships/", Role.CLERK, "id", _by(Membership, "pk")),
    "meetings": Lister("meetings/", Role.CLERK, "slug", _by(Meeting, "slug")),
    "decisions": Lister("decisions/", Role.OPCC_OFFICER, "id", _by(Decision, "pk")),
    "complaints": Lister("complaints/", Role.COMPLAINTS_HANDLER, "id", _by(Complaint, "pk")),
    "cases": Lister("cases/", Role.CLERK, "number", _by(StatutoryCase, "number")),
    "plans": Lister("plans/", Role.CLERK, "slug", _by(Plan, "slug")),
    "returns": Lister("plans/{plan}/returns/", Role.CLERK, "key", _return),
    "work-programme": Lister("work-programme/", Role.CLERK, "id", _by(WorkProgrammeItem, "pk")),
    "actions": Lister("actions/", Role.CLERK, "id", _by(Action, "pk")),
}
FIGURES = "plans/{plan}/figures/"


def _url(world: World, panel_key: str, path: str, query: str = "") -> str:
    plan = world[panel_key].plans[0].slug
    path = path.format(plan=plan)
    url = path if path.startswith("/") else f"/api/panels/{panel_key}/{path}"
    return f"{url}?{query}" if query else url


def _rows(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    data = response.json()
    return data["results"] if isinstance(data, dict) else data


def _since(moment: dt.datetime) -> str:
    return "modified_since=" + quote(moment.isoformat())


@pytest.fixture
def world(cast):
    built = build_world(cast)
    # The world publishes its agendas and minutes on their dates in 2030: every moment of the
    # tests comes after them.
    with time_machine.travel(dt.datetime(2031, 6, 1, tzinfo=dt.UTC), tick=True):
        yield built


def test_every_list_returns_only_what_changed_after_the_moment(world, client_for):
    for name, lister in LISTS.items():
        client = client_for(world.cast.user("alpha", lister.role))
        every = _rows(client.get(_url(world, "alpha", lister.path)))
        assert every, name  # and none of them is listed as changed until one is
        moment = timezone.now()
        assert _rows(client.get(_url(world, "alpha", lister.path, _since(moment)))) == [], name

        edited = every[-1][lister.key]
        panel = world["alpha"].cast.panel
        with panel_scope(panel):
            save_as(lister.find(panel, edited), None)

        rows = _rows(client.get(_url(world, "alpha", lister.path, _since(moment))))
        assert [row[lister.key] for row in rows] == [edited], name
        # Before the edit, everything the reader sees is listed, as without the parameter.
        before = moment - dt.timedelta(days=365 * 20)
        assert len(_rows(client.get(_url(world, "alpha", lister.path, _since(before))))) == len(
            every
        ), name
    # One world for the three (it takes a while to build).
    _figures_of_a_quarter_whose_return_changed_are_listed(world, client_for)
    _a_change_to_a_part_changes_the_record_it_belongs_to(world, client_for)


def _figures_of_a_quarter_whose_return_changed_are_listed(world, client_for):
    client = client_for(world.cast.user("alpha", Role.CLERK))
    every = _rows(client.get(_url(world, "alpha", FIGURES)))
    moment = timezone.now()
    assert _rows(client.get(_url(world, "alpha", FIGURES, _since(moment)))) == []
    published = next(r for r in world["alpha"].returns if r.status == Return.Status.PUBLISHED)
    with panel_scope(published.panel):
        save_as(published, None)

    rows = _rows(client.get(_url(world, "alpha", FIGURES, _since(moment))))
    assert rows and {r["quarter"] for r in rows} == {published.label}
    assert len(rows) == len([r for r in every if r["quarter"] == published.label])


def _a_change_to_a_part_changes_the_record_it_belongs_to(world, client_for):
    client = client_for(world.cast.user("alpha", Role.OPCC_OFFICER))
    moment = timezone.now()
    panel = world["alpha"].cast.panel
    with panel_scope(panel):
        attachment = DecisionAttachment.objects.for_panel(panel).first()
        save_as(attachment, None)

    rows = _rows(client.get(_url(world, "alpha", "decisions/", _since(moment))))
    assert [r["id"] for r in rows] == [attachment.decision_id]


def test_what_the_reader_may_not_see_never_appears(world, client_for):
    """Every record of both panels changed after the moment: the public and another panel's
    clerk see only what they saw before, changed."""
    moment = timezone.now()
    for key in ("alpha", "beta"):
        w = world[key]
        with panel_scope(w.cast.panel):
            for record in (*w.decisions, *w.complaints, *w.plans, *w.returns, *w.meetings):
                save_as(record, None)
    for reader in (None, world.cast.user("beta", Role.CLERK)):
        client = client_for(reader)
        for name, lister in LISTS.items():
            if name == "panels":
                continue
            plain = client.get(_url(world, "alpha", lister.path))
            changed = client.get(_url(world, "alpha", lister.path, _since(moment)))
            assert changed.status_code == plain.status_code, name
            if plain.status_code == 200:
                seen = {r[lister.key] for r in _rows(plain)}
                assert {r[lister.key] for r in _rows(changed)} <= seen, name


BAD = [
    "yesterday",
    "2014-09-26",
    "2014-09-26T10:00:00",  # no offset: which hour it names is unknown
    "2014-13-01T10:00:00Z",
    "0001-01-01T00:00:00+14:00",  # before year 1 in UTC
    "",
]


def test_a_bad_moment_is_a_400_naming_the_parameter(world, client_for):
    for name, lister in {**LISTS, "figures": Lister(FIGURES, Role.CLERK, "", _return)}.items():
        client = client_for(world.cast.user("alpha", lister.role))
        for value in BAD:
            response = client.get(_url(world, "alpha", lister.path), {"modified_since": value})
            assert response.status_code == 400, (name, value)
            assert list(response.json()) == ["modified_since"], (name, value)
    # An offset's + sent unencoded arrives as a space, and is read as the offset it was.
    response = client.get("/api/panels/alpha/bodies/?modified_since=2014-09-26T10:00:00+01:00")
    assert response.status_code == 200
