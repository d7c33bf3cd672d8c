"""FETCH + SAVE for channels: read uploads politely, store them, keep each channel's health."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib.metadata import PackageNotFoundError, version
from itertools import batched
from typing import TYPE_CHECKING, Any

from cronsim import CronSim, CronSimError
from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from whichmovie.catalog.models import Channel, Video
from whichmovie.catalog.services.videos import CHUNK, SaveResult, videos_save
from whichmovie.catalog.services.youtube_status import (
    feed_failed,
    feed_recovered,
    layout_error_record,
    youtube_pause,
    youtube_paused_until,
    youtube_resume,
    youtube_status_peek,
)
from whichmovie.sources import youtube
from whichmovie.sources.clean import clean_text
from whichmovie.sources.presets import PRESETS, ChannelPreset, preset_for_slug, rules_for
from whichmovie.sources.titles import ParsedTitle, parse_title

if TYPE_CHECKING:  # imported where used: the admin and every command import this module
    import httpx2

logger = logging.getLogger(__name__)

FEED_SIZE = 15  # YouTube's Atom feed lists this many latest uploads
PREVIEW_SIZE = 50
MAX_BACKOFF = timedelta(hours=24)
# When the feed's 15 are all new (or the feed is down), the listing reads until the first
# known upload, but never more than this: a channel whose known uploads all vanished must
# not make a daily check read its whole back catalogue.
OVERFLOW_LIMIT = 300
HANDLE_RE = re.compile(r"youtube\.com/(@[^/?#]+)", re.IGNORECASE)


def youtube_options() -> youtube.YouTubeOptions:
    return youtube.YouTubeOptions(
        cookies_file=settings.YOUTUBE_COOKIES_FILE,
        proxy=settings.YOUTUBE_PROXY,
        request_spacing=settings.YOUTUBE_REQUEST_SPACING,
        user_agent=settings.YOUTUBE_USER_AGENT or _default_user_agent(),
    )


def _default_user_agent() -> str:
    try:
        ours = version("whichmovie")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        ours = "dev"
    return f"WhichMovie/{ours} (self-hosted trailer radar; reads public upload feeds)"


def _handle(url: str) -> str:
    match = HANDLE_RE.search(url)
    return match.group(1).lower() if match else ""


def channel_find(*, channel_id: str = "", handle: str = "", url: str = "") -> Channel | None:
    """The channel we already follow for a YouTube channel: by id, then by @handle, then URL."""
    if channel_id and (found := Channel.objects.filter(youtube_channel_id=channel_id).first()):
        return found
    handle = handle.lower()
    base = url.lower().removesuffix("/videos").rstrip("/")
    candidates = Channel.objects.all()
    if channel_id:  # a channel with another id is another channel, whatever its handle
        candidates = candidates.filter(youtube_channel_id="")
    for channel in candidates:
        if handle and _handle(channel.url) == handle:
            return channel
        if base and channel.url.lower().removesuffix("/videos").rstrip("/") == base:
            return channel
    return None


def preset_for_channel(*, channel_id: str = "", handle: str = "") -> ChannelPreset | None:
    handle = handle.lower()
    for preset in PRESETS:
        if channel_id and preset.youtube_channel_id == channel_id:
            return preset
        if handle and _handle(preset.url) == handle:
            return preset
    return None


MAX_DEPTH = 100_000
ERROR_LENGTH = 1000


def channel_ensure_presets() -> None:
    """The original channels exist from the first start (created once, never re-enabled)."""
    for preset in PRESETS:
        if not preset.enabled or Channel.objects.filter(slug=preset.slug).exists():
            continue
        # Followed already under another slug (an import, a URL): one channel per channel.
        if channel_find(channel_id=preset.youtube_channel_id, handle=_handle(preset.url)):
            continue
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
    """The channel a yt-dlp dump belongs to: one channel per YouTube channel, found by id,
    handle or URL; else its preset's (slug, rules); else a new one with generic rules."""
    found = channel_find(channel_id=listing.channel_id, handle=listing.handle, url=listing.url)
    preset = preset_for_channel(channel_id=listing.channel_id, handle=listing.handle)
    if found is None and preset is not None:
        found = Channel.objects.filter(slug=preset.slug).first()
        if found is None:
            found = channel_from_preset(preset=preset, enabled=True)
        elif found.youtube_channel_id not in ("", listing.channel_id):
            found = None  # the preset's slug is taken by another YouTube channel
    if found is not None:
        if listing.channel_id and not found.youtube_channel_id:
            found.youtube_channel_id = listing.channel_id
            found.save(update_fields=["youtube_channel_id"])
        return found
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
    feed_error: str = ""  # the feed failed and the listing stood in


class YouTubePaused(youtube.YouTubeBlocked):
    """Not tried: every YouTube request waits out an earlier bot check or HTTP 429."""


def channel_fetch(
    *,
    channel: Channel,
    client: httpx2.Client | None = None,
    options: youtube.YouTubeOptions | None = None,
) -> FetchOutcome:
    """The daily check: the long-form uploads feed first (one request), yt-dlp's listing when
    the feed cannot tell us everything (first fetch, no channel id, more than a feed's worth
    of new uploads, or the feed failing). Feed and listing are merged, never one replacing
    the other. Errors are recorded on the channel and returned, never raised.

    A quiet check (nothing new, healthy before and after) writes nothing: the dispatcher's
    claim already says it ran (see catalog.schedule)."""
    outcome = FetchOutcome(channel=channel.slug)
    now = timezone.now()
    options = options or youtube_options()
    status = youtube_status_peek()
    try:
        if paused_until := youtube_paused_until(now=now, status=status):
            raise YouTubePaused(
                f"not checked: all YouTube work is paused until {paused_until:%H:%M} UTC "
                "after a bot check or rate limit"
            )
        if client is None:
            with feed_client(options) as own_client:
                batches = _new_uploads(channel, own_client, outcome, options, now)
        else:
            batches = _new_uploads(channel, client, outcome, options, now)
        outcome.result = SaveResult()
        for uploads, exact in batches:
            outcome.result += videos_save(channel=channel, uploads=uploads, exact_dates=exact)
    except (youtube.YouTubeError, ValueError, DatabaseError) as error:
        # A channel that cannot be read (or stored) is recorded; the next channels still run.
        # yt-dlp's messages may carry colour codes: the stored reason is plain text.
        outcome.error = clean_text(error, max_length=ERROR_LENGTH)
        logger.warning("channel %s: %s", channel.slug, error)
        if isinstance(error, youtube.YouTubeBlocked) and not isinstance(error, YouTubePaused):
            youtube_pause(reason=str(error), now=now)
        if isinstance(error, youtube.YouTubeLayoutChanged):
            layout_error_record(detail=str(error), now=now)
        _record_check(
            channel,
            last_checked_at=now,
            consecutive_failures=channel.consecutive_failures + 1,
            last_error=outcome.error,
        )
        return outcome
    youtube_resume(status=status)
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


def feed_client(options: youtube.YouTubeOptions | None = None) -> httpx2.Client:
    """The feed's HTTP client: says who we are (a descriptive User-Agent) and goes through the
    configured proxy, like yt-dlp."""
    import httpx2

    options = options or youtube_options()
    return httpx2.Client(
        timeout=20,
        follow_redirects=True,
        headers={"User-Agent": options.user_agent},
        proxy=options.proxy or None,
    )


type Batch = tuple[list[youtube.Upload], bool]  # uploads, exact dates (the feed)


def _new_uploads(
    channel: Channel,
    client: httpx2.Client,
    outcome: FetchOutcome,
    options: youtube.YouTubeOptions,
    now: datetime,
) -> list[Batch]:
    known = Video.objects.filter(channel=channel)
    first_fetch = not known.exists()
    batches: list[Batch] = []
    if channel.youtube_channel_id and not first_fetch:
        outcome.requests += 1
        try:
            feed = youtube.read_feed(
                channel.youtube_channel_id, feed_url=settings.YOUTUBE_FEED_URL, client=client
            )
        except youtube.FeedUnavailable as error:
            # Temporary, and usually YouTube-wide: the listing stands in (see youtube_status).
            outcome.feed_error = str(error)
            feed_failed(channel=channel, error=str(error), now=now)
        else:
            feed_recovered(channel=channel, now=now)
            known_ids = set(
                known.filter(youtube_id__in=[u.youtube_id for u in feed]).values_list(
                    "youtube_id", flat=True
                )
            )
            if len(feed) < FEED_SIZE or known_ids:
                return [(feed, True)]
            # A feed full of unknown uploads may hide older ones: the listing too, merged.
            batches.append((feed, True))
    outcome.requests += 1
    listing = youtube.read_listing(
        channel.url,
        channel_id=channel.youtube_channel_id,
        limit=channel.first_fetch_depth if first_fetch else OVERFLOW_LIMIT,
        stop_at=None if first_fetch else lambda yid: known.filter(youtube_id=yid).exists(),
        options=options,
    )
    if listing.channel_id and not channel.youtube_channel_id:
        channel.youtube_channel_id = listing.channel_id
        channel.save(update_fields=["youtube_channel_id"])
    batches.append((listing.uploads, False))
    return batches


def channel_reconcile(
    *,
    channel: Channel,
    listing: youtube.ChannelListing | None = None,
    options: youtube.YouTubeOptions | None = None,
) -> SaveResult:
    """The weekly full listing: store what the daily checks missed, and mark uploads that
    disappeared from the channel as unavailable (kept, never deleted).

    Without `listing`, reads the channel's whole Videos tab (by channel id); YouTube errors
    raise, so a job retries later. An upload is marked gone only when the listing ran to its
    end and went past it (it holds an older known upload), and only if it was ever seen in
    the long-form uploads: a Short from the old channel feed is never in the Videos tab."""
    if listing is None:
        now = timezone.now()
        if paused_until := youtube_paused_until(now=now):
            raise YouTubePaused(f"all YouTube work is paused until {paused_until:%H:%M} UTC")
        try:
            listing = youtube.read_listing(
                channel.url,
                channel_id=channel.youtube_channel_id,
                options=options or youtube_options(),
            )
        except youtube.YouTubeBlocked as error:
            youtube_pause(reason=str(error), now=now)
            raise
        except youtube.YouTubeLayoutChanged as error:
            layout_error_record(detail=str(error), now=now)
            raise
    with transaction.atomic():
        result = videos_save(channel=channel, uploads=listing.uploads, exact_dates=False)
        # An empty or cut-short listing is far likelier a YouTube hiccup than a channel
        # emptied overnight.
        if listing.uploads and listing.reached_end:
            listed = {upload.youtube_id for upload in listing.uploads}
            rows = list(
                Video.objects.filter(channel=channel)
                .values_list("pk", "youtube_id", "published_at", "available", "in_uploads")
                .iterator()
            )
            reached = [at for _, yid, at, _, _ in rows if yid in listed and at is not None]
            oldest_reached = min(reached) if reached else None
            gone = [
                pk
                for pk, youtube_id, published_at, available, in_uploads in rows
                if available
                and in_uploads
                and youtube_id not in listed
                and oldest_reached is not None
                and published_at is not None
                and published_at >= oldest_reached
            ]
            for chunk in batched(gone, CHUNK):
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


@dataclass
class ChannelFollowed:
    channel: Channel
    # Already followed (enabled) before: the command says "already following as <slug>".
    already: bool = False


def channel_follow(
    *,
    url: str,
    schedule: str | None = None,
    depth: int | None = None,
    rules: str | None = None,
    options: youtube.YouTubeOptions | None = None,
) -> ChannelFollowed:
    """Follow a channel: a preset slug, or any YouTube channel URL (its id is resolved).
    One channel per YouTube channel: a channel already imported or followed under another
    slug, URL or handle is that channel, and a preset's channel gets the preset's rules."""
    # Every option is checked before anything is changed: a mistake changes nothing.
    if schedule:
        check_cron(schedule)
    if depth is not None and not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"--depth must be between 1 and {MAX_DEPTH} uploads (got {depth})")
    channel = _channel_named_by(url) or _channel_asked_of_youtube(url, options=options)
    already = channel.enabled
    channel.enabled = True
    if schedule:
        channel.schedule = schedule
    if depth:
        channel.first_fetch_depth = depth
    if rules:
        channel.rules = rules
    channel.save()
    return ChannelFollowed(channel=channel, already=already)


def _channel_named_by(url: str) -> Channel | None:
    """The channel a preset slug or a URL names, found without asking YouTube: one we follow
    already, or a preset's; None when only YouTube can tell."""
    preset = preset_for_slug(url)
    if preset is None:
        target = youtube.videos_url(url)
        id_in_url = youtube.CHANNEL_ID_RE.search(target)
        channel_id = id_in_url.group(0) if id_in_url else ""
        if channel := channel_find(channel_id=channel_id, handle=_handle(target), url=target):
            return channel
        preset = preset_for_channel(channel_id=channel_id, handle=_handle(target))
    return _channel_of_preset(preset) if preset is not None else None


def _channel_of_preset(preset: ChannelPreset) -> Channel:
    """A preset's channel, under whatever slug it is followed; a new one starts disabled."""
    channel = (
        channel_find(channel_id=preset.youtube_channel_id, handle=_handle(preset.url))
        or Channel.objects.filter(slug=preset.slug).first()
    )
    if channel is None:
        return channel_from_preset(preset=preset, enabled=False)
    if channel.rules == "generic":
        channel.rules = preset.rules
    return channel


def _channel_asked_of_youtube(url: str, *, options: youtube.YouTubeOptions | None) -> Channel:
    """Which channel `url` is, by YouTube's listing (one upload): ours, or a new, disabled one."""
    listing = youtube.read_listing(url, limit=1, options=options or youtube_options())
    if not listing.channel_id:
        raise youtube.ChannelUnavailable(f"YouTube did not say which channel {url} is")
    channel = channel_find(channel_id=listing.channel_id, handle=listing.handle)
    if channel is None:
        channel = channel_for_listing(listing=listing)
        channel.enabled = False  # new: followed by the caller
    return channel


def channel_set_enabled(*, slug: str, enabled: bool) -> Channel:
    """Enable or disable a channel by its slug; a preset's slug makes its channel on first
    use. ValueError when the slug is neither."""
    channel = Channel.objects.filter(slug=slug).first()
    if channel is None:
        preset = preset_for_slug(slug)
        if preset is None:
            raise ValueError(f"unknown channel or preset: {slug}")
        channel = channel_from_preset(preset=preset, enabled=enabled)
    Channel.objects.filter(pk=channel.pk).update(enabled=enabled)
    channel.enabled = enabled
    return channel


def channels_set_enabled(*, channels: Any, enabled: bool) -> int:
    """The admin's bulk enable and disable (a queryset of channels): how many changed."""
    return int(channels.update(enabled=enabled))


def channel_remove(*, channel: Channel) -> int:
    """Stop following a channel and drop its uploads (how many)."""
    with transaction.atomic():
        uploads = channel.videos.count()
        channel.delete()
    return uploads


def channel_id_resolve(*, channel: Channel) -> None:
    """A channel added by URL learns its YouTube channel id (one listing request), unsaved;
    YouTubeError when YouTube cannot say."""
    if not channel.youtube_channel_id:
        channel.youtube_channel_id = youtube.read_listing(
            channel.url, limit=1, options=youtube_options()
        ).channel_id


def channel_latest_uploads(*, url: str, channel_id: str = "") -> youtube.ChannelListing:
    """A channel's latest uploads on YouTube, for a preview (`channel_preview`); unsaved."""
    return youtube.read_listing(
        url, limit=PREVIEW_SIZE, channel_id=channel_id, options=youtube_options()
    )


def channel_add(
    *, url: str, schedule: str | None = None, depth: int | None = None, rules: str | None = None
) -> Channel:
    return channel_follow(url=url, schedule=schedule, depth=depth, rules=rules).channel


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def cron_with_day_names(schedule: str) -> str:
    """`0 3 * * 1-5` as `0 3 * * Mon-Fri`: cron's numeric day of week (0 and 7 are Sunday),
    which schedulers read differently (Monday is 0 in some), stored the one way all read."""
    fields = schedule.split()
    if len(fields) != 5 or not any(ch.isdigit() for ch in fields[4]):
        return schedule
    days: set[int] = set()  # 0 = Monday, as the names above
    for part in fields[4].split(","):
        spec, _, step_text = part.partition("/")
        step = int(step_text) if step_text.isdecimal() and int(step_text) > 0 else 1
        if step_text and step_text != str(step):
            return schedule  # not something we can read: check_cron says so
        if spec == "*":
            first, last = 0, 6
        elif (
            (bounds := spec.split("-")) and all(b.isdecimal() for b in bounds) and len(bounds) <= 2
        ):
            first, last = int(bounds[0]), int(bounds[-1])
            if step_text and len(bounds) == 1:
                last = 6
        else:
            return schedule
        if not (0 <= first <= last <= 7):
            return schedule
        days.update((number - 1) % 7 for number in range(first, last + 1, step))
    names, run = [], []
    for day in [*range(7), None]:
        if day is not None and day in days:
            run.append(day)
            continue
        if run:
            first_name, last_name = _DAY_NAMES[run[0]], _DAY_NAMES[run[-1]]
            names.append(first_name if len(run) == 1 else f"{first_name}-{last_name}")
        run = []
    return " ".join([*fields[:4], ",".join(names)])


def check_cron(schedule: str) -> None:
    """5 fields with a literal day of week (cron_with_day_names writes numbers as names)."""
    fields = schedule.split()
    reason = ""
    if len(schedule) > 100 or len(fields) != 5 or any(ch.isdigit() for ch in fields[4]):
        reason = "5 fields, day of week as * or Mon..Sun"
    else:
        try:
            CronSim(schedule, timezone.now())
        except CronSimError as error:
            reason = f"{str(error).lower()}; 5 fields, day of week as * or Mon..Sun"
    if reason:
        raise ValueError(f"not a cron schedule: {schedule!r} ({reason})")


def channel_preview(
    *, listing: youtube.ChannelListing, rules: str | None
) -> list[tuple[str, ParsedTitle]]:
    """How a channel's latest uploads would parse, without saving anything."""
    title_rules = rules_for(rules)
    return [(u.title, parse_title(u.title, title_rules)) for u in listing.uploads[:PREVIEW_SIZE]]
