"""Public (and members') pages of meetings: read published versions through the policy."""

from __future__ import annotations

import csv
import logging
from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from documents import exemptions
from documents.http import pdf_download
from panel import access as panel_access
from panel import years
from panel.http import PanelRequest
from panel.spreadsheets import safe_cell

from . import access, packs, queries
from . import attendance as attendance_stats

logger = logging.getLogger(__name__)


def _published_item(
    request: PanelRequest, meeting_slug: str, number: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The meeting page's context and the item of its published agenda with this number, as
    this reader sees it."""
    meeting = access.access_meeting(request.user, request.panel, meeting_slug)
    context = queries.meeting_page(request.user, meeting)
    item = queries.find_item_by_number(context["agenda"], number)
    if item is None:
        raise Http404("No such item")
    return context, item


OLD_PARTS = {
    "": "meetings:item",
    "pdf": "meetings:item-pdf",
    "restricted": "meetings:item-restricted",
}


def item_moved(
    request: PanelRequest,
    panel_slug: str,
    meeting_slug: str,
    item_id: int,
    rest: str = "",
    letter: str = "",
) -> HttpResponse:
    """An item's old address (its database id): sent on to its number on the published agenda,
    if this reader may see the item there at all."""
    meeting = access.access_meeting(request.user, request.panel, meeting_slug)
    if not access.papers_open(request.user, meeting):
        raise Http404("The papers of this meeting are archived")
    agenda = access.agenda_for(request.user, access.latest_agenda(meeting))
    item = queries.find_item(agenda, item_id)
    if item is None or rest not in OLD_PARTS:
        raise Http404("No such item")
    args = [panel_slug, meeting_slug, item["number"]]
    if letter:
        return redirect("meetings:appendix-restricted", *args, letter, permanent=True)
    return redirect(OLD_PARTS[rest], *args, permanent=True)


def meeting_list(request: PanelRequest, panel_slug: str) -> HttpResponse:
    year = request.GET.get("year", "")
    context = queries.calendar(
        request.user,
        request.panel,
        body=request.GET.get("body", ""),
        year=years.calendar_year(year),
    )
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request: PanelRequest, panel_slug: str, meeting_slug: str) -> HttpResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug)
    return render(
        request, "meetings/meeting_detail.html", queries.meeting_page(request.user, meeting)
    )


def minutes_version(
    request: PanelRequest, panel_slug: str, meeting_slug: str, number: int
) -> HttpResponse:
    """An earlier (or the latest) published version of the minutes, with what changed."""
    meeting = access.access_meeting(request.user, request.panel, meeting_slug)
    context = queries.minutes_version_page(request.user, meeting, number)
    return render(request, "meetings/minutes_version.html", context)


def item_detail(
    request: PanelRequest, panel_slug: str, meeting_slug: str, number: str
) -> HttpResponse:
    context, item = _published_item(request, meeting_slug, number)
    minutes_item = queries.find_item(context["minutes"], item["id"])
    extras = queries.item_extras(request.user, context["meeting"], item)
    return render(
        request,
        "meetings/item_detail.html",
        {**context, **extras, "item": item, "minutes_item": minutes_item},
    )


def restricted(
    request: PanelRequest, panel_slug: str, meeting_slug: str, number: str, letter: str = ""
) -> HttpResponse:
    """Why an item or appendix is exempt: its paragraph, what it means, the public interest."""
    context, item = _published_item(request, meeting_slug, number)
    meeting = context["meeting"]
    thing: dict[str, Any] | None = item
    if letter:
        thing = next((a for a in item["appendices"] if a["letter"] == letter), None)
    if thing is None or thing["access"] != "exempt":
        raise Http404("Not restricted")
    jurisdiction = meeting.panel.jurisdiction
    return render(
        request,
        "meetings/restricted.html",
        {
            **context,
            "item": item,
            "thing": thing,
            "letter": letter,
            "paragraph": exemptions.paragraphs_for(jurisdiction)[thing["paragraph"]],
            "reference": exemptions.legal_reference(jurisdiction, thing["paragraph"]),
        },
    )


def file_download(
    request: PanelRequest, panel_slug: str, meeting_slug: str, file_id: int
) -> FileResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug)
    stored = access.access_file(request.user, meeting, file_id)
    return pdf_download(stored, private=panel_access.is_signed_in(request.user))


def pack_download(
    request: PanelRequest, panel_slug: str, meeting_slug: str, audience: str
) -> FileResponse:
    meeting = access.access_meeting(request.user, request.panel, meeting_slug)
    if not access.can_download_pack(request.user, meeting, audience):
        raise Http404("No such pack")
    served = packs.latest_pack(meeting, audience)["served"]
    if served is None:
        raise Http404("The pack is not ready")
    response = FileResponse(
        served.file.open("rb"),
        content_type="application/pdf",
        filename=f"{meeting.panel.slug}-{meeting.slug}-{audience}-pack.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        "private, no-store" if audience == "members" else "public, max-age=300"
    )
    return response


def item_pdf(
    request: PanelRequest, panel_slug: str, meeting_slug: str, number: str
) -> HttpResponse:
    """One report with its appendices as a PDF, as this reader may see it."""
    context, item = _published_item(request, meeting_slug, number)
    meeting = context["meeting"]
    audience = "members" if context["sees_exempt"] else "public"
    try:
        data = packs.item_pdf(meeting, context["version"], audience, item["id"])
    except packs.PackError as error:
        logger.error("item PDF failed: meeting=%s item=%s: %s", meeting.pk, item["id"], error)
        page = {**context, "item": item}
        return render(request, "meetings/item_pdf_failed.html", page, status=503)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{meeting.slug}-item-{item["number"]}.pdf"'
    private = audience == "members"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


def _attendance_year(request: PanelRequest) -> tuple[str, list[str]]:
    """The municipal year asked for (a 404 for one that is not), and the years with minutes."""
    with_minutes = attendance_stats.years_with_minutes(request.user, request.panel)
    asked = request.GET.get("year", "")
    year = attendance_stats.chosen_year(asked, with_minutes, timezone.localdate())
    if years.bounds(year) is None:
        raise Http404("No such municipal year")
    return year, with_minutes


def attendance(request: PanelRequest, panel_slug: str) -> HttpResponse:
    """Members' attendance by body in a municipal year, from the published minutes."""
    year, with_minutes = _attendance_year(request)
    bodies = attendance_stats.statistics(request.user, request.panel, year)
    context = {"year": year, "years": with_minutes, "bodies": bodies}
    return render(request, "meetings/attendance.html", context)


def attendance_csv(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    year, _ = _attendance_year(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{panel.slug}-attendance-{year.replace('/', '-')}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "Municipal year",
            "Body",
            "Member",
            "Council",
            "Meetings expected",
            "Present",
            "Apologies",
            "Absent without apologies",
            "Substituted",
            "Attended as a substitute",
            "Attendance (%)",
        ]
    )
    for body in attendance_stats.statistics(request.user, panel, year):
        for m in body.rows:
            writer.writerow(
                [
                    year,
                    safe_cell(body.name),
                    safe_cell(m.name),
                    safe_cell(m.council),
                    m.expected,
                    m.present,
                    m.apologies,
                    m.absent,
                    m.substituted,
                    m.as_substitute,
                    "" if m.percentage is None else m.percentage,
                ]
            )
    return response
