"""Members' attendance in the browser: the public finds it from the meetings page, reads a
year's table (with a substitute counted for the member they replaced) and downloads the CSV."""

from pathlib import Path

from playwright.sync_api import expect


def test_the_public_reads_members_attendance_and_downloads_it(page, live_server, demo, screenshot):
    page.goto(live_server.url + "/warwickshire/meetings/")
    page.click("text=members' attendance")
    expect(page.locator("h1")).to_have_text("Members' attendance")
    page.click("nav[aria-label='Municipal years'] >> text=2014/15")
    table = page.locator("table", has_text="Warwickshire Police and Crime Panel").first
    expect(table).to_be_visible()
    # 26 September 2014: June Tandy sent apologies and Richard Chattaway sat for her.
    tandy = table.locator("tr", has_text="June Tandy")
    expect(tandy).to_be_visible()
    substituted = tandy.locator("td").nth(4)
    assert int(substituted.inner_text()) >= 1
    chattaway = table.locator("tr", has_text="Richard Chattaway")
    assert int(chattaway.locator("td").nth(5).inner_text()) >= 1
    screenshot("attendance")
    with page.expect_download() as download:
        page.click("text=Download as CSV")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("Municipal year,Body,Member,Council")
    assert "June Tandy" in text
