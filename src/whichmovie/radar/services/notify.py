"""Sending: Apprise for every kind of target; the Delivery row is the at-most-once record.

A sending run claims due rows with one UPDATE ... WHERE status = 'pending': of two workers
(or a retry of a message already being handled) only one gets each row. A row is marked
sent right after Apprise accepted it. A run that dies between the two leaves rows in
"sending": they are marked failed, never sent again, because sending twice is the one
thing a notification must not do.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from whichmovie.radar.models import (
    Delivery,
    DeliveryStatus,
    Event,
    EventKind,
    FeedToken,
    NotificationTarget,
    Schedule,
    new_token,
)

MAX_ATTEMPTS = 5
# After a failure: 1, 4, 16, 64 minutes, then given up (and shown on the targets page).
BACKOFF_BASE_MINUTES = 4
# A claim older than this belongs to a run that died mid-send.
STALE_CLAIM = timedelta(minutes=10)
BATCH = 500
TIMEOUT_SECONDS = 15


class TargetError(ValueError):
    """An Apprise URL that Apprise cannot read."""


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    retrying: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed"


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=BACKOFF_BASE_MINUTES ** max(attempts - 1, 0))


def apprise_check(url: str) -> None:
    import apprise  # here, not at the top: the site's URLconf and commands import this module

    if not apprise.Apprise().add(url.strip()):
        scheme = url.partition("://")[0] or url[:20]
        raise TargetError(f"{scheme!r} is not an Apprise URL Apprise can use")


def target_add(*, user: Any, url: str, schedule: str = Schedule.IMMEDIATE) -> NotificationTarget:
    apprise_check(url)
    target, _ = NotificationTarget.objects.update_or_create(
        user=user, url=url.strip(), defaults={"schedule": schedule, "enabled": True}
    )
    return target


def target_remove(*, user: Any, target_id: int) -> bool:
    """Only the user's own target; False when there was none of that id."""
    deleted, _ = NotificationTarget.objects.filter(user=user, pk=target_id).delete()
    return bool(deleted)


def feed_token_replace(*, user: Any) -> FeedToken:
    """A new private feed address; the old one stops working at once."""
    token, _ = FeedToken.objects.update_or_create(user=user, defaults={"token": new_token()})
    return token


def apprise_send(url: str, *, title: str, body: str) -> str:
    """'' when the target accepted the message, else what went wrong."""
    import apprise

    sender = apprise.Apprise()
    if not sender.add(url):
        return "not an Apprise URL Apprise can use"
    result = sender.notify(body=body, title=title, timeout=TIMEOUT_SECONDS)
    if result:
        return ""
    problems = [entry.message for entry in result.logs() if entry.level in ("WARNING", "ERROR")]
    return "; ".join(problems[-2:]) or "the target did not accept the notification"


def event_text(event: Event, *, site_url: str) -> tuple[str, str]:
    movie = event.movie
    link = f"{site_url.rstrip('/')}/movies/{movie.pk}/" if site_url else ""
    if event.kind == EventKind.TRAILER and event.video is not None:
        title = f"New trailer: {movie}"
        body = f"{event.video.youtube_title}\n{event.video.url}"
    else:
        where = "in cinemas" if event.kind == EventKind.CINEMA else "at home"
        title = f"{movie} is out {where}"
        body = f"{movie} is out {where} from {event.day:%d %B %Y}."
    return title, "\n".join(part for part in (body, link) if part)


def target_test(*, target: NotificationTarget, now: datetime | None = None) -> str:
    """Send a test message now; the answer ('' or the error) is also kept on the target."""
    error = apprise_send(
        target.url, title="WhichMovie test", body="Notifications from WhichMovie reach you here."
    )
    _record_outcome(target.pk, error, now=now or timezone.now())
    return error


def _record_outcome(target_id: int, error: str, *, now: datetime) -> None:
    targets = NotificationTarget.objects.filter(pk=target_id)
    if error:
        targets.update(last_error=error, consecutive_failures=F("consecutive_failures") + 1)
    else:
        targets.update(last_error="", consecutive_failures=0, last_sent_at=now)


def deliveries_release_stale(*, now: datetime) -> int:
    return Delivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM
    ).update(
        status=DeliveryStatus.FAILED,
        last_error="interrupted while sending; not sent again so it never arrives twice",
    )


def deliveries_claim(*, now: datetime, target_ids: list[int] | None = None) -> str:
    """Claim due deliveries for one run; returns the claim token."""
    claim = uuid.uuid4().hex
    due = Delivery.objects.filter(status=DeliveryStatus.PENDING, due_at__lte=now)
    if target_ids is not None:
        due = due.filter(target_id__in=target_ids)
    ids = list(due.order_by("due_at", "pk").values_list("pk", flat=True)[:BATCH])
    if ids:
        with transaction.atomic():
            Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.SENDING, claim=claim, claimed_at=now
            )
    return claim


def deliveries_send(
    *, now: datetime | None = None, target_ids: list[int] | None = None
) -> SendResult:
    """Send every due delivery (immediate ones one by one, a digest in one message)."""
    now = now or timezone.now()
    result = SendResult()
    deliveries_release_stale(now=now)
    while True:
        claim = deliveries_claim(now=now, target_ids=target_ids)
        claimed = list(
            Delivery.objects.filter(claim=claim, status=DeliveryStatus.SENDING)
            .select_related("target", "event__movie", "event__video")
            .order_by("pk")
        )
        if not claimed:
            return result
        by_target: dict[int, list[Delivery]] = defaultdict(list)
        for delivery in claimed:
            by_target[delivery.target_id].append(delivery)
        for group in by_target.values():
            target = group[0].target
            if target.schedule == Schedule.IMMEDIATE:
                for delivery in group:
                    title, body = event_text(delivery.event, site_url=settings.SITE_URL)
                    _finish(
                        [delivery], apprise_send(target.url, title=title, body=body), now, result
                    )
            else:
                title, body = _digest_text(target, group)
                _finish(group, apprise_send(target.url, title=title, body=body), now, result)


def _digest_text(target: NotificationTarget, group: list[Delivery]) -> tuple[str, str]:
    when = "This week" if target.schedule == Schedule.WEEKLY else "Today"
    lines = []
    for delivery in group:
        title, body = event_text(delivery.event, site_url=settings.SITE_URL)
        lines.append(f"• {title}\n  {body.splitlines()[-1]}")
    return f"WhichMovie: {when} on your radar ({len(group)})", "\n".join(lines)


def _finish(group: list[Delivery], error: str, now: datetime, result: SendResult) -> None:
    ids = [d.pk for d in group]
    if not error:
        Delivery.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.SENT, sent_at=now, attempts=F("attempts") + 1, last_error=""
        )
        result.sent += len(group)
    else:
        attempts = group[0].attempts + 1
        if attempts >= MAX_ATTEMPTS:
            Delivery.objects.filter(pk__in=ids).update(
                status=DeliveryStatus.FAILED, attempts=attempts, last_error=error
            )
            result.failed += len(group)
        else:
            Delivery.objects.filter(pk__in=ids).update(
                status=DeliveryStatus.PENDING,
                attempts=attempts,
                last_error=error,
                due_at=now + backoff(attempts),
                claim="",
            )
            result.retrying += len(group)
    _record_outcome(group[0].target_id, error, now=now)
