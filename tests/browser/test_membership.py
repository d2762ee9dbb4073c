"""The clerk signs in, reads the membership, and signs out."""

from playwright.sync_api import expect


def test_it_lets_the_clerk_sign_in_read_the_membership_and_sign_out(
    page, live_server, demo, sign_in, screenshot
):
    page.goto(live_server.url + "/warwickshire/")
    page.click("a:has-text('Sign in')")
    sign_in("warwickshire-clerk")
    page.goto(live_server.url + "/warwickshire/")
    page.click("nav[aria-label='Panel'] >> text=More")
    page.locator("#main-content").get_by_role("link", name="Membership", exact=True).click()
    expect(page.locator("h1")).to_have_text("Membership of the panel")
    expect(page.locator("text=Councillor Dennis Harvey")).to_be_visible()
    expect(page.locator("h3:has-text('Warwickshire County Council')")).to_be_visible()
    expect(page.locator("text=Robin Verso")).to_be_visible()
    page.click("nav[aria-label='Panel'] >> text=More")
    expect(page.locator("#main-content >> text=Manage the panel")).to_be_visible()
    screenshot("membership-clerk")
    page.click("button:has-text('Sign out')")
    expect(page.locator("a:has-text('Sign in')")).to_be_visible()
    expect(page.locator("text=Signed in as")).to_have_count(0)


def test_it_shows_a_clear_error_for_a_wrong_password(page, live_server, demo):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "warwickshire-clerk")
    page.fill("#id_password", "not the password")
    page.click("button:has-text('Sign in')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
