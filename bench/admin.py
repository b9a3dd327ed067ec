"""For bin/bench: how long the admin's busiest pages take for a signed-in staff member.

Run against the database the environment names (the bench's, with --scale its 10,000
initiatives and films), in-process through Django's test client with every middleware
and debug off, and the page cache off (PORTAL_PAGE_CACHE_SECONDS=0), so the translation
overview counts its figures on every request (with the cache on it keeps them until
content changes). Each page is fetched once to warm the process, then timed `ROUNDS`
times: prints JSON {path: {status, queries, bytes, best_ms, median_ms}}.
"""

import json
import os
import sys

from bench.queries import time_pages

ROUNDS = 5

PAGES = [
    "/admin/",
    "/admin/translations/",
    "/admin/translations/initiatives.initiative/ja/?state=missing",
    "/admin/initiatives/initiative/",
    "/admin/initiatives/initiative/?q=scale+test+initiative+9999",
    "/admin/initiatives/initiative/?status__exact=published",
    "/admin/media_library/video/",
    "/admin/media_library/video/?q=arigato",
    "/admin/media_library/publication/",
    "/admin/seminars/seminar/",
    "/admin/seminars/city/?q=seoul",
]


def main(paths):
    os.environ["PORTAL_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legacy_portal.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _created = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    result = time_pages(client, paths, ROUNDS)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:] or PAGES)
