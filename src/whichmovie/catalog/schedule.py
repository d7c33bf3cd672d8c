"""Which channels are due for their check: each channel's own cron, with back-off on failure.

State lives in the database (last check, failures), so a restart or a lost message loses
nothing: the next dispatch picks up every channel whose scheduled time has passed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from whichmovie.catalog.models import Channel
from whichmovie.catalog.services.channels import channel_retry_at


def previous_fire_time(cron: str, now: datetime) -> datetime | None:
    """The last time `cron` fired at or before `now` (looking back at most 8 days)."""
    trigger = CronTrigger.from_crontab(cron, timezone=now.tzinfo)
    fire = trigger.get_next_fire_time(None, now - timedelta(days=8))
    previous = None
    while fire is not None and fire <= now:
        previous = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return previous


def channels_due(*, now: datetime) -> list[int]:
    due = []
    for channel in Channel.objects.filter(enabled=True).order_by("pk"):
        if channel.last_checked_at is None:
            due.append(channel.pk)
            continue
        retry_at = channel_retry_at(channel)
        if retry_at is not None:
            if retry_at <= now:
                due.append(channel.pk)
            continue
        fired = previous_fire_time(channel.schedule, now)
        if fired is not None and channel.last_checked_at < fired:
            due.append(channel.pk)
    return due
