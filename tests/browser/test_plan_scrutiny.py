"""Scrutiny of the plan in the browser: the office loads a quarter's figures from a CSV file (a
bad row first), the clerk publishes the return, a member asks about a measure from its chart, and
the public reads the chart and its table; axe-core finds nothing on any of these pages."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import assert_accessible


def _world():
    from django_scopes import scopes_disabled

    from performance.models import Measure, Plan, Return

    with scopes_disabled():
        plan = Plan.objects.get(panel__slug="warwickshire", published_at__isnull=False)
        measures = list(
            Measure.objects.filter(plan=plan, withdrawn_in=None, priority__withdrawn_in=None)
            .select_related("priority")
            .order_by("priority__position", "position")
        )
        last = Return.objects.filter(plan=plan).order_by("-year", "-quarter").first()
    year, quarter = (last.year, last.quarter) if last else (plan.starts_on.year, 0)
    year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return plan, measures, year, quarter


def test_a_quarter_goes_from_the_office_to_the_public_with_a_members_question(
    page, live_server, demo, sign_in
):
    plan, measures, year, quarter = _world()
    first = measures[0]
    base = f"{live_server.url}/warwickshire"
    label = f"{year}/{(year + 1) % 100:02d} Q{quarter}"

    sign_in("warwickshire-opcc-officer")
    page.goto(f"{base}/manage/plan/{plan.slug}/returns/")
    assert_accessible(page, context_name="the returns list, as the office")
    page.fill("#id_year", str(year))
    page.select_option("#id_quarter", str(quarter))
    page.click("button:has-text('Start the return')")
    expect(page.locator("h1")).to_have_text(f"Return for {label}")
    bad = f"measure,value\n{first.slug},61\n{measures[1].slug},sixty\n".encode()
    page.set_input_files("#id_file", {"name": "q.csv", "mimeType": "text/csv", "buffer": bad})
    page.click("button:has-text('Load the file')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Row 3, value")
    assert_accessible(page, context_name="the return with the CSV's errors")
    rows = "\n".join(f"{m.slug},{40 + n}" for n, m in enumerate(measures))
    good = f"measure,value,note\n{rows}\n".encode()
    page.set_input_files("#id_file", {"name": "q.csv", "mimeType": "text/csv", "buffer": good})
    page.click("button:has-text('Load the file')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The file's figures")
    page.click("button:has-text('Submit the return to the panel')")
    expect(page.locator("body")).to_contain_text("Submitted to the panel")

    page.click("button:has-text('Sign out')")
    sign_in("warwickshire-clerk")
    page.goto(f"{base}/plan/{plan.slug}/quarters/{year}-{(year + 1) % 100:02d}-q{quarter}/")
    assert_accessible(page, context_name="the submitted return, as the clerk")
    page.click("button:has-text('Publish the return')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Published")

    page.click("button:has-text('Sign out')")
    sign_in("warwickshire-member")
    page.goto(f"{base}/plan/{plan.slug}/priorities/{first.priority.slug}/")
    assert_accessible(page, context_name="a priority's dashboard, as a member")
    page.click(f"h2 a:has-text('{first.title}')")
    chart = page.locator(f"figure#figure-{first.slug} svg[role=img]")
    expect(chart).to_be_visible()
    page.check("input[name=kind][value=question]")
    page.fill("#id_text", "What lies behind this quarter's figure?")
    page.click("button:has-text('Raise it')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("in the tracker")
    assert_accessible(page, context_name="a measure's page, as a member")

    page.click("button:has-text('Sign out')")
    page.goto(f"{base}/plan/{plan.slug}/measures/{first.slug}/")
    expect(page.locator("h1")).to_have_text(first.title)
    svg = page.locator(f"figure#figure-{first.slug} svg[role=img]")
    expect(svg.locator("title")).to_have_text(first.title)
    expect(svg.locator("desc")).to_contain_text(f"Latest ({label})")
    table = page.locator("table.app-chart-table")
    expect(table.locator(f"tr:has(th:text-is('{label}'))")).to_contain_text("40")
    expect(page.locator("body")).to_contain_text("What lies behind this quarter's figure?")
    assert_accessible(page, context_name="a measure's page, as the public")
    page.goto(f"{base}/plan/{plan.slug}/money/")
    assert_accessible(page, context_name="the money, as the public")
