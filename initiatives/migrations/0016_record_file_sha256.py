"""Record the SHA-256 of documents stored before it was recorded on upload (the open data
publishes it, and neither a page nor the API may open a file to learn it)."""

from django.db import migrations

from core.migration_helpers import fill_sha256, forget_sha256

MODELS = ("InitiativeDocument",)


def fill(apps, schema_editor):
    fill_sha256(apps, "initiatives", MODELS)


def forget(apps, schema_editor):
    forget_sha256(apps, "initiatives", MODELS)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0015_add_file_sha256")]

    operations = [migrations.RunPython(fill, forget)]
