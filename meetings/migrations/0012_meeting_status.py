"""A meeting's status (scheduled, postponed, cancelled), its reason, a postponed meeting's new
date and the iCalendar sequence: the columns, beside the old `cancelled` flag (0012 copies it,
0013 drops it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_change_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmeeting",
            name="postponed_to",
            field=models.DateField(
                blank=True, help_text="The new date of a postponed meeting, if known.", null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="sequence",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="status",
            field=models.CharField(
                choices=[
                    ("scheduled", "Scheduled"),
                    ("postponed", "Postponed"),
                    ("cancelled", "Cancelled"),
                ],
                default="scheduled",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="status_reason",
            field=models.TextField(
                blank=True,
                help_text="Why the meeting was postponed or cancelled (shown to the public).",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="postponed_to",
            field=models.DateField(
                blank=True, help_text="The new date of a postponed meeting, if known.", null=True
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="sequence",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="meeting",
            name="status",
            field=models.CharField(
                choices=[
                    ("scheduled", "Scheduled"),
                    ("postponed", "Postponed"),
                    ("cancelled", "Cancelled"),
                ],
                default="scheduled",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="status_reason",
            field=models.TextField(
                blank=True,
                help_text="Why the meeting was postponed or cancelled (shown to the public).",
            ),
        ),
    ]
