from django.contrib import admin

from panel.admin import AuditedAdmin, admin_site

from .models import AgendaItem, AgendaVersion, Meeting, MinutesVersion, StandingItem


@admin.register(StandingItem, site=admin_site)
class StandingItemAdmin(admin.ModelAdmin):
    list_display = ["panel", "position", "title", "kind", "access", "exempt_paragraph"]
    list_filter = ["panel"]


@admin.register(Meeting, site=admin_site)
class MeetingAdmin(AuditedAdmin):
    list_display = ["panel", "slug", "body", "start", "agenda_version", "minutes_status"]
    list_filter = ["panel"]
    readonly_fields = ["agenda_version", "minutes_status", "version"]


@admin.register(AgendaItem, site=admin_site)
class AgendaItemAdmin(AuditedAdmin):
    list_display = ["meeting", "number", "title", "access", "exempt_paragraph"]
    list_filter = ["panel", "access"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Published versions are immutable, in the admin too."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin_site.register(AgendaVersion, ReadOnlyAdmin)
admin_site.register(MinutesVersion, ReadOnlyAdmin)
