import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.fakes.tmdb import DUNE_2021, SPACE_FORCE_SERIES, FakeTmdb
from whichmovie.tmdb.client import (
    DETAILS_APPEND,
    TmdbAuthError,
    TmdbClient,
    TmdbNotFound,
    TmdbUnavailable,
    limiter_rate,
    make_limiter,
)


@pytest.fixture
def fake() -> Iterator[FakeTmdb]:
    with FakeTmdb(hang_seconds=1.0) as server:
        yield server


@pytest.fixture
def make_client(fake: FakeTmdb) -> Iterator[Callable[..., TmdbClient]]:
    """Clients for `fake` with other options; closed after the test."""
    made: list[TmdbClient] = []

    def make(**options: Any) -> TmdbClient:
        made.append(fake.make_client(**options))
        return made[-1]

    yield make
    for tmdb in made:
        tmdb.close()


@pytest.fixture
def client(make_client: Callable[..., TmdbClient]) -> TmdbClient:
    return make_client(timeout=0.3)


def run_in_threads(count: int, threads: int, call: object) -> float:
    """Run `call()` `count` times from `threads` threads; return the elapsed seconds."""
    assert callable(call)
    todo = list(range(count))
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker() -> None:
        while True:
            with lock:
                if not todo:
                    return
                todo.pop()
            try:
                call()
            except BaseException as error:  # surfaced below, in the test's thread
                errors.append(error)

    started = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert not errors, errors
    return time.monotonic() - started


# -- requests and authentication ------------------------------------------------------------------


def test_search_sends_the_api_key_and_tmdb_parameters(fake, client):
    results = client.search_movie("Dune", primary_release_year=2021)

    assert [r["id"] for r in results][0] == DUNE_2021
    assert {"title", "original_title", "release_date", "popularity", "genre_ids"} <= set(results[0])
    (request,) = fake.log
    assert request.path == "/search/movie"
    assert request.auth == "api_key"
    assert request.params == {
        "query": "Dune",
        "include_adult": "false",
        "language": "en-US",
        "page": "1",
        "primary_release_year": "2021",
    }


def test_search_with_year_uses_tmdbs_year_filter(fake, client):
    client.search_movie("2001: A Space Odyssey", year=2014)

    assert fake.log[-1].params["year"] == "2014"
    assert "primary_release_year" not in fake.log[-1].params


def test_search_tv_lists_series_in_tmdbs_shape(fake, client):
    results = client.search_tv("Space Force", first_air_date_year=2020)

    assert [r["id"] for r in results] == [SPACE_FORCE_SERIES]
    assert {"name", "original_name", "first_air_date", "origin_country", "popularity"} <= set(
        results[0]
    )
    assert results[0]["first_air_date"] == "2020-05-29"
    (request,) = fake.log
    assert request.path == "/search/tv"
    assert request.params == {
        "query": "Space Force",
        "include_adult": "false",
        "language": "en-US",
        "page": "1",
        "first_air_date_year": "2020",
    }
    assert client.search_tv("Space Force", first_air_date_year=2019) == []


def test_read_access_token_goes_in_the_authorization_header(fake, make_client):
    client = make_client(api_key="", read_access_token=fake.read_access_token)

    assert client.search_movie("Dune")

    assert fake.log[-1].auth == "bearer"


def test_token_is_preferred_so_the_key_stays_out_of_urls(fake, make_client):
    make_client(read_access_token=fake.read_access_token).search_movie("Dune")

    assert fake.log[-1].auth == "bearer"


def test_no_credentials_fails_before_any_request(fake, make_client):
    client = make_client(api_key="")

    with pytest.raises(TmdbAuthError, match="TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN is not set"):
        client.search_movie("Dune")

    assert fake.log == []


def test_rejected_key_raises_at_once_without_showing_the_key(fake, make_client):
    secret = "wrong0secret0key0123456789"
    client = make_client(api_key=secret)

    with pytest.raises(TmdbAuthError, match=r"TMDB rejected the API key \(HTTP 401\)") as error:
        client.search_movie("Dune")

    assert secret not in str(error.value)
    assert "Invalid API key" in str(error.value)
    assert len(fake.log) == 1  # a bad key is not retried


def test_rejected_token_names_the_token(make_client):
    client = make_client(api_key="", read_access_token="bad.token")

    with pytest.raises(TmdbAuthError, match="read-access token") as error:
        client.configuration()

    assert "bad.token" not in str(error.value)


def test_key_is_redacted_from_httpx_request_logs(fake, client, caplog):
    with caplog.at_level(logging.INFO, logger="httpx2"):
        client.search_movie("Dune")

    assert "HTTP Request" in caplog.text
    assert fake.api_key not in caplog.text
    assert "api_key=***" in caplog.text


# -- endpoints ------------------------------------------------------------------------------------


def test_details_come_with_every_appended_section(fake, client):
    details = client.movie_details(DUNE_2021)

    assert details["id"] == DUNE_2021
    assert details["runtime"] == 155
    for section in DETAILS_APPEND:
        assert section in details, section
    assert details["external_ids"]["imdb_id"] == "tt1160419"
    assert details["videos"]["results"][0]["site"] == "YouTube"
    assert details["watch/providers"]["results"]["US"]["flatrate"][0]["provider_name"] == "Max"
    assert details["release_dates"]["results"][0]["release_dates"][0]["type"] == 3
    assert fake.log[-1].params["append_to_response"] == ",".join(DETAILS_APPEND)


def test_unknown_movie_raises_not_found_without_retrying(fake, client):
    with pytest.raises(TmdbNotFound, match=r"/movie/123456789 \(HTTP 404\)"):
        client.movie_details(123456789)

    assert len(fake.log) == 1


def test_alternative_titles(client):
    assert "Dune: Part One" in client.alternative_titles(DUNE_2021)


def test_configuration_is_fetched_once(fake, client):
    first = client.configuration()
    second = client.configuration()

    assert first["images"]["secure_base_url"] == "https://image.tmdb.org/t/p/"
    assert "w500" in first["images"]["poster_sizes"]
    assert second is first
    assert fake.paths() == ["/configuration"]


# -- failures and retries -------------------------------------------------------------------------


def test_server_errors_are_retried(fake, client):
    fake.fail_next(2, 503)

    assert client.search_movie("Dune")
    assert client.stats.requests == 3
    assert client.stats.retries == 2


def test_server_errors_give_up_after_max_attempts(fake, client):
    fake.fail_next(10, 500)

    with pytest.raises(TmdbUnavailable) as error:
        client.search_movie("Dune")

    assert str(error.value) == "TMDB did not answer after 4 attempts: HTTP 500 on /search/movie"
    assert len(fake.log) == 4


def test_timeout_is_retried(fake, client):
    fake.fail_next(1, "timeout")

    assert client.search_movie("Dune")
    assert client.stats.retries == 1


def test_timeouts_give_up_with_a_specific_message(fake, make_client):
    fake.fail_next(2, "timeout")
    client = make_client(timeout=0.2, max_attempts=2)

    started = time.monotonic()
    with pytest.raises(TmdbUnavailable) as error:
        client.search_movie("Dune")

    assert str(error.value) == "TMDB did not answer after 2 attempts: timeout on /search/movie"
    assert time.monotonic() - started < 1.0  # the client's timeout, not the server's hang


def test_truncated_json_is_retried(fake, client):
    fake.fail_next(1, "truncated")

    assert client.movie_details(DUNE_2021)["id"] == DUNE_2021
    assert client.stats.retries == 1


def test_truncated_json_gives_up_with_a_specific_message(fake, client):
    fake.fail_next(4, "truncated")

    with pytest.raises(TmdbUnavailable, match="4 attempts: truncated or invalid JSON on /movie/"):
        client.movie_details(DUNE_2021)


def test_network_down_is_unavailable_and_does_not_leak_the_key():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    secret = "secret0key0for0a0dead0port"
    client = TmdbClient(
        api_url=f"http://127.0.0.1:{port}/3",
        api_key=secret,
        max_attempts=2,
        backoff_initial=0.01,
        backoff_max=0.01,
    )
    with (
        client,
        pytest.raises(TmdbUnavailable, match="after 2 attempts: connection error") as error,
    ):
        client.search_movie("Dune")

    assert secret not in str(error.value)
    assert error.value.__cause__ is None and error.value.__context__ is None


def test_retry_after_is_honoured(fake, client):
    fake.fail_next(1, 429, retry_after=1)

    started = time.monotonic()
    assert client.search_movie("Dune")

    assert time.monotonic() - started >= 1.0
    assert client.stats.throttled == 1
    assert client.stats.retries == 0  # a 429 does not use up an attempt


def test_endless_throttling_gives_up(fake, make_client):
    fake.fail_next(5, 429, retry_after=0)
    client = make_client(max_throttled=3)

    with pytest.raises(TmdbUnavailable, match=r"kept throttling \(HTTP 429\)"):
        client.search_movie("Dune")

    assert client.stats.throttled == 4


# -- rate limit -----------------------------------------------------------------------------------


def test_limiter_rate_spreads_the_limit_over_100ms_windows():
    assert (limiter_rate(40).limit, limiter_rate(40).interval) == (4, 100)
    assert (limiter_rate(0.5).limit, limiter_rate(0.5).interval) == (1, 2000)
    with pytest.raises(ValueError, match="positive"):
        limiter_rate(0)


def test_threads_share_one_rate_limit(fake_tmdb_factory):
    rate = 50.0
    fake = fake_tmdb_factory(latency_seconds=0.02, rate_limit_per_second=rate)
    with fake.make_client(rate_limit=rate) as client:
        elapsed = run_in_threads(40, 10, lambda: client.search_movie("Dune"))

        burst = limiter_rate(rate).limit
        # The first window's burst is free. pyrate-limiter stamps a request that had to wait
        # with its planned wake-up time, so on a busy machine the limit runs a little fast.
        assert elapsed >= 0.85 * (40 - burst) / rate  # unlimited: ~0.1 s
        assert client.stats.requests == 40
        assert client.stats.throttled == 0  # the client kept under the server's limit


def test_a_client_faster_than_the_server_is_throttled_and_still_finishes(fake_tmdb_factory):
    fake = fake_tmdb_factory(rate_limit_per_second=10)
    with fake.make_client(rate_limit=1000) as client:
        run_in_threads(15, 5, lambda: client.search_movie("Dune"))

        assert client.stats.throttled >= 1
    assert sum(r.status == 200 for r in fake.log) == 15


@pytest.fixture
def redis_url(own_redis) -> str:
    return str(own_redis.url)


def test_redis_limiter_is_shared_between_clients(fake, redis_url):
    rate = 40.0
    with (
        fake.make_client(rate_limit=rate, redis_url=redis_url) as first,
        fake.make_client(rate_limit=rate, redis_url=redis_url) as second,
    ):
        clients = [first, second]
        turn = iter(range(1000))
        elapsed = run_in_threads(30, 6, lambda: clients[next(turn) % 2].search_movie("Dune"))

    # One quota: ~0.65 s; two separate quotas would take ~0.28 s.
    assert elapsed >= 0.8 * (30 - limiter_rate(rate).limit) / rate


def test_make_limiter_in_memory_limits_one_process():
    limiter = make_limiter(20)
    try:
        started = time.monotonic()
        for _ in range(6):
            assert limiter.try_acquire("tmdb")
        assert time.monotonic() - started >= 0.85 * (6 - limiter_rate(20).limit) / 20
    finally:
        limiter.close()
