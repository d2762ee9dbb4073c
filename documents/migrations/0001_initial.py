# StoredFile moves here from meetings/. Its table, meetings_storedfile, stays as it is (the model
# keeps the name as its db_table): this migration only tells Django's state that documents owns
# the model. meetings/0001 created the table and meetings/0007 added its last column, so it runs
# after them; meetings/0009 then drops meetings' own copy from the state.

import django.db.models.deletion
import documents.models
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('panel', '0002_task_and_finish_scope'),
        ('meetings', '0007_storedfile_tagged'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StoredFile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(upload_to=documents.models.upload_path)),
                        ('name', models.CharField(help_text="The uploader's file name, for display.", max_length=200)),
                        ('size', models.PositiveIntegerField()),
                        ('pages', models.PositiveIntegerField()),
                        ('sha256', models.CharField(max_length=64)),
                        ('tagged', models.BooleanField(help_text='Whether the PDF has structure tags (unknown for old uploads).', null=True)),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                        ('panel', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='panel.panel')),
                    ],
                    options={
                        'db_table': 'meetings_storedfile',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
