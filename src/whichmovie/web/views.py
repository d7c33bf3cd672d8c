"""The pages: the radar (home), movie lists, a movie, channels; plus the small endpoints."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from whichmovie.catalog.models import Channel, Genre, MatchStatus, Movie, VideoKind
from whichmovie.web import ical
from whichmovie.web.cards import (
    cast_members,
    movie_card,
    movie_url,
    runtime_text,
    trailer_timeline,
    watch_offers,
    with_trailers,
)
from whichmovie.web.filters import KINDS, SORTS, STATUSES, FilterError, MovieFilters
from whichmovie.web.images import TmdbImages
from whichmovie.web.paging import MOVIE_SORT_KEYS, keyset_page

PAGE_SIZE = 24
RADARR_LIST_LIMIT = 1000
# The "load more" script asks for just the next cards with this header.
FRAGMENT_HEADER = "X-Fragment"

type View = Callable[..., HttpResponse]


def filter_errors_as_400(view: View) -> View:
    """A query parameter we cannot read is the user's mistake: say which, never a 500."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except FilterError as error:
            return render(
                request, "web/bad_request.html", {"message": str(error)}, status=400
            )

    return wrapped


def _listing(
    request: HttpRequest,
    *,
    template: str,
    filters: MovieFilters,
    layout: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    now = timezone.now()
    movies = with_trailers(filters.apply(Movie.objects.visible(), now=now))
    page = keyset_page(
        movies,
        MOVIE_SORT_KEYS[filters.sort],
        cursor=request.GET.get("cursor", ""),
        limit=PAGE_SIZE,
    )
    images = TmdbImages.load()
    context = {
        "cards": [movie_card(movie, images, today=now.date()) for movie in page.rows],
        "next_cursor": page.next_cursor,
        "layout": layout,
        "filters": filters,
        "filter_params": filters.params(),
        "feed_query": _query(filters.params()),
        **(extra or {}),
    }
    if request.headers.get(FRAGMENT_HEADER) == "page":
        response = render(request, "web/_listing.html#page", context)
    else:
        context.update(_filter_form_context(filters))
        response = render(request, template, context)
    response.headers["Vary"] = FRAGMENT_HEADER
    return response


def _query(params: dict[str, str]) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return f"?{query.urlencode()}" if params else ""


def _filter_form_context(filters: MovieFilters) -> dict[str, Any]:
    chips = []
    params = filters.params()
    labels = {
        "q": lambda: f"“{filters.q}”",
        "channel": lambda: filters.channel.name if filters.channel else "",
        "genre": lambda: filters.genre.name if filters.genre else "",
        "year": lambda: str(filters.year),
        "kind": lambda: KINDS[filters.kind],
        "status": lambda: STATUSES[filters.status],
        "new": lambda: "New this week",
        "sort": lambda: f"Sorted by {SORTS[filters.sort].lower()}",
    }
    for name in params:
        without = {key: value for key, value in params.items() if key != name}
        chips.append({"label": labels[name](), "remove": _query(without) or "?"})
    quick = {"new": "week"}
    return {
        "channels": Channel.objects.only("slug", "name"),
        "genres": Genre.objects.all(),
        "kinds": KINDS,
        "statuses": STATUSES,
        "sorts": SORTS,
        "chips": chips,
        "new_this_week": _query({**params, **quick}) if not filters.new else "",
        "more_filters_open": bool(
            {"channel", "genre", "year", "kind", "status", "sort"} & params.keys()
        ),
    }


@require_safe
@filter_errors_as_400
def radar(request: HttpRequest) -> HttpResponse:
    """Home: every film by its newest trailer, as a poster grid."""
    filters = MovieFilters.from_params(request.GET)
    return _listing(request, template="web/radar.html", filters=filters, layout="grid")


@require_safe
@filter_errors_as_400
def movie_list(request: HttpRequest) -> HttpResponse:
    """The original /movies/ page: newest first, with overviews."""
    filters = MovieFilters.from_params(request.GET)
    return _listing(request, template="web/movie_list.html", filters=filters, layout="list")


@require_safe
def movie_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    movie = get_object_or_404(
        with_trailers(Movie.objects.exclude(match_status=MatchStatus.NOT_A_MOVIE)), pk=pk
    )
    images = TmdbImages.load()
    today = timezone.now().date()
    card = movie_card(movie, images, today=today)
    context = {
        "movie": movie,
        "card": card,
        "backdrop": images.backdrop(movie.backdrop_path),
        "timeline": trailer_timeline(card.trailers),
        "cast": cast_members(movie.cast),
        "watch": watch_offers(movie.watch_providers, images),
        "watch_link": (movie.watch_providers or {}).get("link", "")
        if isinstance(movie.watch_providers, dict)
        else "",
        "runtime": runtime_text(movie.runtime),
        "canonical_url": request.build_absolute_uri(card.url),
        "feed_query": "",
    }
    return render(request, "web/movie_detail.html", context)


@require_safe
def channel_list(request: HttpRequest) -> HttpResponse:
    trailer_kinds = [VideoKind.TRAILER, VideoKind.TEASER]
    channels = Channel.objects.annotate(
        trailer_count=Count("videos", filter=Q(videos__kind__in=trailer_kinds))
    )
    return render(request, "web/channel_list.html", {"channels": channels, "feed_query": ""})


@require_safe
@filter_errors_as_400
def channel_detail(request: HttpRequest, slug: str) -> HttpResponse:
    channel = get_object_or_404(Channel, slug=slug)
    filters = MovieFilters.from_params(request.GET, channel=channel)
    params = {k: v for k, v in filters.params().items() if k != "channel"}
    return _listing(
        request,
        template="web/channel_detail.html",
        filters=filters,
        layout="grid",
        extra={"channel": channel, "feed_query": _query(params), "filter_params": params},
    )


@require_safe
@filter_errors_as_400
def calendar_ics(request: HttpRequest) -> HttpResponse:
    """Upcoming release dates (same filters as the pages) for calendar apps."""
    filters = MovieFilters.from_params(request.GET)
    now = timezone.now()
    movies = ical.movies_with_upcoming_dates(
        filters.apply(Movie.objects.visible(), now=now), today=now.date()
    )
    body = ical.calendar(
        movies,
        today=now.date(),
        now=now,
        url_of=lambda movie: request.build_absolute_uri(movie_url(movie)),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = 'inline; filename="whichmovie.ics"'
    return response


@require_safe
@filter_errors_as_400
def radarr_list(request: HttpRequest) -> JsonResponse:
    """A Radarr "custom list": identified films only, same filters as the pages."""
    filters = MovieFilters.from_params(request.GET)
    movies = (
        filters.apply(Movie.objects.visible(), now=timezone.now())
        .filter(tmdb_id__isnull=False)
        .order_by(*MOVIE_SORT_KEYS[filters.sort].ordering())
        .only("title", "imdb_id", "tmdb_id", "poster_path")[:RADARR_LIST_LIMIT]
    )
    images = TmdbImages.load()
    return JsonResponse(
        [
            {
                "title": movie.title,
                "imdb_id": movie.imdb_id,
                "tmdb_id": movie.tmdb_id,
                "poster_url": images.poster_url(movie.poster_path),
            }
            for movie in movies
        ],
        safe=False,
    )


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitors: the process answers (no database work)."""
    return HttpResponse("ok", content_type="text/plain")


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")

