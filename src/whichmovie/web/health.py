"""`/healthz` for load balancers and monitors: the database, the broker, Redis and the
scheduler's last beat, as JSON; 503 when one of them is down.

Answered by a middleware placed first, before host validation: monitors call it by IP
address, which ALLOWED_HOSTS rightly does not list. Results are kept for a couple of
seconds, so a monitor polling hard costs one round of checks per process and interval.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

KEEP_SECONDS = 2.0
BEAT_STALE = timedelta(minutes=2)  # the scheduler ticks every 10 s

_lock = threading.Lock()
_kept: tuple[float, int, bytes] | None = None


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _redis(url: str) -> str:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def _amqp(url: str) -> str:
    import socket

    parts = urlsplit(url)
    with socket.create_connection((parts.hostname or "localhost", parts.port or 5672), 1):
        return "ok"


def _scheduler() -> str:
    from whichmovie.catalog.services.scheduler import scheduler_last_beat

    beat = scheduler_last_beat()
    if beat is None:
        raise RuntimeError("no beat yet")
    age = timezone.now() - beat
    if age > BEAT_STALE:
        raise RuntimeError(f"last beat {int(age.total_seconds())} s ago")
    return f"beat {int(age.total_seconds())} s ago"


def health_checks() -> dict[str, Callable[[], str]]:
    checks: dict[str, Callable[[], str]] = {"database": _database}
    broker = settings.BROKER_URL
    if broker.startswith("redis"):
        checks["broker"] = lambda: _redis(broker)
    elif broker.startswith("amqp"):
        checks["broker"] = lambda: _amqp(broker)
    if settings.REDIS_URL and broker != settings.REDIS_URL:
        checks["redis"] = lambda: _redis(settings.REDIS_URL)
    checks["scheduler"] = _scheduler
    return checks


def health_report() -> tuple[int, dict[str, Any]]:
    report: dict[str, Any] = {"mode": "distributed" if settings.BROKER_URL else "embedded"}
    healthy = True
    for name, check in health_checks().items():
        try:
            report[name] = {"ok": True, "detail": check()}
        except Exception as error:  # whatever a client raises, the check says down
            healthy = False
            report[name] = {"ok": False, "detail": f"{type(error).__name__}: {error}"[:300]}
    report["status"] = "ok" if healthy else "down"
    return (200 if healthy else 503), report


def _answer() -> tuple[int, bytes]:
    global _kept
    with _lock:
        if _kept is not None and time.monotonic() - _kept[0] < KEEP_SECONDS:
            return _kept[1], _kept[2]
    status, report = health_report()
    body = json.dumps(report).encode()
    with _lock:
        _kept = (time.monotonic(), status, body)
    return status, body


def healthz_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path_info != "/healthz":
            return get_response(request)
        status, body = _answer()
        response = HttpResponse(
            b"" if request.method == "HEAD" else body,
            status=status,
            content_type="application/json",
        )
        response["Cache-Control"] = "no-store"
        return response

    return middleware
