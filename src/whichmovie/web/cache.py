"""Rendered pages are kept for a minute, and dropped as soon as a new upload arrives.

The catalogue changes a few times a day while the radar and popular filters are read
constantly, so a page is rendered once and then served from the cache. The key holds the
newest upload's id (read at most every VERSION_SECONDS), so new trailers show within
seconds; other edits (enrichment, manual fixes) show within PAGE_CACHE_SECONDS.

The cache is an optimisation: when its Redis is down, pages are rendered fresh (and the
outage is logged once a minute), never answered with an error.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse

from whichmovie.catalog.models import Video

PAGE_CACHE_SECONDS = 60
# How long the newest upload's id is trusted: a burst of hits then touches no database.
VERSION_SECONDS = 2
VERSION_KEY = "whichmovie:catalogue-version"
# Only these headers are part of a cached answer (no cookies, nothing per visitor).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Vary", "Last-Modified")


logger = logging.getLogger(__name__)
_last_warning = 0.0


def _cache_failed(error: Exception) -> None:
    global _last_warning
    if time.monotonic() - _last_warning > 60:
        _last_warning = time.monotonic()
        logger.warning("page cache unavailable, rendering pages fresh: %s", error)


def _cache_get(key: str) -> Any:
    try:
        return cache.get(key)
    except Exception as error:  # any backend's connection error (redis, memcached, ...)
        _cache_failed(error)
        return None


def _cache_set(key: str, value: Any, timeout: int) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception as error:
        _cache_failed(error)


def catalogue_version() -> int:
    version: int | None = _cache_get(VERSION_KEY)
    if version is None:
        version = newest_upload_id()
        _cache_set(VERSION_KEY, version, VERSION_SECONDS)
    return version


def newest_upload_id() -> int:
    """MAX of the primary key, answered from the index. Plain SQL: the ORM triples its cost."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {Video._meta.db_table}")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def _key(request: HttpRequest, vary: tuple[str, ...]) -> str:
    parts = [request.method or "", request.build_absolute_uri()]
    parts += [request.headers.get(name, "") for name in vary]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"whichmovie:page:{catalogue_version()}:{digest}"


def _personal(request: HttpRequest) -> bool:
    """A logged-in visitor's page holds their buttons and a CSRF token: never shared."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # nobody is logged in, and the session is left untouched
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def cached_response(
    request: HttpRequest, build: Callable[[], HttpResponse], *, vary: tuple[str, ...] = ()
) -> HttpResponse:
    """`build()`'s response, from the cache when this URL was answered recently.
    `vary` names the request headers the answer depends on (besides the URL)."""
    if request.method not in ("GET", "HEAD") or _personal(request):
        return build()
    key = _key(request, vary)
    kept = _cache_get(key)
    if kept is not None:
        status, headers, content = kept
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response.headers[name] = value
        return response
    response = build()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response}
        _cache_set(key, (200, headers, response.content), PAGE_CACHE_SECONDS)
    return response


def cached_page(*, vary: tuple[str, ...] = ()) -> Callable[[Callable[..., Any]], Any]:
    """Decorator form of `cached_response` for views."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return cached_response(request, lambda: view(request, *args, **kwargs), vary=vary)

        return wrapped

    return decorator
