"""DJANGO_MEDIA_* choose the storage's mode; wrong values stop start-up with a clear message."""

import json

from tests.core.test_settings import run

PRINT_STORAGE = (
    "from django.conf import settings; import json; print(json.dumps(settings.STORAGES['default']))"
)


def default_storage(**env):
    result = run(["-c", PRINT_STORAGE], DJANGO_DEBUG="true", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_bucket_without_a_custom_domain_is_private_with_signed_urls():
    storage = default_storage(
        DJANGO_MEDIA_BUCKET="legacy-media",
        DJANGO_MEDIA_ENDPOINT_URL="https://s3.example.net",
        DJANGO_MEDIA_URL_EXPIRY="1800",
    )
    assert storage["BACKEND"] == "core.object_storage.PortalS3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"]) == ("legacy-media", "https://s3.example.net")
    assert (options["custom_domain"], options["querystring_auth"], options["querystring_expire"]) == (
        None,
        True,
        1800,
    )


def test_a_custom_domain_makes_a_public_bucket_with_unsigned_urls():
    options = default_storage(
        DJANGO_MEDIA_BUCKET="legacy-media", DJANGO_MEDIA_CUSTOM_DOMAIN="media.example.org"
    )["OPTIONS"]
    assert (options["custom_domain"], options["querystring_auth"]) == ("media.example.org", False)


def test_without_a_bucket_media_stays_on_the_local_disk():
    assert default_storage()["BACKEND"] == "core.storage.AtomicFileSystemStorage"


def test_a_wrong_addressing_style_or_a_too_short_expiry_is_an_error():
    for env, message in (
        ({"DJANGO_MEDIA_ADDRESSING_STYLE": "sideways"}, "DJANGO_MEDIA_ADDRESSING_STYLE must be"),
        ({"DJANGO_MEDIA_URL_EXPIRY": "30"}, "DJANGO_MEDIA_URL_EXPIRY must be at least 60"),
    ):
        result = run(["-c", PRINT_STORAGE], DJANGO_DEBUG="true", DJANGO_MEDIA_BUCKET="legacy-media", **env)
        assert result.returncode != 0
        assert message in result.stderr
