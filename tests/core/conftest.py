"""Fixtures of the page cache's tests (test_page_cache.py, test_page_cache_front.py)."""

import os
import uuid

import pytest


@pytest.fixture
def redis_url():
    """The Redis database of the Redis tests (a module may name another)."""
    return os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


@pytest.fixture
def redis_cache(settings, redis_url):
    """The page cache in a real Redis (the machine's and CI's, 127.0.0.1:6379), under
    a key prefix of its own, whose keys it deletes at the end (only those: tests on
    other workers, or another checkout's, may be using the same database). Outside
    CI, skipped where no Redis answers."""
    import redis

    server = redis.Redis.from_url(redis_url, socket_connect_timeout=0.5)
    try:
        server.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Redis tests: no Redis at {redis_url} ({error})")
        pytest.skip(f"no Redis at {redis_url}")
    from django.core.cache import caches

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    settings.PORTAL_PAGE_CACHE_SHARED = True
    # Start from a cache that answers and owes nothing, whatever an earlier test in
    # this process left (a pause after a failure, a change it could not announce).
    from core.page_cache import PageCacheMiddleware, SharedVersion

    PageCacheMiddleware.down_until = 0
    SharedVersion.owed = False
    yield caches["default"]
    keys = list(server.scan_iter(match=f"{prefix}:*"))
    if keys:
        server.delete(*keys)
    server.close()


@pytest.fixture
def redis_stopped(settings):
    """The cache pointed at a Redis that is not there (nothing listens on port 1: every
    call fails at once); the working one put back afterwards, with no pause or
    unannounced change left for the next test."""
    from core.page_cache import PageCacheMiddleware, SharedVersion

    working = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    yield
    PageCacheMiddleware.down_until = 0
    SharedVersion.owed = False
    settings.CACHES = working
