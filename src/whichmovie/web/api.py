"""The JSON API (django-ninja; OpenAPI docs at /api/docs). Same filters as the pages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any, TypedDict

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from pydantic import BaseModel, RootModel, WithJsonSchema

from whichmovie.catalog.models import Channel, MatchStatus, Movie, Video, VideoKind
from whichmovie.catalog.schedule import channels_with_last_check
from whichmovie.sources.clean import clean_url
from whichmovie.web.api_docs import BundledSwagger
from whichmovie.web.cache import cached_response
from whichmovie.web.cards import (
    cast_members,
    channels_of,
    genres_of,
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
)
from whichmovie.web.images import TmdbImages
from whichmovie.web.paging import MOVIE_SORT_KEYS, VIDEO_SORT_KEY, keyset_page
from whichmovie.web.safejson import InertJSONRenderer, inert_json

api = NinjaAPI(
    title="WhichMovie API",
    version="1",
    description="Films by their newest trailer. Lists use cursor pagination: pass the "
    "`next_cursor` of a page as `cursor` to get the next one. A bad parameter answers 400 "
    'with `{"detail": "what was wrong"}`; a film that does not exist, 404.',
    urls_namespace="api",
    renderer=InertJSONRenderer(),
    docs=BundledSwagger(),
)


@api.exception_handler(FilterError)
def filter_error(request: HttpRequest, error: FilterError) -> HttpResponse:
    return api.create_response(request, {"detail": str(error)}, status=400)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A parameter of the wrong type or range: a 400 with one readable line, the same status
    and shape as every other bad parameter (the filters' FilterError above)."""
    problems = [
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
        for e in error.errors
    ]
    return api.create_response(request, {"detail": "; ".join(problems)}, status=400)


def _one_of(choices: Iterable[str]) -> str:
    return "One of: " + ", ".join(f"`{c}`" for c in choices) + "."


def _enum(choices: Iterable[str]) -> dict[str, Any]:
    """Allowed values declared in the OpenAPI schema; checked by MovieFilters (a 400).
    Empty is allowed and means no filter, as an empty select of the site's filter form."""
    return {"enum": ["", *choices]}


SLUG_PATTERN = r"^[-\w]{0,100}$"  # empty: no filter
MAX_ID = 2**63 - 1  # database ids are 64-bit: a larger number is no id, never an overflow


# The filters of /movies are taken as text and parsed once, by MovieFilters, as on the pages
# (same rules, same messages); WithJsonSchema still tells OpenAPI what each one takes.
def _documented(**json_schema: Any) -> WithJsonSchema:
    return WithJsonSchema(json_schema)


Slug = Annotated[str | None, _documented(type="string", pattern=SLUG_PATTERN)]
Search = Annotated[str | None, _documented(type="string", maxLength=MAX_SEARCH_LENGTH)]
Year = Annotated[str | None, _documented(type="integer", minimum=MIN_YEAR, maximum=MAX_YEAR)]
Kind = Annotated[str | None, _documented(type="string", **_enum(KINDS))]
Status = Annotated[str | None, _documented(type="string", **_enum(STATUSES))]
NewWindow = Annotated[str | None, _documented(type="string", **_enum(NEW_WINDOWS))]
Sort = Annotated[str | None, _documented(type="string", **_enum(SORTS))]
Cursor = Annotated[str | None, _documented(type="string", maxLength=MAX_PARAMETER)]


class MovieQuery(Schema):
    q: Search = Field(None, description="Title search, accent- and case-insensitive.")
    channel: Slug = Field(None, description="Channel slug: films with a trailer there.")
    genre: Slug = Field(None, description="Genre slug, e.g. `drama`.")
    year: Year = Field(None, description="Release year.")
    kind: Kind = Field(None, description="Films with a video of this kind. " + _one_of(KINDS))
    status: Status = Field(None, description=_one_of(STATUSES))
    new: NewWindow = Field(
        None, description="Newest trailer within this window. " + _one_of(NEW_WINDOWS)
    )
    sort: Sort = Field(None, description="Default `newest`. " + _one_of(SORTS))
    cursor: Cursor = Field(None, description="`next_cursor` of the previous page.")
    limit: int = Field(24, ge=1, le=100)


class VideoQuery(Schema):
    channel: str | None = Field(None, pattern=SLUG_PATTERN, description="Channel slug.")
    kind: str | None = Field(
        None, description=_one_of(VideoKind), json_schema_extra=_enum(VideoKind)
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

    @staticmethod
    def resolve_title(video: Video) -> str:
        return video.youtube_title

    @staticmethod
    def resolve_published_at(video: Video) -> datetime | None:
        return video.published_at if video.date_known else None

    @staticmethod
    def resolve_embed_url(video: Video) -> str:
        return video.embed_url


class CastMember(Schema):
    name: str
    character: str


class RequestContext(TypedDict):
    """What a schema's resolvers need besides the object: the request, for absolute URLs."""

    request: HttpRequest


class Context(RequestContext):
    """A film's resolvers also need TMDB's image sizes and today's date (release status)."""

    images: TmdbImages
    today: date


def _context(request: HttpRequest) -> Context:
    return {"request": request, "images": TmdbImages.load(), "today": timezone.now().date()}


# The movie schemas read a film from `with_trailers` (trailers, genres, channels fetched).
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

    @staticmethod
    def resolve_url(movie: Movie, context: Context) -> str:
        return context["request"].build_absolute_uri(movie.get_absolute_url())

    @staticmethod
    def resolve_status(movie: Movie, context: Context) -> str | None:
        return movie.release_status(today=context["today"]) or None

    @staticmethod
    def resolve_genres(movie: Movie) -> list[str]:
        return [genre.name for genre in genres_of(movie)]

    @staticmethod
    def resolve_directors(movie: Movie) -> list[str]:
        return [str(name) for name in movie.directors or []]

    @staticmethod
    def resolve_poster_url(movie: Movie, context: Context) -> str | None:
        return context["images"].poster_url(movie.poster_path)

    @staticmethod
    def resolve_thumbnail_url(movie: Movie) -> str | None:
        trailers = movie.trailers
        return trailers[0].thumbnail_url if trailers else None

    @staticmethod
    def resolve_channels(movie: Movie) -> list[Channel]:
        return channels_of(movie.trailers)

    @staticmethod
    def resolve_tmdb_url(movie: Movie) -> str | None:
        return movie.tmdb_url or None

    @staticmethod
    def resolve_imdb_url(movie: Movie) -> str | None:
        return movie.imdb_url or None

    @staticmethod
    def resolve_letterboxd_url(movie: Movie) -> str | None:
        return movie.letterboxd_url or None


class MovieDetailOut(MovieOut):
    original_title: str
    tagline: str
    backdrop_url: str | None
    cast: list[CastMember]
    watch_providers: dict[str, Any] = Field(
        description="TMDB's watch/providers for the configured region (data by JustWatch)."
    )
    videos: list[VideoOut]

    @staticmethod
    def resolve_backdrop_url(movie: Movie, context: Context) -> str | None:
        backdrop = context["images"].backdrop(movie.backdrop_path)
        return backdrop.src if backdrop else None

    @staticmethod
    def resolve_cast(movie: Movie) -> list[dict[str, str]]:
        return cast_members(movie.cast)

    @staticmethod
    def resolve_watch_providers(movie: Movie) -> dict[str, Any]:
        """TMDB's offers as stored; its JustWatch link only when it is http(s)."""
        providers = movie.watch_providers
        if not isinstance(providers, dict):
            return {}
        if "link" in providers:
            return {**providers, "link": clean_url(providers["link"])}
        return providers

    @staticmethod
    def resolve_videos(movie: Movie) -> list[Video]:
        return movie.trailers


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

    @staticmethod
    def resolve_page_url(channel: Channel, context: RequestContext) -> str:
        return context["request"].build_absolute_uri(channel.get_absolute_url())


class ChannelList(RootModel[list[ChannelOut]]):
    pass


def _next_url(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query: QueryDict = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _json(
    schema: type[BaseModel], data: Any, context: RequestContext | None = None
) -> HttpResponse:
    """The answer as ninja would render it through `schema`, but already bytes, so it can
    be cached."""
    body = inert_json(schema.model_validate(data, context=context).model_dump_json())
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@api.get("/movies", response={200: MoviePage, 400: Error}, tags=["movies"])
def list_movies(request: HttpRequest, query: Query[MovieQuery]) -> HttpResponse:
    """Films by their newest trailer (or `sort`), filtered like the site's pages."""
    return cached_response(request, lambda: _movies_page(request, query))


def _movies_page(request: HttpRequest, query: MovieQuery) -> HttpResponse:
    filters = MovieFilters.from_params(request.GET)
    movies = filters.apply(Movie.objects.visible(), now=timezone.now()).with_trailers()
    page = keyset_page(
        movies, MOVIE_SORT_KEYS[filters.sort], cursor=query.cursor or "", limit=query.limit
    )
    items = {"items": page.rows, "next_cursor": page.next_cursor}
    return _json(
        MoviePage, {**items, "next": _next_url(request, page.next_cursor)}, _context(request)
    )


@api.get(
    "/movies/{movie_id}", response={200: MovieDetailOut, 400: Error, 404: Error}, tags=["movies"]
)
def get_movie(
    request: HttpRequest, movie_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> HttpResponse:
    """One film with everything known about it and all its trailers and teasers."""
    return cached_response(request, lambda: _movie_detail(request, movie_id))


def _movie_detail(request: HttpRequest, movie_id: int) -> HttpResponse:
    movie = (
        Movie.objects.exclude(match_status=MatchStatus.NOT_A_MOVIE)
        .with_trailers()
        .filter(pk=movie_id)
        .first()
    )
    if movie is None:
        raise Http404(f"There is no movie {movie_id}.")
    return _json(MovieDetailOut, movie, _context(request))


@api.get("/videos", response={200: VideoPage, 400: Error}, tags=["videos"])
def list_videos(request: HttpRequest, query: Query[VideoQuery]) -> HttpResponse:
    """Every upload seen on the followed channels, newest first."""
    return cached_response(request, lambda: _videos_page(request, query))


def _videos_page(request: HttpRequest, query: VideoQuery) -> HttpResponse:
    videos = Video.objects.select_related("channel")
    if query.channel:
        channel = Channel.objects.filter(slug=query.channel).first()
        if channel is None:
            raise FilterError(f"There is no channel {query.channel!r}.")
        videos = videos.filter(channel=channel)
    if query.kind:
        if query.kind not in VideoKind:
            raise FilterError(f"kind must be one of: {', '.join(VideoKind)}.")
        videos = videos.filter(kind=query.kind)
    if query.movie is not None:
        videos = videos.filter(movie_id=query.movie)
    page = keyset_page(videos, VIDEO_SORT_KEY, cursor=query.cursor or "", limit=query.limit)
    next_url = _next_url(request, page.next_cursor)
    return _json(VideoPage, {"items": page.rows, "next_cursor": page.next_cursor, "next": next_url})


@api.get("/channels", response={200: list[ChannelOut], 400: Error}, tags=["channels"])
def list_channels(request: HttpRequest) -> HttpResponse:
    """The followed YouTube channels and how their last check went."""
    channels = channels_with_last_check(Channel.objects.all())
    return _json(ChannelList, channels, {"request": request})
