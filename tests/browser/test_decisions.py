"""An OPCC officer submits a decision, it is signed and published, the public finds it."""

from playwright.sync_api import expect


def test_it_takes_a_decision_from_the_opcc_to_the_public_register(
    page, live_server, demo, sign_in, screenshot
):
    sign_in("warwickshire-opcc-officer")
    page.goto(live_server.url + "/warwickshire/decisions/")
    page.click("text=Manage decision records")
    page.click("text=Start a decision record")
    page.fill("#id_title", "Funding for rural crime volunteers")
    page.select_option("#id_category", value="commissioning")
    page.fill("#id_executive_summary", "Fund a scheme of rural crime volunteers for two years.")
    page.fill("#id_decision", "To fund the scheme from the Commissioner's grant budget.")
    page.click("button:has-text('Save the draft')")
    expect(page.locator(".govuk-caption-l")).to_contain_text("Not yet numbered")
    page.click("button:has-text('Submit for sign-off')")
    expect(page.locator(".govuk-caption-l")).to_contain_text("WPCC 0044")
    for reviewer, name in (
        ("chief_executive", "Neil Hewison"),
        ("chief_finance_officer", "Dave Clarke"),
    ):
        page.check(f"input[name=reviewer][value={reviewer}]")
        page.fill("#id_name", name)
        page.fill("#id_on", "2014-09-20")
        page.click("button:has-text('Record the sign-off')")
    page.locator("form[action$='/sign/'] #id_name").fill("Ron Ball")
    page.locator("form[action$='/sign/'] #id_on").fill("2014-09-22")
    page.click("button:has-text('Record the signature')")
    page.click("button:has-text('Publish the decision')")
    expect(page.locator("text=View the published record")).to_be_visible()
    screenshot("decision-opcc")
    page.click("button:has-text('Sign out')")
    page.goto(live_server.url + "/warwickshire/decisions/")
    page.fill("#q", "rural crime volunteers")
    page.click("button:has-text('Search')")
    page.click("text=Funding for rural crime volunteers")
    expect(page.locator(".govuk-caption-l")).to_contain_text("WPCC 0044")
    expect(page.locator("body")).to_contain_text("Signed by the Commissioner, Ron Ball")
    screenshot("decision-public")
    # The register opens on the twelve months to its newest record (this one, published today);
    # the 2014 records are a choice of year away.
    page.goto(live_server.url + "/warwickshire/decisions/")
    rows = page.locator("table tbody")
    expect(rows).to_contain_text("WPCC 0044")
    expect(rows).not_to_contain_text("WPCC 0043")
    expect(page.locator("body")).to_contain_text("Choose a year, or search, for the earlier ones")
    page.select_option("#year", value="all")
    page.click("button:has-text('Search')")
    expect(page.locator("table tbody")).to_contain_text("WPCC 0043")
