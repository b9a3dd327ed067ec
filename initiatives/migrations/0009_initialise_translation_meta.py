from django.db import migrations

from core.migration_helpers import initialise_translation_meta


def forwards(apps, schema_editor):
    initialise_translation_meta(apps, "initiatives", {'Initiative': ['title', 'summary', 'body']})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0008_add_translation_meta")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
