"""The admin runs a fixed number of SQL queries, whatever the amount of content.

The style of tests/test_query_counts.py, for staff pages: count each page's queries on
a small site, add several more of everything, and the count must not move; each page
also has a budget. The change lists, their search, the dashboard and the translation
overview (whose states the database counts, tests/core/test_editorial_dashboard.py)
must stay fast at 10,000 items: bin/bench times them at that size.
"""

import pytest

from tests.queries import assert_counts_hold, count_queries
from tests.test_query_counts import add_content, site  # noqa: F401 (site is a fixture)

pytestmark = pytest.mark.django_db

# The session, the user and their permissions, then the page's own: a change list's
# filters, count and rows (download counts and thumbnails come with the rows); the
# overview one query per content type; the dashboard its panels (tests/core/test_dashboard.py).
BUDGET = {
    "/admin/": 38,
    "/admin/translations/": 18,
    "/admin/translations/initiatives.initiative/ja/?state=missing": 9,
    "/admin/translations/media_library.video/fr/?state=missing": 9,
    "/admin/categories/category/": 10,
    "/admin/initiatives/initiative/": 11,
    "/admin/initiatives/initiative/?q=initiative": 11,
    "/admin/media_library/video/": 11,
    "/admin/media_library/video/?q=video": 11,
    "/admin/media_library/publication/": 10,
    "/admin/media_library/publication/?q=publication": 10,
    "/admin/media_library/edition/": 11,
    "/admin/media_library/infographic/": 12,
    "/admin/seminars/seminar/": 12,
    "/admin/seminars/seminar/?q=seminar": 12,
    "/admin/seminars/city/": 10,
    "/admin/seminars/city/?q=city": 10,
}


def test_every_admin_list_runs_the_same_queries_with_more_content(publisher_client, site):  # noqa: F811
    for url in BUDGET:
        # The first request of a process caches content types (the download counts' and
        # the permissions'), as a server's first request does.
        count_queries(publisher_client, url)
    assert_counts_hold(publisher_client, BUDGET, lambda: add_content(site))
