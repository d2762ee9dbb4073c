"""Meetings in the browser: the clerk drafts and publishes; the public reads; a member sees
exempt business."""

import re

from playwright.sync_api import expect

EXEMPT_TEXT = "Bid prices for custody healthcare are confidential."


def create_meeting(page):
    """Fill in and send the new meeting form: the panel, 15 March 2030 at 10am."""
    page.select_option("#id_body", label="Warwickshire Police and Crime Panel")
    page.fill("#id_date", "2030-03-15")
    page.fill("#id_time", "10:00")
    page.fill("#id_venue", "Shire Hall, Warwick")
    page.click("button:has-text('Create the meeting')")


def test_it_lets_the_clerk_draft_and_publish_an_agenda_with_an_exempt_item(
    page, live_server, demo, sign_in, screenshot
):
    sign_in("warwickshire-clerk")
    page.goto(live_server.url + "/warwickshire/meetings/")
    page.click("text=Create a meeting")
    create_meeting(page)
    expect(page.locator("h1")).to_have_text("Draft the agenda")
    expect(page.locator("#deadline")).to_contain_text("Publish by")
    expect(page.locator("#deadline")).to_contain_text("7 March 2030")
    # A public report.
    page.fill("#id_title", "Police and Crime Plan refresh")
    page.check("input[name=access][value=public]")
    page.click("button:has-text('Add the item')")
    expect(page.locator("table")).to_contain_text("Police and Crime Plan refresh")
    # An exempt one: without a paragraph it is refused, with one it goes after the exclusion.
    page.fill("#id_title", "Custody healthcare contract")
    page.check("input[name=access][value=exempt]")
    page.click("button:has-text('Add the item')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the paragraph")
    page.select_option("#id_exempt_paragraph", value="3")
    page.click("button:has-text('Add the item')")
    row = page.locator("tr", has_text="Custody healthcare contract")
    expect(row).to_contain_text("Exempt, para 3")
    page.click("a:has-text('Custody healthcare contract')")
    page.fill("#id_body_source", EXEMPT_TEXT)
    page.click("button:has-text('Save the report')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved")
    page.click("text=Back to the agenda")
    screenshot("agenda-editor")
    page.click("button:has-text('Publish the agenda')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("agenda has been published")
    expect(page.locator(".app-agenda")).to_contain_text("Custody healthcare contract")
    expect(page.locator(".app-agenda")).to_contain_text("paragraph 3")
    screenshot("meeting-published")


def test_it_lets_the_public_open_a_meeting_and_download_a_report(page, live_server, demo):
    from django_scopes import scopes_disabled

    from documents.testing import pdf_bytes, upload
    from meetings import services
    from meetings.models import AgendaItem, Meeting

    with scopes_disabled():
        meeting = Meeting.objects.get(slug="2014-09-26")
        item = AgendaItem.objects.get(meeting=meeting, title="Operation Devonport")
        services.appendix_add(
            item=item, title="Review summary", upload=upload(pdf_bytes(2), "review.pdf"), actor=None
        )
        services.agenda_publish(meeting=meeting, change_note="Review summary added", actor=None)
    page.goto(live_server.url + "/warwickshire/")
    page.click("nav[aria-label='Panel'] >> text=Meetings")
    page.click("text=Friday 26 September 2014")
    expect(page.locator("h1")).to_have_text("Friday 26 September 2014")
    expect(page.locator(".app-agenda")).to_contain_text("Complaints")
    page.click(".app-agenda >> text=Operation Devonport")
    expect(page.locator("h1")).to_have_text("Operation Devonport")
    # The appendix opens in the browser's PDF viewer, under its uploader's name if saved.
    page.click("text=Open Appendix A")
    page.wait_for_url("**/files/**")
    assert page.evaluate("document.contentType") == "application/pdf"
    saved = page.request.get(page.url)
    assert saved.headers["content-disposition"] == 'inline; filename="review.pdf"'
    assert saved.body()[:5] == b"%PDF-"


def test_it_shows_a_member_the_exempt_report_and_the_public_only_its_reasons(
    page, live_server, demo, sign_in
):
    from django_scopes import scopes_disabled

    from meetings import services
    from meetings.models import Meeting

    with scopes_disabled():
        meeting = Meeting.objects.get(slug="2014-09-26")
        item = services.item_add(
            meeting=meeting,
            title="Custody healthcare contract",
            access="exempt",
            exempt_paragraph=3,
            public_interest="Bids are commercially sensitive.",
            actor=None,
        )
        services.report_update(item=item, body_source=EXEMPT_TEXT, actor=None)
        services.agenda_publish(
            meeting=meeting, late_reason="Contract report arrived late", actor=None
        )
    url = f"{live_server.url}/warwickshire/meetings/2014-09-26/items/{item.pk}/"
    page.goto(url)
    expect(page.locator("body")).not_to_contain_text(EXEMPT_TEXT)
    page.click("text=Why this item is restricted")
    expect(page.locator("h1")).to_have_text("Reasons restricted")
    expect(page.locator("body")).to_contain_text("Bids are commercially sensitive.")
    expect(page.locator("body")).to_contain_text(
        re.compile("Paragraph 3 of Part 1 of Schedule 12A")
    )
    sign_in("warwickshire-member")
    page.goto(url)
    expect(page.locator(".app-report")).to_contain_text(EXEMPT_TEXT)
    expect(page.locator("body")).to_contain_text("NOT FOR PUBLICATION")


def test_it_lets_the_clerk_replace_an_appendix_file_and_refuses_a_bad_one(
    page, live_server, demo, sign_in, tmp_path
):
    from documents.testing import pdf_bytes

    good, revised, bad = tmp_path / "survey.pdf", tmp_path / "survey-v2.pdf", tmp_path / "x.pdf"
    good.write_bytes(pdf_bytes(1))
    revised.write_bytes(pdf_bytes(2))
    bad.write_bytes(pdf_bytes(password="secret"))
    sign_in("warwickshire-clerk")
    page.goto(live_server.url + "/warwickshire/meetings/")
    page.click("text=Create a meeting")
    page.fill("#id_date", "2030-05-20")
    page.fill("#id_time", "10:00")
    page.fill("#id_venue", "Shire Hall, Warwick")
    page.click("button:has-text('Create the meeting')")
    page.fill("#id_title", "Victims' services")
    page.check("input[name=access][value=public]")
    page.click("button:has-text('Add the item')")
    page.click('a:has-text("Victims\' services")')
    page.fill("#id_appendix-title", "Survey")
    page.set_input_files("#id_appendix-file", str(good))
    page.click("button:has-text('Add the appendix')")
    expect(page.locator("main")).to_contain_text("survey.pdf, 1 pages")
    page.set_input_files("#id_replace-file", str(bad))
    page.click("button:has-text('Replace the file')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("password-protected")
    expect(page.locator("main")).to_contain_text("survey.pdf, 1 pages")
    page.set_input_files("#id_replace-file", str(revised))
    page.click("button:has-text('Replace the file')")
    expect(page.locator("main")).to_contain_text("survey-v2.pdf, 2 pages")


def test_it_lets_the_clerk_change_the_standing_items_of_every_new_agenda(
    page, live_server, demo, sign_in, screenshot
):
    sign_in("warwickshire-clerk")
    page.goto(live_server.url + "/warwickshire/manage/")
    page.click("text=Standing items")
    expect(page.locator("h1")).to_have_text("Standing items")
    page.click("button:has-text('Change these items')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("this panel's own")
    # An exempt item without its paragraph is refused on the form; with it, it is added last.
    page.fill("#id_title", "Police and Crime Commissioner's Update")
    page.select_option("#id_kind", value="pcc_update")
    page.check("input[name=access][value=exempt]")
    page.click("button:has-text('Add the item')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the paragraph")
    page.check("input[name=access][value=public]")
    page.click("button:has-text('Add the item')")
    rows = page.locator("#standing-items tbody tr")
    expect(rows.last).to_contain_text("Police and Crime Commissioner's Update")
    page.click('button[aria-label="Move Police and Crime Commissioner\'s Update up"]')
    expect(rows.nth(-2)).to_contain_text("Police and Crime Commissioner's Update")
    screenshot("standing-items")
    # The next meeting created opens with it.
    page.goto(live_server.url + "/warwickshire/manage/meetings/new/")
    create_meeting(page)
    expect(page.locator("table")).to_contain_text("Police and Crime Commissioner's Update")
