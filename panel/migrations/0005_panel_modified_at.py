import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("panel", "0004_api_token"),
    ]

    operations = [
        # Existing panels count as changed when the column arrives: a consumer syncing with
        # modified_since reads each of them once more, and misses none.
        migrations.AddField(
            model_name="panel",
            name="modified_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
