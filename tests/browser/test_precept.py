"""The precept: the OPCC notifies it, the clerk records the vote that vetoes it and publishes
the panel's report, the OPCC responds with a revised precept, the public register shows each
step."""

import datetime as dt
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from meetings import services as meetings
from panel.models import Body, Membership, Panel
from panel.tenancy import panel_scope


def _meeting_with_attendance() -> tuple[str, int, list[int]]:
    """The panel's meeting of 2 February 2016, its precept item minuted with one resolution, and
    every voting member present (what the clerk records on the minutes screen beforehand)."""
    panel = Panel.objects.get(slug="warwickshire")
    with panel_scope(panel):
        body = Body.objects.for_panel(panel).main().get()
        start = dt.datetime(2016, 2, 2, 14, tzinfo=ZoneInfo("Europe/London"))
        meeting = meetings.meeting_create(
            body=body, start=start, venue="Shire Hall, Warwick", actor=None
        )
        item = meetings.item_add(meeting=meeting, title="Budget Precept 2016/17", actor=None)
        meetings.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=14), actor=None)
        meetings.minute_update(
            item=item,
            text="Members debated the proposed precept.",
            resolutions=["That the panel vetoes the proposed precept as too high."],
            actor=None,
        )
        seats = (
            Membership.objects.for_panel(panel)
            .filter(body=body)
            .voting()
            .current(start.date())
            .order_by("person__name")
        )
        people = [seat.person for seat in seats]
        for person in people:
            meetings.attendance_record(meeting=meeting, person=person, status="present", actor=None)
        return meeting.slug, item.resolutions.get().pk, [p.pk for p in people]


def test_a_precept_from_notification_to_veto_to_revised_precept(
    page, live_server, demo, sign_in, screenshot
):
    register = live_server.url + "/warwickshire/reports-register/"
    sign_in("warwickshire-opcc-officer")
    page.goto(register)
    page.click("text=Notify the panel")
    page.select_option("#id_kind", value="precept")
    page.fill("#id_title", "Proposed precept 2016/17")
    page.fill("#id_notified_on", "2016-01-29")
    page.fill("#id_financial_year", "2016")
    page.fill("#id_proposed_precept", "190.50")
    page.click("button:has-text('Notify the panel')")
    expect(page.locator("#case-status")).to_contain_text("Report overdue")
    expect(page.locator("body")).to_contain_text("8 February 2016")
    number = page.url.rstrip("/").rsplit("/", 1)[1]
    page.click("button:has-text('Sign out')")

    slug, resolution, people = _meeting_with_attendance()
    sign_in("warwickshire-clerk")
    page.goto(f"{live_server.url}/warwickshire/manage/meetings/{slug}/minutes/")
    page.click("text=Record the vote on resolution 1 of item")
    for n, person in enumerate(people):
        page.select_option(f"#id_person_{person}", value="for" if n < 9 else "against")
    page.click("button:has-text('Record the vote')")
    expect(page.locator("body")).to_contain_text("Carried: 9 for, 3 against, 0 abstained")
    page.goto(f"{register}{number}/")
    page.click("text=Record the panel's report")
    page.fill("#id_made_on", "2016-02-02")
    page.select_option("#id_resolution", value=str(resolution))
    page.fill("#id_text", "The panel vetoes the proposed precept: it is too high.")
    page.check("input[name=veto][value=too_high]")
    page.click("button:has-text('Save')")
    page.click("button:has-text('Publish the report')")
    expect(page.locator("body")).to_contain_text(
        "vetoed: 9 of 12 members in favour (two-thirds of 12 is 8)"
    )
    screenshot("precept-clerk")
    page.click("button:has-text('Sign out')")

    page.goto(register)
    expect(page.locator("body")).to_contain_text("vetoed: 9 of 12 members in favour")
    expect(page.locator("body")).to_contain_text("Response overdue")

    sign_in("warwickshire-opcc-officer")
    page.goto(f"{register}{number}/")
    page.click("text=Record the Commissioner's response")
    page.fill("#id_received_on", "2016-02-12")
    page.fill("#id_text", "The Commissioner proposes a lower precept.")
    page.fill("#id_revised_precept", "191.00")
    page.check("#id_publish")
    page.click("button:has-text('Save the response')")
    expect(page.locator("body")).to_contain_text("must be lower than £190.50")
    page.fill("#id_revised_precept", "185.00")
    page.click("button:has-text('Save the response')")
    expect(page.locator("body")).to_contain_text("22 February 2016")
    page.click("button:has-text('Sign out')")

    page.goto(register)
    row = page.locator("tr", has_text="Proposed precept 2016/17")
    expect(row).to_contain_text("12 February 2016: revised precept £185.00")
    expect(row).to_contain_text("Report overdue")
    screenshot("precept-public")
