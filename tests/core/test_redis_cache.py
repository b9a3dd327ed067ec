"""The Redis cache backend (core.redis_cache): Django's, with one client per pool."""

import os

import pytest


@pytest.fixture
def redis_url():
    """The page-cache front's tests' database (see test_page_cache_front.redis_url)."""
    return os.environ.get("PORTAL_TEST_FRONT_REDIS_URL", "redis://127.0.0.1:6379/10")


def test_one_client_serves_every_call(redis_cache):
    backend = redis_cache._cache
    client = backend.get_client("a")
    assert backend.get_client("b") is client
    assert backend.get_client("c", write=True) is client  # one server: one pool
    redis_cache.set("greeting", "hello")
    assert redis_cache.get_many(["greeting", "missing"]) == {"greeting": "hello"}
    assert backend.get_client() is client


def test_the_site_uses_it_with_redis():
    from tests.core.test_settings import run

    result = run(
        ["-c", "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"],
        REDIS_URL="redis://127.0.0.1:6379/9",
    )
    assert result.stdout.strip() == "core.redis_cache.RedisCache", result.stderr
