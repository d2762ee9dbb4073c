"""Browser journeys: Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls there
# unless told the loop is not serving requests (it is not: the live server has its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# The rules a page must pass: WCAG 2.1 levels A and AA, as axe-core tags them.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (rule id, CSS selector axe reports, why) for a violation the project cannot fix itself, such
# as one inside vendored GOV.UK Frontend markup. Nothing else is ever left out.
AXE_EXCEPTIONS: list[tuple[str, str, str]] = []
AXE = Axe()
SHOWN_TARGETS = 3


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    from publishing.demo import load_demo

    load_demo()


@pytest.fixture
def sign_in(page, live_server):
    from panel.demo import DEMO_PASSWORD

    def go(username):
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button:has-text('Sign in')")
        page.wait_for_selector("text=Signed in as")

    return go


@pytest.fixture
def draft_meeting(page, live_server):
    """The signed-in clerk creates a Warwickshire panel meeting on ``day`` (YYYY-MM-DD) from
    the meetings list and adds a public item titled ``item`` (a heading if asked): the editor is
    left open."""

    def go(day, item, *, heading=False):
        page.goto(live_server.url + "/warwickshire/meetings/")
        page.click("text=Create a meeting")
        page.select_option("#id_body", label="Warwickshire Police and Crime Panel")
        page.fill("#id_date", day)
        page.fill("#id_time", "10:00")
        page.fill("#id_venue", "Shire Hall, Warwick")
        page.click("button:has-text('Create the meeting')")
        expect(page.locator("h1")).to_have_text("Draft the agenda")
        page.fill("#id_title", item)
        page.check("input[name=access][value=public]")
        if heading:
            page.check("#id_heading")
        page.click("button:has-text('Add the item')")

    return go


@pytest.fixture
def screenshot(page):
    def take(name):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return take


def axe_violations(page, *, open_details: bool = False) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now, less AXE_EXCEPTIONS.
    axe skips what is hidden: open_details opens every <details> first, to check what it holds."""
    if open_details:
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    violations = AXE.run(page, options=options).response["violations"]
    found = []
    for violation in violations:
        excepted = {sel for rule, sel, _ in AXE_EXCEPTIONS if rule == violation["id"]}
        nodes = [n for n in violation["nodes"] if " ".join(map(str, n["target"])) not in excepted]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def describe_violations(violations: list[dict], *, context_name: str) -> str:
    lines = [f"{context_name}: {len(violations)} accessibility violation(s) (axe-core)"]
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        more = len(targets) - SHOWN_TARGETS
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['helpUrl'].split('?')[0]}]\n    on: {', '.join(targets[:SHOWN_TARGETS])}"
            + (f" and {more} more" if more > 0 else "")
        )
    return "\n".join(lines)


def assert_accessible(page, *, context_name: str, open_details: bool = False) -> None:
    """Fail, listing each rule broken and where, if axe-core finds a WCAG 2.1 A or AA violation
    on the page as it is now (after any htmx swap; with every <details> opened if asked)."""
    violations = axe_violations(page, open_details=open_details)
    if violations:
        pytest.fail(describe_violations(violations, context_name=context_name), pytrace=False)
