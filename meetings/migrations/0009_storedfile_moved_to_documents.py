# StoredFile now belongs to documents/ (documents/0001), on the same table. The appendices'
# foreign keys follow it: Django alters nothing in the database for a foreign key whose target's
# table keeps its name (sqlmigrate prints "no-op"). meetings' own copy of the model then leaves
# the state only: its table, meetings_storedfile, is documents.StoredFile's and is kept.
# decisions/0004 and complaints/0003 re-point their foreign keys before this runs (run_before).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_initial'),
        ('meetings', '0008_agendaitem_urgent_reason'),
    ]

    operations = [
        migrations.AlterField(
            model_name='appendix',
            name='stored_file',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.storedfile'),
        ),
        migrations.AlterField(
            model_name='historicalappendix',
            name='stored_file',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='documents.storedfile'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='StoredFile',
                ),
            ],
            database_operations=[],
        ),
    ]
