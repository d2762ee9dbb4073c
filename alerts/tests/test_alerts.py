"""Email alerts: double opt-in, what each subscription is told, nothing exempt or draft in any
message, one-click unsubscribe, never twice, weekly summaries, and the sign-up limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts import delivery
from alerts.models import Delivery, Notice, Subscriber, Subscription
from decisions import testing as decisions
from meetings.testing import (
    DRAFT_MARKER,
    EXEMPT_APPENDIX_MARKER,
    EXEMPT_MINUTE_MARKER,
    EXEMPT_REPORT_MARKER,
    published_meeting,
)
from panel.access import Role
from panel.tenancy import panel_scope
from statutory.services import case_step
from statutory.testing import precept

SECRETS = [
    DRAFT_MARKER,
    EXEMPT_APPENDIX_MARKER,
    EXEMPT_MINUTE_MARKER,
    EXEMPT_REPORT_MARKER,
    decisions.EXEMPT_MARKER,
    decisions.DRAFT_MARKER,
]


def text_of(message) -> str:
    return "\n".join(
        [message.subject, message.body, *(str(a[0]) for a in message.alternatives)]
        + [f"{k}: {v}" for k, v in message.extra_headers.items()]
    )


def alerts_sent() -> list:
    return [m for m in mail.outbox if "List-Unsubscribe" in m.extra_headers]


def assert_nothing_secret():
    for message in mail.outbox:
        for secret in SECRETS:
            assert secret not in text_of(message), (secret, message.subject)


def sign_up(client, panel="alpha", **data):
    form = {"email": "reader@example.org", "scope": "panel", "frequency": "immediate", **data}
    return client.post(reverse("alerts:subscribe", args=[panel]), form)


def link_in(message, name: str) -> str:
    found = re.search(rf"https://panel\.example\.org(/alerts/{name}/[^\s\"<>]+/)", message.body)
    assert found, message.body
    return found.group(1)


# --- Signing up ---------------------------------------------------------------------------


def test_double_opt_in_sends_nothing_until_the_link_is_confirmed_by_post(
    cast, client, subscribe, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="Reader@Example.org", frequency="weekly")
    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:check-email", args=["alpha"])
    [confirmation] = mail.outbox
    assert confirmation.to == ["reader@example.org"]
    assert "List-Unsubscribe" not in confirmation.extra_headers
    with panel_scope(cast["alpha"].panel):
        subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None

    link = link_in(confirmation, "confirm")
    page = client.get(link)  # a mail scanner fetching the link confirms nothing
    assert page.status_code == 200 and b"Confirm" in page.content
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None

    done = client.post(link)
    assert done.status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert subscription.subscriber.frequency == "weekly"
    manage = reverse("subscriptions:manage", args=[subscription.subscriber.key])
    assert manage in done.content.decode()


def test_an_unconfirmed_subscription_is_told_nothing(
    cast, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
        mail.outbox.clear()
        published_meeting(cast["alpha"])
    assert alerts_sent() == []


def test_a_forged_or_stale_link_is_a_clear_404(cast, client, subscribe):
    subscription = subscribe(cast["alpha"])
    for name in ("confirm", "unsubscribe"):
        response = client.get(reverse(f"subscriptions:{name}", args=["not-a-token"]))
        assert response.status_code == 404
        assert b"This link does not work" in response.content
    assert client.get(reverse("subscriptions:manage", args=["nope"])).status_code == 404
    subscription.refresh_from_db()  # still there


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not an address"}, "email", "Enter an email address in the correct format"),
        ({"email": ""}, "email", "Enter your email address"),
        ({"scope": "body"}, "body", "Choose the committee or group to follow"),
        ({"scope": "search", "query": ""}, "query", "Enter the words to search for"),
        ({"scope": "everything"}, "scope", "Select a valid choice"),
        ({"frequency": "hourly"}, "frequency", "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(cast, client, data, field, message):
    response = sign_up(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'href="#id_{field}' in response.content.decode()
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_the_same_page_whether_or_not_the_address_is_known(cast, client, subscribe):
    subscribe(cast["alpha"], email="known@example.org")
    known = sign_up(client, email="known@example.org")
    unknown = sign_up(client, email="unknown@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_sign_ups_are_limited_per_address_and_per_client(
    cast, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [sign_up(client, email="victim@example.org").status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3  # the address got at most three messages in the hour
    limited = sign_up(client, email="victim@example.org")
    assert "Too many requests for alerts" in limited.content.decode()

    other = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [sign_up(other, email=f"r{n}@example.org").status_code for n in range(21)]
    assert statuses.count(302) == 20 and statuses[-1] == 429


def test_a_signed_in_reader_needs_no_confirmation_for_their_own_address(cast, client_for):
    member = cast.user("alpha", Role.MEMBER)
    member.email = "member@example.org"
    member.save()
    client = client_for(member)
    page = client.get(reverse("alerts:subscribe", args=["alpha"]))
    assert 'value="member@example.org"' in page.content.decode()
    response = sign_up(client, email="member@example.org", scope="decisions")
    assert response.status_code == 302 and response["Location"] == reverse("subscriptions:account")
    assert mail.outbox == []
    subscriber = Subscriber.objects.get()
    assert subscriber.user == member
    account = client.get(reverse("subscriptions:account"))
    assert "The Commissioner&#x27;s decisions" in account.content.decode()
    assert account["Cache-Control"].startswith("max-age=0")


# --- What each subscription is told ---------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_immediate_alert_carries_the_public_agenda_and_no_secret(
    cast, subscribe, media, django_capture_on_commit_callbacks
):
    subscription = subscribe(cast["alpha"])
    with django_capture_on_commit_callbacks(execute=True):
        published_meeting(cast["alpha"])
    sent = alerts_sent()
    assert [m.subject.split(":")[0] for m in sent] == [
        "Agenda published",
        "Draft minutes published",
    ]
    agenda = sent[0]
    assert "Neighbourhood policing" in agenda.body
    assert "Contract for custody healthcare (not for publication)" in agenda.body
    assert "https://panel.example.org/alpha/meetings/" in agenda.body
    headers = agenda.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https://panel\.example\.org/alerts/unsubscribe/[^>]+/>", headers["List-Unsubscribe"]
    )
    assert headers["Auto-Submitted"] == "auto-generated"
    manage = reverse("subscriptions:manage", args=[subscription.subscriber.key])
    assert manage in agenda.body and manage in agenda.alternatives[0][0]
    assert_nothing_secret()


def test_each_scope_is_told_only_what_it_follows(
    cast, subscribe, media, django_capture_on_commit_callbacks
):
    alpha = cast["alpha"]
    subscribe(alpha, email="everything@example.org")
    subscribe(alpha, email="decisions@example.org", scope="decisions")
    subscribe(alpha, email="reports@example.org", scope="reports")
    subscribe(alpha, email="search@example.org", scope="search", query="neighbourhood policing")
    subscribe(alpha, email="nothing@example.org", scope="search", query="zebra crossings")
    with panel_scope(alpha.panel):
        from panel.models import Body

        group = Body.objects.create(
            panel=alpha.panel, name="Finance group", slug="finance", kind="working_group"
        )
    subscribe(alpha, email="group@example.org", scope="body", body=group)
    subscribe(cast["beta"], email="beta@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        published_meeting(alpha)
        with panel_scope(alpha.panel):
            decisions.published(alpha, title="Sale of Leek Wootton police station")
            decisions.published_with_exempt_part(alpha)
            decisions.draft(alpha, title=decisions.DRAFT_MARKER)
            case = precept(alpha)
            case_step(
                case=case,
                step="report",
                made_on=dt.date(2015, 2, 3),
                text="The panel supports it.",
                recommendations="Publish the plan",
                actor=None,
            )
            case_step(case=case, step="publish_report", actor=None)

    def told(email):
        return sorted(m.subject.split(":")[0] for m in alerts_sent() if m.to == [email])

    assert told("everything@example.org") == [
        "APCC 0001",
        "APCC 0002",
        "Agenda published",
        "Draft minutes published",
        "Panel report",
    ]
    assert told("decisions@example.org") == ["APCC 0001", "APCC 0002"]
    assert told("reports@example.org") == ["Panel report"]
    assert told("search@example.org") == ["Agenda published", "Draft minutes published"]
    assert told("nothing@example.org") == []
    assert told("group@example.org") == []
    assert told("beta@example.org") == []
    assert_nothing_secret()


def test_a_notice_is_written_once_and_mailed_once(cast, subscribe, media):
    subscribe(cast["alpha"])
    published_meeting(cast["alpha"])  # on_commit not run: notices written, nothing sent
    with panel_scope(cast["alpha"].panel):
        notices = list(Notice.objects.all())
    assert len(notices) == 2 and mail.outbox == []
    for notice in notices:
        assert delivery.notice_deliver(notice.pk) == 1
        assert delivery.notice_deliver(notice.pk) == 0  # a rerun sends nothing
    assert delivery.sweep() == 0
    assert len(alerts_sent()) == 2
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 2


def test_a_worker_killed_after_sending_and_before_recording_does_not_mail_twice(
    cast, subscribe, media, monkeypatch
):
    subscribe(cast["alpha"])
    published_meeting(cast["alpha"])
    with panel_scope(cast["alpha"].panel):
        notice = Notice.objects.order_by("pk").first()

    def killed(*args, **kwargs):
        raise SystemExit("the worker was killed")

    monkeypatch.setattr(delivery, "_record_sent", killed)
    with pytest.raises(SystemExit):
        delivery.notice_deliver(notice.pk)
    assert len(alerts_sent()) == 1
    monkeypatch.undo()
    assert delivery.notice_deliver(notice.pk) == 0  # the task's rerun
    assert len(alerts_sent()) == 1
    stale = delivery.stale_claims(timezone.now() + dt.timedelta(hours=2))
    assert [(c.notice_id, c.sent_at) for c in stale] == [(notice.pk, None)]


def test_a_message_the_server_refuses_is_sent_by_the_retry(cast, subscribe, media, settings):
    subscribe(cast["alpha"])
    published_meeting(cast["alpha"])
    with panel_scope(cast["alpha"].panel):
        notice = Notice.objects.order_by("pk").first()
    settings.EMAIL_BACKEND = "panel.testing.FailingEmailBackend"
    with pytest.raises(OSError):
        delivery.notice_deliver(notice.pk)
    assert not Delivery.objects.exists()  # the claim was given back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery.notice_deliver(notice.pk) == 1


def test_the_weekly_summary_lists_the_weeks_publications_once(
    cast, subscribe, media, django_capture_on_commit_callbacks
):
    subscribe(cast["alpha"], frequency="weekly")
    subscribe(cast["beta"], frequency="weekly", scope="decisions")
    with django_capture_on_commit_callbacks(execute=True):
        published_meeting(cast["alpha"])
        with panel_scope(cast["beta"].panel):
            decisions.published(cast["beta"], title="Fleet replacement")
        archived = published_meeting(cast["alpha"], day=dt.date(2030, 6, 12)).meeting
    # Its papers leave the public record before the summary goes (as papers_archive does).
    with panel_scope(cast["alpha"].panel):
        type(archived).objects.filter(pk=archived.pk).update(papers_archived_at=timezone.now())
    assert alerts_sent() == []  # weekly subscribers get nothing at once
    assert delivery.digests_send() == 1
    [summary] = alerts_sent()
    assert summary.subject == "Your weekly summary: 3 new publications"
    assert "Agenda published" in summary.body and "Fleet replacement" in summary.body
    assert "12 June 2030" not in summary.body  # archived before the summary went
    assert summary.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert delivery.digests_send() == 0
    assert_nothing_secret()


# --- Stopping --------------------------------------------------------------------------------


def test_one_click_unsubscribe_by_post_without_a_csrf_token(
    cast, subscribe, media, django_capture_on_commit_callbacks
):
    subscription = subscribe(cast["alpha"])
    with django_capture_on_commit_callbacks(execute=True):
        published_meeting(cast["alpha"])
    link = alerts_sent()[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.removeprefix("https://panel.example.org")
    mail_client = Client(enforce_csrf_checks=True)
    assert mail_client.get(path).status_code == 200  # a page with a button: nothing yet
    assert Subscription.objects.for_panel(subscription.panel_id).filter(pk=subscription.pk).exists()
    response = mail_client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert (
        not Subscription.objects.for_panel(subscription.panel_id)
        .filter(pk=subscription.pk)
        .exists()
    )
    assert (
        mail_client.post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 200
    )


def test_the_manage_page_changes_frequency_stops_one_and_forgets_all(cast, client, subscribe):
    first = subscribe(cast["alpha"])
    subscribe(cast["beta"], scope="decisions")
    subscriber = first.subscriber
    page = reverse("subscriptions:manage", args=[subscriber.key])
    shown = client.get(page).content.decode()
    assert "Alpha" in shown or cast["alpha"].panel.name in shown
    assert cast["beta"].panel.name in shown
    assert client.post(page, {"action": "frequency", "frequency": "fortnightly"}).status_code == 400
    client.post(page, {"action": "frequency", "frequency": "weekly"})
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly"
    client.post(page, {"action": "end", "subscription": first.pk})
    assert not Subscription.objects.for_panel(first.panel_id).filter(pk=first.pk).exists()
    client.post(page, {"action": "end", "subscription": "x"})  # nonsense: nothing happens
    client.post(page, {"action": "forget"})
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert client.get(page).status_code == 404
