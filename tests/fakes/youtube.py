"""A channel's Atom feed exactly as YouTube serves it (https://www.youtube.com/feeds/videos.xml)."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

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
