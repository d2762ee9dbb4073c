"""The clerk publishes, watches the pack being made by the real worker, and opens it."""

from playwright.sync_api import expect


def test_it_shows_the_pack_progress_and_opens_the_pack(
    page, live_server, demo, sign_in, settings, celery_worker
):
    settings.AGENDA_PACKS_ON_PUBLISH = True
    sign_in("warwickshire-clerk")
    page.goto(live_server.url + "/warwickshire/manage/meetings/2014-09-26/")
    page.fill("#id_title", "Late report on custody healthcare")
    page.check("input[name=access][value=public]")
    page.click("button:has-text('Add the item')")
    page.fill("#id_late_reason", "The report arrived after the deadline.")
    page.click("button:has-text('Publish the changes')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been published")
    # The worker makes the packs; the page shows progress and refreshes itself until the link.
    status = page.locator("progress, a:has-text('Public agenda pack (PDF')")
    expect(status.first).to_be_visible()
    link = page.locator("a:has-text('Public agenda pack (PDF')")
    expect(link).to_be_visible(timeout=90_000)
    expect(page.locator("progress")).to_have_count(0, timeout=90_000)
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
