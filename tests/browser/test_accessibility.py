"""The main pages pass axe-core's WCAG 2.1 A and AA rules for the public, a member and the clerk.

One browser context per reader visits every page, with its <details> opened (the clerk's forms
to raise actions are inside them); the test reports every page's violations together, so one run
shows all there is to fix."""

import pytest

from .conftest import axe_violations, describe_violations

PANEL = "/warwickshire"
MEETING = f"{PANEL}/meetings/2014-09-26"
PUBLIC_PAGES = {
    "site home": "/",
    "panel home": f"{PANEL}/",
    "meetings": f"{PANEL}/meetings/",
    "meetings in 2014": f"{PANEL}/meetings/?year=2014",
    "meeting": f"{MEETING}/",
    "agenda item": f"{MEETING}/item-5/",
    "minutes": f"{PANEL}/meetings/2014-07-18/minutes/2/",
    "decisions register": f"{PANEL}/decisions/",
    "decision": f"{PANEL}/decisions/43/",
    "reports register": f"{PANEL}/reports-register/",
    "statutory case": f"{PANEL}/reports-register/1/",
    "work programme": f"{PANEL}/work-programme/?year=2014/15",
    "tracker": f"{PANEL}/actions/",
    "search results": f"{PANEL}/search/?q=budget",
}
PAGES = {
    None: {**PUBLIC_PAGES, "sign-in": "/accounts/login/"},
    "warwickshire-member": {
        **PUBLIC_PAGES,
        "exempt item": f"{MEETING}/item-14/restricted/",
    },
    "warwickshire-clerk": {
        **PUBLIC_PAGES,
        "manage": f"{PANEL}/manage/",
        "agenda editor": f"{PANEL}/manage/meetings/2014-09-26/",
        "minutes screen": f"{PANEL}/manage/meetings/2014-09-26/minutes/",
        "records": f"{PANEL}/manage/records/",
    },
}


@pytest.mark.parametrize("login", PAGES, ids=lambda login: login or "public")
def test_it_finds_no_accessibility_violation_on_the_main_pages(
    page, live_server, demo, sign_in, login
):
    if login:
        sign_in(login)
    reports = []
    for name, url in PAGES[login].items():
        response = page.goto(live_server.url + url)
        assert response is not None and response.ok, f"{name}: {url} answered {response}"
        violations = axe_violations(page, open_details=True)
        if violations:
            reports.append(describe_violations(violations, context_name=f"{name} ({url})"))
    assert not reports, "\n\n".join(reports)
