from django.db import migrations

from core.migration_helpers import record_publication_dates


def forwards(apps, schema_editor):
    record_publication_dates(apps, "seminars", ['City', 'Seminar'])


class Migration(migrations.Migration):
    dependencies = [("seminars", "0005_add_review_state_and_publication_dates")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
