"""RSS and Atom feeds of new trailers: everything, one channel, or any filtered page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed

from whichmovie.catalog.models import Channel, Video
from whichmovie.web.cache import cached_page
from whichmovie.web.cards import KIND_LABELS
from whichmovie.web.filters import FilterError, MovieFilters

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedSource:
    """What one request asked for; Feed instances are shared between requests."""

    filters: MovieFilters
    page_url: str
    channel: Channel | None


# What XML 1.0 cannot hold (Django's feed writer refuses it with an error).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


class TrailerFeed(Feed):  # type: ignore[type-arg]
    description_template = "web/feed_item.html"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except FilterError as error:
            return HttpResponse(str(error), status=400, content_type="text/plain")

    def get_feed(self, obj: FeedSource, request: HttpRequest) -> SyndicationFeed:
        """Every text of the feed made XML 1.0 safe: one control character in one title (from
        before the cleaning at the boundary, or typed in the admin) must not break the feed."""
        feed = super().get_feed(obj, request)
        feed.feed = {key: xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed

    def get_object(self, request: HttpRequest, slug: str = "") -> FeedSource:
        channel = get_object_or_404(Channel, slug=slug) if slug else None
        filters = MovieFilters.from_params(request.GET, channel=channel)
        params = QueryDict(mutable=True)
        params.update({k: v for k, v in filters.params().items() if k != "channel" or not slug})
        page = channel.get_absolute_url() if channel else reverse("web:radar")
        query = f"?{params.urlencode()}" if params else ""
        return FeedSource(filters=filters, page_url=page + query, channel=channel)

    def title(self, source: FeedSource) -> str:
        """Named by its filter ("WhichMovie: A24 · Horror"), so a feed reader's list tells
        one subscription from another."""
        labels = source.filters.labels()
        return f"WhichMovie: {' · '.join(labels)}" if labels else "WhichMovie: new trailers"

    def link(self, source: FeedSource) -> str:
        return source.page_url

    def description(self, source: FeedSource) -> str:
        return "The newest film trailers and teasers, identified on TMDB."

    def items(self, source: FeedSource) -> list[Video]:
        videos = source.filters.apply_to_videos(
            Video.objects.select_related("movie", "channel"), now=timezone.now()
        )
        return list(videos[:FEED_SIZE])

    def item_title(self, video: Video) -> str:
        return f"{video.movie} · {KIND_LABELS[video.kind]}: {video.youtube_title}"

    def item_link(self, video: Video) -> str:
        assert video.movie is not None  # apply_to_videos keeps only uploads of a film
        return f"{video.movie.get_absolute_url()}#trailer-{video.youtube_id}"

    def item_guid(self, video: Video) -> str:
        return video.url

    item_guid_is_permalink = False

    def item_pubdate(self, video: Video) -> datetime:
        date: datetime = video.date
        return date

    def item_updateddate(self, video: Video) -> datetime:
        date: datetime = video.date
        return date

    def item_author_name(self, video: Video) -> str:
        return video.channel.name

    def item_categories(self, video: Video) -> list[str]:
        return [KIND_LABELS[video.kind]]


class TrailerAtomFeed(TrailerFeed):
    feed_type = Atom1Feed

    def subtitle(self, source: FeedSource) -> str:
        return self.description(source)


rss = cached_page()(TrailerFeed())
atom = cached_page()(TrailerAtomFeed())
