# The stored file's content type follows the model to its new app, so its permissions (and any
# admin log entry) keep pointing at it instead of at a stale meetings.storedfile. On a new
# database there is no content type yet (they are made after migrating): nothing to do.

from django.db import migrations


def _move(apps, schema_editor, source, target):
    content_type = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if content_type.objects.using(db).filter(app_label=target, model='storedfile').exists():
        return
    content_type.objects.using(db).filter(app_label=source, model='storedfile').update(
        app_label=target
    )


def forwards(apps, schema_editor):
    _move(apps, schema_editor, 'meetings', 'documents')


def backwards(apps, schema_editor):
    _move(apps, schema_editor, 'documents', 'meetings')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('documents', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
