"""bin/bench: how fast each public page is, as a share of a bare Django view's speed.

For each database (SQLite, PostgreSQL), it builds a fresh site (migrate, the legacy
content, and with --scale the scale content: 10,000 initiatives and films, 1,000
publications, cities and seminars), then serves, under the same gunicorn settings
(2 sync workers, like the README's production example):

- the site with its page cache (Redis, as a deployment with REDIS_URL has it),
- the site with the page cache off (PORTAL_PAGE_CACHE_SECONDS=0): every request renders,
- bench/bare.py: Django with one view and no middleware, the yardstick.

and runs wrk against each page: the bare view, then the cached site, then the bare view
again, then the uncached site, so the two bare runs frame the page's. It prints, per page:
its SQL queries (with the shipped content / after the scale content: the two must be
equal), size and time of one request rendered in-process (bench/queries.py), req/s and
the share of the bare view's req/s (the mean of its two framing runs), p50 and p99,
cached and uncached. The ratios cancel most of the machine's speed and load; the load
average is printed too. Then the admin's change lists, search, dashboard and translation
overview, timed for a signed-in superuser in-process (bench/admin.py), and last each of
the issue's targets, met or missed by which pages.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "legacy_portal_bench"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")

PAGES = [
    "/en/",
    "/ja/",
    "/en/categories/",
    "/en/categories/safety-and-security/",
    "/en/initiatives/",
    "/en/initiatives/?category=urban-development",
    "/en/initiatives/crisis-management-systems/",
    "/en/videos/",
    "/en/videos/tokyo-2020-arigato-30/",
    "/en/publications/",
    "/en/publications/building-the-legacy-beyond-2020/",
    "/en/infographics/",
    "/en/seminars/",
    "/en/seminars/global-partners-seminar-2021/",
    "/en/cities/",
    "/en/cities/seoul/",
    "/sitemap.xml",
]


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=True)


class Server:
    def __init__(self, app, env, log_dir):
        self.app, self.env, self.port = app, env, free_port()
        self.log = open(log_dir / f"gunicorn-{self.port}.log", "ab")  # noqa: SIM115
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                GUNICORN,
                self.app,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            # The bare app answers every path, /healthz included.
            with contextlib.suppress(OSError), urllib.request.urlopen(self.url("/healthz"), timeout=2):  # noqa: S310
                return self
            time.sleep(0.2)
        raise RuntimeError(f"{self.app} did not start; see {self.log.name}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=15)
        self.log.close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def wrk(url, seconds, connections):
    """req/s, p50 and p99 in ms, and the number of non-2xx/3xx answers, from wrk."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def prepare(database, work):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_MEDIA_ROOT": str(work / f"media-{database}"),
    }
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_DATABASE
    started = time.monotonic()
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_legacy_content"]):
        run(args, env)
    print(f"  {database}: site built in {time.monotonic() - started:.0f} s", flush=True)
    return env


def measure(module, paths, env):
    """The JSON that bench.queries or bench.admin prints, run in a process of its own."""
    out = subprocess.run(
        [PYTHON, "-m", module, *paths], cwd=BASE_DIR, env=env, check=True, capture_output=True
    ).stdout
    return json.loads(out)


def bench(database, work, options):
    import redis

    env = prepare(database, work)
    # The same pages' queries with the shipped content only, then (--scale) at 10,000.
    small = counts = measure("bench.queries", options.pages, env)
    if options.scale:
        started = time.monotonic()
        run(["generate_scale_content"], env)
        print(f"  {database}: scale content generated in {time.monotonic() - started:.0f} s", flush=True)
        counts = measure("bench.queries", options.pages, env)
    print(f"\n{database}{' with scale content' if options.scale else ''}:\n{HEADER}", flush=True)
    redis.Redis.from_url(REDIS_URL).flushdb()
    cached_env = {**env, "REDIS_URL": REDIS_URL, "PORTAL_PAGE_CACHE_SECONDS": "3600"}
    uncached_env = {**env, "PORTAL_PAGE_CACHE_SECONDS": "0"}
    rows = []
    with (
        Server("legacy_portal.wsgi", cached_env, work) as cached,
        Server("legacy_portal.wsgi", uncached_env, work) as uncached,
        Server("bench.bare:application", env, work) as bare,
    ):
        for path in options.pages:
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(cached.url(path), timeout=30).read()  # noqa: S310 (fill the cache)
            before = wrk(bare.url(path), options.seconds, options.connections)
            hit = wrk(cached.url(path), options.seconds, options.connections)
            after = wrk(bare.url(path), options.seconds, options.connections)
            miss = wrk(uncached.url(path), options.seconds, options.connections)
            yardstick = (before["rps"] + after["rps"]) / 2
            rows.append((path, small[path], counts[path], yardstick, hit, miss))
            print(format_row(rows[-1]), flush=True)
    admin = measure("bench.admin", [], env)
    print(f"\n{database}, the admin as a signed-in superuser (in-process, page cache off):\n{ADMIN_HEADER}")
    for path, figures in admin.items():
        print(
            f"  {path:<64} {figures['status']:>3} {figures['queries']:>3} {figures['bytes'] / 1024:>6.1f} "
            f"{figures['best_ms']:>7.0f} {figures['median_ms']:>7.0f}",
            flush=True,
        )
    return {"rows": rows, "admin": admin}


def format_row(row):
    path, small, count, yardstick, hit, miss = row

    def part(result):
        share = 100 * result["rps"] / yardstick
        errors = f" ({result['errors']} errors)" if result["errors"] else ""
        return f"{result['rps']:>7.0f} {share:>5.1f} % {result['p50']:>6.1f} {result['p99']:>6.1f}{errors}"

    queries = f"{small['queries']}/{count['queries']}"
    return (
        f"  {path:<46} {queries:>5} {count['bytes'] / 1024:>6.1f} {count['ms']:>5.0f}  "
        f"{part(hit)}   {part(miss)}"
    )


HEADER = (
    f"  {'page':<46} {'SQL':>5} {'kB':>6} {'ms':>5}  {'cached req/s  share   p50    p99':<33}   "
    f"{'uncached req/s share   p50    p99'}\n"
    f"  {'':<46} {'':>5} {'':>6} {'':>5}  {'':>7} {'(of bare)':>7} {'(ms)':>6} {'(ms)':>6}"
)
ADMIN_HEADER = f"  {'page':<64} {'':>3} {'SQL':>3} {'kB':>6} {'best ms':>7} {'median':>7}"


def check_targets(results, scale):
    """The issue's targets, each with the pages that miss it (an empty list meets it)."""
    lines = []
    for database, result in results.items():
        rows, admin = result["rows"], result["admin"]

        def moved(row):
            return row[1]["queries"] != row[2]["queries"]

        def share(part, row):
            return 100 * row[part]["rps"] / row[3]

        checks = [
            ("cached >= 85 % of the bare view", [r[0] for r in rows if share(4, r) < 85]),
            ("uncached >= 10 % of the bare view", [r[0] for r in rows if share(5, r) < 10]),
            ("<= 10 queries a page", [r[0] for r in rows if r[2]["queries"] > 10]),
            ("no errors under load", [r[0] for r in rows if r[4]["errors"] or r[5]["errors"]]),
            ("admin pages < 200 ms (median)", [p for p, f in admin.items() if f["median_ms"] >= 200]),
        ]
        if scale:
            checks += [
                (
                    "the same queries at 3 and at 10,000",
                    [r[0] for r in rows if r[1]["queries"] != r[2]["queries"]],
                ),
                ("< 100 ms a page (in-process)", [r[0] for r in rows if r[2]["ms"] >= 100]),
                ("< 150 kB a page", [r[0] for r in rows if r[2]["bytes"] >= 150 * 1024]),
            ]
        for name, missed in checks:
            verdict = "met" if not missed else f"MISSED by {len(missed)}: {', '.join(missed)}"
            lines.append(f"  {database:<9} {name:<38} {verdict}")
    if {"sqlite", "postgres"} <= results.keys():
        slower = [
            path
            for (path, *_s, sqlite_miss), (_p, *_g, pg_miss) in zip(
                results["sqlite"]["rows"], results["postgres"]["rows"], strict=True
            )
            if pg_miss["rps"] < 0.95 * sqlite_miss["rps"]
        ]
        verdict = "met" if not slower else f"MISSED by {len(slower)}: {', '.join(slower)}"
        lines.append(f"  {'both':<9} {'PostgreSQL uncached >= SQLite (5 % noise)':<38} {verdict}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="store_true", help="Generate the scale content first.")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=int, default=3, help="Length of each wrk run (default 3).")
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections (default 8).")
    parser.add_argument("pages", nargs="*", help="Paths to measure (default: every kind of public page).")
    options = parser.parse_args()
    options.pages = options.pages or PAGES
    work = Path(tempfile.mkdtemp(prefix="legacy-portal-bench-"))
    print(
        f"bin/bench{' --scale' if options.scale else ''}: {os.cpu_count()} CPUs, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; gunicorn 2 sync workers each; "
        f"wrk {options.seconds} s, {options.connections} connections",
        flush=True,
    )
    results = {}
    try:
        for database in ["sqlite", "postgres"] if options.database == "both" else [options.database]:
            results[database] = bench(database, work, options)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\ntargets:")
    print("\n".join(check_targets(results, options.scale)))
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    main()
