"""What a self-hoster needs to know in the first hour: is the TMDB key there and accepted,
which channels are followed and when they are checked, what is waiting.

Read by the status page, the welcome state of an empty radar and `whichmovie serve`'s
start-up lines. Nothing here talks to TMDB or YouTube: the TMDB key's verdict is the one the
last run that talked to TMDB recorded (`tmdb_key_record`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from whichmovie.catalog.models import Channel, MatchStatus, Movie, TmdbKeyCheck
from whichmovie.catalog.schedule import channels_with_last_check, next_fire_time
from whichmovie.catalog.services.channels import channel_retry_at

# The dispatcher's own cron (catalog.tasks.dispatch_due_channels): a channel never checked is
# sent at its next fire, then waits up to CHANNEL_JITTER_SECONDS.
DISPATCH_CRON = "*/5 * * * *"
ERROR_SHOWN = 300  # characters of a raw error shown to staff


def tmdb_key_set() -> bool:
    return bool(settings.TMDB_API_KEY or settings.TMDB_READ_ACCESS_TOKEN)


def tmdb_key_record(*, accepted: bool, error: str = "", now: datetime | None = None) -> None:
    """Keep TMDB's last verdict on the key (one row, overwritten)."""
    TmdbKeyCheck.objects.update_or_create(
        pk=1,
        defaults={"checked_at": now or timezone.now(), "accepted": accepted, "error": error},
    )


@dataclass
class TmdbKeyState:
    ok: bool | None  # None: not known yet
    line: str


def tmdb_key_state() -> TmdbKeyState:
    if not tmdb_key_set():
        return TmdbKeyState(
            False,
            "No TMDB key: set TMDB_API_KEY (free at https://www.themoviedb.org/settings/api); "
            "until then trailers are listed but no film is identified.",
        )
    check = TmdbKeyCheck.objects.filter(pk=1).first()
    if check is None:
        return TmdbKeyState(None, "TMDB key set; not checked yet (the next enrichment checks it).")
    when = f"{check.checked_at:%Y-%m-%d %H:%M} UTC"
    if check.accepted:
        return TmdbKeyState(True, f"TMDB key set and accepted (checked {when}).")
    return TmdbKeyState(False, f"TMDB rejected the key on {when}: {check.error}")


@dataclass
class ChannelState:
    channel: Channel
    ok: bool | None  # None: not checked yet, or paused
    line: str  # plain words for everyone
    next_check_at: datetime | None
    error: str = ""  # the raw error: staff only

    @property
    def last_checked_at(self) -> datetime | None:
        return self.channel.last_checked_at


def channel_next_check(channel: Channel, *, now: datetime) -> datetime | None:
    """When the dispatcher will next send this channel (before the jitter)."""
    if not channel.enabled:
        return None
    if channel.last_checked_at is None:
        return next_fire_time(DISPATCH_CRON, now)
    retry_at = channel_retry_at(channel)
    if retry_at is not None:
        # The retry goes out with the first dispatch at or after it.
        return next_fire_time(DISPATCH_CRON, max(retry_at, now) - _TICK)
    return next_fire_time(channel.schedule, now)


_TICK = timedelta(microseconds=1)


def _at(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "not scheduled"
    if moment.date() == now.date():
        return f"at {moment:%H:%M} UTC"
    return f"on {moment:%a %d %b, %H:%M} UTC"


def channel_state(channel: Channel, *, now: datetime) -> ChannelState:
    """One channel's health in plain words, with its next check."""
    next_at = channel_next_check(channel, now=now)
    if not channel.enabled:
        return ChannelState(channel, None, "Paused: not checked until it is enabled again.", None)
    if channel.last_checked_at is None:
        return ChannelState(
            channel, None, f"Not checked yet: the first check starts {_at(next_at, now)}.", next_at
        )
    if channel.consecutive_failures:
        times = "once" if channel.consecutive_failures == 1 else "in a row"
        count = "" if channel.consecutive_failures == 1 else f"{channel.consecutive_failures} "
        return ChannelState(
            channel,
            False,
            f"The last {count}check{'s' if count else ''} failed {times}; "
            f"next try {_at(next_at, now)}.",
            next_at,
            error=channel.last_error[:ERROR_SHOWN],
        )
    return ChannelState(channel, True, f"Healthy; next check {_at(next_at, now)}.", next_at)


@dataclass
class SiteStatus:
    tmdb: TmdbKeyState
    channels: list[ChannelState]
    to_match: int
    in_review: int
    not_found: int
    films: int
    warnings: list[str] = field(default_factory=list)

    @property
    def other_warnings(self) -> list[str]:
        """The warnings the page's own sections do not already say (the TMDB key's)."""
        return [warning for warning in self.warnings if warning != self.tmdb.line]

    @property
    def enabled_channels(self) -> list[ChannelState]:
        return [state for state in self.channels if state.channel.enabled]

    @property
    def first_check_at(self) -> datetime | None:
        """When the first channel that was never checked will be: the welcome's promise."""
        times = [
            state.next_check_at
            for state in self.enabled_channels
            if state.channel.last_checked_at is None and state.next_check_at is not None
        ]
        return min(times, default=None)


def site_warnings() -> list[str]:
    """What stops the site from filling itself: said at start-up and on the status page."""
    warnings = []
    state = tmdb_key_state()
    if state.ok is False:
        warnings.append(state.line)
    if not Channel.objects.filter(enabled=True).exists():
        warnings.append(
            "No channel is followed: add one with `whichmovie channels add <url or preset>` "
            "or in the admin (Channels); the radar stays empty until then."
        )
    return warnings


def site_status(*, now: datetime | None = None) -> SiteStatus:
    now = now or timezone.now()
    channels = channels_with_last_check(Channel.objects.order_by("-enabled", "name"))
    counts = {
        status: Movie.objects.filter(match_status=status).count()
        for status in (MatchStatus.PENDING, MatchStatus.NEEDS_REVIEW, MatchStatus.NOT_FOUND)
    }
    return SiteStatus(
        tmdb=tmdb_key_state(),
        channels=[channel_state(channel, now=now) for channel in channels],
        to_match=counts[MatchStatus.PENDING],
        in_review=counts[MatchStatus.NEEDS_REVIEW],
        not_found=counts[MatchStatus.NOT_FOUND],
        films=Movie.objects.visible().count(),
        warnings=site_warnings(),
    )
