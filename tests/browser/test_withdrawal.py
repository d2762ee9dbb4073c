"""Withdrawing a published item in the browser: the clerk withdraws it on the editor with the
reason and publishes the revised agenda; the public sees it on the agenda, marked withdrawn with
the reason, and no longer reads its report. A withdrawn heading takes its items with it, and the
minutes editor marks them."""

from playwright.sync_api import expect

REASON = "Deferred to the July meeting at the request of the OPCC."
REPORT = "The estates strategy proposes closing two front counters."


def withdraw(page, title, reason):
    """On the editor: open the first row titled ``title``'s Withdraw, give the reason, submit."""
    row = page.locator("tr", has_text=title).first
    row.locator("summary").click()
    row.locator("textarea[name=reason]").fill(reason)
    row.locator("button:has-text('Withdraw the item')").click()


def test_the_clerk_withdraws_a_published_item_and_the_public_sees_why(
    browser, page, live_server, demo, sign_in, draft_meeting, screenshot
):
    sign_in("warwickshire-clerk")
    draft_meeting("2030-06-20", "Estates strategy")
    page.click("a:has-text('Estates strategy')")
    page.fill("#id_body_source", REPORT)
    page.click("button:has-text('Save the report')")
    page.goto(live_server.url + "/warwickshire/manage/meetings/2030-06-20/")
    page.click("button:has-text('Publish the agenda')")

    public = browser.new_context().new_page()
    public.goto(live_server.url + "/warwickshire/meetings/2030-06-20/")
    public.click("a:has-text('Estates strategy')")
    expect(public.locator("body")).to_contain_text(REPORT)
    item_url = public.url

    page.goto(live_server.url + "/warwickshire/manage/meetings/2030-06-20/")
    withdraw(page, "Estates strategy", "")  # no reason: refused, said why
    expect(page.locator("body")).to_contain_text("Say why the item is withdrawn.")
    withdraw(page, "Estates strategy", REASON)
    expect(page.locator("tr", has_text="Estates strategy")).to_contain_text("Withdrawn")
    page.fill("#id_change_note", "Item 3 withdrawn.")
    page.click("button:has-text('Publish the changes')")

    # A reader who comes fresh (a browser that read the page keeps it for its short max-age)
    public.context.close()
    public = browser.new_context().new_page()
    public.goto(live_server.url + "/warwickshire/meetings/2030-06-20/")
    expect(public.locator(".app-agenda")).to_contain_text("Estates strategy")
    expect(public.locator(".app-agenda")).to_contain_text("Withdrawn")
    expect(public.locator(".app-agenda")).to_contain_text(REASON)
    public.goto(item_url)
    expect(public.locator("body")).to_contain_text("has been withdrawn from the agenda")
    expect(public.locator("body")).not_to_contain_text(REPORT)
    screenshot("item-withdrawn")
    public.context.close()


def test_a_withdrawn_heading_takes_its_items_and_the_minutes_editor_says_so(
    browser, page, live_server, demo, sign_in, draft_meeting
):
    sign_in("warwickshire-clerk")
    draft_meeting("2030-06-27", "Estates", heading=True)
    heading = page.locator("#id_parent option", has_text="Estates").get_attribute("value")
    page.fill("#id_title", "Custody suite")
    page.check("input[name=access][value=public]")
    page.select_option("#id_parent", heading)
    page.click("button:has-text('Add the item')")
    page.click("a:has-text('Custody suite')")
    expect(page.locator("h1")).to_have_text("Custody suite")
    page.fill("#id_body_source", REPORT)
    page.click("button:has-text('Save the report')")
    editor = live_server.url + "/warwickshire/manage/meetings/2030-06-27/"
    page.goto(editor)
    page.click("button:has-text('Publish the agenda')")
    page.goto(editor)
    withdraw(page, "Estates", REASON)
    expect(page.locator("tr", has_text="Custody suite")).to_contain_text("Withdrawn with its item")
    page.fill("#id_change_note", "The estates items withdrawn.")
    page.click("button:has-text('Publish the changes')")

    public = browser.new_context().new_page()
    public.goto(live_server.url + "/warwickshire/meetings/2030-06-27/")
    agenda = public.locator(".app-agenda")
    expect(agenda).to_contain_text("Custody suite")
    expect(agenda.locator("text=" + REASON)).to_have_count(2)  # the heading and its item
    public.click("a:has-text('Custody suite')")
    expect(public.locator("body")).to_contain_text("has been withdrawn from the agenda")
    expect(public.locator("body")).not_to_contain_text(REPORT)
    public.context.close()

    page.goto(editor + "minutes/")
    minute = page.locator("form.app-minute", has_text="Custody suite")
    expect(minute).to_contain_text("Withdrawn")
    expect(minute).to_contain_text(REASON)
