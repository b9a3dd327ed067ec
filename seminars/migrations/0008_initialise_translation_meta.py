from django.db import migrations

from core.migration_helpers import initialise_translation_meta


def forwards(apps, schema_editor):
    initialise_translation_meta(apps, "seminars", {'City': ['name', 'country'], 'Seminar': ['series', 'title', 'theme', 'venue', 'summary', 'body', 'issuing_office', 'contact_section', 'contact_division', 'contact_office', 'contact_organisation'], 'Session': ['name'], 'ProgrammeItem': ['text'], 'SeminarPhoto': ['alt_text', 'caption']})


class Migration(migrations.Migration):
    dependencies = [("seminars", "0007_add_translation_meta")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
