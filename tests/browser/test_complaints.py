"""The handler records a complaint and resolves it informally; a member off the sub-committee
cannot reach it."""

from playwright.sync_api import expect

COMPLAINANT = "Jo Illustrative"


def test_it_lets_the_handler_resolve_a_complaint_and_keeps_it_from_other_members(
    page, live_server, demo, sign_in, screenshot, django_user_model
):
    from django_scopes import scopes_disabled

    from panel import services
    from panel.access import Role
    from panel.demo import DEMO_PASSWORD
    from panel.models import Panel

    with scopes_disabled():
        panel = Panel.objects.get(slug="warwickshire")
        outsider = django_user_model.objects.create_user(
            "warwickshire-member-2", password=DEMO_PASSWORD
        )
        services.role_grant(panel=panel, user=outsider, role=Role.MEMBER, actor=None)
    sign_in("warwickshire-complaints-handler")
    page.goto(live_server.url + "/warwickshire/")
    page.click("nav[aria-label='Panel'] >> text=More")
    page.locator("#main-content").get_by_role("link", name="Complaints", exact=True).click()
    page.click("text=Record a new complaint")
    page.fill("#id_complainant_name", COMPLAINANT)
    page.select_option("#id_channel", value="email")
    page.check("input[name=subject][value=pcc]")
    page.fill("#id_text", "The Commissioner did not answer my letters.")
    page.click("button:has-text('Record the complaint')")
    expect(page.locator("h1")).to_have_text("Received")
    case_url = page.url
    page.click("button:has-text('Record it')")
    expect(page.locator("h1")).to_have_text("Recorded")
    page.click("button:has-text('Pass to the sub-committee')")
    expect(page.locator("h1")).to_have_text("Informal resolution")
    page.fill("form[action$='/resolve/'] #id_outcome", "An apology and a full reply were sent.")
    page.click("button:has-text('Record the resolution')")
    expect(page.locator("h1")).to_have_text("Resolved")
    page.click("text=Outcome: to the complainant")
    expect(page.locator(".app-letter")).to_contain_text(f"Dear {COMPLAINANT}")
    expect(page.locator(".app-letter")).to_contain_text("An apology and a full reply were sent.")
    screenshot("complaint-letter")
    page.goto(case_url)
    page.click("button:has-text('Sign out')")
    sign_in("warwickshire-member-2")
    response = page.goto(case_url)
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(COMPLAINANT)
    page.goto(live_server.url + "/warwickshire/more/")
    expect(page.get_by_role("link", name="Complaints", exact=True)).to_have_count(0)
