"""Published agenda and minutes versions are immutable in the database itself (PostgreSQL).

A trigger refuses UPDATE and DELETE on both version tables; a change is a new version row.
SQLite (the embedded default for a first local run) keeps the rule in Python only.
"""

from django.db import migrations

TABLES = ("meetings_agendaversion", "meetings_minutesversion")

FUNCTION = """
CREATE OR REPLACE FUNCTION panel_refuse_change_to_published() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'published versions are immutable: % on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION panel_refuse_change_to_published();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS panel_refuse_change_to_published();")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
