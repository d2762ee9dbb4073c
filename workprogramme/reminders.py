"""Reminders before the next meeting's publication deadline: each lead gets the actions whose
update is due at that meeting, and the clerk a digest of what is still missing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import cast

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import get_users_with_perms

from meetings.models import Meeting
from meetings.services import deadline_for
from panel.access import Role
from panel.mail import send_once
from panel.models import Panel

from .models import Action, ReminderSent

DAYS_BEFORE_DEADLINE = 7


def _send_once(meeting: Meeting, recipient: str, kind: str, subject: str, body: str) -> bool:
    """Sent the first time only, so a re-run on the same day sends nothing twice; a failed send
    is tried again on the next run."""
    return send_once(
        ReminderSent,
        subject=subject,
        body=body,
        to=recipient,
        panel_id=meeting.panel_id,
        meeting=meeting,
        recipient=recipient,
        kind=kind,
    )


def meetings_needing_reminders(panel: Panel, today: dt.date) -> list[Meeting]:
    upcoming = (
        Meeting.objects.for_panel(panel)
        .of_the_panel()
        .going_ahead()
        .filter(start__date__gt=today, agenda_version=0)
    )
    return [m for m in upcoming if 0 <= (deadline_for(m) - today).days <= DAYS_BEFORE_DEADLINE]


def send_for_panel(panel: Panel, today: dt.date) -> int:
    sent = 0
    for meeting in meetings_needing_reminders(panel, today):
        due = list(
            Action.objects.for_panel(panel)
            .open()
            .filter(update_due=meeting)
            .select_related("lead_person")
        )
        by_email: dict[str, list[Action]] = defaultdict(list)
        missing = []
        for action in due:
            email = action.lead_person.email if action.lead_person else ""
            if action.lead_opcc and not email:
                email = _opcc_email(panel)
            (by_email[email].append(action) if email else missing.append(action))
        deadline = deadline_for(meeting)
        tracker = settings.SITE_URL.rstrip("/") + reverse(
            "workprogramme:actions", args=[panel.slug]
        )
        held = timezone.localtime(meeting.start)
        for email, actions in by_email.items():
            lines = "\n".join(f"- {a.text}" for a in actions)
            sent += _send_once(
                meeting,
                email,
                "lead",
                f"{panel.name}: updates due by {deadline:%-d %B %Y}",
                f"The panel meets on {held:%-d %B %Y}. Please add a progress note by "
                f"{deadline:%-d %B %Y} to each of these actions you lead:\n\n{lines}\n\n"
                f"Sign in and add them at {tracker}\n",
            )
        clerk = panel.contact_email
        if clerk and due:
            lines = "\n".join(f"- {a.text} ({a.lead_label})" for a in due)
            unsent = "\n".join(f"- {a.text}" for a in missing) or "none"
            sent += _send_once(
                meeting,
                clerk,
                "digest",
                f"{panel.name}: {len(due)} action updates due for {held:%-d %B %Y}",
                f"Updates due by {deadline:%-d %B %Y}:\n{lines}\n\n"
                f"No email address for the lead of:\n{unsent}\n\nThe action tracker: {tracker}\n",
            )
    return sent


def _opcc_email(panel: Panel) -> str:
    users = get_users_with_perms(
        panel, only_with_perms_in=[Role.OPCC_OFFICER.codename], with_superusers=False
    )
    # guardian annotates its answer loosely; without attach_perms it is a queryset of users
    return next((u.email for u in cast("QuerySet[User]", users) if u.email), "")
