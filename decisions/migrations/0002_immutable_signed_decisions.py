"""A decision's content is immutable once the Commissioner has signed it (PostgreSQL trigger).

Publishing (status, published_at) is still allowed; a correction is a DecisionCorrection row.
SQLite keeps the rule in the services only.
"""

from django.db import migrations

CONTENT = (
    "title", "category", "executive_summary", "decision", "background", "financial_implications",
    "legal_implications", "equality_implications", "consultation", "risks",
    "declaration_of_interests", "exempt_part", "exempt_paragraph", "exempt_reason", "number",
    "signed_by", "signed_on", "chief_executive", "chief_executive_on", "chief_finance_officer",
    "chief_finance_officer_on",
)

FUNCTION = """
CREATE OR REPLACE FUNCTION decisions_refuse_change_after_signature() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.signed_on IS NOT NULL OR OLD.number IS NOT NULL THEN
            RAISE EXCEPTION 'a numbered or signed decision is never deleted'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.signed_on IS NOT NULL AND (%(old)s) IS DISTINCT FROM (%(new)s) THEN
        RAISE EXCEPTION 'a signed decision is immutable; record a correction'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""" % {
    "old": ", ".join(f"OLD.{c}" for c in CONTENT),
    "new": ", ".join(f"NEW.{c}" for c in CONTENT),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    schema_editor.execute(
        "CREATE TRIGGER decisions_decision_immutable BEFORE UPDATE OR DELETE ON decisions_decision "
        "FOR EACH ROW EXECUTE FUNCTION decisions_refuse_change_after_signature();",
        params=None,
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS decisions_decision_immutable ON decisions_decision;")
    schema_editor.execute("DROP FUNCTION IF EXISTS decisions_refuse_change_after_signature();")


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
