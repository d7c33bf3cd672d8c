"""FETCH: read a channel's uploads. The one place that knows yt-dlp's options and errors.

Two readers give the same plain data:
- `read_feed`: the channel's Atom feed (latest 15 uploads, exact publish times, one request).
- `read_listing`: yt-dlp's flat listing of `<channel>/videos`, newest first, no downloads;
  `listing_from_dump` reads what `yt-dlp -J --flat-playlist URL` printed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
import httpx2
import yt_dlp
from yt_dlp.utils import DownloadError, ExtractorError

from whichmovie.sources import clean
from whichmovie.sources.dumps import check_dump

CHANNEL_ID_RE = re.compile(r"UC[0-9A-Za-z_-]{22}")
VIDEOS_URL_RE = re.compile(
    r"^https?://(?:www\.|m\.)?youtube\.com/(?:@[\w.\-%]+|channel/UC[\w-]{22}|c/[\w.\-%]+|user/[\w.\-%]+)"
)


class YouTubeError(Exception):
    """A channel could not be read; the message says why in a user's words."""


class ChannelUnavailable(YouTubeError):
    """The channel does not exist, was removed, or is private."""


class YouTubeBlocked(YouTubeError):
    """YouTube refused us for now (bot check, HTTP 429): retry later, slower."""


class YouTubeNetworkError(YouTubeError):
    """YouTube could not be reached."""


@dataclass(frozen=True)
class Upload:
    youtube_id: str
    title: str
    published_at: datetime | None = None

    def __post_init__(self) -> None:
        # Every reader builds an Upload: cleaning here cleans every title once, before storing.
        object.__setattr__(
            self, "title", clean.clean_text(self.title, max_length=clean.TITLE_LENGTH)
        )


@dataclass
class ChannelListing:
    channel_id: str = ""
    name: str = ""
    url: str = ""
    handle: str = ""
    uploads: list[Upload] = field(default_factory=list)
    # Entries of a dump that could not be read, one line each ("entry 3: no id").
    skipped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.channel_id = self.channel_id if CHANNEL_ID_RE.fullmatch(self.channel_id) else ""
        self.name = clean.clean_text(self.name, max_length=clean.NAME_LENGTH)
        self.handle = clean.clean_text(self.handle, max_length=clean.NAME_LENGTH)
        # Only the channel part of a YouTube URL is kept: never a link elsewhere.
        match = VIDEOS_URL_RE.match(clean.clean_url(self.url))
        self.url = match.group(0) if match else ""


def videos_url(url: str) -> str:
    """Normalise a channel URL to its /videos tab; raise ValueError if it is not a channel."""
    url = url.strip()
    match = VIDEOS_URL_RE.match(url)
    if not match:
        raise ValueError(
            f"not a YouTube channel URL: {url!r} "
            "(expected https://www.youtube.com/@handle or /channel/UC...)"
        )
    return match.group(0) + "/videos"


# --- yt-dlp flat listing ---------------------------------------------------------------------


class _QuietLogger:
    """yt-dlp prints errors even when quiet; we raise our own, so its lines go to debug."""

    def __init__(self) -> None:
        self.logger = logging.getLogger("whichmovie.yt_dlp")

    def debug(self, message: str) -> None:
        self.logger.debug(message)

    info = warning = error = debug


YTDLP_OPTIONS: dict[str, Any] = {
    "logger": _QuietLogger(),
    "extract_flat": "in_playlist",
    "skip_download": True,
    "lazy_playlist": True,  # pages are read only as far as we iterate
    "quiet": True,
    "no_warnings": True,
    "noprogress": True,
    "socket_timeout": 20,
    "retries": 2,
    "extractor_retries": 1,
    # Relative dates ("3 days ago") become approximate timestamps; the feed gives exact ones.
    "extractor_args": {"youtubetab": {"approximate_date": [""]}},
}


def _youtube_error(error: Exception, url: str) -> YouTubeError:
    message = str(error).removeprefix("ERROR: ")
    lowered = message.lower()
    if "429" in lowered or "sign in to confirm" in lowered or "bot" in lowered:
        return YouTubeBlocked(f"YouTube is rate-limiting or asking for a bot check on {url}")
    if any(
        word in lowered
        for word in ("does not exist", "404", "private", "terminated", "unavailable")
    ):
        return ChannelUnavailable(f"channel not available: {url} ({message})")
    if any(
        word in lowered
        for word in (
            "transporterror",
            "name or service",
            "name resolution",
            "timed out",
            "connection",
        )
    ):
        return YouTubeNetworkError(f"cannot reach YouTube for {url}: {message}")
    return YouTubeError(f"cannot read {url}: {message}")


def read_listing(
    url: str, *, limit: int | None = None, stop_at: Callable[[str], bool] | None = None
) -> ChannelListing:
    """Read a channel's uploads newest first, at most `limit`, stopping before the first
    upload for which `stop_at(youtube_id)` is true (already known)."""
    options = {**YTDLP_OPTIONS}
    if limit:
        options["playlistend"] = limit
    try:
        with yt_dlp.YoutubeDL(options) as ydl:
            info = ydl.extract_info(videos_url(url), download=False, process=False)
            listing = _listing_header(info or {})
            for upload in _uploads(_entries(info or {}), limit=limit):
                if stop_at and stop_at(upload.youtube_id):
                    break
                listing.uploads.append(upload)
    except (DownloadError, ExtractorError) as error:
        raise _youtube_error(error, url) from error
    return listing


def listing_from_dump(dump: dict[str, Any]) -> ChannelListing:
    """Read the JSON that `yt-dlp -J --flat-playlist <channel url>` printed. A dump that is
    not a YouTube channel's raises ValueError; entries it cannot read are left out, each with
    its reason in `skipped`."""
    dump, skipped = check_dump(dump)
    listing = _listing_header(dump)
    if not (listing.channel_id or listing.url):
        raise ValueError("the dump does not say which YouTube channel it is (no channel id or URL)")
    listing.uploads = list(_uploads(_entries(dump)))
    listing.skipped = skipped
    return listing


def _listing_header(info: dict[str, Any]) -> ChannelListing:
    channel_id = info.get("channel_id") or ""
    if not channel_id and CHANNEL_ID_RE.fullmatch(str(info.get("id") or "")):
        channel_id = info["id"]
    handle = info.get("uploader_id") or ""
    url = info.get("channel_url") or (
        f"https://www.youtube.com/channel/{channel_id}" if channel_id else ""
    )
    if handle.startswith("@"):
        url = f"https://www.youtube.com/{handle}"
    name = info.get("channel") or info.get("uploader") or ""
    if not name:
        name = re.sub(r"\s+-\s+Videos$", "", info.get("title") or "")
    return ChannelListing(channel_id=channel_id, name=name, url=url, handle=handle)


def _entries(info: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Video entries; a dump of the channel's home page nests tabs: keep only 'Videos'."""
    entries: Iterable[Any] = info.get("entries") or ()
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        if entry.get("_type") == "playlist" or "entries" in entry:
            if str(entry.get("title", "")).endswith("Videos"):
                yield from _entries(entry)
            continue
        yield entry


def _uploads(entries: Iterable[dict[str, Any]], *, limit: int | None = None) -> Iterator[Upload]:
    for count, entry in enumerate(entries, start=1):
        if limit and count > limit:
            return
        youtube_id, title = entry.get("id"), entry.get("title")
        if not youtube_id or not title:
            continue
        if entry.get("live_status") == "is_upcoming" and not entry.get("timestamp"):
            published = entry.get("release_timestamp")
        else:
            published = entry.get("timestamp") or entry.get("release_timestamp")
        published_at = datetime.fromtimestamp(published, UTC) if published else None
        if published_at is None and entry.get("upload_date"):
            published_at = datetime.strptime(entry["upload_date"], "%Y%m%d").replace(tzinfo=UTC)
        yield Upload(youtube_id=str(youtube_id), title=str(title), published_at=published_at)


# --- Atom feed -------------------------------------------------------------------------------


def read_feed(channel_id: str, *, feed_url: str, client: httpx2.Client) -> list[Upload]:
    """The channel's latest uploads from its Atom feed, newest first."""
    try:
        response = client.get(feed_url, params={"channel_id": channel_id})
    except httpx2.HTTPError as error:
        raise YouTubeNetworkError(f"cannot reach the feed of {channel_id}: {error}") from error
    if response.status_code == 404:
        raise ChannelUnavailable(f"channel {channel_id} has no feed (HTTP 404)")
    if response.status_code in (403, 429):
        raise YouTubeBlocked(
            f"YouTube refused the feed of {channel_id} (HTTP {response.status_code})"
        )
    if response.status_code >= 400:
        raise YouTubeError(f"feed of {channel_id} answered HTTP {response.status_code}")
    parsed = feedparser.parse(response.content)
    if parsed.bozo and not parsed.entries:
        raise YouTubeError(f"feed of {channel_id} is not a valid Atom feed")
    uploads = []
    for entry in parsed.entries:
        youtube_id = entry.get("yt_videoid")
        if not youtube_id:
            continue
        published = entry.get("published_parsed")
        published_at = datetime(*published[:6]).replace(tzinfo=UTC) if published else None
        uploads.append(Upload(youtube_id, entry.get("title", ""), published_at))
    return uploads
