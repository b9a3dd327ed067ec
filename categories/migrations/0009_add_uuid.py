"""Give every category a stable identifier (the open data's UUID)."""

import uuid

from django.db import migrations, models

from core.migration_helpers import fill_uuids


def fill(apps, schema_editor):
    fill_uuids(apps, "categories", {"Category": "number"})


class Migration(migrations.Migration):
    dependencies = [("categories", "0008_initialise_translation_meta")]

    operations = [
        migrations.AddField(
            model_name="category",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="identifier (UUID)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="category",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier (UUID)"
            ),
        ),
    ]
