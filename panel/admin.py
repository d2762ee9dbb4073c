"""The Django admin: for the platform's superusers only, across panels.

It asks the policy (``can_use_admin``) and runs with the tenancy scope disabled, since a
superuser administers every panel; nobody else gets in, whatever their staff flag says.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import QuerySet
from django.http import HttpRequest
from django_scopes import scopes_disabled
from guardian.admin import GuardedModelAdmin
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from . import access
from .audit import delete_as, save_as
from .http import signed_in_user
from .models import Authority, Body, Membership, Panel, Person


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


def _register_auth(site: admin.AdminSite) -> None:
    site.register(User, UserAdmin)
    site.register(Group, GroupAdmin)
    site.register(TokenProxy, TokenAdmin)  # API tokens for the OPCC's own systems


_register_auth(admin_site)
