"""The indexes that keep pages fast at any size are the ones the database uses.

A query-count test cannot see a slow query: with 10,000 initiatives the categories'
counts took 10 ms read from the table and 2 ms from the index alone. So each query that
relies on an index is asked for its plan (EXPLAIN), on SQLite and on PostgreSQL, and
the plan must name the index. PostgreSQL, which prefers reading a small table whole,
is told not to (enable_seqscan, enable_bitmapscan and enable_sort off) so that the
plan shows what it would do at scale: if the index could not answer, it would say so.
PostgreSQL also costs an index-only scan by how much of the table its visibility map
marks all-visible (VACUUM sets it; `refresh_statistics()` runs it after a bulk load),
which in a test database depends on what ran before: the tables' statistics are set,
for the test's transaction only, to those of a large table VACUUM has been through.
"""

import pytest
from django.core.management import call_command
from django.db import connection

from categories.models import Category
from core.database import refresh_statistics
from core.sitemaps import live_stats
from initiatives.models import Initiative
from media_library.models import Infographic, Publication, Video
from seminars.models import City, Seminar

pytestmark = pytest.mark.django_db


TABLES = [
    model._meta.db_table for model in (Category, Initiative, Video, Publication, Infographic, Seminar, City)
]


@pytest.fixture(autouse=True)
def as_if_at_scale():
    """Until the test's rollback (PostgreSQL; SQLite is given rows where it needs them)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                cursor.execute(f"SET LOCAL {setting} = off")
            cursor.execute(
                "UPDATE pg_class SET relpages = 1000, reltuples = 10000, relallvisible = 1000"
                " WHERE oid = ANY(%s::regclass[])",
                [TABLES],
            )


def plan(queryset):
    """The database's plan for the queryset, as one text."""
    sql, params = queryset.query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def answered_from(index):
    """How each database's plan says a table was read from the index alone."""
    if connection.vendor == "sqlite":
        return f"COVERING INDEX {index}"
    return f"Index Only Scan using {index}"


def read_through(index):
    """How each database's plan says rows were read in the index's order."""
    return f"INDEX {index}" if connection.vendor == "sqlite" else f"Index Scan using {index}"


def test_each_categorys_count_of_live_initiatives_is_read_from_the_index_alone():
    assert answered_from("initiative_live") in plan(Category.objects.live().for_listing())


def test_the_sitemaps_counts_and_latest_changes_are_read_from_the_indexes_alone():
    text = plan_of_live_stats()
    for index in (
        "initiative_live",
        "categories_category_live",
        "media_library_video_live",
        "media_library_publication_live",
        "media_library_infographic_live",
        "seminars_seminar_live",
        "seminars_city_live",
    ):
        assert answered_from(index) in text, (index, text)


def plan_of_live_stats():
    """live_stats runs its query; capture the SQL it sends and explain that."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        live_stats([Initiative, Category, Video, Publication, Infographic, Seminar, City])
    (query,) = queries.captured_queries
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + query["sql"])
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


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
