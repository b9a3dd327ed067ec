"""Counting the SQL queries of one page view."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """How many SQL queries one GET of `url` runs (it must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
