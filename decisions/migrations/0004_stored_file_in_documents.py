# StoredFile moved to documents/ on the same table (documents/0001): the attachments' foreign
# keys follow it. No SQL: Django alters nothing for a foreign key whose target's table keeps its
# name (sqlmigrate prints "no-op"). It runs before meetings/0009 takes meetings' copy of the model
# out of the state, which no foreign key may still name by then.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0003_historicaldecision_historicaldecisionattachment'),
        ('documents', '0001_initial'),
    ]

    run_before = [
        ('meetings', '0009_storedfile_moved_to_documents'),
    ]

    operations = [
        migrations.AlterField(
            model_name='decisionattachment',
            name='stored_file',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.storedfile'),
        ),
        migrations.AlterField(
            model_name='historicaldecisionattachment',
            name='stored_file',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='documents.storedfile'),
        ),
    ]
