"""FETCH + SAVE for channels: read uploads politely, store them, keep each channel's health."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx2
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from whichmovie.catalog.models import Channel, Video
from whichmovie.catalog.services.videos import SaveResult, chunks, videos_save
from whichmovie.sources import youtube
from whichmovie.sources.clean import clean_text
from whichmovie.sources.presets import PRESETS, ChannelPreset, preset_for_slug, rules_for
from whichmovie.sources.titles import ParsedTitle, parse_title

logger = logging.getLogger(__name__)

FEED_SIZE = 15  # YouTube's Atom feed lists this many latest uploads
PREVIEW_SIZE = 50
MAX_BACKOFF = timedelta(hours=24)
MAX_DEPTH = 100_000
ERROR_LENGTH = 1000


def channel_ensure_presets() -> None:
    """The original channels exist from the first start (created once, never re-enabled)."""
    for preset in PRESETS:
        if preset.enabled and not Channel.objects.filter(slug=preset.slug).exists():
            channel_from_preset(preset=preset, enabled=True)


def channel_from_preset(*, preset: ChannelPreset, enabled: bool) -> Channel:
    channel, _ = Channel.objects.update_or_create(
        slug=preset.slug,
        defaults={
            "name": preset.name,
            "url": preset.url,
            "rules": preset.rules,
            "schedule": preset.schedule,
            "youtube_channel_id": preset.youtube_channel_id,
            "enabled": enabled,
            "first_fetch_depth": settings.FIRST_FETCH_DEPTH,
        },
    )
    return channel


def channel_for_listing(*, listing: youtube.ChannelListing) -> Channel:
    """The channel a yt-dlp dump belongs to: found by id, handle or URL, else created."""
    candidates = Channel.objects.all()
    if listing.channel_id and (
        found := candidates.filter(youtube_channel_id=listing.channel_id).first()
    ):
        return found
    for channel in candidates.filter(youtube_channel_id=""):
        if _same_channel_url(channel.url, listing):
            if listing.channel_id:
                channel.youtube_channel_id = listing.channel_id
                channel.save(update_fields=["youtube_channel_id"])
            return channel
    slug = _slug_for(listing)
    preset = preset_for_slug(slug)
    return Channel.objects.create(
        slug=slug,
        name=listing.name or slug,
        url=listing.url,
        youtube_channel_id=listing.channel_id,
        rules=preset.rules if preset else "generic",
        first_fetch_depth=settings.FIRST_FETCH_DEPTH,
    )


def _same_channel_url(url: str, listing: youtube.ChannelListing) -> bool:
    base = url.lower().removesuffix("/videos").rstrip("/")
    known = {listing.url.lower().rstrip("/")}
    if listing.handle:
        known.add(f"https://www.youtube.com/{listing.handle.lower()}")
    if listing.channel_id:
        known.add(f"https://www.youtube.com/channel/{listing.channel_id.lower()}")
    return base in known


def _slug_for(listing: youtube.ChannelListing) -> str:
    from django.utils.text import slugify

    base = (
        slugify(listing.handle.lstrip("@") or listing.name or listing.channel_id)[:70] or "channel"
    )
    slug, n = base, 2
    while Channel.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@dataclass
class FetchOutcome:
    channel: str
    result: SaveResult | None = None
    error: str = ""
    requests: int = 0


def channel_fetch(*, channel: Channel, client: httpx2.Client | None = None) -> FetchOutcome:
    """The daily check: the Atom feed first (one request), yt-dlp's listing when the feed
    cannot tell us everything (first fetch, no channel id, or more than a feed's worth of
    new uploads). Errors are recorded on the channel and returned, never raised.

    A quiet check (nothing new, healthy before and after) writes nothing: the dispatcher's
    claim already says it ran (see catalog.schedule)."""
    outcome = FetchOutcome(channel=channel.slug)
    now = timezone.now()
    try:
        if client is None:
            with feed_client() as own_client:
                uploads, exact = _new_uploads(channel, own_client, outcome)
        else:
            uploads, exact = _new_uploads(channel, client, outcome)
        outcome.result = videos_save(channel=channel, uploads=uploads, exact_dates=exact)
    except (youtube.YouTubeError, ValueError, DatabaseError) as error:
        # A channel that cannot be read (or stored) is recorded; the next channels still run.
        # yt-dlp's messages may carry colour codes: the stored reason is plain text.
        outcome.error = clean_text(error, max_length=ERROR_LENGTH)
        logger.warning("channel %s: %s", channel.slug, error)
        _record_check(
            channel,
            last_checked_at=now,
            consecutive_failures=channel.consecutive_failures + 1,
            last_error=outcome.error,
        )
        return outcome
    quiet = not (outcome.result.created or outcome.result.updated)
    if quiet and channel.last_checked_at is not None and channel.healthy:
        return outcome
    _record_check(
        channel, last_checked_at=now, last_success_at=now, consecutive_failures=0, last_error=""
    )
    return outcome


def _record_check(channel: Channel, **fields: object) -> None:
    for name, value in fields.items():
        setattr(channel, name, value)
    Channel.objects.filter(pk=channel.pk).update(**fields)


def feed_client() -> httpx2.Client:
    return httpx2.Client(timeout=20, follow_redirects=True)


def _new_uploads(
    channel: Channel, client: httpx2.Client, outcome: FetchOutcome
) -> tuple[list[youtube.Upload], bool]:
    known = Video.objects.filter(channel=channel)
    first_fetch = not known.exists()
    if channel.youtube_channel_id and not first_fetch:
        outcome.requests += 1
        feed = youtube.read_feed(
            channel.youtube_channel_id, feed_url=settings.YOUTUBE_FEED_URL, client=client
        )
        known_ids = set(
            known.filter(youtube_id__in=[u.youtube_id for u in feed]).values_list(
                "youtube_id", flat=True
            )
        )
        # A feed full of unknown uploads may hide older ones: read the listing too.
        if len(feed) < FEED_SIZE or known_ids:
            return feed, True
    outcome.requests += 1
    listing = youtube.read_listing(
        channel.url,
        limit=channel.first_fetch_depth if first_fetch else None,
        stop_at=None if first_fetch else lambda yid: known.filter(youtube_id=yid).exists(),
    )
    if listing.channel_id and not channel.youtube_channel_id:
        channel.youtube_channel_id = listing.channel_id
        channel.save(update_fields=["youtube_channel_id"])
    return listing.uploads, False


def channel_reconcile(*, channel: Channel, listing: youtube.ChannelListing) -> SaveResult:
    """The weekly full listing: store what the daily checks missed, and mark uploads that
    disappeared from the channel as unavailable (kept, never deleted)."""
    with transaction.atomic():
        result = videos_save(channel=channel, uploads=listing.uploads, exact_dates=False)
        # An empty listing is far likelier a YouTube hiccup than a channel emptied overnight.
        if listing.uploads:
            listed = {upload.youtube_id for upload in listing.uploads}
            gone = [
                pk
                for pk, youtube_id in Video.objects.filter(channel=channel, available=True)
                .values_list("pk", "youtube_id")
                .iterator()
                if youtube_id not in listed
            ]
            for chunk in chunks(gone):
                Video.objects.filter(pk__in=chunk).update(available=False)
            result.updated += len(gone)
        Channel.objects.filter(pk=channel.pk).update(last_reconciled_at=timezone.now())
    return result


def channel_retry_at(channel: Channel) -> datetime | None:
    """When a failing channel may be tried again: back-off doubling from 10 minutes."""
    if not channel.consecutive_failures or channel.last_checked_at is None:
        return None
    delay = min(timedelta(minutes=10) * 2 ** (channel.consecutive_failures - 1), MAX_BACKOFF)
    retry_at: datetime = channel.last_checked_at + delay
    return retry_at


def channel_add(
    *, url: str, schedule: str | None = None, depth: int | None = None, rules: str | None = None
) -> Channel:
    """Follow a channel: a preset slug, or any YouTube channel URL (its id is resolved)."""
    # Every option is checked before anything is changed: a mistake changes nothing.
    if schedule:
        check_cron(schedule)
    if depth is not None and not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"--depth must be between 1 and {MAX_DEPTH} uploads (got {depth})")
    preset = preset_for_slug(url)
    if preset is not None:
        channel = channel_from_preset(preset=preset, enabled=True)
    else:
        listing = youtube.read_listing(url, limit=1)
        if not listing.channel_id:
            raise youtube.ChannelUnavailable(f"YouTube did not say which channel {url} is")
        channel = channel_for_listing(listing=listing)
        channel.enabled = True
    if schedule:
        channel.schedule = schedule
    if depth:
        channel.first_fetch_depth = depth
    if rules:
        channel.rules = rules
    channel.save()
    return channel


def check_cron(schedule: str) -> None:
    """dramatiq-crontab wants 5 fields with a literal day of week."""
    fields = schedule.split()
    if len(schedule) > 100 or len(fields) != 5 or any(ch.isdigit() for ch in fields[4]):
        raise ValueError(
            f"not a cron schedule: {schedule!r} (5 fields, day of week as * or Mon..Sun)"
        )
    CronTrigger.from_crontab(schedule)


def channel_preview(
    *, listing: youtube.ChannelListing, rules: str | None
) -> list[tuple[str, ParsedTitle]]:
    """How a channel's latest uploads would parse, without saving anything."""
    title_rules = rules_for(rules)
    return [(u.title, parse_title(u.title, title_rules)) for u in listing.uploads[:PREVIEW_SIZE]]
