from django.db import migrations

from core.migration_helpers import record_publication_dates


def forwards(apps, schema_editor):
    record_publication_dates(apps, "media_library", ['Video', 'Publication', 'Infographic'])


class Migration(migrations.Migration):
    dependencies = [("media_library", "0009_add_review_state_and_publication_dates")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
