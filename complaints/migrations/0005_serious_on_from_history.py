"""Existing serious complaints get the day it first became clear they were serious: the day
they were recorded (their first "recorded" event), so the referral's date (SI 2012/62 reg 13)
can be computed for them. A case with no such event keeps none (no date is invented)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    for complaint in Complaint._base_manager.filter(serious=True, serious_on__isnull=True):
        first = (
            ComplaintEvent._base_manager.filter(complaint_id=complaint.pk, to_status="recorded")
            .order_by("at")
            .first()
        )
        if first is not None:
            Complaint._base_manager.filter(pk=complaint.pk).update(serious_on=first.at.date())


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_regulations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
