"""The TMDB limit shared through Redis: it holds its rate across processes, and a process
carries on with its share of it while Redis is away."""

import logging
import threading

import pytest

from tests.fakes.redis_server import RedisServer, free_port
from whichmovie.tmdb.client import limiter_rate
from whichmovie.tmdb.ratelimit import SharedLimiter


@pytest.fixture
def redis_url(own_redis):
    return own_redis.url


def shared(url, rate=40.0):
    window = limiter_rate(rate)
    return SharedLimiter(limit=window.limit, window_ms=window.interval, redis_url=url)


# 12 threads x 9 = 108 requests at 40/s: 2.7 s at the limit, so several whole seconds to count.
PER_THREAD = 9


def most_in_any_second(stamps):
    stamps = sorted(stamps)
    return max(sum(1 for t in stamps[i:] if t < start + 1.0) for i, start in enumerate(stamps))


class Stamped(SharedLimiter):
    """Keeps Redis's time of every request it let through."""

    def __init__(self, stamps, **options):
        super().__init__(**options)
        self.stamps = stamps

    def on_grant(self, stamp_ms):
        self.stamps.append(stamp_ms / 1000)


def test_four_processes_never_get_more_than_the_limit_in_any_second(redis_url):
    rate = 40.0
    window = limiter_rate(rate)
    stamps = []
    limiters = [  # as four worker processes would: four connections, one key
        Stamped(stamps, limit=window.limit, window_ms=window.interval, redis_url=redis_url)
        for _ in range(4)
    ]

    def take(limiter):
        for _ in range(PER_THREAD):
            assert limiter.try_acquire("tmdb")

    threads = [threading.Thread(target=take, args=(lim,)) for lim in limiters for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for limiter in limiters:
        limiter.close()

    assert len(stamps) == 12 * PER_THREAD
    assert most_in_any_second(stamps) <= rate  # pyrate-limiter's Redis bucket let 46-62 by


def test_without_redis_a_process_keeps_going_on_its_share_and_says_so(caplog):
    limiter = shared("redis://127.0.0.1:6391/0")  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="whichmovie.tmdb.ratelimit"):
        for _ in range(3):
            assert limiter.try_acquire("tmdb")
    assert limiter.degraded and limiter.fallbacks == 1
    assert "falls back to this process's share" in caplog.text
    limiter.close()


def test_the_share_divides_the_limit_by_the_processes_last_seen(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr("whichmovie.tmdb.ratelimit.RETRY_REDIS_SECONDS", 0.0)
    monkeypatch.setattr("whichmovie.tmdb.ratelimit.REGISTER_SECONDS", 0.0)
    with RedisServer(free_port(), tmp_path) as server:
        limiters = [shared(server.url) for _ in range(4)]
        for limiter in limiters * 2:  # the second round: each has seen all four
            assert limiter.try_acquire("tmdb")
        server.stop()
        with caplog.at_level(logging.WARNING, logger="whichmovie.tmdb.ratelimit"):
            assert limiters[0].try_acquire("tmdb")
        assert "4 per 400 ms (1/4 of the limit)" in caplog.text
        server.start()
        with caplog.at_level(logging.WARNING, logger="whichmovie.tmdb.ratelimit"):
            assert limiters[0].try_acquire("tmdb")
            assert limiters[0].try_acquire("tmdb")
        assert not limiters[0].degraded
        assert "Redis is back" in caplog.text
        for limiter in limiters:
            limiter.close()
