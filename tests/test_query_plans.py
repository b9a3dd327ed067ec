"""The indexes that keep pages fast at any size are the ones the database uses.

A query-count test cannot see a slow query: with 10,000 initiatives the categories'
counts took 10 ms read from the table and 2 ms from the index alone. So each query that
relies on an index is asked for its plan (EXPLAIN) and the plan must name the index.

- Lists read in an index's order: on SQLite and on PostgreSQL. PostgreSQL, which prefers
  reading a small table whole and sorting it, is told not to (enable_seqscan,
  enable_bitmapscan and enable_sort off), so the plan shows what it would do at scale.
- Counts answered from an index alone: the plan is asked on SQLite. PostgreSQL's choice
  of an index-only scan also depends on its visibility map and statistics, which in a
  test database depend on what ran before (a run in CI chose another index), so there
  the test checks what makes it possible: the query reads no column the index lacks
  (an index holds no id on PostgreSQL, hence COUNT(*)).
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from categories.models import Category
from core.database import refresh_statistics
from core.sitemaps import live_stats
from initiatives.models import Initiative
from media_library.models import Infographic, Publication, Video
from seminars.models import City, Seminar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def as_if_at_scale():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                cursor.execute(f"SET LOCAL {setting} = off")  # until the test's rollback


# Each kind the sitemap counts, and the index that answers its count and latest change.
LIVE_INDEXES = [
    (Initiative, "initiative_live"),
    (Category, "categories_category_live"),
    (Video, "media_library_video_live"),
    (Publication, "media_library_publication_live"),
    (Infographic, "media_library_infographic_live"),
    (Seminar, "seminars_seminar_live"),
    (City, "seminars_city_live"),
]


def explain(sql, params=()):
    """The database's plan for the SQL, as one text."""
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def plan(queryset):
    return explain(*queryset.query.sql_with_params())


def index_columns(model, name):
    (index,) = [index for index in model._meta.indexes if index.name == name]
    return {model._meta.get_field(field.lstrip("-")).column for field in index.fields}


def read_through(index):
    """How each database's plan says rows were read in the index's order."""
    return f"INDEX {index}" if connection.vendor == "sqlite" else f"Index Scan using {index}"


def test_each_categorys_count_of_live_initiatives_is_read_from_the_index_alone():
    queryset = Category.objects.live().for_listing()
    sql = str(queryset.query)
    assert 'FROM "initiatives_initiative" U0' in sql
    assert set(re.findall(r'U0\."(\w+)"', sql)) <= index_columns(Initiative, "initiative_live")
    if connection.vendor == "sqlite":
        assert "COVERING INDEX initiative_live" in plan(queryset)


def test_the_sitemaps_counts_and_latest_changes_are_read_from_the_indexes_alone():
    with CaptureQueriesContext(connection) as queries:
        live_stats([model for model, _index in LIVE_INDEXES])
    (query,) = queries.captured_queries
    sql = query["sql"]
    # Each kind's count and latest change, from its own columns: nothing but COUNT(*).
    assert sql.count("COUNT(*)") == len(LIVE_INDEXES) and 'COUNT("' not in sql
    text = explain(sql)
    for model, index in LIVE_INDEXES:
        assert "updated_at" in index_columns(model, index)
        if connection.vendor == "sqlite":
            assert f"COVERING INDEX {index}" in text, (index, text)


def test_lists_read_their_first_rows_in_the_order_of_their_index(legacy_content):
    """The film list's first page, the home page's featured films and newest seminars.
    SQLite chooses by its statistics, so there are a few hundred of each, nearly all
    published, as on the real site (the `status` index then narrows nothing)."""
    call_command("generate_scale_content", initiatives=0, films=300, publications=0, cities=0, seminars=300)
    Video.objects.filter(pk__in=Video.objects.order_by("pk").values("pk")[:3]).update(featured=True)
    refresh_statistics()
    for index, queryset in [
        ("video_list_order", Video.objects.live().for_listing()[:50]),
        ("video_featured_order", Video.objects.live().featured().for_listing()[:6]),
        ("seminar_list_order", Seminar.objects.live().for_listing()[:3]),
    ]:
        assert read_through(index) in plan(queryset), (index, plan(queryset))
