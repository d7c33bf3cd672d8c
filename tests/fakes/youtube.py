"""A channel's Atom feed exactly as YouTube serves it (https://www.youtube.com/feeds/videos.xml)."""

from __future__ import annotations

import re as _re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

import yt_dlp
from yt_dlp.extractor.common import InfoExtractor
from yt_dlp.utils import ExtractorError

from whichmovie.sources.youtube import Upload


def atom_feed(channel_id: str, name: str, uploads: list[Upload]) -> str:
    entries = "".join(_entry(channel_id, name, upload) for upload in uploads)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id={channel_id}"/>
 <id>yt:channel:{channel_id.removeprefix("UC")}</id>
 <yt:channelId>{channel_id.removeprefix("UC")}</yt:channelId>
 <title>{escape(name)}</title>
 <link rel="alternate" href="https://www.youtube.com/channel/{channel_id}"/>
 <author>
  <name>{escape(name)}</name>
  <uri>https://www.youtube.com/channel/{channel_id}</uri>
 </author>
 <published>2009-03-12T19:04:43+00:00</published>{entries}
</feed>"""


def _entry(channel_id: str, name: str, upload: Upload) -> str:
    published = (upload.published_at or datetime(2026, 1, 1)).isoformat()
    title = escape(upload.title)
    vid = upload.youtube_id
    return f"""
 <entry>
  <id>yt:video:{vid}</id>
  <yt:videoId>{vid}</yt:videoId>
  <yt:channelId>{channel_id}</yt:channelId>
  <title>{title}</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v={vid}"/>
  <author>
   <name>{escape(name)}</name>
   <uri>https://www.youtube.com/channel/{channel_id}</uri>
  </author>
  <published>{published}</published>
  <updated>{published}</updated>
  <media:group>
   <media:title>{title}</media:title>
   <media:content url="https://www.youtube.com/v/{vid}?version=3" type="application/x-shockwave-flash" width="640" height="390"/>
   <media:thumbnail url="https://i2.ytimg.com/vi/{vid}/hqdefault.jpg" width="480" height="360"/>
   <media:description>{escape(upload.description or "Watch the trailer.")}</media:description>
   <media:community>
    <media:starRating count="1520" average="5.00" min="1" max="5"/>
    <media:statistics views="48213"/>
   </media:community>
  </media:group>
 </entry>"""


# --- yt-dlp with a channel tab of our own ------------------------------------------------------
# The real YoutubeDL runs (options, logger, error wrapping, lazy pages); only the extractor is
# ours: it serves a channel's Videos tab page by page, the way yt-dlp's YoutubeTabIE yields
# flat entries, including its behaviour on incomplete pages.

INCOMPLETE = "incomplete"  # a page YouTube sent without its data


def flat_entry(youtube_id: str, title: str, timestamp: int | None = None) -> dict[str, Any]:
    """One entry as `yt-dlp --flat-playlist` yields it for a channel's Videos tab."""
    return {
        "_type": "url",
        "ie_key": "Youtube",
        "id": youtube_id,
        "url": f"https://www.youtube.com/watch?v={youtube_id}",
        "title": title,
        "description": None,
        "duration": 120,
        "channel_id": None,
        "channel": None,
        "timestamp": timestamp,
        "release_timestamp": None,
        "availability": None,
        "view_count": 1000,
        "live_status": None,
    }


class FakeChannelTab(InfoExtractor):
    _VALID_URL = r"https?://(?:www\.)?youtube\.com/(?:channel/(?P<id>UC[\w-]{22})|(?P<handle>@[\w.-]+))/videos"
    IE_NAME = "fake:tab"

    def __init__(self, pages: list[Any], channel_id: str, name: str, handle: str) -> None:
        super().__init__()
        self.pages, self.channel_id, self.name, self.handle = pages, channel_id, name, handle
        self.requested: list[str] = []
        self.pages_read = 0

    @classmethod
    def suitable(cls, url: str) -> bool:
        return _re.match(cls._VALID_URL, url) is not None

    def _real_extract(self, url: str) -> dict[str, Any]:
        self.requested.append(url)
        return {
            "_type": "playlist",
            "id": self.channel_id,
            "title": f"{self.name} - Videos",
            "channel": self.name,
            "channel_id": self.channel_id,
            "uploader_id": self.handle,
            "channel_url": f"https://www.youtube.com/channel/{self.channel_id}",
            "entries": self._entries(),
        }

    def _entries(self) -> Iterator[dict[str, Any]]:
        for page in self.pages:
            self.pages_read += 1
            if page == INCOMPLETE:  # what yt-dlp's _extract_response does on such a page
                if self._configuration_arg("raise_incomplete_data", ie_key="youtube"):
                    raise ExtractorError("Incomplete data received", expected=True)
                self.report_warning("Incomplete data received")
                return
            if isinstance(page, BaseException):
                raise page
            yield from page


def fake_ytdlp(
    pages: list[Any],
    *,
    channel_id: str = "UCMvR3UqsYSrdi6G6nBGPY9A",
    name: str = "MUBI",
    handle: str = "@mubi",
) -> tuple[Callable[[dict[str, Any]], yt_dlp.YoutubeDL], FakeChannelTab]:
    """A YoutubeDL factory for YouTubeOptions(ydl_factory=...), and its extractor."""
    tab = FakeChannelTab(pages, channel_id, name, handle)

    def factory(params: dict[str, Any]) -> yt_dlp.YoutubeDL:
        ydl = yt_dlp.YoutubeDL(params, auto_init=False)
        ydl.add_info_extractor(tab)
        return ydl

    return factory, tab
