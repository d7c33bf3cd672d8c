"""Which channels are due for their check: each channel's own cron, with back-off on failure.

The dispatcher claims the window (last claim, now] and sends the channels that have something
due in it: a cron fire, a failing channel's retry, or a first check. Claims live in the
database (ChannelDispatch), so a restart, a second dispatcher or a laptop that slept through
03:00 neither loses nor repeats a check. Because of this, a quiet check (nothing new, still
healthy) needs to write nothing: the channel's row changes only when something happened.
Each check sent is a ChannelCheckSent row: one that no worker took (the broker lost its
message) is sent again by the scheduler's sweep.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from cronsim import CronSim
from django.db import transaction
from django.db.models import Max

from whichmovie.catalog.models import Channel, ChannelCheckSent, ChannelDispatch, JobRun

logger = logging.getLogger(__name__)

# A check no worker has taken this long after its time was lost (a queue of short messages
# is never this far behind); it is sent at most MAX_SENDS times in all.
CHECK_RESEND_AFTER = timedelta(minutes=10)
CHECK_MAX_SENDS = 3
CHECKS_KEPT = timedelta(days=2)


def next_fire_time(cron: str, after: datetime) -> datetime | None:
    """The first time `cron` fires strictly after `after`."""
    # cronsim jumps from field to field (no minute-by-minute walk) and reads cron's own
    # numeric day of week (0 and 7 are Sunday).
    return next(CronSim(cron, after), None)


def previous_fire_time(cron: str, now: datetime) -> datetime | None:
    """The last time `cron` fired at or before `now` (looking back at most 8 days)."""
    # cronsim's reverse walk is "strictly before" its start; one microsecond on makes it
    # "at or before" (it drops the microseconds, then counts the start itself).
    fire = next(CronSim(cron, now + timedelta(microseconds=1), reverse=True), None)
    return fire if fire is not None and fire > now - timedelta(days=8) else None


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


def channel_checks_sent(checks: Iterable[tuple[int, str, datetime]]) -> None:
    """Record the checks a dispatch sent, as (channel id, message id, time it is due to run):
    one INSERT, in the transaction of the dispatch's claim."""
    ChannelCheckSent.objects.bulk_create(
        ChannelCheckSent(channel_id=channel_id, message_id=message_id, run_after=run_after)
        for channel_id, message_id, run_after in checks
    )


def channel_checks_resend_due(*, now: datetime, send: Callable[[int], str]) -> list[int]:
    """Send again the checks no worker took (no job run of their message) CHECK_RESEND_AFTER
    after their time, while workers took later messages (the dispatcher's own, every five
    minutes): with no worker running, copies would only pile up in the queue.
    `send(channel_id)` returns the new message's id. Returns the channels sent again.

    A check a worker took is settled once; a broker error leaves the rest for the next tick.
    """
    waiting = list(
        ChannelCheckSent.objects.filter(
            taken_at__isnull=True, run_after__lt=now - CHECK_RESEND_AFTER
        ).order_by("pk")
    )
    if not waiting:
        return []
    taken = set(
        JobRun.objects.filter(message_id__in=[c.message_id for c in waiting]).values_list(
            "message_id", flat=True
        )
    )
    ChannelCheckSent.objects.filter(pk__in=[c.pk for c in waiting if c.message_id in taken]).update(
        taken_at=now
    )
    latest_start = JobRun.objects.aggregate(latest=Max("started_at"))["latest"]
    resent = []
    for check in waiting:
        if check.message_id in taken or latest_start is None or latest_start <= check.run_after:
            continue
        if check.sends >= CHECK_MAX_SENDS:
            logger.warning(
                "check of channel %s sent %s times, never taken: giving up until its next fire",
                check.channel_id,
                check.sends,
            )
            ChannelCheckSent.objects.filter(pk=check.pk).update(taken_at=now)
            continue
        # Claim the re-send itself, so two schedulers on a stale lease send it once.
        if not ChannelCheckSent.objects.filter(pk=check.pk, sends=check.sends).update(
            sends=check.sends + 1, run_after=now
        ):
            continue
        logger.warning("check of channel %s was lost: sending it again", check.channel_id)
        try:
            message_id = send(check.channel_id)
        except Exception:
            ChannelCheckSent.objects.filter(pk=check.pk).update(
                sends=check.sends, run_after=check.run_after
            )
            raise
        ChannelCheckSent.objects.filter(pk=check.pk).update(message_id=message_id)
        resent.append(check.channel_id)
    return resent


def channel_checks_purge(*, now: datetime) -> int:
    return ChannelCheckSent.objects.filter(run_after__lt=now - CHECKS_KEPT).delete()[0]


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
