"""The reliability suite behind `bin/chaos` (a harness: pytest does not collect it).

It serves the site with gunicorn, as production does, in front of PostgreSQL and Redis
reached through TCP proxies that it can stop and start (a stopped proxy looks to the
site exactly like a stopped server: connections are refused or cut), then checks, for
each fault, what visitors get and how long the site takes to recover once the fault
is gone. It asserts that nothing is lost (a failed download is not counted, a failed
upload leaves no file) and ends with a load of 50 connections for 60 seconds that
must give no error. It prints one line per check and exits 1 if any fails.
"""

import argparse
import contextlib
import http.client
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
PG_ADMIN_URL = os.environ.get("CHAOS_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
CHAOS_DB = "legacy_portal_chaos"


class Proxy:
    """A TCP proxy to (host, port) that can be stopped (refusing and cutting connections) and started."""

    def __init__(self, target_port, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.server = None
        self.connections = []
        self.lock = threading.Lock()

    def start(self):
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen(128)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def stop(self):
        server, self.server = self.server, None
        if server:
            # shutdown() wakes the thread blocked in accept(); close() alone would not, and
            # the port would go on accepting.
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_RDWR)
            server.close()
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
            self.connections.clear()

    def _accept(self, server):
        while self.server is server:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """The site served by gunicorn with the given environment."""

    def __init__(self, env, port):
        self.env, self.port = env, port
        self.process = None

    def manage(self, *args):
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=self.env, check=True, capture_output=True
        )

    def start(self):
        log = open(Path(self.env["CHAOS_DIR"]) / f"gunicorn-{self.port}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "legacy_portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if self.get("/healthz")[0] in (200, 503):
                    return
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start; see " + log.name)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=15)

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), data

    def get(self, path, headers=None):
        status, head, data = self.request("GET", path, headers=headers)
        return status, head, data


class Report:
    def __init__(self):
        self.failures = 0

    def check(self, label, ok, detail=""):
        self.failures += 0 if ok else 1
        print(f"  {'ok  ' if ok else 'FAIL'} {label}{': ' + detail if detail else ''}", flush=True)

    def statuses(self, site, paths, expected, label):
        seen = {path: site.get(path)[0] for path in paths}
        self.check(label, all(status == expected for status in seen.values()), describe(seen))
        return seen


def describe(statuses):
    return ", ".join(f"{path} {status}" for path, status in statuses.items())


def recovery(site, path="/en/", expected=200, timeout=60):
    """Seconds until `path` answers `expected` again (None if it does not within `timeout`)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with contextlib.suppress(OSError):
            if site.get(path)[0] == expected:
                return time.monotonic() - started
        time.sleep(0.1)
    return None


def cache_recovery(site, path, in_a_row=10, timeout=60):
    """Seconds until `path` comes from the page cache `in_a_row` times running (None if not)."""
    started, hits = time.monotonic(), 0
    while time.monotonic() - started < timeout:
        with contextlib.suppress(OSError):
            hits = hits + 1 if site.get(path)[1].get("X-Page-Cache") == "hit" else 0
            if hits >= in_a_row:
                return time.monotonic() - started
        time.sleep(0.1)
    return None


def sql(database, statement):
    import psycopg

    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + database
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


def download_count(site_env):
    out = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from core.models import DownloadCount; from django.db.models import Sum; "
            "print(DownloadCount.objects.aggregate(n=Sum('count'))['n'] or 0)",
        ],
        cwd=BASE_DIR,
        env=site_env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def content_paths(site):
    """A page, a download, an image and the sitemap, found on the served site itself."""
    body = site.get("/en/initiatives/crisis-management-systems/")[2].decode()
    document = re.search(r'href="(/en/initiatives/[^"]+/document/en/)"', body).group(1)
    videos = site.get("/en/videos/")[2].decode()
    image = re.search(r'src="(/media/videos/[^"]+)"', videos).group(1)
    # A page nothing visits before the faults, so that it is not in the page cache yet.
    uncached = "/fr/categories/culture-and-tourism/"
    return {"page": "/en/videos/", "uncached_page": uncached, "download": document, "image": image}


def scenario_missing_files(site, report, media_root):
    print("Fault: a thumbnail and a document are missing from the media folder", flush=True)
    videos = site.get("/en/videos/")[2].decode()
    image = re.search(r'src="/media/(videos/[^"]+)"', videos).group(1)
    (media_root / image).unlink()
    document = next((media_root / "initiatives").glob("removal-of-utility-poles-en*.pdf"))
    document.unlink()
    before = download_count(site.env)
    report.statuses(site, ["/en/", "/ja/", "/en/videos/", "/sitemap.xml"], 200, "pages still answer 200")
    status = site.get("/en/initiatives/removal-of-utility-poles/document/en/")[0]
    report.check("the missing document is a 404 page", status == 404, str(status))
    report.check("the failed download is not counted", download_count(site.env) == before)


def scenario_redis(site, report, redis_proxy):
    print("Fault: Redis stopped", flush=True)
    redis_proxy.stop()
    report.statuses(site, ["/en/", "/en/publications/", "/ja/seminars/"], 200, "pages answer 200, slower")
    status, _, body = site.get("/healthz")
    report.check(
        "/healthz stays 200 and names the cache",
        status == 200 and b'"cache": "unavailable"' in body,
        body.decode(),
    )
    redis_proxy.start()
    seconds = recovery(site, "/healthz")
    report.check("Redis back: healthy again", seconds is not None, f"{seconds:.1f} s" if seconds else "")
    # Each worker leaves the cache alone for a few seconds after a failure: recovered when
    # every worker answers from the cache again (ten hits in a row).
    seconds = cache_recovery(site, "/en/videos/")
    report.check(
        "Redis back: pages come from the cache again",
        seconds is not None,
        f"{seconds:.1f} s" if seconds else "",
    )


def scenario_postgres_stopped(site, report, pg_proxy, paths):
    print("Fault: PostgreSQL stopped", flush=True)
    pg_proxy.stop()
    # A page already in the shared cache (Redis) needs no database: it is still served.
    status, _, _ = site.get(paths["page"])
    report.check(
        "a page already cached is still served from Redis", status == 200, f"{paths['page']} {status}"
    )
    for label, path in (
        ("a page not cached yet", paths["uncached_page"]),
        ("a download", paths["download"]),
        ("an image", paths["image"]),
    ):
        status, head, body = site.get(path)
        styled = b'class="site-header"' in body
        report.check(
            f"{label} is a styled 503 with Retry-After",
            status == 503 and "Retry-After" in head and styled,
            f"{path} {status}",
        )
    status, _, body = site.get("/healthz")
    report.check("/healthz says 503", status == 503, body.decode())
    pg_proxy.start()
    seconds = recovery(site)
    report.check(
        "PostgreSQL back: pages answer again", seconds is not None, f"{seconds:.1f} s" if seconds else ""
    )


def scenario_postgres_read_only(site, report, paths):
    print("Fault: PostgreSQL read-only", flush=True)
    before = download_count(site.env)
    sql("postgres", f"ALTER DATABASE {CHAOS_DB} SET default_transaction_read_only = on")
    sql("postgres", f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{CHAOS_DB}'")
    time.sleep(0.5)
    report.statuses(
        site, ["/en/", paths["page"], paths["image"]], 200, "reading pages and images still works"
    )
    for path in (paths["download"], "/en/infographics/all.zip"):
        status, head, _ = site.get(path)
        report.check(
            "a download is a 503 (it cannot be counted)",
            status == 503 and "Retry-After" in head,
            f"{path} {status}",
        )
    status, _, body = site.get("/healthz")
    report.check(
        "/healthz says 503: the write check fails",
        status == 503 and b'"database_write": "unavailable"' in body,
        body.decode(),
    )
    sql("postgres", f"ALTER DATABASE {CHAOS_DB} SET default_transaction_read_only = off")
    sql("postgres", f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{CHAOS_DB}'")
    seconds = recovery(site, paths["download"])
    report.check("writable again: downloads work", seconds is not None, f"{seconds:.1f} s" if seconds else "")
    report.check("no download was counted while read-only", download_count(site.env) == before + 1)


def scenario_sqlite_locked(site, report, database, paths):
    print("Fault: SQLite locked by another writer", flush=True)
    locker = sqlite3.connect(database, timeout=1, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        report.statuses(site, ["/en/", paths["page"]], 200, "reading pages still works (WAL)")
        started = time.monotonic()
        status, _head, _ = site.get(paths["download"])
        waited = time.monotonic() - started
        report.check(
            "a download waits a few seconds, then is a 503",
            status == 503 and waited < 6,
            f"{status} after {waited:.1f} s",
        )
        status, _, body = site.get("/healthz")
        report.check("/healthz says 503", status == 503, body.decode())
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    seconds = recovery(site, paths["download"])
    report.check("lock released: downloads work", seconds is not None, f"{seconds:.1f} s" if seconds else "")


def admin_session(site, username, password):
    """Sign in to the admin; returns the cookie header."""
    from tests.admin_forms import _FormParser

    _status, head, body = site.get("/admin/login/")
    cookie = head["Set-Cookie"].split(";")[0]
    parser = _FormParser("login-form")
    parser.feed(body.decode())
    form = {**parser.values, "username": username, "password": password}
    _status, head, _ = site.request(
        "POST",
        "/admin/login/?next=/admin/",
        urllib.parse.urlencode(form),
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    session = [c.split(";")[0] for c in head.get("Set-Cookie", "").split(", ") if "sessionid" in c]
    return "; ".join([cookie, *session])


def multipart(fields, files):
    boundary = secrets.token_hex(16)
    lines = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", str(item)]
    body = "\r\n".join(lines).encode() + b"\r\n"
    for name, (filename, content, kind) in files.items():
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {kind}\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def scenario_disk_full(site, report, media_root, cookie):
    print("Fault: the media disk is full", flush=True)
    from core.standins import standin_image
    from tests.admin_forms import _FormParser

    filler = media_root / "filler.bin"
    free = shutil.disk_usage(media_root).free
    with open(filler, "wb") as fh:
        fh.truncate(0)
        fh.write(b"\0" * max(0, free - 64 * 1024))
    files_before = sorted(p for p in media_root.rglob("*") if p.is_file())
    url = "/admin/categories/category/1/change/"
    status, _, body = site.get(url, headers={"Cookie": cookie})
    parser = _FormParser("category_form")
    parser.feed(body.decode())
    csrf = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    data, kind = multipart(
        {**parser.values, "csrfmiddlewaretoken": csrf, "title_en": "Changed during the full disk"},
        {"icon": ("icon.png", standin_image("Icon", size=(600, 600)), "image/png")},
    )
    status, _, body = site.request(
        "POST", url, data, {"Cookie": cookie, "Content-Type": kind, "Referer": "x"}
    )
    text = body.decode(errors="replace")
    report.check(
        # The 40 MB disk is below the 50 MB kept free, so the form refuses before writing; a
        # disk that fills during the write is tested in tests/core/test_resources.py.
        "the editor is told there is no room, in the form (before anything is written)",
        status == 200 and "no room" in text,
        str(status),
    )
    files_after = sorted(p for p in media_root.rglob("*") if p.is_file())
    report.check("no file, whole or partial, was left", files_after == files_before)
    title = (
        subprocess.run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from categories.models import Category; print(Category.objects.get(pk=1).title_en)",
            ],
            cwd=BASE_DIR,
            env=site.env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    report.check("nothing was saved", title != "Changed during the full disk", title)
    filler.unlink()


def scenario_load(site, report, seconds):
    print(f"Load: 50 connections for {seconds} s on a mix of pages", flush=True)
    if not shutil.which("wrk"):
        report.check("wrk is installed", False, "apt-get install wrk")
        return
    script = Path(site.env["CHAOS_DIR"]) / "mix.lua"
    paths = [
        "/en/",
        "/ja/",
        "/en/categories/",
        "/en/initiatives/",
        "/fr/videos/",
        "/en/publications/",
        "/ko/seminars/global-partners-seminar-2021/",
        "/zh-hans/cities/",
        "/sitemap.xml",
        "/healthz",
    ]
    script.write_text(
        "local paths = {" + ",".join(f'"{p}"' for p in paths) + "}\nlocal i = 0\n"
        "request = function() i = i + 1; return wrk.format('GET', paths[(i % #paths) + 1]) end\n"
        "done = function(summary, latency, requests)\n"
        "  io.write(string.format('RESULT %d %d %d %d %d %d %d\\n', summary.requests, summary.errors.status,"
        " summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,"
        " latency:percentile(99)))\nend\n"
    )
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c50",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{site.port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests, status, connect, read, write, timeout, p99 = (int(n) for n in out.split("RESULT")[1].split())
    errors = status + connect + read + write + timeout
    report.check(
        "no error under load",
        errors == 0,
        f"{requests} requests ({requests / seconds:.0f}/s), {errors} errors, p99 {p99 / 1000:.0f} ms",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-seconds", type=int, default=60)
    options = parser.parse_args()
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legacy_portal.settings")
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="legacy-portal-chaos-"))
    pg_proxy, redis_proxy = Proxy(5432), Proxy(6379)
    pg_proxy.start()
    redis_proxy.start()
    sql("postgres", f"DROP DATABASE IF EXISTS {CHAOS_DB} WITH (FORCE)")
    sql("postgres", f"CREATE DATABASE {CHAOS_DB}")
    media_root = work / "media"
    disk = work / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(disk)], capture_output=True
    )
    base_env = {
        **os.environ,
        "CHAOS_DIR": str(work),
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    pg_env = {
        **base_env,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_proxy.port}/{CHAOS_DB}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_proxy.port}/5",
        "DJANGO_MEDIA_ROOT": str(media_root),
    }
    sqlite_db = work / "chaos.sqlite3"
    sqlite_env = {
        **base_env,
        "DATABASE_URL": f"sqlite:///{sqlite_db}",
        "DJANGO_MEDIA_ROOT": str(disk if mounted.returncode == 0 else work / "media-sqlite"),
    }
    sites = []
    try:
        pg_site = Site(pg_env, free_port())
        for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_legacy_content"]):
            pg_site.manage(*args)
        pg_site.start()
        sites.append(pg_site)
        paths = content_paths(pg_site)
        print("Baseline (PostgreSQL, Redis)", flush=True)
        report.statuses(
            pg_site,
            ["/en/", paths["page"], paths["download"], paths["image"], "/healthz"],
            200,
            "everything answers 200",
        )
        scenario_redis(pg_site, report, redis_proxy)
        scenario_postgres_stopped(pg_site, report, pg_proxy, paths)
        scenario_postgres_read_only(pg_site, report, paths)
        scenario_missing_files(pg_site, report, media_root)
        scenario_load(pg_site, report, options.load_seconds)

        sqlite_site = Site(sqlite_env, free_port())
        for args in (["migrate", "--noinput"], ["load_legacy_content"]):
            sqlite_site.manage(*args)
        sqlite_site.manage("ensure_local_admin", "--password", "chaos-admin-password")
        sqlite_site.start()
        sites.append(sqlite_site)
        scenario_sqlite_locked(sqlite_site, report, sqlite_db, content_paths(sqlite_site))
        if mounted.returncode == 0:
            cookie = admin_session(sqlite_site, "admin", "chaos-admin-password")
            scenario_disk_full(sqlite_site, report, disk, cookie)
        else:
            report.check(
                "a small tmpfs can be mounted for the full-disk fault", False, mounted.stderr.decode()
            )
    finally:
        for site in sites:
            site.stop()
        if mounted.returncode == 0:
            subprocess.run(["umount", str(disk)], check=False)
        pg_proxy.stop()
        with contextlib.suppress(Exception):
            sql("postgres", f"DROP DATABASE IF EXISTS {CHAOS_DB} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    print("Reliability suite:", "all checks passed" if not report.failures else f"{report.failures} failed")
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
