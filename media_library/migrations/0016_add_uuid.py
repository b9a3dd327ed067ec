"""Give every video, publication, infographic a stable identifier (the open data's UUID)."""

import uuid

from django.db import migrations, models

from core.migration_helpers import fill_uuids


def fill(apps, schema_editor):
    fill_uuids(apps, "media_library", {"Video": "slug", "Publication": "slug", "Infographic": "slug"})


class Migration(migrations.Migration):
    dependencies = [("media_library", "0015_record_pdf_text_layer")]

    operations = [
        migrations.AddField(
            model_name="video",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="identifier (UUID)"),
        ),
        migrations.AddField(
            model_name="publication",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="identifier (UUID)"),
        ),
        migrations.AddField(
            model_name="infographic",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="identifier (UUID)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="video",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier (UUID)"
            ),
        ),
        migrations.AlterField(
            model_name="publication",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier (UUID)"
            ),
        ),
        migrations.AlterField(
            model_name="infographic",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier (UUID)"
            ),
        ),
    ]
