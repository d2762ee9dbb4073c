from typing import Any

from django.core.management.base import BaseCommand

from panel.demo import DEMO_PASSWORD, demo_logins
from publishing.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo panels (Warwickshire as in September 2014, and West Mercia). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for each: {DEMO_PASSWORD}):")
        for username, what in demo_logins():
            self.stdout.write(f"  {username:32} {what}")
