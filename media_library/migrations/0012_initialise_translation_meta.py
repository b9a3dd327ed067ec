from django.db import migrations

from core.migration_helpers import initialise_translation_meta


def forwards(apps, schema_editor):
    initialise_translation_meta(apps, "media_library", {'Video': ['title', 'description', 'source', 'transcript'], 'Publication': ['title', 'summary', 'publisher', 'accessible_format_contact'], 'Edition': ['note'], 'Infographic': ['title', 'alt_text', 'description']})


class Migration(migrations.Migration):
    dependencies = [("media_library", "0011_add_translation_meta")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
