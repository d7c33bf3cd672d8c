"""A small, thread-safe client for the TMDB v3 API.

One client is shared by every enrichment thread, so all requests go through one rate limiter
(in memory, or in Redis when several workers share the TMDB quota). Transient failures are
retried with jittered exponential back-off; a 429 pauses every thread for `Retry-After`.
Errors never carry the API key or the read-access token.
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from whichmovie.outside import OutsideFailure

# Imported where used: the admin and every command import this module, and these two cost
# a tenth of a second at start-up.
if TYPE_CHECKING:
    import httpx2
    from pyrate_limiter import Rate

DEFAULT_API_URL = "https://api.themoviedb.org/3"
DETAILS_APPEND: tuple[str, ...] = (
    "external_ids",
    "credits",
    "release_dates",
    "videos",
    "watch/providers",
    "alternative_titles",
)


class TmdbError(OutsideFailure):
    """Base class: TMDB could not give an answer. The message is safe to show and log."""


class TmdbAuthError(TmdbError):
    """No key configured, or TMDB rejected it (HTTP 401)."""


class TmdbUnavailable(TmdbError):
    """Network errors, timeouts, 5xx, throttling or broken JSON outlasted the retries."""


class TmdbNotFound(TmdbError):
    """TMDB has no such resource (HTTP 404)."""


@dataclass
class TmdbStats:
    """What the client sent; read by the benchmark."""

    requests: int = 0  # HTTP requests sent, retries included
    throttled: int = 0  # 429 answers received
    retries: int = 0  # requests repeated after a timeout, connection error, 5xx or bad JSON


def limiter_rate(rate_per_second: float) -> Rate:
    """A sliding window of about 100 ms, so the limit holds without one-second bursts.

    40/s becomes 4 per 100 ms: any second then sees at most 40 requests, and a gateway that
    counts per second never sees 40 requests land at once.
    """
    if rate_per_second <= 0:
        raise ValueError(f"rate_per_second must be positive, got {rate_per_second}")
    from pyrate_limiter import Rate

    limit = max(1, round(rate_per_second / 10))
    return Rate(limit, max(1, round(1000 * limit / rate_per_second)))


class RateLimiter(Protocol):
    """What the client needs of a limiter: pyrate-limiter's Limiter, or ratelimit's."""

    def try_acquire(self, name: str = ..., weight: int = ...) -> Any: ...

    def close(self) -> None: ...


def make_limiter(
    rate_per_second: float, redis_url: str | None = None, *, key: str = "whichmovie:tmdb"
) -> RateLimiter:
    """Build the limiter shared by every thread (in memory) or every worker (Redis).

    With `redis_url`, all processes using the same `key` share one quota, counted on Redis's
    clock; without Redis they fall back to their share of it (tmdb.ratelimit).
    """
    rate = limiter_rate(rate_per_second)
    if redis_url:
        from whichmovie.tmdb.ratelimit import SharedLimiter

        return SharedLimiter(
            limit=rate.limit, window_ms=rate.interval, redis_url=redis_url, key=key
        )
    from pyrate_limiter import InMemoryBucket, Limiter

    # pyrate-limiter adds buffer_ms to every wait; its default 50 ms would cut 40/s to ~27/s.
    return Limiter(InMemoryBucket([rate]), buffer_ms=1)


class _RedactSecrets(logging.Filter):
    """httpx2 logs every URL at INFO level; the v3 key travels in the query string."""

    _pattern = re.compile(r"(api_key=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                self._pattern.sub(r"\1***", str(arg)) if "api_key=" in str(arg) else arg
                for arg in record.args
            )
        return True


_httpx_logger = logging.getLogger("httpx2")
if not any(isinstance(f, _RedactSecrets) for f in _httpx_logger.filters):
    _httpx_logger.addFilter(_RedactSecrets())


@dataclass(frozen=True)
class _Throttled:
    """TMDB answered 429: every thread waits this long, then the request is sent again."""

    wait: float  # seconds, from Retry-After


@dataclass(frozen=True)
class _Retryable:
    """A failure that may pass: a timeout, a connection error, a 5xx, broken JSON."""

    problem: str


def _json_or_none(response: httpx2.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


class TmdbClient:
    def __init__(
        self,
        *,
        api_url: str = DEFAULT_API_URL,
        api_key: str = "",
        read_access_token: str = "",
        language: str = "en-US",
        region: str = "US",
        rate_limit: float = 40.0,
        timeout: float = 10.0,
        max_attempts: int = 4,
        transport: httpx2.BaseTransport | None = None,
        limiter: RateLimiter | None = None,
        redis_url: str | None = None,
        backoff_initial: float = 0.5,
        backoff_max: float = 8.0,
        max_throttled: int = 8,
        max_retry_after: float = 60.0,
    ) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        self.api_url = api_url.rstrip("/")
        self.language = language
        self.region = region  # for the caller: which country's certification and providers
        self.max_attempts = max_attempts
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.max_throttled = max_throttled  # 429s tolerated per call, on top of max_attempts
        self.max_retry_after = max_retry_after
        self.stats = TmdbStats()
        self._api_key = api_key.strip()
        self._token = read_access_token.strip()
        # Without a limiter, build one from rate_limit (shared through Redis if redis_url is set);
        # a limiter passed in belongs to the caller, who may share it between clients.
        self._owns_limiter = limiter is None
        self._limiter = limiter if limiter is not None else make_limiter(rate_limit, redis_url)
        self._lock = threading.Lock()
        self._paused_until = 0.0  # monotonic time before which nobody may call TMDB (after a 429)
        self._configuration: dict[str, Any] | None = None
        headers = {"Accept": "application/json", "User-Agent": "WhichMovie/0.1"}
        if self._token:
            # The bearer token keeps the credential out of URLs (and so out of logs).
            headers["Authorization"] = f"Bearer {self._token}"
        import httpx2

        self._http = httpx2.Client(
            base_url=self.api_url,
            headers=headers,
            timeout=timeout,
            transport=transport,
            limits=httpx2.Limits(max_connections=64, max_keepalive_connections=32),
        )

    # -- public API ------------------------------------------------------------------------

    def search_movie(
        self, query: str, *, year: int | None = None, primary_release_year: int | None = None
    ) -> list[dict[str, Any]]:
        """The first page of `/search/movie` results, in TMDB's order."""
        params = self._search_params(query)
        if year is not None:
            params["year"] = year
        if primary_release_year is not None:
            params["primary_release_year"] = primary_release_year
        return self._search("/search/movie", params)

    def search_tv(
        self, query: str, *, first_air_date_year: int | None = None
    ) -> list[dict[str, Any]]:
        """The first page of `/search/tv` results (series: `name`, `first_air_date`, ...)."""
        params = self._search_params(query)
        if first_air_date_year is not None:
            params["first_air_date_year"] = first_air_date_year
        return self._search("/search/tv", params)

    def _search_params(self, query: str) -> dict[str, str | int]:
        return {"query": query, "include_adult": "false", "language": self.language, "page": 1}

    def movie_details(
        self,
        tmdb_id: int,
        *,
        append: Sequence[str] = DETAILS_APPEND,
        video_languages: Sequence[str] = (),
    ) -> dict[str, Any]:
        """`/movie/{id}` with the appended sections (their keys as TMDB names them).

        `video_languages`: more ISO 639-1 codes whose videos to list (a French channel's
        trailer is listed under "fr", not under our language)."""
        params: dict[str, str | int] = {"language": self.language}
        if append:
            params["append_to_response"] = ",".join(append)
        if "videos" in append:
            # With a language set TMDB filters videos by it; keep untagged ones too.
            languages = [self.language.split("-")[0], *video_languages, "null"]
            params["include_video_language"] = ",".join(dict.fromkeys(x for x in languages if x))
        return self._get(f"/movie/{int(tmdb_id)}", params)

    def find_by_imdb_id(self, imdb_id: str) -> list[dict[str, Any]]:
        """The films TMDB knows under an IMDb id (`/find/{id}?external_source=imdb_id`)."""
        data = self._get(f"/find/{imdb_id}", {"external_source": "imdb_id"})
        results = data.get("movie_results")
        if not isinstance(results, list):
            raise TmdbError("TMDB sent a /find answer without a movie_results list")
        return [r for r in results if isinstance(r, dict) and isinstance(r.get("id"), int)]

    def alternative_titles(self, tmdb_id: int) -> list[str]:
        data = self._get(f"/movie/{int(tmdb_id)}/alternative_titles", {})
        return [
            t["title"] for t in data.get("titles", []) if isinstance(t, dict) and t.get("title")
        ]

    def configuration(self) -> dict[str, Any]:
        """`/configuration` (image base URLs and sizes), fetched once per client."""
        if self._configuration is None:
            self._configuration = self._get("/configuration", {})
        return self._configuration

    def close(self) -> None:
        self._http.close()
        if self._owns_limiter:
            self._limiter.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _search(self, path: str, params: dict[str, str | int]) -> list[dict[str, Any]]:
        results = self._get(path, params).get("results")
        if not isinstance(results, list):
            raise TmdbError(f"TMDB sent a {path} answer without a results list")
        return [r for r in results if isinstance(r, dict) and isinstance(r.get("id"), int)]

    # -- one request, with rate limit and retries --------------------------------------------

    def _get(self, path: str, params: dict[str, str | int]) -> dict[str, Any]:
        if not self._api_key and not self._token:
            raise TmdbAuthError("TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN is not set")
        if self._api_key and not self._token:
            params = {**params, "api_key": self._api_key}

        failures = 0
        throttled = 0
        while True:
            outcome = self._attempt(path, params)
            if isinstance(outcome, _Throttled):
                throttled += 1
                if throttled > self.max_throttled:
                    raise TmdbUnavailable(
                        f"TMDB kept throttling (HTTP 429) after {self.max_throttled} waits "
                        f"on {path}"
                    )
                self._pause(outcome.wait)
                continue
            if isinstance(outcome, _Retryable):
                failures += 1
                if failures >= self.max_attempts:
                    raise TmdbUnavailable(
                        f"TMDB did not answer after {failures} attempts: {outcome.problem} "
                        f"on {path}"
                    )
                self._count("retries")
                time.sleep(self._backoff(failures))
                continue
            return outcome

    def _attempt(
        self, path: str, params: dict[str, str | int]
    ) -> dict[str, Any] | _Throttled | _Retryable:
        """One request: the answer, a 429 to wait out, or a failure worth retrying.
        An answer that retrying cannot change (401, 404, other 4xx) raises."""
        self._wait_while_paused()
        if not self._limiter.try_acquire("tmdb"):
            raise TmdbError("the TMDB rate limiter refused the request")  # weight > limit
        self._count("requests")
        import httpx2  # loaded by __init__ already; here for its exception types

        try:
            response = self._http.get(path, params=params)
        except httpx2.TimeoutException:
            return _Retryable("timeout")
        except httpx2.TransportError as exc:
            return _Retryable(f"connection error ({self._redact(str(exc)) or type(exc).__name__})")
        status = response.status_code
        if status == 200:
            data = _json_or_none(response)
            return data if isinstance(data, dict) else _Retryable("truncated or invalid JSON")
        if status == 429:
            self._count("throttled")
            return _Throttled(self._retry_after(response))
        if status >= 500:
            return _Retryable(f"HTTP {status}")
        if status == 401:
            credential = "read-access token" if self._token else "API key"
            raise TmdbAuthError(
                f"TMDB rejected the {credential} (HTTP 401): {self._message(response)}"
            )
        if status == 404:
            raise TmdbNotFound(f"TMDB has nothing at {path} (HTTP 404)")
        raise TmdbError(f"TMDB refused {path} (HTTP {status}): {self._message(response)}")

    def _backoff(self, failures: int) -> float:
        ceiling = min(self.backoff_max, self.backoff_initial * 2 ** (failures - 1))
        return random.uniform(ceiling / 2, ceiling)  # jitter spreads the threads' retries

    def _retry_after(self, response: httpx2.Response) -> float:
        """Seconds from `Retry-After` (seconds or an HTTP date); 1 s when it is missing."""
        value = response.headers.get("Retry-After", "").strip()
        seconds = 1.0
        if value:
            try:
                seconds = float(value)
            except ValueError:
                try:
                    when = email.utils.parsedate_to_datetime(value)
                    seconds = when.timestamp() - time.time()
                except (TypeError, ValueError):
                    pass
        if not math.isfinite(seconds):
            seconds = 1.0
        return min(max(seconds, 0.0), self.max_retry_after)

    def _pause(self, seconds: float) -> None:
        # A 429 is about this client's (or this machine's) whole quota: every thread waits.
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def _wait_while_paused(self) -> None:
        while True:
            with self._lock:
                remaining = self._paused_until - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(remaining)

    def _count(self, field: str) -> None:
        with self._lock:
            setattr(self.stats, field, getattr(self.stats, field) + 1)

    def _message(self, response: httpx2.Response) -> str:
        data = _json_or_none(response)
        if isinstance(data, dict) and isinstance(data.get("status_message"), str):
            return self._redact(data["status_message"])
        return self._redact(response.reason_phrase or "no message")

    def _redact(self, text: str) -> str:
        for secret in (self._api_key, self._token):
            if secret:
                text = text.replace(secret, "***")
        return text
