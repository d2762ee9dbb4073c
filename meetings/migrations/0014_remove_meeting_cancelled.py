"""The `cancelled` flag, replaced by the meeting's status (0011, 0012)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0013_meeting_status_from_cancelled"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="historicalmeeting",
            name="cancelled",
        ),
        migrations.RemoveField(
            model_name="meeting",
            name="cancelled",
        ),
    ]
