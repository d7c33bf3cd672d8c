"""Which channels are due for their check: each channel's own cron, with back-off on failure.

The dispatcher claims the window (last claim, now] and sends the channels that have something
due in it: a cron fire, a failing channel's retry, or a first check. Claims live in the
database (ChannelDispatch), so a restart, a second dispatcher or a laptop that slept through
03:00 neither loses nor repeats a check. Because of this, a quiet check (nothing new, still
healthy) needs to write nothing: the channel's row changes only when something happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction

from whichmovie.catalog.models import Channel, ChannelDispatch


def next_fire_time(cron: str, after: datetime) -> datetime | None:
    """The first time `cron` fires strictly after `after`."""
    from apscheduler.triggers.cron import CronTrigger  # here: the admin imports this module

    trigger = CronTrigger.from_crontab(cron, timezone=after.tzinfo)
    fire: datetime | None = trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
    return fire


def previous_fire_time(cron: str, now: datetime) -> datetime | None:
    """The last time `cron` fired at or before `now` (looking back at most 8 days)."""
    previous, fire = None, next_fire_time(cron, now - timedelta(days=8))
    while fire is not None and fire <= now:
        previous, fire = fire, next_fire_time(cron, fire)
    return previous


def channel_is_due(channel: Channel, *, since: datetime | None, until: datetime) -> bool:
    """Whether `channel` has a check due in (since, until]. A check already recorded after
    `since` covers everything due before it."""
    if channel.last_checked_at is None:
        return since is None or channel.created_at > since or _fires(channel, since, until)
    after = max(since, channel.last_checked_at) if since else channel.last_checked_at
    # Here, not at the top: `channels list` imports this module, and the services' imports
    # (title parsing, matching) would double its start-up.
    from whichmovie.catalog.services.channels import channel_retry_at

    retry_at = channel_retry_at(channel)
    if retry_at is not None:
        return after < retry_at <= until
    return _fires(channel, after, until)


def _fires(channel: Channel, after: datetime, until: datetime) -> bool:
    fire = next_fire_time(channel.schedule, after)
    return fire is not None and fire <= until


def channels_claim_due(*, now: datetime) -> list[int]:
    """Claim the window (last claim, now] and return the channels due in it, each once.

    Call it inside the transaction that sends the checks: if sending fails, the claim rolls
    back and the next dispatch sends them. When nothing is due, nothing is written.
    """
    with transaction.atomic():
        dispatch, _ = ChannelDispatch.objects.select_for_update().get_or_create(pk=1)
        since = dispatch.dispatched_until
        due = [
            channel.pk
            for channel in Channel.objects.filter(enabled=True).order_by("pk")
            if channel_is_due(channel, since=since, until=now)
        ]
        if due:
            dispatch.dispatched_until = now
            dispatch.save(update_fields=["dispatched_until"])
    return due


def channels_with_last_check[C: Channel](channels: Iterable[C]) -> list[C]:
    """The channels with the time of their last check filled in for display.

    A quiet check writes nothing, so for a healthy channel the last check is its latest
    scheduled time that the dispatcher has sent, when that is later than the recorded one.
    """
    dispatch = ChannelDispatch.objects.filter(pk=1).first()
    until = dispatch.dispatched_until if dispatch else None
    channels = list(channels)
    for channel in channels:
        recorded = channel.last_checked_at
        if until is None or recorded is None or not (channel.enabled and channel.healthy):
            continue
        fired = previous_fire_time(channel.schedule, until)
        if fired is not None and fired > recorded:
            channel.last_checked_at = channel.last_success_at = fired
    return channels
