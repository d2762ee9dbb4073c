from typing import Any

from django.core.management.base import BaseCommand

from complaints.tasks import complaints_anonymise_all


class Command(BaseCommand):
    help = (
        "Anonymise complaints closed more than COMPLAINT_RETENTION_YEARS ago (default 6), "
        "keeping their dates and statuses for the counts. Also run daily by Celery beat."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = complaints_anonymise_all()
        self.stdout.write(f"{count} complaint(s) anonymised.")
