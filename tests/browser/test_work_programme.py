"""The public reads the work programme year by year: it opens on the latest year with items
(the current one has none), goes to the previous year and comes back."""

from django.utils import timezone
from playwright.sync_api import expect

EARLIER = "Police and Crime Plan consultation"


def test_the_public_moves_between_the_years_of_the_work_programme(
    page, live_server, demo, screenshot
):
    from django_scopes import scopes_disabled

    from panel.models import Panel
    from panel.tenancy import panel_scope
    from panel.years import municipal_year
    from workprogramme import services
    from workprogramme.models import WorkProgrammeItem

    with scopes_disabled():
        panel = Panel.objects.get(slug="warwickshire")
    with panel_scope(panel):
        services.work_item_create(panel=panel, municipal_year="2013/14", topic=EARLIER, actor=None)
        years = set(WorkProgrammeItem.objects.for_panel(panel).years())
    assert years == {"2013/14", "2014/15"}
    assert municipal_year(timezone.localdate()) not in years  # so it opens on the latest

    page.goto(live_server.url + "/warwickshire/")
    page.locator("nav[aria-label='Panel']").get_by_role("link", name="Work programme").click()
    expect(page.locator("h1")).to_have_text("Work programme 2014/15")
    expect(page.locator("main")).to_contain_text("Police and Crime Plan 2013-17")
    expect(page.locator("main")).to_contain_text("Dates the law sets in 2014/15")
    years_nav = page.locator("nav[aria-label='Municipal years of the work programme']")
    expect(years_nav.locator("[aria-current=page]")).to_have_text("2014/15")
    expect(years_nav.locator("a[rel=next]")).to_have_count(0)
    screenshot("work-programme-latest-year")

    years_nav.locator("a[rel=prev]").click()
    expect(page.locator("h1")).to_have_text("Work programme 2013/14")
    expect(page.locator("main")).to_contain_text(EARLIER)
    expect(page.locator("main")).not_to_contain_text("Police and Crime Plan 2013-17")
    expect(page.locator("main")).to_contain_text("1 February 2014")  # the 2014/15 precept's
    expect(years_nav.locator("a[rel=prev]")).to_have_count(0)

    years_nav.locator("a[rel=next]").click()
    expect(page.locator("h1")).to_have_text("Work programme 2014/15")
    expect(page).to_have_url(live_server.url + "/warwickshire/work-programme/?year=2014/15")
