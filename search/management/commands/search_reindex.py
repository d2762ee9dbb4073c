"""Index again everything every panel has published (after an upgrade or a restore)."""

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from panel.models import Panel
from panel.tenancy import panel_scope
from search.services import reindex_panel


class Command(BaseCommand):
    help = "Rebuild the search index from what each panel has published."

    def handle(self, *args: object, **options: object) -> None:
        with scopes_disabled():
            panels = list(Panel.objects.all())
        for panel in panels:
            with panel_scope(panel):
                count = reindex_panel(panel)
            self.stdout.write(f"{panel.slug}: {count} meetings, decisions and cases indexed")
