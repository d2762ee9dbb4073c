"""The tracker in the browser: a member filters "mine" and adds a note; the clerk raises an
action from a resolution."""

import datetime as dt

from playwright.sync_api import expect


def test_it_lets_a_member_filter_their_actions_and_add_a_progress_note(
    page, live_server, demo, sign_in
):
    from django_scopes import scopes_disabled

    from panel.models import Panel, Person
    from workprogramme import services

    with scopes_disabled():
        panel = Panel.objects.get(slug="warwickshire")
        robin = Person.objects.get(panel=panel, slug="robin-verso")
        services.action_create(
            panel=panel,
            text="Vice-Chair to meet the Neighbourhood Watch chairs",
            raised_on=dt.date(2014, 9, 26),
            lead_person=robin,
            actor=None,
        )
    sign_in("warwickshire-member")
    page.goto(live_server.url + "/warwickshire/")
    page.click("nav[aria-label='Panel'] >> text=Work programme")
    page.click("text=recommendations and actions tracker")
    page.check("#mine")
    page.click("button:has-text('Filter')")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    page.click("text=Vice-Chair to meet the Neighbourhood Watch chairs")
    page.fill("#id_text", "Met two chairs; a third meeting is booked.")
    page.select_option("#id_status", value="in_progress")
    page.click("button:has-text('Add the note')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "progress note has been added"
    )
    expect(page.locator("body")).to_contain_text("Met two chairs; a third meeting is booked.")
    # The tracker opens on the outstanding; the status filter narrows it to those in progress.
    page.goto(live_server.url + "/warwickshire/actions/")
    expect(page.locator("#status")).to_have_value("")
    page.select_option("#status", value="in_progress")
    page.click("button:has-text('Filter')")
    expect(page.locator("table tbody")).to_contain_text("Vice-Chair to meet")
    expect(page.locator("table tbody .govuk-tag--blue")).to_contain_text(["In progress"])


def test_it_lets_the_clerk_raise_an_action_from_a_resolution(page, live_server, demo, sign_in):
    sign_in("warwickshire-clerk")
    page.goto(live_server.url + "/warwickshire/manage/meetings/2014-07-18/minutes/")
    expect(page.locator("body")).to_contain_text("approved and signed by the Chair")
    page.goto(live_server.url + "/warwickshire/manage/meetings/2014-09-26/minutes/")
    page.fill(
        "form[action$='/minutes/minute/'] textarea[name=resolutions] >> nth=0",
        "Ask the Commissioner for a rural crime plan",
    )
    page.locator("form[action$='/minutes/minute/'] button >> nth=0").click()
    summary = page.locator("summary:has-text('Raise an action from resolution 1')").first
    summary.click()
    details = page.locator("details[open]").first
    details.locator("select[name=lead_person]").select_option(label="Neil Hewison")
    details.locator("button:has-text('Raise the action')").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "now an action on the tracker"
    )
    expect(page.locator("h1")).to_contain_text("Ask the Commissioner for a rural crime plan")
    expect(page.locator("body")).to_contain_text("Neil Hewison")
