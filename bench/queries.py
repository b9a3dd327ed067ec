"""For bin/bench: each page's SQL query count, size and time (the best of three renders),
in-process without the page cache, against the database the environment names. Prints JSON."""

import json
import os
import sys
import time


def main(paths):
    os.environ["PORTAL_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legacy_portal.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for path in paths:
        client.get(path)  # the first request of a process loads templates and translations
        times = []
        for _ in range(3):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        result[path] = {
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(response.content),
            "ms": min(times),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
