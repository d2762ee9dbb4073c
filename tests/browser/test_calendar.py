"""The public calendar in the browser: a meeting is listed from the day it is scheduled, with
"Agenda to follow"; when the clerk cancels it, the public sees "Cancelled" and the reason."""

from playwright.sync_api import expect

from .conftest import SHOTS

REASON = "The Commissioner's budget proposals are not ready; the panel meets on 24 May instead."


def test_the_public_sees_a_scheduled_meeting_and_then_its_cancellation(
    browser, page, live_server, demo, sign_in, draft_meeting, screenshot
):
    sign_in("warwickshire-clerk")
    draft_meeting("2030-05-17", "Draft estates strategy")

    public = browser.new_context().new_page()
    public.goto(live_server.url + "/warwickshire/meetings/")
    row = public.locator("tr", has_text="Friday 17 May 2030")
    expect(row).to_contain_text("Agenda to follow")
    expect(row).to_contain_text("Shire Hall, Warwick")
    row.locator("a").click()
    expect(public.locator("#agenda-to-follow")).to_have_text("Agenda to follow.")
    expect(public.locator("body")).not_to_contain_text("Draft estates strategy")
    SHOTS.mkdir(parents=True, exist_ok=True)
    public.screenshot(path=str(SHOTS / "calendar-scheduled.png"), full_page=True)

    page.goto(live_server.url + "/warwickshire/meetings/2030-05-17/")
    page.click("text=Postpone or cancel")
    page.check("input[name=step][value=cancel]")
    page.click("button:has-text('Save')")
    expect(page.locator(".govuk-error-message")).to_contain_text("Say why the meeting is cancelled")
    page.check("input[name=step][value=cancel]")
    page.fill("#id_reason", REASON)
    page.click("button:has-text('Save')")
    expect(page.locator("#status-banner")).to_contain_text("Cancelled")

    public.goto(live_server.url + "/warwickshire/meetings/")
    # The calendar is a public page that browsers may keep for its max-age (60 s); a reload asks
    # the site again with its validator, and the cancellation has changed it.
    public.reload()
    row = public.locator("tr", has_text="Friday 17 May 2030")
    expect(row).to_contain_text("Cancelled")
    expect(row).to_contain_text(REASON)
    row.locator("a").click()
    public.reload()  # the meeting's page too was kept by the browser
    expect(public.locator("#status-banner")).to_contain_text("This meeting has been cancelled")
    expect(public.locator("#status-reason")).to_contain_text(REASON)
    expect(public.locator("body")).not_to_contain_text("Draft estates strategy")
    screenshot("calendar-cancelled-clerk")
    public.context.close()
