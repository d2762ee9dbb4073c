"""Whether each uploaded PDF is tagged: read from the files already stored."""

from django.db import migrations, models


def read_tags(apps, schema_editor):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    stored_file = apps.get_model("meetings", "StoredFile")
    for stored in stored_file._base_manager.all().iterator():
        try:
            with stored.file.open("rb") as data:
                tagged = "/StructTreeRoot" in PdfReader(data, strict=False).trailer["/Root"]
        except (OSError, ValueError, KeyError, PdfReadError):
            continue  # a missing or unreadable file stays unknown
        stored_file._base_manager.filter(pk=stored.pk).update(tagged=tagged)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_historicalagendaitem_historicalappendix_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="storedfile",
            name="tagged",
            field=models.BooleanField(
                help_text="Whether the PDF has structure tags (unknown for old uploads).",
                null=True,
            ),
        ),
        migrations.RunPython(read_tags, migrations.RunPython.noop),
    ]
