"""Django's Redis cache backend, with one redis.Redis client per connection pool.

Django's client makes a new redis.Redis object for every cache call. With redis-py 8
that costs about 0.1 ms (each one fills its table of some 170 response callbacks):
as much as a page-cache hit's whole round trip to Redis. The object is only a handle
on its connection pool, which does the work and is thread-safe, so one per pool does.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
