"""Give every initiative a stable identifier (the open data's UUID)."""

import uuid

from django.db import migrations, models

from core.migration_helpers import fill_uuids


def fill(apps, schema_editor):
    fill_uuids(apps, "initiatives", {"Initiative": "number"})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0012_record_pdf_text_layer")]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="identifier (UUID)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="initiative",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier (UUID)"
            ),
        ),
    ]
