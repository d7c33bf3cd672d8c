"""Check a `yt-dlp -J --flat-playlist` dump before anything of it is read.

A dump is a file from anywhere: it may be another site's, another program's JSON, or edited by
hand. `check_dump` refuses what is not a YouTube channel listing (ValueError, one line) and
hands on a copy in which every value has the type the reader expects; entries it cannot read
are left out with a one-line reason each, so one bad entry never refuses the whole file.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from whichmovie.sources.clean import clean_text, clean_url, is_youtube_id

# The header fields the reader uses; each must be text (yt-dlp writes them as strings).
HEADER_FIELDS = (
    "id",
    "channel_id",
    "channel",
    "uploader",
    "uploader_id",
    "title",
    "channel_url",
    "webpage_url",
    "extractor",
    "extractor_key",
    "_type",
)
# The description is matching evidence ("Starring ...", "In theaters ..."): yt-dlp's flat
# listing carries the start of it for a channel's videos.
ENTRY_TEXT_FIELDS = ("_type", "live_status", "title", "upload_date", "description")
# A channel dump nests its tabs once (home page -> Videos); deeper is not yt-dlp's.
MAX_NESTING = 3
# datetime's range: a later timestamp cannot be a publish time.
MAX_TIMESTAMP = 253_402_300_799  # 9999-12-31T23:59:59Z
YOUTUBE_HOSTS = re.compile(r"^(?:www\.|m\.)?youtube\.com$")
CHANNEL_URL_RE = re.compile(
    r"^https?://(?:www\.|m\.)?youtube\.com/(?:@[\w.\-%]+|channel/UC[\w-]{22}|c/[\w.\-%]+|user/[\w.\-%]+)"
)
UPLOAD_DATE_RE = re.compile(r"\d{8}")


def check_dump(dump: Any) -> tuple[dict[str, Any], list[str]]:
    """(a checked copy of the dump, the reasons entries were left out); ValueError if the
    dump is not one of a YouTube channel."""
    if not isinstance(dump, dict) or not isinstance(dump.get("entries"), list):
        raise ValueError(
            "not a yt-dlp playlist dump: no list of 'entries' (use yt-dlp -J --flat-playlist)"
        )
    header = {key: dump[key] for key in HEADER_FIELDS if isinstance(dump.get(key), str)}
    extractor = header.get("extractor_key") or header.get("extractor") or ""
    if extractor and not extractor.lower().startswith("youtube"):
        raise ValueError(
            f"a dump of {clean_text(extractor, max_length=40)!r}, not of a YouTube channel"
        )
    page = header.get("webpage_url", "")
    if page and not YOUTUBE_HOSTS.match(_host(page)):
        raise ValueError(f"a dump of {_shown(page)}, not of a YouTube channel")
    channel_url = dump.get("channel_url")
    # A URL that cleaning would change (control characters, spaces) is not one yt-dlp wrote.
    if channel_url is not None and not (
        isinstance(channel_url, str)
        and clean_url(channel_url) == channel_url
        and CHANNEL_URL_RE.match(channel_url)
    ):
        raise ValueError(
            f"the dump's channel URL {_shown(channel_url)} is not a YouTube channel URL"
        )
    skipped: list[str] = []
    header["entries"] = _entries(dump["entries"], skipped, depth=1, where="entry")
    return header, skipped


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _shown(value: Any) -> str:
    text = clean_text(value, max_length=80)
    return repr(text) if text else "(empty)"


def _entries(entries: list[Any], skipped: list[str], *, depth: int, where: str) -> list[Any]:
    checked: list[Any] = []
    for number, entry in enumerate(entries, start=1):
        label = f"{where} {number}"
        if not isinstance(entry, dict):
            skipped.append(f"{label}: not an object")
            continue
        if entry.get("_type") == "playlist" or "entries" in entry:
            nested = entry.get("entries")
            if depth >= MAX_NESTING or not isinstance(nested, list):
                skipped.append(f"{label}: a nested playlist yt-dlp does not write")
                continue
            tab = {k: entry[k] for k in ("_type", "title") if isinstance(entry.get(k), str)}
            tab["entries"] = _entries(nested, skipped, depth=depth + 1, where=f"{label}.")
            checked.append(tab)
            continue
        if (video := _video(entry, label, skipped)) is not None:
            checked.append(video)
    return checked


def _video(entry: dict[str, Any], label: str, skipped: list[str]) -> dict[str, Any] | None:
    youtube_id = entry.get("id")
    if not is_youtube_id(youtube_id):
        skipped.append(f"{label}: id {_shown(youtube_id)} is not a YouTube video id")
        return None
    title = entry.get("title")
    if not isinstance(title, str) or not clean_text(title, max_length=1):
        skipped.append(f"{label} ({youtube_id}): no title")
        return None
    video: dict[str, Any] = {"id": youtube_id}
    video.update((k, entry[k]) for k in ENTRY_TEXT_FIELDS if isinstance(entry.get(k), str))
    # A date we cannot read is dropped, not the upload: the feed or a later listing dates it.
    for key in ("timestamp", "release_timestamp"):
        value = entry.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            video.update({key: int(value)} if 0 < value <= MAX_TIMESTAMP else {})
    upload_date = video.pop("upload_date", "")
    if UPLOAD_DATE_RE.fullmatch(upload_date):
        try:
            datetime.strptime(upload_date, "%Y%m%d")
            video["upload_date"] = upload_date
        except ValueError:
            pass
    return video
