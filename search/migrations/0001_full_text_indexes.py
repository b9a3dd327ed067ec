from django.db import migrations

from search.indexes import forward, reverse


class Migration(migrations.Migration):
    """On PostgreSQL: the text search configurations and GIN indexes of search.indexes.
    On SQLite: nothing (search matches substrings there)."""

    dependencies = [
        ("categories", "0010_add_live_index"),
        ("initiatives", "0016_record_file_sha256"),
        ("media_library", "0019_record_file_sha256"),
        ("seminars", "0011_add_live_index"),
    ]

    operations = [migrations.RunPython(forward, reverse)]
