"""The JSON API (django-ninja; OpenAPI docs at /api/docs). Same filters as the pages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError

from whichmovie.catalog.models import Channel, MatchStatus, Movie, Video, VideoKind
from whichmovie.catalog.schedule import channels_with_last_check
from whichmovie.sources.clean import clean_url
from whichmovie.web.api_docs import BundledSwagger
from whichmovie.web.cache import cached_response
from whichmovie.web.cards import (
    cast_members,
    channels_of,
    genres_of,
    movie_url,
    trailers_of,
    with_trailers,
)
from whichmovie.web.filters import (
    KINDS,
    MAX_PARAMETER,
    MAX_SEARCH_LENGTH,
    MAX_YEAR,
    MIN_YEAR,
    NEW_WINDOWS,
    SORTS,
    STATUSES,
    FilterError,
    MovieFilters,
    release_status,
)
from whichmovie.web.images import TmdbImages
from whichmovie.web.paging import MOVIE_SORT_KEYS, VIDEO_SORT_KEY, keyset_page
from whichmovie.web.safejson import InertJSONRenderer, inert_json

api = NinjaAPI(
    title="WhichMovie API",
    version="1",
    description="Films by their newest trailer. Lists use cursor pagination: pass the "
    "`next_cursor` of a page as `cursor` to get the next one.",
    urls_namespace="api",
    renderer=InertJSONRenderer(),
    docs=BundledSwagger(),
)


@api.exception_handler(FilterError)
def filter_error(request: HttpRequest, error: FilterError) -> HttpResponse:
    return api.create_response(request, {"detail": str(error)}, status=400)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Parameters of the wrong type or range: one readable line, like the other 4xx answers."""
    problems = [
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
        for e in error.errors
    ]
    return api.create_response(request, {"detail": "; ".join(problems)}, status=422)


def _one_of(choices: Iterable[str]) -> str:
    return "One of: " + ", ".join(f"`{c}`" for c in choices) + "."


def _enum(choices: Iterable[str]) -> dict[str, Any]:
    """Allowed values declared in the OpenAPI schema; checked by MovieFilters (a 400).
    Empty is allowed and means no filter, as an empty select of the site's filter form."""
    return {"enum": ["", *choices]}


SLUG_PATTERN = r"^[-\w]{0,100}$"  # empty: no filter
MAX_ID = 2**63 - 1  # database ids are 64-bit: a larger number is no id, never an overflow


class MovieQuery(Schema):
    q: str | None = Field(
        None,
        max_length=MAX_SEARCH_LENGTH,
        description="Title search, accent- and case-insensitive.",
    )
    channel: str | None = Field(
        None, pattern=SLUG_PATTERN, description="Channel slug: films with a trailer there."
    )
    genre: str | None = Field(None, pattern=SLUG_PATTERN, description="Genre slug, e.g. `drama`.")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="Release year.")
    kind: str | None = Field(
        None,
        description="Films with a video of this kind. " + _one_of(KINDS),
        json_schema_extra=_enum(KINDS),
    )
    status: str | None = Field(
        None, description=_one_of(STATUSES), json_schema_extra=_enum(STATUSES)
    )
    new: str | None = Field(
        None,
        description="Newest trailer within this window. " + _one_of(NEW_WINDOWS),
        json_schema_extra=_enum(NEW_WINDOWS),
    )
    sort: str | None = Field(
        None, description="Default `newest`. " + _one_of(SORTS), json_schema_extra=_enum(SORTS)
    )
    cursor: str | None = Field(
        None, max_length=MAX_PARAMETER, description="`next_cursor` of the previous page."
    )
    limit: int = Field(24, ge=1, le=100)


class VideoQuery(Schema):
    channel: str | None = Field(None, pattern=SLUG_PATTERN, description="Channel slug.")
    kind: str | None = Field(
        None, description=_one_of(VideoKind.values), json_schema_extra=_enum(VideoKind.values)
    )
    movie: int | None = Field(None, ge=1, le=MAX_ID, description="Movie id.")
    cursor: str | None = Field(
        None, max_length=MAX_PARAMETER, description="`next_cursor` of the previous page."
    )
    limit: int = Field(50, ge=1, le=200)


class Error(Schema):
    detail: str = Field(description="What was wrong with the request, in one line.")


class ChannelRef(Schema):
    slug: str
    name: str


class VideoOut(Schema):
    youtube_id: str
    title: str
    kind: str
    channel: ChannelRef
    published_at: datetime | None
    date_status: str = Field(
        description="exact (the feed), approximate (yt-dlp's '3 days ago'), or unknown: "
        "then published_at is null and the upload sorts in its listing's order"
    )
    first_seen_at: datetime
    url: str
    embed_url: str
    thumbnail_url: str
    movie_id: int | None


class CastMember(Schema):
    name: str
    character: str


class MovieOut(Schema):
    id: int
    title: str
    year: int | None
    url: str
    identified: bool
    match_status: str
    tmdb_id: int | None
    imdb_id: str | None
    overview: str
    release_date: date | None
    theatrical_release_date: date | None
    digital_release_date: date | None
    status: str | None = Field(description=_one_of(STATUSES) + " Null when unknown or past.")
    runtime: int | None
    certification: str
    vote_average: float | None
    genres: list[str]
    directors: list[str]
    poster_url: str | None
    thumbnail_url: str | None = Field(description="YouTube still of the newest trailer.")
    latest_video_at: datetime | None
    channels: list[ChannelRef]
    tmdb_url: str | None
    imdb_url: str | None
    letterboxd_url: str | None


class MovieDetailOut(MovieOut):
    original_title: str
    tagline: str
    backdrop_url: str | None
    cast: list[CastMember]
    watch_providers: dict[str, Any] = Field(
        description="TMDB's watch/providers for the configured region (data by JustWatch)."
    )
    videos: list[VideoOut]


class MoviePage(Schema):
    items: list[MovieOut]
    next_cursor: str | None
    next: str | None


class VideoPage(Schema):
    items: list[VideoOut]
    next_cursor: str | None
    next: str | None


class ChannelOut(Schema):
    slug: str
    name: str
    url: str
    page_url: str
    enabled: bool
    healthy: bool
    health: str
    last_checked_at: datetime | None
    last_success_at: datetime | None
    last_error: str


def _video(video: Video) -> dict[str, Any]:
    return {
        "youtube_id": video.youtube_id,
        "title": video.youtube_title,
        "kind": video.kind,
        "channel": {"slug": video.channel.slug, "name": video.channel.name},
        "published_at": video.published_at if video.date_known else None,
        "date_status": video.date_status,
        "first_seen_at": video.first_seen_at,
        "url": video.url,
        "embed_url": f"https://www.youtube-nocookie.com/embed/{video.youtube_id}",
        "thumbnail_url": video.thumbnail_url,
        "movie_id": video.movie_id,
    }


def _movie(request: HttpRequest, movie: Movie, images: TmdbImages) -> dict[str, Any]:
    trailers = trailers_of(movie)
    tmdb = movie.tmdb_id
    return {
        "id": movie.pk,
        "title": movie.title,
        "year": movie.year,
        "url": request.build_absolute_uri(movie_url(movie)),
        "identified": movie.identified,
        "match_status": movie.match_status,
        "tmdb_id": tmdb,
        "imdb_id": movie.imdb_id,
        "overview": movie.overview,
        "release_date": movie.release_date,
        "theatrical_release_date": movie.theatrical_release_date,
        "digital_release_date": movie.digital_release_date,
        "status": release_status(movie, today=timezone.now().date()) or None,
        "runtime": movie.runtime,
        "certification": movie.certification,
        "vote_average": movie.vote_average,
        "genres": [genre.name for genre in genres_of(movie)],
        "directors": [str(name) for name in movie.directors or []],
        "poster_url": images.poster_url(movie.poster_path),
        "thumbnail_url": trailers[0].thumbnail_url if trailers else None,
        "latest_video_at": movie.latest_video_at,
        "channels": [{"slug": c.slug, "name": c.name} for c in channels_of(trailers)],
        "tmdb_url": f"https://www.themoviedb.org/movie/{tmdb}" if tmdb else None,
        "imdb_url": f"https://www.imdb.com/title/{movie.imdb_id}/" if movie.imdb_id else None,
        "letterboxd_url": f"https://letterboxd.com/tmdb/{tmdb}/" if tmdb else None,
    }


def _providers(providers: Any) -> dict[str, Any]:
    """TMDB's offers as stored; its JustWatch link only when it is http(s)."""
    if not isinstance(providers, dict):
        return {}
    return {**providers, "link": clean_url(providers["link"])} if "link" in providers else providers


def _next_url(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query: QueryDict = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _json(schema: type[Schema], data: Any) -> HttpResponse:
    """Validated like ninja's own responses, but already bytes, so it can be cached."""
    body = inert_json(schema.model_validate(data).model_dump_json())
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _json_list(schema: type[Schema], items: list[Any]) -> HttpResponse:
    body = "[" + ",".join(schema.model_validate(item).model_dump_json() for item in items) + "]"
    body = inert_json(body)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@api.get("/movies", response={200: MoviePage, 400: Error, 422: Error}, tags=["movies"])
def list_movies(request: HttpRequest, query: Query[MovieQuery]) -> HttpResponse:
    """Films by their newest trailer (or `sort`), filtered like the site's pages."""
    return cached_response(request, lambda: _json(MoviePage, _movies_page(request, query)))


def _movies_page(request: HttpRequest, query: MovieQuery) -> dict[str, Any]:
    filters = MovieFilters.from_params(request.GET)
    movies = with_trailers(filters.apply(Movie.objects.visible(), now=timezone.now()))
    page = keyset_page(
        movies, MOVIE_SORT_KEYS[filters.sort], cursor=query.cursor or "", limit=query.limit
    )
    images = TmdbImages.load()
    return {
        "items": [_movie(request, movie, images) for movie in page.rows],
        "next_cursor": page.next_cursor,
        "next": _next_url(request, page.next_cursor),
    }


@api.get(
    "/movies/{movie_id}", response={200: MovieDetailOut, 404: Error, 422: Error}, tags=["movies"]
)
def get_movie(
    request: HttpRequest, movie_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> HttpResponse:
    """One film with everything known about it and all its trailers and teasers."""
    return cached_response(request, lambda: _json(MovieDetailOut, _movie_detail(request, movie_id)))


def _movie_detail(request: HttpRequest, movie_id: int) -> dict[str, Any]:
    movie = (
        with_trailers(Movie.objects.exclude(match_status=MatchStatus.NOT_A_MOVIE))
        .filter(pk=movie_id)
        .first()
    )
    if movie is None:
        raise Http404(f"There is no movie {movie_id}.")
    images = TmdbImages.load()
    trailers = trailers_of(movie)
    backdrop = images.backdrop(movie.backdrop_path)
    return {
        **_movie(request, movie, images),
        "original_title": movie.original_title,
        "tagline": movie.tagline,
        "backdrop_url": backdrop.src if backdrop else None,
        "cast": cast_members(movie.cast),
        "watch_providers": _providers(movie.watch_providers),
        "videos": [_video(video) for video in trailers],
    }


@api.get("/videos", response={200: VideoPage, 400: Error, 422: Error}, tags=["videos"])
def list_videos(request: HttpRequest, query: Query[VideoQuery]) -> HttpResponse:
    """Every upload seen on the followed channels, newest first."""
    return cached_response(request, lambda: _json(VideoPage, _videos_page(request, query)))


def _videos_page(request: HttpRequest, query: VideoQuery) -> dict[str, Any]:
    videos = Video.objects.select_related("channel")
    if query.channel:
        channel = Channel.objects.filter(slug=query.channel).first()
        if channel is None:
            raise FilterError(f"There is no channel {query.channel!r}.")
        videos = videos.filter(channel=channel)
    if query.kind:
        if query.kind not in VideoKind.values:
            raise FilterError(f"kind must be one of: {', '.join(VideoKind.values)}.")
        videos = videos.filter(kind=query.kind)
    if query.movie is not None:
        videos = videos.filter(movie_id=query.movie)
    page = keyset_page(videos, VIDEO_SORT_KEY, cursor=query.cursor or "", limit=query.limit)
    return {
        "items": [_video(video) for video in page.rows],
        "next_cursor": page.next_cursor,
        "next": _next_url(request, page.next_cursor),
    }


@api.get("/channels", response={200: list[ChannelOut], 400: Error}, tags=["channels"])
def list_channels(request: HttpRequest) -> HttpResponse:
    """The followed YouTube channels and how their last check went."""
    channels = [
        {
            "slug": channel.slug,
            "name": channel.name,
            "url": channel.url,
            "page_url": request.build_absolute_uri(
                reverse("web:channel_detail", args=[channel.slug])
            ),
            "enabled": channel.enabled,
            "healthy": channel.healthy,
            "health": channel.health,
            "last_checked_at": channel.last_checked_at,
            "last_success_at": channel.last_success_at,
            "last_error": channel.last_error,
        }
        for channel in channels_with_last_check(Channel.objects.all())
    ]
    return _json_list(ChannelOut, channels)
