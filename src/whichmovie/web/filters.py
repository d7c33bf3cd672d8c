"""One way to filter the catalogue.

The pages, the feeds, the calendar, the Radarr list and the API all read the same query
parameters; `MovieFilters.from_params` validates them once and `apply` narrows a queryset.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, QuerySet, Value, When

from whichmovie.catalog.models import (
    TRAILER_KINDS,
    Channel,
    Genre,
    MatchStatus,
    Movie,
    MovieQuerySet,
    ReleaseStatus,
    Video,
    VideoKind,
)
from whichmovie.sources.titles import normalise_title

KINDS = {VideoKind.TRAILER.value: "Trailers", VideoKind.TEASER.value: "Teasers"}
STATUSES = {status.value: status.label for status in ReleaseStatus}
SORTS = {"newest": "Newest trailer", "release": "Release date", "rating": "Rating (50+ votes)"}
# A rating from a handful of votes says little: sorting by rating lists films with at least
# this many TMDB votes.
RATING_MIN_VOTES = 50
NEW_WINDOWS = {"week": timedelta(days=7)}
DEFAULT_SORT = "newest"

MIN_YEAR, MAX_YEAR = 1870, 2100
MAX_SEARCH_LENGTH = 200
SLUG = re.compile(r"^[-\w]{1,100}$")
UNSHOWN = re.compile(r"[^\w .,:+-]")
MAX_PARAMETER = 500  # a cursor is about 80 characters; nothing we read is longer
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

# The parameters the filters read, in the order links are written.
PARAMETERS = ("q", "channel", "genre", "year", "kind", "status", "new", "sort")


class FilterError(ValueError):
    """A query parameter that cannot be understood: the user gets a 400 with this message."""


def _shown(value: str) -> str:
    """A visitor's value quoted in a message: short, and with only letters, digits and a few
    marks, so an error (text/plain on feeds) never echoes a payload back."""
    shown = UNSHOWN.sub("?", value[:40]) + ("…" if len(value) > 40 else "")
    return f"'{shown}'"


def _choice(name: str, value: str, choices: Mapping[str, object]) -> str:
    if value and value not in choices:
        raise FilterError(f"{name} must be one of: {', '.join(choices)} (got {_shown(value)}).")
    return value


def _slug(name: str, value: str) -> str:
    if value and not SLUG.match(value):
        raise FilterError(f"{name} must be a slug such as 'drama' (got {_shown(value)}).")
    return value


def _year(value: str) -> int | None:
    if not value:
        return None
    # isdigit() also accepts "²" and "٢", which int() refuses: only ASCII digits are a year.
    if not (value.isascii() and value.isdigit() and len(value) <= 4) or not (
        MIN_YEAR <= int(value) <= MAX_YEAR
    ):
        raise FilterError(
            f"year must be a year between {MIN_YEAR} and {MAX_YEAR} (got {_shown(value)})."
        )
    return int(value)


def parameter(params: Mapping[str, str], name: str, *, max_length: int = MAX_PARAMETER) -> str:
    """One query parameter as text we can search and store: a control character (NUL breaks
    PostgreSQL) or a value longer than any we use is the visitor's mistake, a 400."""
    value = (params.get(name) or "").strip()
    if len(value) > max_length:
        raise FilterError(f"{name} must be at most {max_length} characters.")
    if CONTROL.search(value):
        raise FilterError(f"{name} must not contain control characters.")
    return value


@dataclass(frozen=True)
class MovieFilters:
    channel: Channel | None = None
    genre: Genre | None = None
    year: int | None = None
    kind: str = ""
    status: str = ""
    q: str = ""
    new: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_params(
        cls, params: Mapping[str, str], *, channel: Channel | None = None
    ) -> MovieFilters:
        """Validate query parameters. `channel` fixes the channel (a channel's own page)."""

        def get(name: str) -> str:
            return parameter(params, name)

        q = parameter(params, "q", max_length=MAX_SEARCH_LENGTH)
        parameter(params, "cursor")  # read by the pagination; checked here with the others
        if channel is None and (slug := _slug("channel", get("channel"))):
            channel = Channel.objects.filter(slug=slug).first()
            if channel is None:
                raise FilterError(f"There is no channel {_shown(slug)}.")
        genre = None
        if slug := _slug("genre", get("genre")):
            genre = Genre.objects.filter(slug=slug).first()
            if genre is None:
                raise FilterError(f"There is no genre {_shown(slug)}.")
        return cls(
            channel=channel,
            genre=genre,
            year=_year(get("year")),
            kind=_choice("kind", get("kind"), KINDS),
            status=_choice("status", get("status"), STATUSES),
            q=q,
            new=_choice("new", get("new"), NEW_WINDOWS),
            sort=_choice("sort", get("sort"), SORTS) or DEFAULT_SORT,
        )

    def params(self) -> dict[str, str]:
        """The canonical query parameters of these filters (defaults left out)."""
        values = {
            "q": self.q,
            "channel": self.channel.slug if self.channel else "",
            "genre": self.genre.slug if self.genre else "",
            "year": str(self.year or ""),
            "kind": self.kind,
            "status": self.status,
            "new": self.new,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
        }
        return {name: values[name] for name in PARAMETERS if values[name]}

    def labels(self) -> list[str]:
        """What these filters select, in words: a feed's or a calendar's title."""
        parts = [
            f"“{self.q}”" if self.q else "",
            self.channel.name if self.channel else "",
            self.genre.name if self.genre else "",
            str(self.year or ""),
            KINDS.get(self.kind, ""),
            STATUSES.get(self.status, ""),
            "New this week" if self.new else "",
        ]
        return [part for part in parts if part]

    @property
    def search_words(self) -> list[str]:
        return normalise_title(self.q).split()

    def apply(self, movies: MovieQuerySet, *, now: datetime) -> MovieQuerySet:
        if self.channel or self.kind:
            # One upload must match both: "a teaser from this channel".
            uploads = Video.objects.trailers()
            if self.kind:
                uploads = uploads.filter(kind=self.kind)
            if self.channel:
                uploads = uploads.filter(channel=self.channel)
            few = bool(self.channel) and _few(Video.objects.filter(channel=self.channel))
            movies = _films_with(movies, uploads, few=few)
        if self.genre:
            tagged = Movie.genres.through.objects.filter(genre_id=self.genre.pk)
            movies = _films_with(movies, tagged, few=_few(tagged))
        if self.year:
            movies = movies.filter(year=self.year)
        if words := self.search_words:
            # The title index holds every title: scanning it finds the few matches of a
            # search far sooner than reading films newest first until a page is full.
            titled = Movie.objects.all()
            for word in words:
                titled = titled.filter(search_title__contains=word)
            movies = movies.filter(pk__in=titled.values("pk"))
        if self.new:
            movies = movies.filter(latest_video_at__gte=now - NEW_WINDOWS[self.new])
        if self.status:
            movies = movies.with_release_status(self.status, today=now.date())
        if self.sort == "rating":
            # Too few votes counts as no rating: such films sort after the rated ones.
            movies = movies.annotate(
                rated_average=Case(
                    When(vote_count__gte=RATING_MIN_VOTES, then=F("vote_average")),
                    default=Value(None),
                    output_field=FloatField(),
                )
            )
        return movies

    def apply_to_videos(self, videos: QuerySet[Video], *, now: datetime) -> QuerySet[Video]:
        """Trailers and teasers for the feeds: channel, kind and "new" describe the upload
        itself; the other filters describe its film."""
        videos = videos.filter(kind__in=TRAILER_KINDS, movie__isnull=False).exclude(
            movie__match_status=MatchStatus.NOT_A_MOVIE
        )
        if self.kind:
            videos = videos.filter(kind=self.kind)
        if self.channel:
            videos = videos.filter(channel=self.channel)
        if self.new:
            since = now - NEW_WINDOWS[self.new]
            videos = videos.filter(
                Q(published_at__gte=since) | Q(published_at__isnull=True, first_seen_at__gte=since)
            )
        film_filters = replace(self, channel=None, kind="", new="", sort=DEFAULT_SORT)
        if film_filters.params():
            films = film_filters.apply(Movie.objects.visible(), now=now)
            videos = videos.filter(movie__in=films.values("pk"))
        return videos.order_by(
            F("published_at").desc(nulls_last=True), F("first_seen_at").desc(), "-id"
        )


# Films that have a related row (a channel's upload, a genre tag) are found one of two ways:
# read films newest first and test each (fast when many match), or start from the related
# rows (fast when few exist). Counting the rows on their index picks the faster way.
FEW_RELATED_ROWS = 2000


def _few(related: QuerySet[Any]) -> bool:
    return related.count() <= FEW_RELATED_ROWS


def _films_with(movies: MovieQuerySet, related: QuerySet[Any], *, few: bool) -> MovieQuerySet:
    """Films with at least one of `related` (rows with a movie_id)."""
    if few:
        return movies.filter(pk__in=related.values("movie_id"))
    return movies.filter(Exists(related.filter(movie_id=OuterRef("pk"))))
