from django.contrib import admin

from panel.admin import AuditedAdmin, admin_site

from .models import Decision, DecisionCorrection


@admin.register(Decision, site=admin_site)
class DecisionAdmin(AuditedAdmin):
    list_display = ["panel", "number", "title", "status", "published_at"]
    list_filter = ["panel", "status"]
    search_fields = ["title"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DecisionCorrection, site=admin_site)
class DecisionCorrectionAdmin(admin.ModelAdmin):
    """A correction is part of the published record (shown beside its decision, in the feeds
    and in OParl): it is read here, never changed or taken back."""

    list_display = ["decision", "made_at", "reason"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
