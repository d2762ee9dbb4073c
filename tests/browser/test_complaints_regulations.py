"""The handler records a complaint and sets it aside on reg 15(3)(c) of SI 2012/62, reading the
set-aside letter; then records a serious complaint, sees the IOPC named with the referral's due
date under reg 13, and refers it."""

import datetime as dt

from playwright.sync_api import expect

COMPLAINANT = "Jo Regulation (illustrative)"


def _record(page, live_server, text):
    page.goto(live_server.url + "/warwickshire/complaints/new/")
    page.fill("#id_complainant_name", COMPLAINANT)
    page.select_option("#id_channel", value="email")
    page.check("input[name=subject][value=pcc]")
    page.fill("#id_text", text)
    page.click("button:has-text('Record the complaint')")
    expect(page.locator("h1")).to_have_text("Received")


def test_it_sets_a_complaint_aside_on_15_3_c_and_refers_a_serious_one_to_the_iopc(
    page, live_server, demo, sign_in, screenshot
):
    sign_in("warwickshire-complaints-handler")
    _record(page, live_server, "The same complaint as my earlier one.")
    page.click("button:has-text('Record it')")
    expect(page.locator("h1")).to_have_text("Recorded")
    page.check("input[name=ground][value=already_subject]")
    page.click("button:has-text('Set it aside')")
    expect(page.locator("h1")).to_have_text("Set aside (disapplied)")
    page.click("text=Complaint set aside (disapplication): to the complainant")
    letter = page.locator(".app-letter")
    expect(letter).to_contain_text(f"Dear {COMPLAINANT}")
    expect(letter).to_contain_text("regulation 15(3)(c)")
    expect(letter).to_contain_text("the matter is already the subject of a complaint")
    expect(letter).to_contain_text("sent under SI 2012/62 reg 15")
    screenshot("complaint-set-aside-letter")

    _record(page, live_server, "The Commissioner took money from the office's budget.")
    page.check("#id_serious")
    page.click("button:has-text('Record it')")
    expect(page.locator("h1")).to_have_text("Recorded")
    due = dt.date.today() + dt.timedelta(days=1)
    timetable = page.locator("#timetable")
    expect(timetable).to_contain_text(
        "Refer the serious complaint to the IOPC by the end of this day"
    )
    expect(timetable).to_contain_text(f"{due:%-d %B %Y}")
    expect(timetable).to_contain_text("SI 2012/62 reg 13")
    expect(
        page.locator("h2", has_text="Refer to the Independent Office for Police Conduct (IOPC)")
    ).to_be_visible()
    page.fill("form[action$='/refer/'] #id_referred_on", dt.date.today().isoformat())
    page.click("button:has-text('Record the referral')")
    expect(page.locator("h1")).to_have_text("Referred to the IOPC")
    screenshot("complaint-referred-iopc")
    page.click("text=Referral: to the Independent Office for Police Conduct (IOPC)")
    expect(page.locator(".app-letter")).to_contain_text("Independent Office for Police Conduct")
