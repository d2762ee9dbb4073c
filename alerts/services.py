"""Alerts: notices written when something is published, and the subscriptions that ask for them.

Notices are written by the receivers `publishing/wiring.py` connects to the apps' events, in
the publishing transaction, from the apps' own public projections (`access.PUBLIC`): a notice
holds only what the public page showed. Its delivery is queued once the transaction commits
(`transaction.on_commit`), so a rolled-back publication mails nobody.

Subscribing is double opt-in: a subscription is inert until the link in the confirmation
message is followed and confirmed (a POST, so that a mail scanner fetching the link confirms
nothing). Addresses are never revealed: the page says the same whether or not the address was
known.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from decisions import access as decisions_access
from decisions.models import Decision
from meetings import access as meetings_access
from meetings.models import AgendaVersion, Meeting, MinutesVersion
from panel.access import Reader
from panel.models import Body, Panel
from panel.tenancy import panel_scope
from statutory import access as statutory_access
from statutory.models import StatutoryCase

from . import access, tasks, tokens
from .models import Notice, Subscriber, Subscription

Scope = Subscription.Scope


# --- Notices: what was published, as the public reads it -------------------------------------


def _write(panel: Panel, key: str, **fields: Any) -> Notice | None:
    """The notice of ``key``, once: a second publication event for the same thing (a receiver
    run twice) writes nothing and mails nobody again."""
    try:
        with transaction.atomic():
            notice = Notice.objects.create(panel=panel, key=key, **fields)
    except IntegrityError:
        return None
    transaction.on_commit(lambda: tasks.notice_deliver.delay(notice.pk))
    return notice


def _meeting_notice(
    meeting: Meeting,
    version: AgendaVersion | MinutesVersion,
    kind: Notice.Kind,
    title: str,
    *,
    anchor: str = "",
    lines: list[str] | None = None,
) -> Notice | None:
    """A meeting's agenda or minutes version: the notice names the meeting, its body and date,
    and links its public page."""
    panel = meeting.panel
    return _write(
        panel,
        f"{kind.value}:{meeting.pk}:{version.number}",
        kind=kind,
        body=meeting.body,
        meeting=meeting,
        title=title,
        context=f"{meeting.body.name}, {timezone.localtime(meeting.start):%-d %B %Y}",
        path=reverse("meetings:meeting", args=[panel.slug, meeting.slug]) + anchor,
        lines=lines or [],
        published_at=version.published_at,
    )


AGENDA_TITLES = {
    AgendaVersion.Kind.AGENDA: "Agenda published",
    AgendaVersion.Kind.SUPPLEMENTARY: "Supplementary agenda published",
    AgendaVersion.Kind.REVISED: "Revised agenda published",
}
MINUTES_TITLES = {
    MinutesVersion.Kind.DRAFT: "Draft minutes published",
    MinutesVersion.Kind.APPROVED: "Minutes approved",
    MinutesVersion.Kind.CORRECTION: "Minutes corrected",
}


def agenda_published(meeting: Meeting, version: AgendaVersion) -> Notice | None:
    """An agenda (or a supplementary or revised one) published: its items as the public reads
    them; an exempt item by its number and title only, as on the public page."""
    with panel_scope(meeting.panel_id):
        return _agenda_published(meeting, version)


def _agenda_published(meeting: Meeting, version: AgendaVersion) -> Notice | None:
    agenda = meetings_access.agenda_for(access.PUBLIC, version)
    if agenda is None or meeting.papers_archived_at is not None:
        return None
    lines = [
        f"{item['number']}. {item['title']}"
        + (" (not for publication)" if item.get("restricted") else "")
        for item in agenda["items"]
    ]
    title = AGENDA_TITLES.get(AgendaVersion.Kind(version.kind), "Agenda published")
    return _meeting_notice(meeting, version, Notice.Kind.AGENDA, title, lines=lines)


def minutes_published(meeting: Meeting, version: MinutesVersion) -> Notice | None:
    with panel_scope(meeting.panel_id):
        return _minutes_published(meeting, version)


def _minutes_published(meeting: Meeting, version: MinutesVersion) -> Notice | None:
    if meetings_access.minutes_for(access.PUBLIC, version) is None:
        return None
    title = MINUTES_TITLES.get(MinutesVersion.Kind(version.kind), "Minutes published")
    return _meeting_notice(meeting, version, Notice.Kind.MINUTES, title, anchor="#minutes")


def decision_changed(decision: Decision) -> Notice | None:
    """A decision newly in the register (its corrections and withdrawal mail nobody: the
    register shows them)."""
    with panel_scope(decision.panel_id):
        return _decision_changed(decision)


def _decision_changed(decision: Decision) -> Notice | None:
    panel = decision.panel
    if decision.published_at is None or decision.withdrawn_at is not None:
        return None
    view = decisions_access.decision_for(access.PUBLIC, decision)
    if view.get("tombstone"):
        return None
    return _write(
        panel,
        f"decision:{decision.pk}",
        kind=Notice.Kind.DECISION,
        decision=decision,
        title=f"{panel.decision_prefix} {decision.number:04d}: {view['title']}"[:300],
        context=f"Decision, {timezone.localtime(decision.published_at):%-d %B %Y}",
        path=reverse("decisions:decision", args=[panel.slug, decision.number]),
        lines=[],
        published_at=decision.published_at,
    )


def case_changed(case: StatutoryCase) -> list[Notice]:
    """Each of the panel's reports and the Commissioner's responses newly public on a case."""
    with panel_scope(case.panel_id):
        return _case_changed(case)


def _case_changed(case: StatutoryCase) -> list[Notice]:
    panel = case.panel
    seen = statutory_access.visible_cases(access.PUBLIC, panel).filter(pk=case.pk).first()
    if seen is None:
        return []
    seen.panel = panel
    view = statutory_access.case_for(access.PUBLIC, seen)
    path = reverse("statutory:case", args=[panel.slug, case.number])

    def notice(key: str, kind: Notice.Kind, title: str, **fields: Any) -> Notice | None:
        return _write(panel, key, kind=kind, case=case, title=title[:300], path=path, **fields)

    written = []
    for report in view["reports"]:
        if report["published_at"] is not None:
            written.append(
                notice(
                    f"report:{report['pk']}",
                    Notice.Kind.REPORT,
                    f"Panel report: {view['title']}",
                    context=f"{report['stage_label']}, {report['made_on']:%-d %B %Y}",
                    lines=[str(r) for r in report["recommendations"]],
                    published_at=report["published_at"],
                )
            )
        response = report["response"]
        if response is not None and response["published_at"] is not None:
            written.append(
                notice(
                    f"response:{response['pk']}",
                    Notice.Kind.RESPONSE,
                    f"The Commissioner's response: {view['title']}",
                    context=f"Received {response['received_on']:%-d %B %Y}",
                    lines=[],
                    published_at=response["published_at"],
                )
            )
    return [n for n in written if n is not None]


# --- Subscribing ------------------------------------------------------------------------------


def _subscriber(email: str) -> Subscriber:
    subscriber, _ = Subscriber.objects.get_or_create(email=email.strip().lower())
    return subscriber


def subscription_request(
    *,
    panel: Panel,
    email: str,
    scope: str,
    body: Body | None = None,
    query: str = "",
    frequency: str = Subscriber.Frequency.IMMEDIATE,
    user: Reader,
) -> Subscription:
    """Ask for alerts: a new or still unconfirmed subscription gets a confirmation message
    (unless the signed-in reader asks for their own account's address, which is confirmed);
    a confirmed one is left as it is and nothing is sent. The caller learns nothing of which."""
    _validate(panel, scope=scope, body=body, query=query, frequency=frequency)
    with transaction.atomic():
        subscriber = _subscriber(email)
        subscription, _ = Subscription.objects.for_panel(panel).get_or_create(
            panel=panel,
            subscriber=subscriber,
            scope=scope,
            body=body if scope == Scope.BODY else None,
            query=query.strip() if scope == Scope.SEARCH else "",
        )
        if subscription.confirmed_at is not None:
            return subscription
        if access.owns_address(user, subscriber.email):
            _confirm(subscription, frequency, user=user)
            return subscription
        subscription.asked_at = timezone.now()
        subscription.save(update_fields=["asked_at"])
        token = tokens.confirm_token(subscription.pk, frequency)
        transaction.on_commit(lambda: tasks.confirmation_send.delay(subscription.pk, token))
    return subscription


def _validate(panel: Panel, *, scope: str, body: Body | None, query: str, frequency: str) -> None:
    errors: dict[str, str] = {}
    if scope not in Scope.values:
        errors["scope"] = "Choose what to be told about."
    if scope == Scope.BODY and (body is None or body.panel_id != panel.pk):
        errors["body"] = "Choose one of this panel's committees or groups."
    if scope == Scope.SEARCH and not query.strip():
        errors["query"] = "Enter the words to search for."
    if len(query) > 200:
        errors["query"] = "Enter at most 200 characters."
    if frequency not in Subscriber.Frequency.values:
        errors["frequency"] = "Choose how often to be told."
    if errors:
        raise ValidationError(errors)


def subscription_for_token(token: str) -> tuple[Subscription, str] | None:
    """The subscription a confirmation link names, and the frequency asked for; None for a
    forged, expired or stale link."""
    data = tokens.read_confirm(token)
    if data is None or not isinstance(data.get("s"), int):
        return None
    with access.across_panels():
        subscription = (
            Subscription.objects.select_related("subscriber", "panel", "body")
            .filter(pk=data["s"])
            .first()
        )
    if subscription is None or data.get("f") not in Subscriber.Frequency.values:
        return None
    return subscription, data["f"]


def subscription_confirm(*, token: str, user: Reader) -> Subscription | None:
    found = subscription_for_token(token)
    if found is None:
        return None
    subscription, frequency = found
    with panel_scope(subscription.panel_id), transaction.atomic():
        if subscription.confirmed_at is None:
            _confirm(subscription, frequency, user=user)
    return subscription


def _confirm(subscription: Subscription, frequency: str, *, user: Reader) -> None:
    now = timezone.now()
    subscription.confirmed_at = now
    subscription.save(update_fields=["confirmed_at"])
    subscriber = subscription.subscriber
    subscriber.frequency = frequency
    fields = ["frequency"]
    if subscriber.digest_through is None:
        subscriber.digest_through = now
        fields.append("digest_through")
    if access.owns_address(user, subscriber.email) and subscriber.user_id is None:
        subscriber.user = user  # type: ignore[assignment]  # owns_address: a signed-in User
        fields.append("user")
    subscriber.save(update_fields=fields)


def unsubscribe(token: str) -> int | None:
    """Follow a one-click unsubscribe link (RFC 8058): the subscriptions it names, or all of an
    address's, end. The number ended, or None for a forged link. Repeating it is harmless."""
    data = tokens.read_unsubscribe(token)
    if data is None:
        return None
    with access.across_panels():
        if "a" in data:
            rows = Subscription.objects.filter(subscriber_id=data["a"])
        else:
            rows = Subscription.objects.filter(pk__in=[int(pk) for pk in data.get("s", [])])
        ended, _ = rows.delete()
    return ended


def unsubscribe_is_valid(token: str) -> bool:
    return tokens.read_unsubscribe(token) is not None


def subscriber_for_key(key: str) -> Subscriber | None:
    return Subscriber.objects.filter(key=key).first() if key else None


def subscriber_update(*, subscriber: Subscriber, frequency: str) -> None:
    if frequency not in Subscriber.Frequency.values:
        raise ValidationError({"frequency": "Choose how often to be told."})
    subscriber.frequency = frequency
    subscriber.save(update_fields=["frequency"])


def subscription_end(*, subscriber: Subscriber, subscription_id: int) -> bool:
    with access.across_panels():
        ended, _ = Subscription.objects.filter(subscriber=subscriber, pk=subscription_id).delete()
    return bool(ended)


def subscriber_forget(*, subscriber: Subscriber) -> None:
    """Every subscription of the address ended and the address itself deleted."""
    with access.across_panels():
        subscriber.delete()
