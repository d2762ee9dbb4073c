"""Search in the browser: the public finds a report, a decision and the minutes, and opens them."""

from playwright.sync_api import expect

from .conftest import assert_accessible


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


def test_the_public_finds_a_word_inside_a_pdf_and_opens_its_page(page, live_server, demo):
    page.goto(live_server.url + "/warwickshire/search/")
    page.fill("#id_q", "mobile data terminals")
    page.click("form[role=search] button:has-text('Search')")
    result = page.locator(".app-search-result", has_text="Revenue budget monitoring").first
    expect(result).to_contain_text("opens at page 2")
    expect(result.locator("mark").first).to_have_text("mobile", ignore_case=True)
    link = result.locator("a")
    href = link.get_attribute("href")
    assert href is not None and "/files/" in href and href.endswith("#page=2")
    # The link is the appendix itself, shown in the browser (inline, not a download), at that page.
    response = page.request.get(live_server.url + href.split("#")[0])
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    link.click()
    page.wait_for_url("**/files/**#page=2")
    # Chromium's own PDF viewer holds it (an attachment would have been a download instead).
    assert page.evaluate("document.contentType") == "application/pdf"
    assert downloads == []
    page.go_back()
    # Narrowed to pages of papers and to the year, and followed as a feed.
    page.select_option("#id_type", value="page")
    page.fill("#id_year", "2014/15")
    page.click("form[role=search] button:has-text('Search')")
    expect(page.locator(".app-search-result").first).to_contain_text("page 2")
    feed = page.locator("#search-feed").get_attribute("href")
    assert feed is not None and "type=page" in feed and "year=2014%2F15" in feed
    atom = page.request.get(live_server.url + feed)
    assert atom.ok and "#page=2" in atom.text() and "<id>tag:" in atom.text()
    assert_accessible(page, context_name="search inside the papers")
