"""Data: a meeting flagged `cancelled` becomes a cancelled meeting (and back, on reversal)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting._base_manager.filter(cancelled=True).update(status="cancelled", sequence=1)


def backwards(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting._base_manager.filter(status="cancelled").update(cancelled=True)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0012_meeting_status"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
