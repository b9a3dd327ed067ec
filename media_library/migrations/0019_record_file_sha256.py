"""Record the SHA-256 of files stored before it was recorded on upload (the open data
publishes it, and neither a page nor the API may open a file to learn it)."""

from django.db import migrations

from core.migration_helpers import fill_sha256, forget_sha256

MODELS = ("EditionFile", "Infographic", "InfographicArchive")


def fill(apps, schema_editor):
    fill_sha256(apps, "media_library", MODELS)


def forget(apps, schema_editor):
    forget_sha256(apps, "media_library", MODELS)


class Migration(migrations.Migration):
    dependencies = [("media_library", "0018_add_file_sha256")]

    operations = [migrations.RunPython(fill, forget)]
