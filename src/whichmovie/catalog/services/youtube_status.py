"""YouTube as a whole: feed outages, pauses after a bot check or HTTP 429, yt-dlp's health.

One channel failing is that channel's business (catalog.services.channels). These are the
failures that are YouTube's or ours for every channel at once: shown once (admin, channels
page, `channels list`) instead of as a red mark on every channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from whichmovie.catalog.models import Channel, YouTubeStatus
from whichmovie.sources import youtube

# Most channels' feeds failing within this window is YouTube's outage, not theirs. Channels
# are checked daily at their own hours: the window spans one round of checks, or an outage
# would end each night between the first channel's failure and the next one's.
OUTAGE_WINDOW = timedelta(hours=25)
OUTAGE_MIN_CHANNELS = 2
FIRST_PAUSE = timedelta(minutes=30)
MAX_PAUSE = timedelta(hours=24)
YTDLP_MAX_AGE = timedelta(days=30)
# A layout error older than this is no longer news (a later listing may not have run yet).
LAYOUT_ERROR_SHOWN = timedelta(days=7)


def _status() -> YouTubeStatus:
    status, _ = YouTubeStatus.objects.get_or_create(pk=1)
    return status


def _peek() -> YouTubeStatus:
    """The status without creating its row: pages and quiet checks write nothing."""
    return YouTubeStatus.objects.filter(pk=1).first() or YouTubeStatus()


def youtube_status_peek() -> YouTubeStatus:
    """One read per check: whether YouTube work is paused, and whether a success resumes it."""
    return _peek()


def youtube_paused_until(*, now: datetime, status: YouTubeStatus | None = None) -> datetime | None:
    until = (status or _peek()).paused_until
    return until if until is not None and until > now else None


def youtube_pause(*, reason: str, now: datetime) -> datetime:
    """Pause every YouTube request: 30 minutes, doubling with each pause in a row, 24 h at
    most. One channel's bot check is YouTube looking at us, not at that channel."""
    with transaction.atomic():
        status = YouTubeStatus.objects.select_for_update().filter(pk=1).first() or _status()
        status.pauses += 1
        status.paused_until = now + min(FIRST_PAUSE * 2 ** (status.pauses - 1), MAX_PAUSE)
        status.pause_reason = reason
        status.save(update_fields=["pauses", "paused_until", "pause_reason"])
    assert status.paused_until is not None
    return status.paused_until


def youtube_resume(*, status: YouTubeStatus) -> None:
    """A request went through: the back-off starts again from 30 minutes."""
    if status.pauses:  # read before the check: a quiet check writes nothing
        YouTubeStatus.objects.filter(pk=1).update(pauses=0, paused_until=None, pause_reason="")


def feed_failed(*, channel: Channel, error: str, now: datetime) -> None:
    Channel.objects.filter(pk=channel.pk).update(feed_failed_at=now, feed_error=error)
    channel.feed_failed_at, channel.feed_error = now, error
    _judge_outage(now=now, error=error)


def feed_recovered(*, channel: Channel, now: datetime) -> None:
    if channel.feed_failed_at is None:
        return  # the usual case: nothing to write
    Channel.objects.filter(pk=channel.pk).update(feed_failed_at=None, feed_error="")
    channel.feed_failed_at, channel.feed_error = None, ""
    _judge_outage(now=now, error="")


def _judge_outage(*, now: datetime, error: str) -> None:
    with_feed = Channel.objects.filter(enabled=True).exclude(youtube_channel_id="")
    total = with_feed.count()
    failing = with_feed.filter(feed_failed_at__gte=now - OUTAGE_WINDOW).count()
    outage = failing >= OUTAGE_MIN_CHANNELS and failing * 2 > total
    status = _peek()
    if outage and status.feed_outage_since is None:
        status = _status()
        status.feed_outage_since = now
        status.feed_outage_detail = f"{failing} of {total} channel feeds failing: {error}"
        status.save(update_fields=["feed_outage_since", "feed_outage_detail"])
    elif not outage and status.feed_outage_since is not None:
        YouTubeStatus.objects.filter(pk=1).update(feed_outage_since=None, feed_outage_detail="")


def layout_error_record(*, detail: str, now: datetime) -> None:
    """Kept with the yt-dlp version that failed: an updated yt-dlp no longer shows it."""
    version, _ = youtube.ytdlp_version()
    YouTubeStatus.objects.update_or_create(
        pk=1, defaults={"layout_error_at": now, "layout_error": f"[yt-dlp {version}] {detail}"}
    )


@dataclass
class YouTubeHealth:
    ytdlp_version: str
    ytdlp_released: date | None
    feed_outage_since: datetime | None = None
    feed_outage_detail: str = ""
    paused_until: datetime | None = None
    pause_reason: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ytdlp_age_days(self) -> int | None:
        if self.ytdlp_released is None:
            return None
        return (timezone.now().date() - self.ytdlp_released).days


def youtube_health(*, now: datetime | None = None) -> YouTubeHealth:
    """What the channels page, the admin and `channels list` show about YouTube itself."""
    now = now or timezone.now()
    version, released = youtube.ytdlp_version()
    status = _peek()
    health = YouTubeHealth(ytdlp_version=version, ytdlp_released=released)
    if status.feed_outage_since is not None:
        health.feed_outage_since = status.feed_outage_since
        health.feed_outage_detail = status.feed_outage_detail
        health.warnings.append(
            f"YouTube's feeds are failing for most channels since "
            f"{status.feed_outage_since:%Y-%m-%d %H:%M} UTC; uploads are read from the "
            "channel listings until they are back"
        )
    if status.paused_until is not None and status.paused_until > now:
        health.paused_until, health.pause_reason = status.paused_until, status.pause_reason
        health.warnings.append(
            f"All YouTube work is paused until {status.paused_until:%Y-%m-%d %H:%M} UTC: "
            f"{status.pause_reason} (set YOUTUBE_COOKIES_FILE or YOUTUBE_PROXY if it recurs)"
        )
    if released is not None and now.date() - released > YTDLP_MAX_AGE:
        health.warnings.append(
            f"yt-dlp {version} is {(now.date() - released).days} days old; YouTube changes "
            "often: update it (pip install -U yt-dlp)"
        )
    if (
        status.layout_error_at is not None
        and status.layout_error_at > now - LAYOUT_ERROR_SHOWN
        and status.layout_error.startswith(f"[yt-dlp {version}]")
    ):
        health.warnings.append(
            f"yt-dlp could not read YouTube's pages ({status.layout_error_at:%Y-%m-%d}): "
            f"YouTube may have changed them; update yt-dlp. {status.layout_error}"
        )
    return health
