"""Reminders before a statutory deadline: the clerk (the panel's contact address) and the Chair
are told, a week ahead, what each open case waits for and by when, once per step and address."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from panel.mail import send_once
from panel.models import Membership, Panel

from . import queries
from .models import ReminderSent

DAYS_AHEAD = 7


def recipients(panel: Panel, today: dt.date) -> list[str]:
    """The clerk (the panel's contact address) and the Chair of the panel on ``today``."""
    chairs = (
        Membership.objects.for_panel(panel)
        .filter(body__kind="panel", role=Membership.Role.CHAIR)
        .current(today)
        .select_related("person")
    )
    found = [panel.contact_email, *(m.person.email for m in chairs)]
    return list(dict.fromkeys(a for a in found if a))


@dataclass(frozen=True)
class Soon:
    """A case's next step, due within DAYS_AHEAD days."""

    case: dict[str, Any]
    step: queries.Step
    due: dt.date


def due_soon(panel: Panel, today: dt.date) -> list[Soon]:
    """Each open case's next step due within DAYS_AHEAD days, from the public register (a
    reminder says nothing the register does not)."""
    soon = []
    for row in queries.register(AnonymousUser(), panel, today):
        if row["status"] == "closed":
            continue
        step = next((s for s in row["steps"] if s.done is None), None)
        if step is not None and step.due is not None and 0 <= (step.due - today).days <= DAYS_AHEAD:
            soon.append(Soon(row["case"], step, step.due))
    return soon


def send_for_panel(panel: Panel, today: dt.date) -> int:
    sent = 0
    addresses = recipients(panel, today)
    for soon in due_soon(panel, today):
        case, step = soon.case, soon.step
        link = settings.SITE_URL.rstrip("/") + reverse(
            "statutory:case", args=[panel.slug, case["number"]]
        )
        what = step.what[:1].upper() + step.what[1:]
        for address in addresses:
            sent += send_once(
                ReminderSent,
                subject=f"{panel.name}: {case['title']}: due {soon.due:%-d %B %Y}",
                body=f"{what} by {soon.due:%-d %B %Y} ({step.cites}).\n\nThe case: {link}\n",
                to=address,
                panel_id=panel.pk,
                case_id=case["pk"],
                due_on=soon.due,
                step=soon.step.what[:200],
                recipient=address,
            )
    return sent
