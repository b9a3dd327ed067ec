"""Media on object storage, tested against a real S3 API: moto's standalone server.

The server runs in a thread of the test process on a free loopback port, for the whole
session; django-storages reaches it over HTTP as it would reach any S3-compatible
endpoint. moto is a test requirement (requirements-dev.txt): these tests never skip, and
fail where it is missing.

Each test gets a bucket of its own and the default storage pointed at it, in one of the
two configurations the settings make (legacy_portal.settings, DJANGO_MEDIA_*):

- "public": a public bucket behind a custom domain (a CDN in production); pages link
  https://<custom domain>/<key>. The domain is not resolvable here, so a test reads what
  the CDN would serve from the bucket's anonymous path-style URL.
- "private": a private bucket; pages link the portal's /media/<key>, which redirects to
  a signed URL on the endpoint.
"""

import json
import logging
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

import boto3
import pytest
from moto.server import ThreadedMotoServer

CUSTOM_DOMAIN = "media.legacy.example"
CREDENTIALS = {"aws_access_key_id": "portal-tests", "aws_secret_access_key": "portal-tests-secret"}
REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of an S3 API on 127.0.0.1 (a free port), up for the whole session."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per S3 request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="session")
def s3(s3_endpoint):
    """A boto3 client to the server, to look into buckets behind the portal's back."""
    return boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **CREDENTIALS)


class Bucket:
    def __init__(self, s3, endpoint, name, mode):
        self.s3, self.endpoint, self.name, self.mode = s3, endpoint, name, mode

    def stored_keys(self):
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return {item["Key"] for page in pages for item in page.get("Contents", ())}

    def read(self, key):
        return self.s3.get_object(Bucket=self.name, Key=key)["Body"].read()

    def delete(self, key):
        self.s3.delete_object(Bucket=self.name, Key=key)

    def key_of(self, url):
        """The object key a public URL (custom domain) or a signed URL (path style) names."""
        path = urlsplit(url).path.lstrip("/")
        if self.mode == "private":
            assert path.startswith(f"{self.name}/"), url
            path = path[len(self.name) + 1 :]
        return urllib.request.unquote(path)

    def fetch(self, url):
        """GET `url` as a browser would, from the server: (status, headers, bytes).

        A custom-domain URL is read from the bucket's anonymous URL for the same key,
        which is what a CDN in front of the public bucket fetches.
        """
        if urlsplit(url).netloc == CUSTOM_DOMAIN:
            url = f"{self.endpoint}/{self.name}/{urllib.request.quote(self.key_of(url))}"
        assert url.startswith(self.endpoint), url
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (the S3 server's own URL)
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


def _storage_settings(bucket, endpoint, mode):
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": REGION,
        "access_key": CREDENTIALS["aws_access_key_id"],
        "secret_key": CREDENTIALS["aws_secret_access_key"],
        "addressing_style": "path",
        "querystring_expire": 3600,
        "file_overwrite": False,
    }
    if mode == "public":
        options.update(custom_domain=CUSTOM_DOMAIN, querystring_auth=False)
    else:
        options.update(custom_domain=None, querystring_auth=True)
    return {"BACKEND": "core.object_storage.PortalS3Storage", "OPTIONS": options}


def _make_bucket(s3, endpoint, mode):
    name = f"portal-{mode}-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    if mode == "public":
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{name}/*",
                }
            ],
        }
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    return Bucket(s3, endpoint, name, mode)


@pytest.fixture
def local_disk_untouched(media_root):
    """Nothing may be written to (so nothing read from) the local media folder."""
    yield
    written = [path for path in media_root.rglob("*") if path.is_file()]
    assert written == [], f"files written to the local disk: {written}"


def _use_bucket(settings, s3, s3_endpoint, mode):
    bucket = _make_bucket(s3, s3_endpoint, mode)
    settings.STORAGES = {**settings.STORAGES, "default": _storage_settings(bucket.name, s3_endpoint, mode)}
    return bucket


@pytest.fixture(params=["public", "private"])
def bucket(request, settings, s3, s3_endpoint, local_disk_untouched):
    """The default storage on a new bucket, in each configuration in turn."""
    return _use_bucket(settings, s3, s3_endpoint, request.param)


@pytest.fixture
def private_bucket(settings, s3, s3_endpoint, local_disk_untouched):
    return _use_bucket(settings, s3, s3_endpoint, "private")


@pytest.fixture
def public_bucket(settings, s3, s3_endpoint, local_disk_untouched):
    return _use_bucket(settings, s3, s3_endpoint, "public")
