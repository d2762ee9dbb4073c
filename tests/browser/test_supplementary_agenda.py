"""A supplementary agenda in the browser: the clerk publishes an agenda, adds a late report and
publishes it with its reason; the public sees the late item numbered without moving any
published number, and the reason for late publication on the record."""

from playwright.sync_api import expect

REASON = "The custody inspection report arrived after the agenda was published."


def _numbers(page, api):
    agenda = page.request.get(api).json()["agenda"]
    return {i["title"]: i["number"] for i in agenda["items"]}


def test_a_late_item_keeps_every_published_number(
    browser, page, live_server, demo, sign_in, draft_meeting, screenshot
):
    api = live_server.url + "/api/panels/warwickshire/meetings/2030-06-20/"
    sign_in("warwickshire-clerk")
    draft_meeting("2030-06-20", "Estates strategy")
    page.click("button:has-text('Publish the agenda')")

    public = browser.new_context().new_page()
    before = _numbers(public, api)
    assert "Estates strategy" in before and "Any Urgent Items" in before

    page.goto(live_server.url + "/warwickshire/manage/meetings/2030-06-20/")
    page.fill("#id_title", "Custody inspection")
    page.check("input[name=access][value=public]")
    page.click("button:has-text('Add the item')")
    page.click("button:has-text('Publish the changes')")
    expect(page.locator(".govuk-error-summary, .govuk-error-message").first).to_be_visible()
    page.fill("#id_late_reason", REASON)
    page.click("button:has-text('Publish the changes')")

    after = _numbers(public, api)
    for title, number in before.items():
        assert after[title] == number, title  # no published number moved
    late = after["Custody inspection"]
    assert late == before["Estates strategy"] + "A"
    public.goto(live_server.url + "/warwickshire/meetings/2030-06-20/")
    expect(public.locator("body")).to_contain_text(REASON)
    expect(public.locator("body")).to_contain_text("Custody inspection")
    public.goto(live_server.url + f"/warwickshire/meetings/2030-06-20/item-{late}/")
    expect(public.locator("h1")).to_contain_text("Custody inspection")
    screenshot("supplementary-agenda")
    public.context.close()
