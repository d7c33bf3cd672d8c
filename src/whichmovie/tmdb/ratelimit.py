"""The TMDB rate limit shared by every worker process: a sliding window log in Redis.

pyrate-limiter's Redis bucket let 15-55% more requests through than its limit under a fleet
(its check and its write are separate round trips, stamped with each worker's clock). Here
one Lua script checks and records a request atomically, on Redis's own clock, so no two
processes can both take the last slot of a window.

When Redis cannot be reached the limiter keeps going on this process's share of the limit
(the limit divided by the processes it last saw sharing it) and says so in the log; it goes
back to the shared window as soon as Redis answers again.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from typing import Any

from pyrate_limiter import InMemoryBucket, Limiter, Rate

logger = logging.getLogger(__name__)

# KEYS[1]: the window (a sorted set of request stamps), KEYS[2]: the processes sharing it.
# ARGV: window in ms, requests per window, this request's unique member, this process's id.
# Returns {1, stamp} when the request may go now (stamp: Redis's clock, in ms), else
# {0, the ms to wait before asking again}.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return {1, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now)}
"""

# Each process stamps itself into KEYS[1] every few seconds; the count of live ones is its share.
_REGISTER = """
local t = redis.call('TIME')
local now = tonumber(t[1])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return redis.call('ZCARD', KEYS[1])
"""

REGISTER_SECONDS = 5  # how often a process says it shares the limit
SHARING_SECONDS = 15  # a process not heard of for this long no longer shares it
RETRY_REDIS_SECONDS = 5  # how often a process without Redis tries it again


class SharedLimiter:
    """`try_acquire(name)` blocks until a request may go, like pyrate-limiter's Limiter."""

    def __init__(
        self,
        *,
        limit: int,
        window_ms: int,
        redis_url: str,
        key: str = "whichmovie:tmdb",
        client: Any = None,
    ) -> None:
        import redis  # only needed in distributed mode

        self.limit, self.window_ms = limit, window_ms
        self._redis = client or redis.Redis.from_url(
            redis_url, socket_timeout=2, socket_connect_timeout=2
        )
        self._errors = (redis.RedisError, OSError)
        self._acquire = self._redis.register_script(_ACQUIRE)
        self._register = self._redis.register_script(_REGISTER)
        self._key, self._members = f"{key}:window", f"{key}:processes"
        self._id = uuid.uuid4().hex
        self._lock = threading.Lock()
        self._sharing = 1  # processes seen sharing the limit (the fallback divides by it)
        self._registered_at = 0.0
        self._local: Limiter | None = None  # the fallback while Redis is away
        self._down_since = 0.0
        self.fallbacks = 0  # how often Redis was lost (read by tests and the benchmark)

    def on_grant(self, stamp_ms: int) -> None:
        """Called with Redis's time of every request let through (tests and benchmarks)."""

    @property
    def degraded(self) -> bool:
        return self._local is not None

    def try_acquire(self, name: str = "tmdb", weight: int = 1) -> bool:
        while True:
            local = self._current_local()
            if local is not None:
                return bool(local.try_acquire(name, weight))
            try:
                self._maybe_register()
                granted, value = self._acquire(
                    keys=[self._key], args=[self.window_ms, self.limit, uuid.uuid4().hex]
                )
            except self._errors as error:
                self._fall_back(error)
                continue
            if granted:
                self.on_grant(int(value))
                return True
            time.sleep(int(value) / 1000)

    def _maybe_register(self) -> None:
        now = time.monotonic()
        if now - self._registered_at < REGISTER_SECONDS:
            return
        self._registered_at = now
        count = int(self._register(keys=[self._members], args=[self._id, SHARING_SECONDS]))
        with self._lock:
            self._sharing = max(1, count)

    def _current_local(self) -> Limiter | None:
        with self._lock:
            local = self._local
            if local is None or time.monotonic() - self._down_since < RETRY_REDIS_SECONDS:
                return local
        try:
            self._redis.ping()
        except self._errors:
            with self._lock:
                self._down_since = time.monotonic()
            return local
        with self._lock:
            if self._local is not None:
                logger.warning("Redis is back: the TMDB rate limit is shared again")
                self._local.close()
                self._local = None
            self._registered_at = 0.0
        return None

    def _fall_back(self, error: BaseException) -> None:
        with self._lock:
            if self._local is not None:
                return
            # The same requests per window, over a window as many times longer as processes.
            share = Rate(self.limit, self.window_ms * self._sharing)
            self._local = Limiter(InMemoryBucket([share]), buffer_ms=1)
            self._down_since = time.monotonic()
            self.fallbacks += 1
        logger.warning(
            "Redis is unreachable (%s): TMDB rate limit falls back to this process's share, "
            "%d per %d ms (1/%d of the limit)",
            type(error).__name__,
            self.limit,
            self.window_ms * self._sharing,
            self._sharing,
        )

    def close(self) -> None:
        with contextlib.suppress(*self._errors):
            self._redis.zrem(self._members, self._id)
        self._redis.close()
        if self._local is not None:
            self._local.close()
