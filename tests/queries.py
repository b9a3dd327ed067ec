"""Counting the SQL queries of one page view: the suite's one way of testing query counts.

A query-count test counts a page's queries with a few rows, adds more rows, and checks
that the count did not move (and stays within a budget): `count_queries(client, url)`.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """How many SQL queries one GET of `url` runs, its streamed body included (it must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)
