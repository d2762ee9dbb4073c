"""Search in the browser: the public finds a report, a decision and the minutes, and opens them."""

from playwright.sync_api import expect


def test_the_public_searches_and_opens_what_it_finds(page, live_server, demo, screenshot):
    page.goto(live_server.url + "/warwickshire/")
    page.fill("#home-q", "Operation Devonport")  # the box on the panel's overview
    page.click("form[role=search] button:has-text('Search')")
    expect(page.locator("#result-count")).to_contain_text("for “Operation Devonport”")
    results = page.locator(".app-search-result")
    expect(results.first).to_contain_text("Operation Devonport")
    expect(results.first.locator("mark").first).to_be_visible()
    screenshot("search")
    results.first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("Operation Devonport")
    # Narrowed to decisions, and a search that finds nothing says what to try.
    page.click(".govuk-service-navigation__link:has-text('Search')")
    page.fill("#id_q", "police")
    page.select_option("#id_type", value="decision")
    page.click("button:has-text('Search')")
    expect(page.locator(".app-search-result").first).to_contain_text("Decision")
    page.fill("#id_q", "zebra crossing tariffs")
    page.click("button:has-text('Search')")
    expect(page.locator("#result-count")).to_contain_text("0 results")
    expect(page.locator("main")).to_contain_text("Try fewer or different words")
