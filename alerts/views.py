"""The alerts pages: thin; the work is in alerts.services.

Signing up is rate-limited by address and by client (django-ratelimit, counting in the cache),
so the form cannot be used to mail-bomb anyone: an address gets a few confirmation messages an
hour at most, and one client a few dozen sign-ups. The pages that carry a subscriber's links
(confirm, unsubscribe, manage) are never cached and say the same whatever the address.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from panel.http import PanelRequest

from . import access, queries, services
from .forms import FrequencyForm, SubscribeForm
from .models import Subscriber

# Confirmation messages to one address, and sign-ups from one client, per hour.
PER_ADDRESS = "3/h"
PER_CLIENT = "20/h"


def _limited(request: HttpRequest, email: str) -> bool:
    by_client = is_ratelimited(
        request, group="alerts.subscribe.client", key="ip", rate=PER_CLIENT, increment=True
    )
    by_address = is_ratelimited(
        request,
        group="alerts.subscribe.address",
        key=lambda _group, _request: email.strip().lower(),
        rate=PER_ADDRESS,
        increment=True,
    )
    return by_client or by_address


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: PanelRequest, panel_slug: str) -> HttpResponse:
    panel = request.panel
    bodies = access.subscribable_bodies(panel)
    initial: dict[str, Any] = {
        "email": getattr(request.user, "email", "") if request.user.is_authenticated else "",
        "scope": request.GET.get("scope", ""),
        "query": request.GET.get("q", "")[:200],
        "body": bodies.filter(slug=request.GET.get("body", "")).first(),
    }
    posted = request.POST if request.method == "POST" else None
    form = SubscribeForm(posted, bodies=bodies, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid() and _limited(request, form.cleaned_data["email"]):
            form.add_error(None, "Too many requests for alerts. Try again in an hour.")
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                subscription = services.subscription_request(
                    panel=panel,
                    email=data["email"],
                    scope=data["scope"],
                    body=data["body"],
                    query=data["query"],
                    frequency=data["frequency"],
                    user=request.user,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                if subscription.confirmed_at is not None and access.owns_address(
                    request.user, data["email"]
                ):
                    messages.success(request, "Your alert is set up.")
                    return redirect("subscriptions:account")
                return redirect("alerts:check-email", panel_slug=panel.slug)
        if form.errors and status == 200:
            status = 400
    return render(
        request,
        "alerts/subscribe.html",
        {"form": form, "bodies": bodies},
        status=status,
    )


def check_email(request: PanelRequest, panel_slug: str) -> HttpResponse:
    return render(request, "alerts/check_email.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation message: a page with a button, because a mail scanner that
    fetches the link must confirm nothing; the button's POST confirms."""
    found = services.subscription_for_token(token)
    if found is None:
        return render(request, "alerts/link_expired.html", status=404)
    subscription, _ = found
    if request.method == "POST":
        services.subscription_confirm(token=token, user=request.user)
        return render(
            request,
            "alerts/confirmed.html",
            {"subscription": subscription, "subscriber": subscription.subscriber},
        )
    return render(request, "alerts/confirm.html", {"subscription": subscription})


@never_cache
@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", with no token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe. A GET shows a button (link scanners fetch links); a POST, from the
    button or from the mail client itself (RFC 8058 s 3.2), unsubscribes at once."""
    if request.method == "POST":
        ended = services.unsubscribe(token)
        if ended is None:
            return render(request, "alerts/link_expired.html", status=404)
        return render(request, "alerts/unsubscribed.html")
    if services.unsubscribe_is_valid(token):
        return render(request, "alerts/unsubscribe.html")
    return render(request, "alerts/link_expired.html", status=404)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, key: str) -> HttpResponse:
    """Every subscription of an address, by the secret key in its messages' manage link."""
    subscriber = services.subscriber_for_key(key)
    if subscriber is None:
        return render(request, "alerts/link_expired.html", status=404)
    return _manage(request, subscriber, here=reverse("subscriptions:manage", args=[key]))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """A signed-in reader's alerts, on their account's address; the public are told how to
    sign up on a panel's pages."""
    subscriber = queries.subscriber_of(request.user)
    if subscriber is None:
        return render(
            request,
            "alerts/account.html",
            {"panels": queries.panels_to_follow(request.user)},
        )
    return _manage(request, subscriber, here=reverse("subscriptions:account"))


def _manage(request: HttpRequest, subscriber: Subscriber, *, here: str) -> HttpResponse:
    form = FrequencyForm(initial={"frequency": subscriber.frequency})
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "frequency":
            form = FrequencyForm(request.POST)
            if form.is_valid():
                services.subscriber_update(
                    subscriber=subscriber, frequency=form.cleaned_data["frequency"]
                )
                messages.success(request, "How often we email you is changed.")
                return redirect(here)
        elif action == "end":
            try:
                subscription_id = int(request.POST.get("subscription", ""))
            except ValueError:
                subscription_id = 0
            if services.subscription_end(subscriber=subscriber, subscription_id=subscription_id):
                messages.success(request, "That alert is stopped.")
            return redirect(here)
        elif action == "forget":
            services.subscriber_forget(subscriber=subscriber)
            return render(request, "alerts/unsubscribed.html", {"forgotten": True})
        else:
            form = FrequencyForm(request.POST)
            form.is_valid()
            form.add_error(None, "Choose what to change.")
    return render(
        request,
        "alerts/manage.html",
        {
            "subscriber": subscriber,
            "subscriptions": queries.subscriptions_of(subscriber),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
