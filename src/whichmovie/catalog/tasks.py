"""Dramatiq actors: thin interfaces that pass ids and call one service each.

Discovered by django-dramatiq (workers) and dramatiq-crontab (scheduler) because they live
in an installed app's tasks.py. The cron next to each actor is its schedule (UTC).
"""

import random

import dramatiq
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from dramatiq_crontab import cron

from whichmovie.catalog.models import Channel, Movie
from whichmovie.catalog.schedule import channels_claim_due
from whichmovie.catalog.services.channels import channel_fetch, channel_reconcile
from whichmovie.catalog.services.enrichment import movies_enrich, movies_refresh, tmdb_client


@cron("*/5 * * * *")
@dramatiq.actor(max_retries=3)
def dispatch_due_channels() -> None:
    """Every channel keeps its own cron (RT Indie 00:00, MUBI 01:00 UTC, ...)."""
    # One transaction: if a send fails, the claim rolls back and the next dispatch retries.
    with transaction.atomic():
        for channel_id in channels_claim_due(now=timezone.now()):
            # Random jitter spreads the checks so YouTube never sees a burst from us.
            delay = random.randint(0, settings.CHANNEL_JITTER_SECONDS * 1000)
            fetch_channel.send_with_options(args=(channel_id,), delay=delay)


@dramatiq.actor(max_retries=3, time_limit=30 * 60 * 1000)
def fetch_channel(channel_id: int) -> None:
    channel = Channel.objects.filter(pk=channel_id, enabled=True).first()
    if channel is not None:
        channel_fetch(channel=channel)


@cron("0 2 * * *")
@dramatiq.actor(max_retries=3, time_limit=6 * 3600 * 1000)
def enrich_movies() -> None:
    with tmdb_client() as client:
        movies_enrich(client=client)


@cron("0 5 * * *")
@dramatiq.actor(max_retries=3, time_limit=6 * 3600 * 1000)
def refresh_movies() -> None:
    """Recent and upcoming films weekly, the others monthly."""
    with tmdb_client() as client:
        movies_refresh(client=client, queryset=Movie.objects.needing_refresh())


@cron("0 4 * * Sun")
@dramatiq.actor(max_retries=3)
def reconcile_channels() -> None:
    for channel_id in Channel.objects.filter(enabled=True).values_list("pk", flat=True):
        delay = random.randint(0, 10 * settings.CHANNEL_JITTER_SECONDS * 1000)
        reconcile_channel.send_with_options(args=(channel_id,), delay=delay)


@dramatiq.actor(max_retries=3, time_limit=60 * 60 * 1000)
def reconcile_channel(channel_id: int) -> None:
    channel = Channel.objects.filter(pk=channel_id, enabled=True).first()
    if channel is not None:
        # A YouTube error raises: Dramatiq retries it later with back-off.
        channel_reconcile(channel=channel)
