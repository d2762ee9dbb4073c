"""Read-side assembly of the tenancy pages: each a constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import groupby
from typing import Any

from django.db.models import QuerySet

from . import access, extensions
from .models import Authority, Body, Panel, PanelUserObjectPermission, Person


def _main_body(user: access.Reader, panel: Panel) -> Body | None:
    return access.visible_bodies(user, panel).main().first()


def panel_overview(user: access.Reader, panel: Panel, *, on: dt.date) -> dict[str, Any]:
    bodies = list(access.visible_bodies(user, panel))
    main = next((b for b in bodies if b.kind == Body.Kind.PANEL), None)
    leaders = (
        access.visible_memberships(user, panel)
        .current(on)
        .filter(body=main, role__in=["chair", "vice_chair"])
        .with_people()
        .in_display_order()
        if main
        else []
    )
    return {
        "main_body": main,
        "sub_bodies": [b for b in bodies if b.kind != Body.Kind.PANEL],
        "leaders": list(leaders),
        "can_manage": access.can_manage_panel(user, panel),
        "sees_api_tokens": access.can_view_api_tokens(user, panel),
        "sections": [
            section
            for provide in extensions.overview_sections
            if (section := provide(user, panel, on)) is not None
        ],
    }


def membership_page(user: access.Reader, panel: Panel, *, on: dt.date) -> dict[str, Any]:
    main = _main_body(user, panel)
    seats = (
        list(
            access.visible_memberships(user, panel)
            .current(on)
            .filter(body=main)
            .with_people()
            .in_display_order()
        )
        if main
        else []
    )
    councillors = sorted(
        (
            m
            for m in seats
            if m.authority_id and not m.co_opted and m.role not in ("officer", "substitute")
        ),
        key=lambda m: (m.authority.name if m.authority else "", m.person.sort_name),
    )
    return {
        "main_body": main,
        "by_authority": [
            (authority, list(members))
            for authority, members in groupby(councillors, key=lambda m: m.authority)
        ],
        "co_opted": [m for m in seats if m.co_opted or m.role == "co_opted"],
        "substitutes": [m for m in seats if m.role == "substitute" and not m.co_opted],
        "officers": [m for m in seats if m.role == "officer"],
        "other_members": [
            m
            for m in seats
            if not m.authority_id and not m.co_opted and m.role not in ("co_opted", "officer")
        ],
        "on": on,
    }


def body_page(user: access.Reader, body: Body, *, on: dt.date) -> dict[str, Any]:
    seats = list(
        access.visible_memberships(user, body.panel)
        .filter(body=body)
        .with_people()
        .in_display_order()
    )
    return {
        "body": body,
        "current": [m for m in seats if m.is_current(on)],
        "past": [m for m in seats if m.end_date and m.end_date < on],
        "future": [m for m in seats if m.start_date > on],
        "objectives": [line for line in body.role_and_objectives.splitlines() if line.strip()],
        "can_change": access.can_change_body(user, body),
    }


def person_page(user: access.Reader, person: Person) -> dict[str, Any]:
    seats = (
        access.visible_memberships(user, person.panel)
        .filter(person=person)
        .select_related("body", "authority")
        .order_by("-start_date")
    )
    return {
        "person": person,
        "seats": list(seats),
        "show_contact": access.can_view_contact_details(user, person),
        "can_change": access.can_change_person(user, person),
    }


def manage_overview(user: access.Reader, panel: Panel) -> dict[str, Any]:
    return {
        "bodies": list(access.visible_bodies(user, panel)),
        "people": list(access.visible_people(user, panel).order_by("name")),
    }


def membership_choices(panel: Panel) -> dict[str, Any]:
    return {
        "people": Person.objects.for_panel(panel).order_by("name"),
        "authorities": Authority.objects.for_panel(panel).order_by("name"),
    }


def role_grants(panel: Panel) -> list[tuple[Any, list[access.Role]]]:
    """Who holds which role in the panel (for its clerk): one query."""
    rows = (
        PanelUserObjectPermission.objects.filter(content_object=panel)
        .select_related("user", "permission")
        .order_by("user__username")
    )
    by_user: dict[Any, list[access.Role]] = defaultdict(list)
    for row in rows:
        codename = row.permission.codename
        if codename.startswith("role_"):
            by_user[row.user].append(access.Role(codename.removeprefix("role_")))
    return sorted(by_user.items(), key=lambda item: item[0].get_username())


def people_of(panel: Panel) -> QuerySet[Person]:
    """Everyone of the panel, by name: the choices of the clerk's forms."""
    return Person.objects.for_panel(panel).order_by("name")


def api_token_page(user: access.Reader, panel: Panel, *, now: dt.datetime) -> dict[str, Any]:
    """The office's tokens, newest first, each with its status now: one query."""
    tokens = list(access.visible_api_tokens(user, panel).in_list_order())
    return {
        "rows": [(token, token.status_at(now)) for token in tokens],
        "can_create": access.can_create_api_token(user, panel),
    }
