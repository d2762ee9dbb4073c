"""The Django admin: for the platform's superusers only, across panels.

It asks the policy (``can_use_admin``) and runs with the tenancy scope disabled, since a
superuser administers every panel; nobody else gets in, whatever their staff flag says.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django_scopes import scopes_disabled
from guardian.admin import GuardedModelAdmin

from . import access, services
from .audit import delete_as, save_as
from .http import signed_in_user
from .models import ApiToken, Authority, Body, Membership, Panel, Person


class PanelAdminSite(admin.AdminSite):
    site_header = "Police and Crime Panels: platform administration"
    site_title = "Platform administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return access.can_use_admin(request.user)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        def unscoped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            with scopes_disabled():
                return inner(request, *args, **kwargs)

        return unscoped


class AuditedAdmin(admin.ModelAdmin):
    """The admin of a model with a history: each save and delete is recorded as the superuser
    who made it, as a service records its actor (no middleware remembers who is asking)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        save_as(obj, signed_in_user(request))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_as(obj, signed_in_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        delete_as(queryset, signed_in_user(request))


admin_site = PanelAdminSite(name="admin")


@admin.register(Panel, site=admin_site)
class PanelAdmin(GuardedModelAdmin):
    list_display = ["name", "slug", "jurisdiction", "decision_prefix", "is_demo"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Authority, site=admin_site)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "panel"]
    list_filter = ["panel"]


@admin.register(Person, site=admin_site)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "job_title", "panel", "user"]
    list_filter = ["panel"]
    search_fields = ["name"]
    raw_id_fields = ["user"]


@admin.register(Body, site=admin_site)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "panel"]
    list_filter = ["panel", "kind"]


@admin.register(Membership, site=admin_site)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "start_date", "end_date", "panel"]
    list_filter = ["panel", "role"]
    raw_id_fields = ["person", "body", "authority"]


@admin.register(ApiToken, site=admin_site)
class ApiTokenAdmin(AuditedAdmin):
    """The office's API tokens, read-only: the office makes them on its own page (the key is
    shown there once and never stored); a superuser may revoke one. No key, digest or prefix."""

    list_display = ["name", "panel", "role", "user", "created", "expiry", "last_used", "status"]
    list_filter = ["panel", "role"]
    fields = readonly_fields = (
        "panel",
        "name",
        "role",
        "user",
        "created",
        "expiry",
        "last_used",
        "revoked_at",
    )
    actions = ["revoke"]

    @admin.display(description="Status")
    def status(self, token: ApiToken) -> str:
        return token.status_at(timezone.now())

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = 0
        for token in queryset.filter(revoked_at=None):
            try:
                services.api_token_revoke(token=token, actor=signed_in_user(request))
            except ValidationError:
                continue  # revoked meanwhile: nothing left to do
            revoked += 1
        self.message_user(request, f"{revoked} token(s) revoked.", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


def _register_auth(site: admin.AdminSite) -> None:
    site.register(User, UserAdmin)
    site.register(Group, GroupAdmin)


_register_auth(admin_site)
