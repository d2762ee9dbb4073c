"""The published record in the browser: the clerk adds an item after publishing, is told why the
minutes cannot be published yet, publishes the supplementary agenda, records urgent business the
Chair accepted, and publishes the minutes; the public reads exactly what was published."""

from playwright.sync_api import expect

from .test_meetings import create_meeting

LATE = "Rural crime update"
URGENT = "Lease of the Leek Wootton site"
REASON = "The landlord's offer expires before the next meeting."


def test_it_makes_the_clerk_publish_the_agenda_before_the_minutes(
    page, live_server, demo, sign_in, screenshot
):
    sign_in("warwickshire-clerk")
    page.goto(live_server.url + "/warwickshire/meetings/")
    page.click("text=Create a meeting")
    create_meeting(page)
    page.click("button:has-text('Publish the agenda')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("agenda has been published")
    # After publication: a late item, in the draft only.
    page.click("text=Edit the agenda")
    page.fill("#id_title", LATE)
    page.check("input[name=access][value=public]")
    page.click("button:has-text('Add the item')")
    expect(page.locator("#unpublished-changes")).to_contain_text(LATE)
    # The minutes are refused, naming the item and saying what to do.
    page.click("text=Record the minutes")
    expect(page.locator("#unpublished-changes")).to_contain_text(LATE)
    page.click("button:has-text('Publish the draft minutes')")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("unpublished changes")
    expect(summary).to_contain_text(f"“{LATE}” (added)")
    expect(summary).to_contain_text("supplementary")
    screenshot("minutes-refused")
    # The public has not seen the draft item anywhere.
    public = page.context.browser.new_context().new_page()
    public.goto(live_server.url + "/warwickshire/meetings/2030-03-15/")
    expect(public.locator("h1")).to_contain_text("15 March 2030")  # the page itself, not a 404
    expect(public.locator("main")).not_to_contain_text(LATE)
    # The supplementary agenda, then the minutes.
    page.click("#unpublished-changes a")
    page.fill("#id_late_reason", "The report arrived after the agenda was sent.")
    page.click("button:has-text('Publish the changes')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "supplementary agenda has been published"
    )
    page.click("text=Record the minutes")
    expect(page.locator("#unpublished-changes")).to_have_count(0)
    # Business the Chair accepted as urgent at the meeting: its reason is required.
    urgent = page.locator("form[action$='/minutes/urgent/']")
    urgent.locator("input[name=urgent-title]").fill(URGENT)
    urgent.locator("input[name=urgent-access][value=public]").check()
    urgent.locator("button").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("special circumstances")
    urgent = page.locator("form[action$='/minutes/urgent/']")
    expect(urgent.locator("input[name=urgent-title]")).to_have_value(URGENT)
    urgent.locator("textarea[name=urgent-reason]").fill(REASON)
    urgent.locator("button").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("urgent business")
    expect(page.locator("main")).to_contain_text("Urgent business")
    page.click("button:has-text('Publish the draft minutes')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved")
    # The public reads the minutes: the late item (published) and the urgent business with why.
    public.reload()
    expect(public.locator("main")).to_contain_text(LATE)
    expect(public.locator("main")).to_contain_text(URGENT)
    expect(public.locator("main")).to_contain_text(REASON)
    screenshot("minutes-with-urgent-business")
    public.context.close()
