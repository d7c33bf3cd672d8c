"""A user's radar as RSS/Atom and iCal at a private URL: the token is the credential
(feed readers and calendar apps cannot log in), and a new token revokes the old one."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from whichmovie.catalog.models import Video
from whichmovie.radar.models import FeedToken
from whichmovie.radar.services.mine import UserRadar, my_radar_movies
from whichmovie.web import ical
from whichmovie.web.feeds import FEED_SIZE, TrailerFeed


def _user_of(token: str) -> Any:
    found = FeedToken.objects.filter(token=token).select_related("user").first()
    if found is None or not found.user.is_active:
        raise Http404("no such feed")
    return found.user


class MyRadarFeed(TrailerFeed):
    def get_object(self, request: HttpRequest, token: str = "") -> Any:
        return _user_of(token)

    def title(self, user: Any) -> str:
        return f"WhichMovie: {user}'s radar"

    def link(self, user: Any) -> str:
        return "/my/"

    def description(self, user: Any) -> str:
        return "New trailers of the films you follow."

    def items(self, user: Any) -> list[Video]:
        movies = my_radar_movies(user=user, radar=UserRadar.load(user), now=timezone.now())
        videos = (
            Video.objects.trailers()
            .filter(movie__in=movies.values("pk"))
            .select_related("movie", "channel")
            .order_by("-published_at", "-first_seen_at", "-id")
        )
        return list(videos[:FEED_SIZE])


class MyRadarAtomFeed(MyRadarFeed):
    feed_type = Atom1Feed

    def subtitle(self, user: Any) -> str:
        return self.description(user)


rss = MyRadarFeed()
atom = MyRadarAtomFeed()


def calendar(request: HttpRequest, token: str) -> HttpResponse:
    user = _user_of(token)
    now = timezone.now()
    radar_movies = my_radar_movies(user=user, radar=UserRadar.load(user), now=now)
    body = ical.calendar(
        ical.movies_with_upcoming_dates(radar_movies, today=now.date()),
        today=now.date(),
        now=now,
        url_of=lambda movie: request.build_absolute_uri(movie.get_absolute_url()),
        host=request.get_host().split(":")[0],
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
