"""A chief constable's confirmation hearing: the OPCC notifies the candidate with the particulars
the Act requires, the clerk records the vote that vetoes the appointment and publishes the
report, the OPCC proposes a reserve candidate, the panel recommends the reserve, the Commissioner
accepts; the public sees each step and never a candidate's personal material."""

from playwright.sync_api import expect

from .test_precept import _meeting_with_attendance

SECRET = "Referees' notes on the candidate"
RESERVE_SECRET = "Referees' notes on the reserve"


def test_a_chief_constable_from_notification_to_veto_to_reserve_to_decision(
    page, live_server, demo, sign_in, screenshot
):
    register = live_server.url + "/warwickshire/reports-register/"
    sign_in("warwickshire-opcc-officer")
    page.goto(register)
    page.click("text=Notify the panel")
    page.select_option("#id_kind", value="chief_constable")
    page.fill("#id_title", "Proposed appointment of the Chief Constable")
    page.fill("#id_notified_on", "2016-01-20")
    page.fill("#id_candidate", "A Candidate")
    page.click("button:has-text('Notify the panel')")
    expect(page.locator("#id_terms-error, .govuk-error-summary")).to_contain_text("Sch 8 para 3(2)")
    page.fill("#id_criteria", "Strategic leadership and a record of public accountability.")
    page.fill("#id_candidate_details", SECRET)
    page.fill("#id_terms", "A fixed term of five years.")
    page.click("button:has-text('Notify the panel')")
    expect(page.locator("body")).to_contain_text("9 February 2016")  # three weeks from 20 January
    number = page.url.rstrip("/").rsplit("/", 1)[1]
    page.click("button:has-text('Sign out')")

    slug, resolution, people = _meeting_with_attendance()
    sign_in("warwickshire-clerk")
    page.goto(f"{live_server.url}/warwickshire/manage/meetings/{slug}/minutes/")
    page.click("text=Record the vote on resolution 1 of item")
    for n, person in enumerate(people):
        page.select_option(f"#id_person_{person}", value="for" if n < 8 else "against")
    page.click("button:has-text('Record the vote')")
    page.goto(f"{register}{number}/")
    page.click("text=Record the panel's report")
    page.fill("#id_made_on", "2016-02-02")
    page.select_option("#id_resolution", value=str(resolution))
    page.fill("#id_text", "After the confirmation hearing the panel vetoes the appointment.")
    page.check("input[name=veto][value=appointment]")
    page.click("button:has-text('Save')")
    page.click("button:has-text('Publish the report')")
    expect(page.locator("body")).to_contain_text(
        "vetoed: 8 of 12 members in favour (two-thirds of 12 is 8)"
    )
    expect(page.locator("#case-status")).to_contain_text("Awaiting reserve candidate")
    screenshot("confirmation-clerk")
    page.click("button:has-text('Sign out')")

    sign_in("warwickshire-opcc-officer")
    page.goto(f"{register}{number}/")
    page.click("text=Propose a reserve candidate")
    page.fill("#id_reserve_candidate", "A Candidate")
    page.fill("#id_notified_on", "2016-02-05")
    page.fill("#id_reserve_details", RESERVE_SECRET)
    page.click("button:has-text('Notify the panel')")
    expect(page.locator("body")).to_contain_text("must not appoint the vetoed candidate")
    page.fill("#id_reserve_candidate", "B Reserve")
    page.click("button:has-text('Notify the panel')")
    expect(page.locator("#reserve-candidate")).to_contain_text("B Reserve")
    expect(page.locator("body")).to_contain_text("25 February 2016")  # three weeks from 5 Feb
    page.click("button:has-text('Sign out')")

    sign_in("warwickshire-clerk")
    page.goto(f"{register}{number}/")
    page.click("text=Record the panel's report")
    page.fill("#id_made_on", "2016-02-16")
    page.fill("#id_text", "The panel held a confirmation hearing with the reserve candidate.")
    page.check("input[name=veto][value=appointment]")
    page.click("button:has-text('Save')")
    expect(page.locator("body")).to_contain_text("no second veto")
    page.check("input[name=veto][value=none]")
    page.check("input[name=recommendation][value=appoint]")
    page.click("button:has-text('Save')")
    page.click("button:has-text('Publish the report')")
    page.click("button:has-text('Sign out')")

    sign_in("warwickshire-opcc-officer")
    page.goto(f"{register}{number}/")
    page.click("text=Record the Commissioner's response")
    page.fill("#id_received_on", "2016-02-18")
    page.fill("#id_text", "The Commissioner accepts the panel's recommendation.")
    page.check("#id_publish")
    page.click("button:has-text('Save the response')")
    expect(page.locator("body")).to_contain_text("Sch 8 para 7(3)")
    page.check("input[name=decision][value=accepted]")
    page.click("button:has-text('Save the response')")
    expect(page.locator("#case-status")).to_contain_text("Closed")
    page.click("button:has-text('Sign out')")

    page.goto(f"{register}{number}/")
    body = page.locator("body")
    expect(body).to_contain_text("The candidate should be appointed")
    expect(body).to_contain_text("Accepted the panel's recommendation")
    expect(body).to_contain_text("B Reserve")
    expect(body).not_to_contain_text(SECRET)
    expect(body).not_to_contain_text(RESERVE_SECRET)
    screenshot("confirmation-public")
