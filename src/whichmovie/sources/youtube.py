"""FETCH: read a channel's uploads. The one place that knows yt-dlp's options and errors.

Two readers give the same plain data:
- `read_feed`: the Atom feed of the channel's long-form uploads (playlist UULF...: the same
  uploads as the Videos tab; latest 15, exact publish times and original titles, one request).
- `read_listing`: yt-dlp's flat listing of `<channel>/videos`, newest first, no downloads;
  `listing_from_dump` reads what `yt-dlp -J --flat-playlist URL` printed.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import metadata
from typing import TYPE_CHECKING, Any

from whichmovie.outside import OutsideFailure
from whichmovie.sources import clean
from whichmovie.sources.dumps import check_dump

# Imported where they are used: yt-dlp takes a quarter of a second, feedparser and httpx2 a
# tenth, which every command (and `channels list`) would pay at start-up.
if TYPE_CHECKING:
    import httpx2
    import yt_dlp

CHANNEL_ID_RE = re.compile(r"UC[0-9A-Za-z_-]{22}")
VIDEOS_URL_RE = re.compile(
    r"^https?://(?:www\.|m\.)?youtube\.com/(?:@[\w.\-%]+|channel/UC[\w-]{22}|c/[\w.\-%]+|user/[\w.\-%]+)"
)


class YouTubeError(OutsideFailure):
    """A channel could not be read; the message says why in a user's words.

    `detail` keeps yt-dlp's (or the feed's) own text for admins."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(f"{message} (yt-dlp: {detail})" if detail else message)
        self.detail = detail


class ChannelUnavailable(YouTubeError):
    """The channel does not exist, was removed, or is private."""


class YouTubeBlocked(YouTubeError):
    """YouTube refused us for now (bot check, HTTP 429): retry later, slower."""


class YouTubeNetworkError(YouTubeError):
    """YouTube could not be reached."""


class FeedUnavailable(YouTubeError):
    """The uploads feed failed (404, 5xx, not Atom): YouTube's feeds fail for days at a time
    across every channel, so this says nothing about the channel; read the listing instead."""


class ListingIncomplete(YouTubeError):
    """YouTube sent a page without its data: the listing looks shorter than it is."""


class YouTubeLayoutChanged(YouTubeError):
    """yt-dlp could not parse YouTube's pages: YouTube changed them, yt-dlp needs an update."""


@dataclass(frozen=True)
class Upload:
    youtube_id: str
    title: str
    published_at: datetime | None = None
    description: str = ""  # often empty in yt-dlp's flat listing

    def __post_init__(self) -> None:
        # Every reader builds an Upload: cleaning here cleans every title once, before storing.
        object.__setattr__(
            self, "title", clean.clean_text(self.title, max_length=clean.TITLE_LENGTH)
        )
        description = clean.clean_text(
            self.description, max_length=clean.OVERVIEW_LENGTH, multiline=True
        )
        object.__setattr__(self, "description", description)


@dataclass
class ChannelListing:
    channel_id: str = ""
    name: str = ""
    url: str = ""
    handle: str = ""
    uploads: list[Upload] = field(default_factory=list)
    # The listing ran to the channel's oldest upload (not capped, not stopped at a known one).
    reached_end: bool = False
    # The known upload the listing stopped before (`stop_at`), if it did.
    stopped_at: str = ""
    # Entries of a dump that could not be read, one line each ("entry 3: no id").
    skipped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.channel_id = self.channel_id if CHANNEL_ID_RE.fullmatch(self.channel_id) else ""
        self.name = clean.clean_text(self.name, max_length=clean.NAME_LENGTH)
        self.handle = clean.clean_text(self.handle, max_length=clean.NAME_LENGTH)
        # Only the channel part of a YouTube URL is kept: never a link elsewhere.
        match = VIDEOS_URL_RE.match(clean.clean_url(self.url))
        self.url = match.group(0) if match else ""

    @property
    def undated(self) -> int:
        return sum(1 for upload in self.uploads if upload.published_at is None)


type YoutubeDLFactory = Callable[[dict[str, Any]], yt_dlp.YoutubeDL]


@dataclass(frozen=True)
class YouTubeOptions:
    """How we talk to YouTube: the settings an operator controls, and yt-dlp itself (tests
    hand in a YoutubeDL with their own extractor)."""

    cookies_file: str = ""
    proxy: str = ""
    # Seconds between yt-dlp's requests (listing pages): fewer bot checks on big channels.
    request_spacing: float = 0.0
    user_agent: str = "WhichMovie (self-hosted trailer radar)"
    ydl_factory: YoutubeDLFactory | None = None  # None: yt_dlp.YoutubeDL


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
    """yt-dlp prints errors even when quiet; we raise our own, so its lines go to debug.
    Its warnings are kept: "Incomplete data received" means the listing is cut short."""

    def __init__(self) -> None:
        self.logger = logging.getLogger("whichmovie.yt_dlp")
        self.warnings: list[str] = []

    def debug(self, message: str) -> None:
        self.logger.debug(message)

    info = error = debug

    def warning(self, message: str) -> None:
        self.logger.debug(message)
        self.warnings.append(message)


YTDLP_OPTIONS: dict[str, Any] = {
    "extract_flat": "in_playlist",
    "skip_download": True,
    "lazy_playlist": True,  # pages are read only as far as we iterate
    "quiet": True,
    "no_warnings": True,
    "noprogress": True,
    "socket_timeout": 20,
    "retries": 2,
    "extractor_retries": 1,
    "extractor_args": {
        # Relative dates ("3 days ago") become approximate timestamps; the feed gives exact ones.
        "youtubetab": {"approximate_date": [""]},
        # yt-dlp only warns when a page comes back without data; a short listing must fail,
        # or reconcile would take it for the whole channel.
        "youtube": {"raise_incomplete_data": [""]},
    },
}


def ytdlp_params(options: YouTubeOptions, logger: _QuietLogger) -> dict[str, Any]:
    params = {**YTDLP_OPTIONS, "logger": logger}
    if options.cookies_file:
        params["cookiefile"] = options.cookies_file
    if options.proxy:
        params["proxy"] = options.proxy
    if options.request_spacing:
        params["sleep_interval_requests"] = options.request_spacing
    return params


def _causes(error: BaseException) -> list[BaseException]:
    """The error and what caused it: yt-dlp wraps the network error in an ExtractorError
    (`cause`, `exc_info`), and that in a DownloadError (`exc_info`)."""
    found: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop(0)
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        exc_info = getattr(current, "exc_info", None)
        if isinstance(exc_info, tuple) and len(exc_info) > 1:
            pending.append(exc_info[1])
        cause = getattr(current, "cause", None)
        pending.append(cause if isinstance(cause, BaseException) else None)
        pending += [current.__cause__, current.__context__]
    return found


def _is_bot_check(message: str) -> bool:
    # YouTube's alert, relayed by yt-dlp as "YouTube said: ...": "Sign in to confirm you're
    # not a bot". Only yt-dlp's own message is read, never the URL or the handle.
    lowered = message.lower().replace("\u2019", "'")
    return "confirm you" in lowered and "not a bot" in lowered


def classify_error(error: BaseException, url: str) -> YouTubeError:
    """Turn what yt-dlp raised into one of our errors, by its cause: the HTTP status, a
    network failure, yt-dlp's expected errors (YouTube's own messages) or, for anything
    unexpected, a change of YouTube's pages."""
    from yt_dlp.networking.exceptions import HTTPError, TransportError
    from yt_dlp.utils import ExtractorError

    causes = _causes(error)
    extractor = next((e for e in causes if isinstance(e, ExtractorError)), None)
    detail = extractor.orig_msg if extractor else str(error).removeprefix("ERROR: ")
    for cause in causes:
        if isinstance(cause, HTTPError):
            if cause.status in (403, 429):
                return YouTubeBlocked(
                    f"YouTube refused {url} (HTTP {cause.status}): rate-limited or a bot check",
                    detail=detail,
                )
            if cause.status in (404, 410):
                return ChannelUnavailable(f"channel not available: {url}", detail=detail)
            return YouTubeError(f"YouTube answered HTTP {cause.status} for {url}", detail=detail)
    if any(isinstance(cause, TransportError | OSError) for cause in causes):
        return YouTubeNetworkError(f"cannot reach YouTube for {url}", detail=detail)
    if extractor is not None and extractor.expected:
        if _is_bot_check(extractor.orig_msg):
            return YouTubeBlocked(f"YouTube asks for a bot check on {url}", detail=detail)
        if extractor.orig_msg.startswith("Incomplete data"):
            return ListingIncomplete(f"YouTube sent incomplete pages for {url}", detail=detail)
        return ChannelUnavailable(f"channel not available: {url}", detail=detail)
    # An unexpected yt-dlp error ("please report this issue") or a crash while parsing a
    # page: YouTube changed its pages and this yt-dlp does not know them yet.
    return YouTubeLayoutChanged(
        f"yt-dlp could not read {url}; YouTube may have changed its pages (update yt-dlp)",
        detail=detail or type(error).__name__,
    )


def listing_url(url: str, *, channel_id: str = "") -> str:
    """The /videos tab, by channel id once known: handles can be renamed, ids cannot."""
    if channel_id and CHANNEL_ID_RE.fullmatch(channel_id):
        return f"https://www.youtube.com/channel/{channel_id}/videos"
    return videos_url(url)


def read_listing(
    url: str,
    *,
    limit: int | None = None,
    stop_at: Callable[[str], bool] | None = None,
    channel_id: str = "",
    options: YouTubeOptions | None = None,
) -> ChannelListing:
    """Read a channel's uploads newest first, at most `limit`, stopping before the first
    upload for which `stop_at(youtube_id)` is true (already known).

    Pages are fetched while we iterate, so every error, on the first page or the tenth,
    becomes a YouTubeError here: one channel's failure never stops the others."""
    options = options or YouTubeOptions()
    target = listing_url(url, channel_id=channel_id)
    logger = _QuietLogger()
    if options.ydl_factory is None:
        from yt_dlp import YoutubeDL as ydl_factory
    else:
        ydl_factory = options.ydl_factory
    try:
        with ydl_factory(ytdlp_params(options, logger)) as ydl:
            info = ydl.extract_info(target, download=False, process=False) or {}
            listing = _listing_header(info)
            listing.reached_end = True
            for upload in _uploads(_entries(info)):
                if stop_at and stop_at(upload.youtube_id):
                    listing.stopped_at, listing.reached_end = upload.youtube_id, False
                    break
                if limit and len(listing.uploads) >= limit:
                    listing.reached_end = False
                    break
                listing.uploads.append(upload)
    except YouTubeError:
        raise
    except Exception as error:  # the lazy pages raise anything: see the docstring
        raise classify_error(error, target) from error
    # Should a yt-dlp ignore `raise_incomplete_data`: its last word on a page ("Giving up"),
    # not the "Retrying" before a retry that may well succeed.
    incomplete = [
        w for w in logger.warnings if "incomplete data" in w.lower() and "retrying" not in w.lower()
    ]
    if incomplete:
        raise ListingIncomplete(f"YouTube sent incomplete pages for {target}", detail=incomplete[0])
    return listing


@functools.cache
def ytdlp_version() -> tuple[str, date | None]:
    """yt-dlp's version and the day it was released (its versions are dates)."""
    # The installed distribution's metadata: importing yt_dlp itself takes a quarter second.
    # Once per process (a lookup scans every path, ~9 ms a status page): the version a process
    # uses is the one it started with, which is why `update-ytdlp` says to restart.
    __version__ = metadata.version("yt-dlp")
    match = re.match(r"(\d{4})\.(\d{1,2})\.(\d{1,2})", __version__)
    released = date(*(int(part) for part in match.groups())) if match else None
    return __version__, released


def listing_from_dump(dump: dict[str, Any]) -> ChannelListing:
    """Read the JSON that `yt-dlp -J --flat-playlist <channel url>` printed. A dump that is
    not a YouTube channel's raises ValueError; entries it cannot read are left out, each with
    its reason in `skipped`."""
    dump, skipped = check_dump(dump)
    listing = _listing_header(dump)
    if not (listing.channel_id or listing.url):
        raise ValueError("the dump does not say which YouTube channel it is (no channel id or URL)")
    listing.uploads = list(_uploads(_entries(dump)))
    listing.reached_end = True
    listing.skipped = skipped
    return listing


def _listing_header(info: dict[str, Any]) -> ChannelListing:
    channel_id = info.get("channel_id") or ""
    if not channel_id and CHANNEL_ID_RE.fullmatch(str(info.get("id") or "")):
        channel_id = info["id"]
    handle = str(info.get("uploader_id") or "")
    if not handle.startswith("@"):
        # Older yt-dlp versions kept the legacy user name here; the @handle is in the URL.
        in_url = re.search(r"youtube\.com/(@[^/?#]+)", str(info.get("uploader_url") or ""))
        handle = in_url.group(1) if in_url else handle
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


def _uploads(entries: Iterable[dict[str, Any]]) -> Iterator[Upload]:
    for entry in entries:
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
        yield Upload(
            youtube_id=str(youtube_id),
            title=str(title),
            published_at=published_at,
            description=str(entry.get("description") or ""),
        )


# --- Atom feed -------------------------------------------------------------------------------


def uploads_playlist_id(channel_id: str) -> str:
    """The channel's long-form uploads (the Videos tab): UC... -> UULF... . The channel's own
    feed also carries Shorts and live streams, which the listing never shows."""
    return "UULF" + channel_id.removeprefix("UC")


def read_feed(channel_id: str, *, feed_url: str, client: httpx2.Client) -> list[Upload]:
    """The channel's latest long-form uploads from their Atom feed, newest first.

    A 404, a 5xx or a body that is not Atom is FeedUnavailable: temporary, read the listing."""
    import feedparser
    import httpx2

    try:
        response = client.get(feed_url, params={"playlist_id": uploads_playlist_id(channel_id)})
    except httpx2.HTTPError as error:
        raise YouTubeNetworkError(f"cannot reach the feed of {channel_id}: {error}") from error
    if response.status_code in (403, 429):
        raise YouTubeBlocked(
            f"YouTube refused the feed of {channel_id} (HTTP {response.status_code})"
        )
    if response.status_code >= 400:
        raise FeedUnavailable(f"feed of {channel_id} answered HTTP {response.status_code}")
    parsed = feedparser.parse(response.content)
    if parsed.bozo and not parsed.entries or not parsed.get("version"):
        raise FeedUnavailable(f"feed of {channel_id} is not a valid Atom feed")
    uploads = []
    for entry in parsed.entries:
        youtube_id = entry.get("yt_videoid")
        if not youtube_id:
            continue
        published = entry.get("published_parsed")
        published_at = datetime(*published[:6]).replace(tzinfo=UTC) if published else None
        uploads.append(
            Upload(youtube_id, entry.get("title", ""), published_at, entry.get("summary") or "")
        )
    return uploads
