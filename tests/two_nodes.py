"""The scale-out check behind `bin/two-nodes` (a harness: pytest does not collect it).

Two gunicorn nodes, as an operator adds them when one machine is not enough, share one
PostgreSQL database, one Redis (the page cache and its content version) and one
S3-compatible bucket (moto's standalone server, started here on a loopback port).
It checks that:

- a change published through node A, with an uploaded image, is what node B shows on
  its very next request, although B had the page in its cache a moment before, and
  that B serves the new image from the bucket;
- a visitor's page cached by one node is served by the other (one shared cache);
- 200 downloads spread over both nodes, 16 at a time, are counted exactly: 200.

It prints one line per check and exits 1 if any fails.
"""

import contextlib
import io
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.chaos import BASE_DIR, Report, Site, admin_session, download_count, free_port, multipart, sql

DATABASE = "legacy_portal_two_nodes"
REDIS_URL = os.environ.get("TWO_NODES_REDIS_URL", "redis://127.0.0.1:6379/13")
BUCKET = "legacy-portal-two-nodes"
ADMIN_PASSWORD = "two-nodes-" + secrets.token_hex(8)
# Behind a load balancer both nodes see the site's one public name.
HOST = "portal.test"


class Node(Site):
    """A node, asked for pages under the site's public name, as a load balancer does."""

    def request(self, method, path, body=None, headers=None):
        return super().request(method, path, body, {"Host": HOST, **(headers or {})})


def start_s3():
    """moto's S3 server on a free loopback port, with an empty bucket."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    ).create_bucket(Bucket=BUCKET)
    return server, endpoint


def fetch(url):
    """GET an absolute URL (the bucket's, after a redirect): status and body."""
    with contextlib.suppress(urllib.error.HTTPError), urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.status, response.read()
    return 404, b""


def publish_through_admin(site, cookie, video_pk, title, image):
    """As a publisher on node A: change the film's title and upload a new thumbnail,
    then "Save and publish the changes"."""
    from tests.admin_forms import _FormParser

    url = f"/admin/media_library/video/{video_pk}/change/"
    _status, _head, body = site.get(url, headers={"Cookie": cookie})
    parser = _FormParser("video_form")
    parser.feed(body.decode())
    csrf = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    data, kind = multipart(
        {**parser.values, "csrfmiddlewaretoken": csrf, "title_en": title, "_save": "1"},
        {"thumbnail": ("new-thumbnail.png", image, "image/png")},
    )
    status, head, _body = site.request(
        "POST", url, data, {"Cookie": cookie, "Content-Type": kind, "Referer": f"http://{HOST}{url}"}
    )
    return status, head


def main():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legacy_portal.settings")
    import django

    django.setup()
    import logging

    import redis

    from core.standins import standin_image

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server: one line per request
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="legacy-portal-two-nodes-"))
    s3, endpoint = start_s3()
    redis.Redis.from_url(REDIS_URL).flushdb()
    sql("postgres", f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    sql("postgres", f"CREATE DATABASE {DATABASE}")
    env = {
        **os.environ,
        "CHAOS_DIR": str(work),
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": f"127.0.0.1,localhost,{HOST}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "DJANGO_MEDIA_BUCKET": BUCKET,
        "DJANGO_MEDIA_ENDPOINT_URL": endpoint,
        "DJANGO_MEDIA_CUSTOM_DOMAIN": "",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    nodes = []
    try:
        node_a, node_b = Node(env, free_port()), Node(env, free_port())
        for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_legacy_content"]):
            node_a.manage(*args)
        node_a.manage("ensure_local_admin", "--password", ADMIN_PASSWORD)
        for node in (node_a, node_b):
            node.start()
            nodes.append(node)
        print(
            f"Two nodes on ports {node_a.port} and {node_b.port}: one PostgreSQL, Redis and S3 ({endpoint})"
        )

        page = "/en/videos/tokyo-updates-newsletter-video/"
        first = node_a.get(page)
        second = node_b.get(page)
        report.check(
            "a page cached by node A is served from the cache by node B",
            first[1].get("X-Page-Cache") == "miss" and second[1].get("X-Page-Cache") == "hit",
            f"A {first[1].get('X-Page-Cache')}, B {second[1].get('X-Page-Cache')}",
        )
        node_b.get("/en/videos/")

        cookie = admin_session(node_a, "admin", ADMIN_PASSWORD)
        video_pk = re.search(
            r"/admin/media_library/video/(\d+)/change/",
            node_a.get("/admin/media_library/video/?q=newsletter", headers={"Cookie": cookie})[2].decode(),
        ).group(1)
        title = "Tokyo Updates, changed on node A " + secrets.token_hex(3)
        image = standin_image("New thumbnail", size=(800, 450), accent="#aa3300")
        status, head = publish_through_admin(node_a, cookie, video_pk, title, image)
        report.check(
            "node A's admin saves and publishes the change", status == 302, f"{status} {head.get('Location')}"
        )

        status, head, body = node_b.get(page)
        text = body.decode()
        report.check(
            "node B's next request shows the new title (no stale page)",
            status == 200 and title in text and head.get("X-Page-Cache") == "miss",
            f"{status}, cache {head.get('X-Page-Cache')}",
        )
        listing = node_b.get("/en/videos/")[2].decode()
        report.check("node B's list shows it too", title in listing)
        thumbnail = re.search(r'src="(/media/videos/[^"]+)"', text)
        if thumbnail:
            status, head, _ = node_b.get(thumbnail.group(1))
            target = head.get("Location", "")
            fetched, data = fetch(target) if target else (0, b"")
            from PIL import Image

            size = Image.open(io.BytesIO(data)).size if fetched == 200 else None
            report.check(
                "node B serves the new thumbnail from the bucket",
                status == 302
                and target.startswith(endpoint)
                and size == (800, 450)
                and "new-thumbnail" in thumbnail.group(1),
                f"{status} -> {urllib.parse.urlsplit(target).netloc}, {fetched}, {size}",
            )
        else:
            report.check("node B's page shows a thumbnail", False)

        body = node_a.get("/en/initiatives/crisis-management-systems/")[2].decode()
        document = re.search(r'href="(/en/initiatives/[^"]+/document/en/)"', body).group(1)
        before = download_count(env)
        lock, statuses = threading.Lock(), []

        def download(number):
            node = (node_a, node_b)[number % 2]
            status, head, _ = node.get(document)
            with lock:
                statuses.append((status, head.get("Location", "").startswith(endpoint)))

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(download, range(200)))
        seconds = time.monotonic() - started
        after = download_count(env)
        redirected = sum(1 for status, to_bucket in statuses if status == 302 and to_bucket)
        report.check(
            "200 downloads over both nodes, each redirected to the bucket",
            redirected == 200,
            f"{redirected} of {len(statuses)} in {seconds:.1f} s",
        )
        report.check("and counted exactly", after - before == 200, f"{after - before} counted")
    finally:
        for node in nodes:
            node.stop()
        s3.stop()
        with contextlib.suppress(Exception):
            sql("postgres", f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    print("Two nodes:", "all checks passed" if not report.failures else f"{report.failures} failed")
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
