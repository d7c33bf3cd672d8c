"""What "My radar" shows a user: followed and watchlisted films and what their follows match,
hidden films gone, films with trailers they have not seen first."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.http import QueryDict

from whichmovie.catalog.models import MatchStatus, Movie, MovieQuerySet, Video
from whichmovie.radar.models import Follow, FollowKind, MarkState, MovieMark, VideoSeen
from whichmovie.web.filters import FilterError, MovieFilters


@dataclass
class UserRadar:
    """A user's marks and follows, read once per request (two queries)."""

    watchlist: set[int] = field(default_factory=set)
    hidden: set[int] = field(default_factory=set)
    followed_movies: set[int] = field(default_factory=set)
    follows: list[Follow] = field(default_factory=list)

    @classmethod
    def load(cls, user: Any) -> UserRadar:
        radar = cls()
        if not user.is_authenticated:
            return radar
        for movie_id, state in MovieMark.objects.filter(user=user).values_list("movie_id", "state"):
            (radar.watchlist if state == MarkState.WATCHLIST else radar.hidden).add(movie_id)
        radar.follows = list(Follow.objects.filter(user=user).select_related("channel"))
        radar.followed_movies = {
            f.movie_id for f in radar.follows if f.kind == FollowKind.MOVIE and f.movie_id
        }
        return radar


def _person_q(name: str) -> Q:
    # SQLite keeps JSON with \\u escapes, PostgreSQL as text: look for both spellings.
    spellings = {name, json.dumps(name)[1:-1]}
    q = Q()
    for spelling in spellings:
        q |= Q(directors__icontains=spelling) | Q(cast__icontains=spelling)
    return q


def my_radar_movies(*, user: Any, radar: UserRadar, now: datetime) -> MovieQuerySet:
    """The films, ordered: unseen trailers first, then by newest trailer."""
    # Films of the user's own choosing show even before their first trailer (a Letterboxd
    # import); what follows match is what the public radar shows (films with a trailer).
    chosen = Q(pk__in=radar.watchlist | radar.followed_movies)
    wanted: Any = Q(pk__in=[])
    channels = [f.channel_id for f in radar.follows if f.channel_id is not None]
    if channels:
        wanted |= Exists(
            Video.objects.trailers().filter(movie_id=OuterRef("pk"), channel_id__in=channels)
        )
    for follow in radar.follows:
        if follow.kind == FollowKind.PERSON:
            wanted |= _person_q(follow.label)
        elif follow.kind == FollowKind.SEARCH:
            try:
                filters = MovieFilters.from_params(QueryDict(follow.query))
            except FilterError:
                continue  # its channel or genre is gone: it matches nothing
            wanted |= Q(pk__in=filters.apply(Movie.objects.visible(), now=now).values("pk"))
    unseen = (
        Video.objects.trailers()
        .filter(movie_id=OuterRef("pk"))
        .exclude(Exists(VideoSeen.objects.filter(user=user, video_id=OuterRef("pk"))))
    )
    return (
        Movie.objects.exclude(match_status=MatchStatus.NOT_A_MOVIE)
        .filter(chosen | (wanted & Q(latest_video_at__isnull=False)))
        .exclude(pk__in=radar.hidden)
        .annotate(has_unseen=Exists(unseen))
        .order_by("-has_unseen", F("latest_video_at").desc(nulls_last=True), "-id")
    )


def seen_video_ids(*, user: Any, movie_ids: list[int]) -> set[int]:
    return set(
        VideoSeen.objects.filter(user=user, video__movie_id__in=movie_ids).values_list(
            "video_id", flat=True
        )
    )
