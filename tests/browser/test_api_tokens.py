"""The office's API token: an OPCC officer makes one, sees its key once, a system notifies a
statutory case with it, the list shows its last use, the officer revokes it, and the key is
refused from then on."""

import json
import urllib.error
import urllib.request

from playwright.sync_api import expect


def _call(url: str, key: str, body: dict | None = None) -> tuple[int, dict]:
    """A request as the office's system makes it: no session, only the key."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310  # the test's own live server
        url,
        data=data,
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_an_officer_makes_uses_and_revokes_a_token(page, live_server, demo, sign_in, screenshot):
    tokens = live_server.url + "/warwickshire/manage/api-tokens/"
    sign_in("warwickshire-opcc-officer")
    page.goto(live_server.url + "/warwickshire/")
    page.click("text=API tokens")
    expect(page.locator("h1")).to_have_text("API tokens")
    page.fill("#id_name", "Case management system")
    page.check("input[name=days][value='30']")
    page.click("button:has-text('Create token')")
    expect(page.locator("body")).to_contain_text("it will not be shown again")
    key = page.locator("#token-key").inner_text().strip()
    assert len(key) == 64
    assert key not in page.url
    screenshot("api-token-created")

    cases = live_server.url + "/api/panels/warwickshire/cases/"
    status, body = _call(
        cases,
        key,
        {"kind": "other_report", "title": "Estates review by API", "notified_on": "2016-03-01"},
    )
    assert status == 201, body
    assert _call(live_server.url + "/api/panels/west-mercia/cases/", key, {})[0] == 404

    page.goto(tokens)
    row = page.locator("tr", has_text="Case management system")
    expect(row).to_contain_text("Active")
    expect(row).not_to_contain_text("Never")  # its last use is shown
    expect(page.locator("body")).not_to_contain_text(key)
    row.locator("text=Revoke").click()
    expect(page.locator("body")).to_contain_text("stops working at once")
    page.click("button:has-text('Revoke token')")
    expect(page.locator("body")).to_contain_text("has been revoked")
    expect(page.locator("tr", has_text="Case management system")).to_contain_text("Revoked")
    screenshot("api-token-revoked")

    status, body = _call(cases, key)
    assert status == 401 and "revoked" in body["detail"]
    page.goto(live_server.url + "/warwickshire/reports-register/")
    expect(page.locator("body")).to_contain_text("Estates review by API")
