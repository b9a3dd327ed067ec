"""Give every city, seminar a stable identifier (the open data's UUID)."""

import uuid

from django.db import migrations, models

from core.migration_helpers import fill_uuids


def fill(apps, schema_editor):
    fill_uuids(apps, "seminars", {"City": "slug", "Seminar": "slug"})


class Migration(migrations.Migration):
    dependencies = [("seminars", "0009_add_seminar_date_note")]

    operations = [
        migrations.AddField(
            model_name="city",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="identifier (UUID)"),
        ),
        migrations.AddField(
            model_name="seminar",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="identifier (UUID)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="city",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier (UUID)"
            ),
        ),
        migrations.AlterField(
            model_name="seminar",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier (UUID)"
            ),
        ),
    ]
