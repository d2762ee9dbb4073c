"""The panel's menu at 1280 pixels: one line for the public, the clerk and the complaints
handler, the current section marked, with and without JavaScript, and every page of the old
ten-entry menu one click from the menu or from its section's first page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

TOP = ["Overview", "Meetings", "Decisions", "Reports register", "Work programme", "Search", "More"]
MENU = "nav[aria-label='Panel'] .govuk-service-navigation__link"

# The old menu's entries: the menu entry to click, then the link on that section's first page
# (None: the menu entry itself), the page reached, and who had the entry.
OLD_MENU = [
    ("Overview", None, "/warwickshire/", "everyone"),
    ("More", "Membership", "/warwickshire/membership/", "everyone"),
    ("Meetings", None, "/warwickshire/meetings/", "everyone"),
    ("Decisions", None, "/warwickshire/decisions/", "everyone"),
    ("Reports register", None, "/warwickshire/reports-register/", "everyone"),
    ("Work programme", None, "/warwickshire/work-programme/", "everyone"),
    (
        "Work programme",
        "recommendations and actions tracker",
        "/warwickshire/actions/",
        "everyone",
    ),
    ("More", "Committees and groups", "/warwickshire/bodies/", "everyone"),
    ("Search", None, "/warwickshire/search/", "everyone"),
    ("More", "Complaints", "/warwickshire/complaints/", "warwickshire-complaints-handler"),
    ("More", "Manage the panel", "/warwickshire/manage/", "warwickshire-clerk"),
]


def _one_line(page) -> None:
    links = page.locator(MENU)
    expect(links).to_have_count(len(TOP))
    assert links.all_inner_texts() == TOP
    items = page.locator("nav[aria-label='Panel'] .govuk-service-navigation__item")
    tops = {round(items.nth(n).bounding_box()["y"]) for n in range(items.count())}
    assert len(tops) == 1, f"the menu wraps: {tops}"


def _entry(page, label: str):
    return page.locator("nav[aria-label='Panel']").get_by_role("link", name=label, exact=True)


def _marked(page, label: str, current: str) -> None:
    marked = page.locator(f"{MENU}[aria-current]")
    expect(marked).to_have_count(1)
    expect(marked).to_have_text(label)
    expect(marked).to_have_attribute("aria-current", current)


@pytest.mark.parametrize(
    "login", [None, "warwickshire-clerk", "warwickshire-complaints-handler"], ids=str
)
def test_the_menu_keeps_to_one_line_and_reaches_every_page_of_the_old_menu(
    page, live_server, demo, sign_in, screenshot, login
):
    page.set_viewport_size({"width": 1280, "height": 800})
    if login:
        sign_in(login)
    for label, link, path, who in OLD_MENU:
        if who not in ("everyone", login):
            continue
        page.goto(live_server.url + "/warwickshire/")
        _one_line(page)
        _entry(page, label).click()
        _marked(page, label, "page")
        if link:
            page.locator("#main-content").get_by_role("link", name=link, exact=True).click()
            _marked(page, label, "true")  # the section, from a page within it
        expect(page).to_have_url(live_server.url + path)
        _one_line(page)
    screenshot(f"menu-{login or 'public'}")


def test_the_more_page_never_lists_what_its_reader_cannot_open(page, live_server, demo, sign_in):
    page.goto(live_server.url + "/warwickshire/more/")
    main = page.locator("#main-content")
    for hidden in ("Complaints", "Manage the panel", "Manage decision records", "Change history"):
        expect(main.get_by_role("link", name=hidden, exact=True)).to_have_count(0)
    sign_in("warwickshire-opcc-officer")
    page.goto(live_server.url + "/warwickshire/more/")
    main.get_by_role("link", name="Manage decision records", exact=True).click()
    expect(page.locator("h1")).to_have_text("Decision records")
    _marked(page, "Decisions", "true")


def test_the_menu_works_without_javascript_and_from_the_keyboard(browser, live_server, demo):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/warwickshire/meetings/")
        _one_line(page)
        _marked(page, "Meetings", "page")
        _entry(page, "Overview").focus()
        for label in TOP[1:]:
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent.trim()") == label
        page.keyboard.press("Enter")
        expect(page).to_have_url(live_server.url + "/warwickshire/more/")
        _marked(page, "More", "page")
    finally:
        context.close()
