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


def assert_counts_hold(client, budget, add_more):
    """Every URL of `budget` runs the same queries before and after `add_more()` is called
    four times, and no more than its budget."""
    few = {url: count_queries(client, url) for url in budget}
    for _ in range(4):
        add_more()
    many = {url: count_queries(client, url) for url in budget}
    assert many == few
    over = {url: (count, budget[url]) for url, count in few.items() if count > budget[url]}
    assert over == {}
