"""Email alerts in the browser: a resident signs up without an account, confirms from the email,
gets an alert when a decision is published, and stops it from the alert's own link."""

from __future__ import annotations

import re
from types import SimpleNamespace

from django.core import mail
from playwright.sync_api import expect

from decisions import testing as decisions
from panel.models import Panel
from panel.tenancy import panel_scope

from .conftest import assert_accessible


def _link(message, name: str) -> str:
    found = re.search(rf"(https?://[^\s]+/alerts/{name}/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_public_subscribes_confirms_and_unsubscribes(
    page, live_server, demo, settings, screenshot
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    page.goto(live_server.url + "/warwickshire/")
    page.click("text=Get email alerts")
    expect(page.locator("h1")).to_have_text("Get email alerts")
    assert_accessible(page, context_name="the sign-up form")

    page.click("button:has-text('Get alerts')")  # nothing filled in: clear errors, nothing sent
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    page.fill("#id_email", "resident@example.org")
    page.check("input[name=scope][value=decisions]")
    page.check("input[name=frequency][value=immediate]")
    page.click("button:has-text('Get alerts')")
    expect(page.locator("h1")).to_have_text("Check your email")
    screenshot("alerts-check-email")

    [confirmation] = mail.outbox
    assert confirmation.to == ["resident@example.org"]
    page.goto(_link(confirmation, "confirm"))
    page.click("button:has-text('Confirm')")
    expect(page.locator("h1")).to_have_text("Your alerts are confirmed")
    page.click("text=Manage your alerts")
    expect(page.locator("#subscriptions")).to_contain_text("The Commissioner's decisions")
    expect(page.locator("#subscriptions")).to_contain_text("Active")
    assert_accessible(page, context_name="managing alerts")

    panel = Panel.objects.get(slug="warwickshire")
    with panel_scope(panel):
        decisions.published(SimpleNamespace(panel=panel), title="Replacement of the fleet")
    alert = next(m for m in mail.outbox if "Replacement of the fleet" in m.subject)
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page.goto(alert.extra_headers["List-Unsubscribe"].strip("<>"))
    page.click("button:has-text('Stop these alerts')")
    expect(page.locator("h1")).to_have_text("Alerts stopped")
    page.goto(_link(alert, "manage"))
    expect(page.locator("main")).to_contain_text("You follow nothing at the moment")
