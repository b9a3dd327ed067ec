"""PostgreSQL's side of search: text search configurations and one GIN index per model
and language, on the very expression search.engine.search_vector() queries.

Run by migration search 0001 (and nothing else): SQLite has none of this and needs
none. The indexes are built from search.sources and search.engine when the migration
runs, so a change to a source's fields or to the expression needs a new migration
that drops and makes them again (reverse_indexes, then forward_indexes).
"""

from django.contrib.postgres.indexes import GinIndex

CONFIG_SQL = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION portal_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION portal_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION portal_french (COPY = french);
ALTER TEXT SEARCH CONFIGURATION portal_french
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
"""
DROP_CONFIG_SQL = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_english;
DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_french;
"""


def indexes(apps):
    """(model, GinIndex) for every source and full-text language, and editions' notes."""
    from search.engine import TEXT_SEARCH_CONFIGS, note_vector, search_vector
    from search.sources import SOURCES

    edition = apps.get_model("media_library", "edition")
    for language in TEXT_SEARCH_CONFIGS:
        yield edition, GinIndex(note_vector(language), name=f"search_edition_{language}")
    for source in SOURCES:
        model = apps.get_model(source.app_label, source.model_name)
        for language in TEXT_SEARCH_CONFIGS:
            name = f"search_{source.kind}_{language}"
            yield model, GinIndex(search_vector(source, language), name=name)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CONFIG_SQL)
    for model, index in indexes(apps):
        schema_editor.add_index(model, index)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.remove_index(model, index)
    schema_editor.execute(DROP_CONFIG_SQL)
