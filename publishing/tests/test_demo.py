"""The demo loader is idempotent: a second run changes no row."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django_scopes import scopes_disabled

from panel.access import Role, roles_in
from panel.demo import DEMO_PASSWORD, demo_logins
from panel.models import Body, Membership, Panel, Person


def snapshot():
    rows = {}
    with scopes_disabled():
        for model in apps.get_models():
            if model._meta.app_label in ("panel", "auth", "guardian"):
                rows[model._meta.label] = sorted(
                    repr(sorted((k, v) for k, v in r.items() if k != "modified_at"))
                    for r in model._base_manager.values()
                )  # a panel's modified_at is the time of its last save, not a change
    return rows


def test_it_loads_the_same_rows_twice(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first
    assert len(first["panel.Membership"]) > 20


def test_it_loads_warwickshire_as_the_2014_pack_has_it(db, client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with scopes_disabled():
        panel = Panel.objects.get(slug="warwickshire")
        assert panel.decision_prefix == "WPCC" and panel.jurisdiction == "england"
        chair = Membership.objects.get(panel=panel, body__kind="panel", role="chair")
        vice = Membership.objects.get(panel=panel, body__kind="panel", role="vice_chair")
        assert (chair.person.name, chair.authority.name) == (
            "Dennis Harvey",
            "Nuneaton and Bedworth Borough Council",
        )
        assert vice.person.name == "Robin Verso" and vice.co_opted
        assert set(Body.objects.filter(panel=panel).values_list("name", flat=True)) == {
            "Warwickshire Police and Crime Panel",
            "Budget Working Group",
            "Planning and Performance Working Group",
            "Victims' Services Task and Finish Group",
            "Complaints Sub-Committee",
        }
        assert Person.objects.filter(panel=panel, name="Ron Ball").exists()
    page = client.get("/warwickshire/membership/").content.decode()
    assert "Councillor Dennis Harvey" in page and "Co-opted independent members" in page
    assert "demo data" not in page
    assert "illustrative demo data" in client.get("/west-mercia/").content.decode()


def test_it_gives_one_working_login_per_role_and_panel(db, client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    users = get_user_model()
    for slug in ("warwickshire", "west-mercia"):
        panel = Panel.objects.get(slug=slug)
        for role in Role:
            username = f"{slug}-{role.value.replace('_', '-')}"
            assert roles_in(users.objects.get(username=username), panel) == {role}
            assert any(name == username for name, _ in demo_logins())
    signed_in = client.post(
        "/accounts/login/", {"username": "warwickshire-clerk", "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 302
