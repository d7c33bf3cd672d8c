"""Dramatiq actors: thin interfaces that pass ids and call one service each.

Discovered by django-dramatiq (workers) because they live in an installed app's tasks.py.
The cron next to each scheduled actor is its schedule (UTC); the scheduler
(catalog.services.scheduler) claims each fire in the database and sends it once. Long work
is many short messages: enrichment and refresh are batches of about 50 movies, each
claimed with a lease (catalog.services.work), so no message outlives a broker's timeout.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

import dramatiq
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from whichmovie.catalog.models import Channel
from whichmovie.catalog.schedule import (
    channel_checks_purge,
    channel_checks_resend_due,
    channel_checks_sent,
    channels_claim_due,
)
from whichmovie.catalog.services import runs
from whichmovie.catalog.services.channels import channel_fetch, channel_reconcile
from whichmovie.catalog.services.enrichment import movies_enrich, movies_refresh_batch, tmdb_client
from whichmovie.catalog.services.scheduler import ScheduledJob
from whichmovie.catalog.services.work import batches_purge, batches_resend_due, job_runs_purge

SCHEDULE: list[ScheduledJob] = []


@functools.cache
def schedule() -> list[ScheduledJob]:
    """Every installed app's scheduled actors (each app's tasks.py registers its own)."""
    # Once per process: looking for every app's tasks module costs ~3 ms a status page.
    autodiscover_modules("tasks")
    return SCHEDULE


def scheduled(cron: str) -> Callable[[dramatiq.Actor[Any, Any]], dramatiq.Actor[Any, Any]]:
    """Register an actor on the schedule; it is sent with `scheduled_run=<claim id>`."""

    def register(actor: dramatiq.Actor[Any, Any]) -> dramatiq.Actor[Any, Any]:
        SCHEDULE.append(ScheduledJob(actor.actor_name, cron, actor.send))
        return actor

    return register


@scheduled("*/5 * * * *")
@dramatiq.actor(max_retries=3)
def dispatch_due_channels(scheduled_run: int | None = None) -> dict[str, int]:
    """Every channel keeps its own cron (RT Indie 00:00, MUBI 01:00 UTC, ...)."""
    # One transaction: if a send fails, the claim rolls back and the next dispatch retries.
    # A check sent but lost by the broker is sent again by the sweep (its record below).
    now = timezone.now()
    with transaction.atomic():
        due = channels_claim_due(now=now)
        sent = []
        for channel_id in due:
            # Random jitter spreads the checks so YouTube never sees a burst from us.
            delay = random.randint(0, settings.CHANNEL_JITTER_SECONDS * 1000)
            message = fetch_channel.send_with_options(args=(channel_id,), delay=delay)
            sent.append((channel_id, message.message_id, now + timedelta(milliseconds=delay)))
        channel_checks_sent(sent)
    return {"channels": len(due)}


def _fetch_channel_send(channel_id: int) -> str:
    return str(fetch_channel.send(channel_id).message_id)


@dramatiq.actor(max_retries=3, time_limit=30 * 60 * 1000)
def fetch_channel(channel_id: int) -> dict[str, int]:
    channel = Channel.objects.filter(pk=channel_id, enabled=True).first()
    if channel is None:
        return {}
    outcome = channel_fetch(channel=channel)
    counts = asdict(outcome.result) if outcome.result else {}
    return {**counts, "failed": int(bool(outcome.error))}


@scheduled("0 2 * * *")
@dramatiq.actor(max_retries=3)
def enrich_movies(scheduled_run: int | None = None) -> dict[str, int]:
    return {"batches": len(runs.movies_enrich_send())}


@dramatiq.actor(max_retries=3, time_limit=10 * 60 * 1000, notify_shutdown=True)
def enrich_batch(batch_id: int) -> dict[str, int]:
    with tmdb_client() as client:
        return asdict(movies_enrich(client=client, batch_ids=[batch_id]))


@scheduled("0 5 * * *")
@dramatiq.actor(max_retries=3)
def refresh_movies(scheduled_run: int | None = None) -> dict[str, int]:
    """Recent and upcoming films weekly, the others monthly."""
    return {"batches": len(runs.movies_refresh_send())}


@dramatiq.actor(max_retries=3, time_limit=10 * 60 * 1000, notify_shutdown=True)
def refresh_batch(batch_id: int) -> dict[str, int]:
    with tmdb_client() as client:
        return {"refreshed": movies_refresh_batch(client=client, batch_ids=[batch_id])}


@scheduled("0 4 * * Sun")
@dramatiq.actor(max_retries=3)
def reconcile_channels(scheduled_run: int | None = None) -> dict[str, int]:
    return {"channels": runs.channels_reconcile_send()}


@dramatiq.actor(max_retries=3, time_limit=60 * 60 * 1000)
def reconcile_channel(channel_id: int) -> None:
    channel = Channel.objects.filter(pk=channel_id, enabled=True).first()
    if channel is not None:
        # A YouTube error raises: Dramatiq retries it later with back-off.
        channel_reconcile(channel=channel)


def sweep(*, now: datetime | None = None) -> None:
    """Run by the active scheduler every tick: batches whose worker died (lease run out) or
    whose message was lost, and channel checks the broker lost, are sent again; old job
    runs, finished batches and sent checks are dropped."""
    for batch_id in batches_resend_due(kind="enrich"):
        enrich_batch.send(batch_id)
    for batch_id in batches_resend_due(kind="refresh"):
        refresh_batch.send(batch_id)
    now = now or timezone.now()
    channel_checks_resend_due(now=now, send=_fetch_channel_send)
    if now.minute == 0 and now.second < 15:
        job_runs_purge(now=now)
        batches_purge(now=now)
        channel_checks_purge(now=now)
