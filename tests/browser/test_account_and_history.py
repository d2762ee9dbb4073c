"""The account and the audit trail in the browser: a password change, and the change history."""

from playwright.sync_api import expect

from panel.demo import DEMO_PASSWORD


def test_a_clerk_changes_a_password_and_reads_the_change_history(page, live_server, demo, sign_in):
    sign_in("warwickshire-clerk")
    page.click("text=Change password")
    page.fill("#id_old_password", "not-the-password")
    page.fill("#id_new_password1", "a-fresh-passphrase-9")
    page.fill("#id_new_password2", "a-fresh-passphrase-9")
    page.click("button:has-text('Change the password')")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.fill("#id_old_password", DEMO_PASSWORD)
    page.fill("#id_new_password1", "a-fresh-passphrase-9")
    page.fill("#id_new_password2", "a-fresh-passphrase-9")
    page.click("button:has-text('Change the password')")
    expect(page.locator("h1")).to_have_text("Your password has been changed")

    page.goto(live_server.url + "/warwickshire/manage/")
    page.click("text=Change history")
    expect(page.locator("h1")).to_have_text("Change history")
    expect(page.locator(".govuk-summary-card").first).to_be_visible()
    page.select_option("#kind", label="Meeting")
    page.click("button:has-text('Show')")
    expect(page.locator(".govuk-summary-card__title").first).to_contain_text("Meeting")
    page.click("text=history of this record >> nth=0")
    expect(page.locator("main")).to_contain_text("Showing one record only")


def test_a_member_is_not_shown_the_change_history(page, live_server, demo, sign_in):
    sign_in("warwickshire-member")
    response = page.goto(live_server.url + "/warwickshire/manage/history/")
    assert response.status == 404
