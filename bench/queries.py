"""For bin/bench: each page's SQL query count, size and time (the best of three renders),
in-process without the page cache, against the database the environment names. Prints JSON."""

import json
import os
import statistics
import sys
import time


def time_pages(client, paths, rounds):
    """Each path fetched once to warm the process (templates, translations), then `rounds`
    times: {path: {status, queries (of the last fetch), bytes, best_ms, median_ms}}."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = {}
    for path in paths:
        client.get(path)
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        result[path] = {
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(response.content),
            "best_ms": min(times),
            "median_ms": statistics.median(times),
        }
    return result


def main(paths):
    os.environ["PORTAL_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legacy_portal.settings")
    import django

    django.setup()
    from django.test import Client

    timed = time_pages(Client(HTTP_HOST="127.0.0.1"), paths, rounds=3)
    result = {
        path: {"status": t["status"], "queries": t["queries"], "bytes": t["bytes"], "ms": t["best_ms"]}
        for path, t in timed.items()
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
