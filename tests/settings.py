"""Fast test settings: the real settings module, with test-only overrides."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_HTTPS", "false")

from legacy_portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# django-axes stays on, as in production, and needs nothing here: a POST to /admin/login/
# is counted (its rows roll back with the test), force_login() skips the backends, and
# client.login() needs request=HttpRequest() (axes refuses to count without a request).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off: a test's changes never commit (each test is one transaction that is rolled back),
# so the version would not move. tests/core/test_page_cache.py turns it on and commits.
PORTAL_PAGE_CACHE_SECONDS = 0
# Tests render templates without running collectstatic first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Each test gets its own media folder (see conftest.py); this is only the fallback.
MEDIA_ROOT = tempfile.mkdtemp(prefix="legacy-portal-test-media-")
LOGGING = {"version": 1, "disable_existing_loggers": False}
# WhiteNoise looks for STATIC_ROOT at start-up; tests serve static files from the finders.
STATIC_ROOT = tempfile.mkdtemp(prefix="legacy-portal-test-static-")
WHITENOISE_USE_FINDERS = True
# WhiteNoise looks each static file up when it is asked for, instead of listing every
# file of every app at start-up: each test's Client loads the middleware again, and that
# listing took 15 ms (some 1,000 times a run). Serving is the same; only the start-up differs.
WHITENOISE_AUTOREFRESH = True
