"""Follows, watchlist, hide and seen: one service per thing a user does."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import QueryDict

from whichmovie.catalog.models import Channel, Movie, Video
from whichmovie.radar.models import (
    Follow,
    FollowKind,
    MovieMark,
    VideoSeen,
    Wants,
)
from whichmovie.sources.titles import normalise_title
from whichmovie.web.filters import FilterError, MovieFilters


class FollowError(ValueError):
    """What the user asked to follow cannot be understood; the message says why."""


def person_key(name: str) -> str:
    """Names compare like titles: case, accents and punctuation do not matter."""
    return normalise_title(name)


def search_query(query: str) -> tuple[str, str]:
    """A radar filter URL or query string -> (canonical query string, label)."""
    query = query.split("?", 1)[1] if "?" in query else query
    try:
        filters = MovieFilters.from_params(QueryDict(query))
    except FilterError as error:
        raise FollowError(str(error)) from error
    params = filters.params()
    params.pop("sort", None)  # the order of a search does not change what it finds
    if not params:
        raise FollowError("a saved search needs at least one filter (q, channel, genre, ...)")
    canonical = QueryDict(mutable=True)
    canonical.update(params)
    return canonical.urlencode(), ", ".join(f"{k}={v}" for k, v in params.items())


def wants_from(events: str) -> str:
    """`trailers`, `releases`, `both` or `trailers,releases`."""
    parts = {part.strip() for part in events.split(",") if part.strip()}
    if parts <= {"trailers"} and parts:
        return Wants.TRAILERS
    if parts == {"releases"}:
        return Wants.RELEASES
    if parts and parts <= {"trailers", "releases", "both"}:
        return Wants.BOTH
    raise FollowError(f"events must be trailers, releases or both (got {events!r})")


def follow_add(
    *,
    user: Any,
    movie: Movie | None = None,
    channel: Channel | None = None,
    person: str = "",
    query: str = "",
    wants: str = Wants.BOTH,
) -> Follow:
    """Follow one thing (or change what an existing follow wants to hear about)."""
    fields: dict[str, Any]
    if movie is not None:
        fields = {"kind": FollowKind.MOVIE, "movie": movie, "label": str(movie)}
        key = f"movie:{movie.pk}"
    elif channel is not None:
        fields = {"kind": FollowKind.CHANNEL, "channel": channel, "label": channel.name}
        key = f"channel:{channel.pk}"
    elif person.strip():
        name = person_key(person)
        if not name:
            raise FollowError(f"{person!r} is not a name")
        fields = {"kind": FollowKind.PERSON, "person": name, "label": person.strip()}
        key = f"person:{name}"
    elif query.strip():
        canonical, label = search_query(query.strip())
        fields = {"kind": FollowKind.SEARCH, "query": canonical, "label": label}
        key = f"search:{canonical}"
    else:
        raise FollowError("follow a film, a channel, a person or a search")
    follow, _ = Follow.objects.update_or_create(
        user=user, key=key, defaults={**fields, "wants": wants}
    )
    return follow


def follow_parse(*, user: Any, spec: str, wants: str = Wants.BOTH) -> Follow:
    """The CLI's `movie=ID`, `channel=SLUG`, `person=NAME` or a radar query string."""
    name, _, value = spec.partition("=")
    if name == "movie":
        movie = Movie.objects.filter(
            pk=value if value.isdecimal() and len(value) <= 18 else 0
        ).first()
        if movie is None:
            raise FollowError(f"there is no movie {value!r}")
        return follow_add(user=user, movie=movie, wants=wants)
    if name == "channel":
        channel = Channel.objects.filter(slug=value).first()
        if channel is None:
            raise FollowError(f"there is no channel {value!r}")
        return follow_add(user=user, channel=channel, wants=wants)
    if name == "person":
        return follow_add(user=user, person=value, wants=wants)
    return follow_add(user=user, query=spec, wants=wants)


def follow_remove(*, user: Any, follow_id: int) -> bool:
    deleted, _ = Follow.objects.filter(user=user, pk=follow_id).delete()
    return deleted > 0


def movie_mark(*, user: Any, movie: Movie, state: str | None) -> None:
    """Watchlist or hide a film; None takes it off both."""
    if state is None:
        MovieMark.objects.filter(user=user, movie=movie).delete()
        return
    MovieMark.objects.update_or_create(user=user, movie=movie, defaults={"state": state})


def movie_unfollow(*, user: Any, movie: Movie) -> None:
    Follow.objects.filter(user=user, key=f"movie:{movie.pk}").delete()


def videos_mark_seen(*, user: Any, videos: list[Video]) -> int:
    with transaction.atomic():
        created = VideoSeen.objects.bulk_create(
            [VideoSeen(user=user, video=video) for video in videos], ignore_conflicts=True
        )
    return len(created)
