"""The work programme and the tracker as the appendices of the Work Programme item, in the
layout of the panel's own pack (item, detail, last report, next report; date raised, action,
lead, update due, progress notes)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from meetings.models import Meeting
from panel.years import municipal_year

from .models import Action, WorkProgrammeItem


def programme_html(meeting: Meeting) -> str:
    year = municipal_year(timezone.localtime(meeting.start).date())
    items = (
        WorkProgrammeItem.objects.for_panel(meeting.panel)
        .for_year(year)
        .exclude(status=WorkProgrammeItem.Status.DONE)
        .select_related("next_meeting")
    )
    return render_to_string("workprogramme/programme_table.html", {"items": items, "year": year})


def tracker_html(meeting: Meeting) -> str:
    actions = (
        Action.objects.for_panel(meeting.panel)
        .filter(raised_on__lte=timezone.localtime(meeting.start).date())
        .with_related()
        .order_by("raised_on", "pk")
    )
    return render_to_string("workprogramme/tracker_table.html", {"actions": actions})
