"""The alerts in the platform admin (superusers only, like the rest of it): read-only, for an
operator answering "why did I get no email?" or looking at a claim never marked sent."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from panel.admin import admin_site

from .models import Delivery, Notice, Subscriber, Subscription


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Subscriber, site=admin_site)
class SubscriberAdmin(ReadOnly):
    list_display = ["email", "frequency", "user", "created_at"]
    list_filter = ["frequency"]
    search_fields = ["email"]
    exclude = ["key"]  # the manage link's secret stays out of every page


@admin.register(Subscription, site=admin_site)
class SubscriptionAdmin(ReadOnly):
    list_display = ["subscriber", "panel", "scope", "body", "query", "confirmed_at"]
    list_filter = ["panel", "scope"]


@admin.register(Notice, site=admin_site)
class NoticeAdmin(ReadOnly):
    list_display = ["panel", "title", "context", "published_at", "created_at"]
    list_filter = ["panel", "kind"]


@admin.register(Delivery, site=admin_site)
class DeliveryAdmin(ReadOnly):
    list_display = ["notice", "subscriber", "claimed_at", "sent_at"]
    list_filter = ["sent_at"]
