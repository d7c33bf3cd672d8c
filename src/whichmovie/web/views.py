"""The pages: the radar (home), movie lists, a movie, channels; plus the small endpoints."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from whichmovie.catalog.models import (
    TRAILER_KINDS,
    Channel,
    Genre,
    MatchStatus,
    Movie,
    ReleaseStatus,
    VideoKind,
)
from whichmovie.catalog.schedule import channels_with_last_check
from whichmovie.catalog.services.status import channel_state, site_status
from whichmovie.catalog.services.youtube_status import youtube_health
from whichmovie.sources.clean import clean_url
from whichmovie.web import ical
from whichmovie.web.cache import cached_page
from whichmovie.web.cards import (
    cast_members,
    movie_card,
    release_facts,
    runtime_text,
    trailer_timeline,
    unidentified_note,
    watch_offers,
)
from whichmovie.web.filters import (
    DEFAULT_SORT,
    KINDS,
    SORTS,
    STATUSES,
    FilterError,
    MovieFilters,
)
from whichmovie.web.images import TmdbImages
from whichmovie.web.paging import MOVIE_SORT_KEYS, keyset_page
from whichmovie.web.safejson import inert_json

PAGE_SIZE = 24
EAGER_CARDS = 6
RADARR_LIST_LIMIT = 1000
# Radarr adds every film on a list: by default only what is coming or came out lately, not
# the back catalogue a channel's old trailers brought in (`?all=1`, a status or a year: all).
RADARR_RECENT_DAYS = 180
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
            return render(request, "web/bad_request.html", {"message": str(error)}, status=400)

    return wrapped


def _listing(
    request: HttpRequest,
    *,
    template: str,
    filters: MovieFilters,
    layout: str,
    channel: Channel | None = None,
) -> HttpResponse:
    """A page of films (radar, /movies/, a channel): filters, keyset pagination, feeds."""
    now = timezone.now()
    movies = filters.apply(Movie.objects.visible(), now=now).with_trailers()
    cursor = request.GET.get("cursor", "")
    page = keyset_page(movies, MOVIE_SORT_KEYS[filters.sort], cursor=cursor, limit=PAGE_SIZE)
    images = TmdbImages.load()
    # On a channel's page the channel is in the path, not in the query.
    params = {k: v for k, v in filters.params().items() if not (channel and k == "channel")}
    context: dict[str, Any] = {
        "cards": [
            movie_card(movie, images, now=now, eager=not cursor and i < EAGER_CARDS)
            for i, movie in enumerate(page.rows)
        ],
        "next_cursor": page.next_cursor,
        "cursor": cursor,
        "layout": layout,
        "filter_params": params,
    }
    if not page.rows and not params and not cursor and channel is None:
        context["welcome"] = site_status(now=now)  # a fresh site: say what is happening
    if request.headers.get(FRAGMENT_HEADER) == "page":
        response = render(request, "web/_listing.html#page", context)
    else:
        context.update(_filter_form_context(filters, params, channel=channel, request=request))
        response = render(request, template, context)
    response.headers["Vary"] = FRAGMENT_HEADER
    return response


def _query(params: dict[str, str]) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return f"?{query.urlencode()}" if params else ""


QUICK_FILTERS = (
    ("New this week", "new", "week"),
    *((status.label, "status", status.value) for status in ReleaseStatus),
    ("Teasers", "kind", VideoKind.TEASER.value),
)


def webcal_url(request: HttpRequest, path: str) -> str:
    """A calendar link that calendar apps subscribe to (and refresh) instead of downloading."""
    return "webcal://" + request.build_absolute_uri(path).split("://", 1)[1]


def _filter_form_context(
    filters: MovieFilters,
    params: dict[str, str],
    *,
    channel: Channel | None,
    request: HttpRequest,
) -> dict[str, Any]:
    labels = {
        "q": f"“{filters.q}”",
        "channel": filters.channel.name if filters.channel else "",
        "genre": filters.genre.name if filters.genre else "",
        "year": str(filters.year),
        "kind": KINDS.get(filters.kind, ""),
        "status": STATUSES.get(filters.status, ""),
        "new": "New this week",
        "sort": f"Sorted by {SORTS[filters.sort].lower()}",
    }
    chips = [
        {
            "label": labels[name],
            "remove": _query({k: v for k, v in params.items() if k != name}) or "?",
        }
        for name in params
    ]
    quick_filters = []
    for label, name, value in QUICK_FILTERS:
        active = params.get(name) == value
        changed = {k: v for k, v in params.items() if k != name}
        if not active:
            changed[name] = value
        quick_filters.append({"label": label, "active": active, "url": _query(changed) or "?"})
    feed_query = _query(params)
    if channel:
        rss = reverse("web:channel_feed_rss", args=[channel.slug])
        atom = reverse("web:channel_feed_atom", args=[channel.slug])
        calendar_query = _query({**params, "channel": channel.slug})
    else:
        rss, atom, calendar_query = reverse("web:feed_rss"), reverse("web:feed_atom"), feed_query
    return {
        "filters": filters,
        "channel": channel,
        "channels": Channel.objects.only("slug", "name"),
        "genres": Genre.objects.all(),
        "kinds": KINDS,
        "statuses": STATUSES,
        "sorts": SORTS,
        "default_sort": DEFAULT_SORT,
        "chips": chips,
        "quick_filters": quick_filters,
        "more_filters_count": len(
            {"channel", "genre", "year", "kind", "status", "sort"} & params.keys()
        ),
        "feed_rss": rss + feed_query,
        "feed_atom": atom + feed_query,
        "subscribe": [
            {"label": "RSS", "url": rss + feed_query},
            {"label": "Atom", "url": atom + feed_query},
            {
                "label": "Calendar",
                "url": webcal_url(request, reverse("web:calendar") + calendar_query),
            },
            {"label": "Radarr list", "url": reverse("web:radarr") + calendar_query},
        ],
    }


@require_safe
@cached_page(vary=(FRAGMENT_HEADER,))
@filter_errors_as_400
def radar(request: HttpRequest) -> HttpResponse:
    """Home: every film by its newest trailer, as a poster grid."""
    if request.GET.get("mine") == "1":  # the personal radar (radar app) has its own page
        params = request.GET.copy()
        del params["mine"]
        return redirect(reverse("radar:mine") + (f"?{params.urlencode()}" if params else ""))
    filters = MovieFilters.from_params(request.GET)
    return _listing(request, template="web/radar.html", filters=filters, layout="grid")


@require_safe
@cached_page(vary=(FRAGMENT_HEADER,))
@filter_errors_as_400
def movie_list(request: HttpRequest) -> HttpResponse:
    """The original /movies/ page: newest first, with overviews."""
    filters = MovieFilters.from_params(request.GET)
    return _listing(request, template="web/movie_list.html", filters=filters, layout="list")


@require_safe
@cached_page()
def movie_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    movie = get_object_or_404(
        Movie.objects.exclude(match_status=MatchStatus.NOT_A_MOVIE).with_trailers(), pk=pk
    )
    images = TmdbImages.load()
    card = movie_card(movie, images, now=timezone.now(), eager=True)
    providers = movie.watch_providers if isinstance(movie.watch_providers, dict) else {}
    context = {
        "movie": movie,
        "card": card,
        "backdrop": images.backdrop(movie.backdrop_path),
        "timeline": trailer_timeline(card.trailers),
        "cast": cast_members(movie.cast),
        "watch": watch_offers(providers, images),
        # TMDB's data is outside data: only an http(s) link becomes an href.
        "watch_link": clean_url(providers.get("link")),
        "runtime": runtime_text(movie.runtime),
        "release_facts": release_facts(movie),
        "unidentified_note": "" if movie.identified else unidentified_note(movie),
        "canonical_url": request.build_absolute_uri(card.url),
    }
    return render(request, "web/movie_detail.html", context)


@require_safe
@cached_page()
def channel_list(request: HttpRequest) -> HttpResponse:
    channels = channels_with_last_check(
        Channel.objects.annotate(
            trailer_count=Count("videos", filter=Q(videos__kind__in=TRAILER_KINDS))
        )
    )
    now = timezone.now()
    for channel in channels:
        channel.state = channel_state(channel, now=now)  # type: ignore[attr-defined]
    # YouTube-wide trouble (feed outage, pause, old yt-dlp) is shown once, not on each channel.
    context = {"channels": channels, "youtube": youtube_health()}
    return render(request, "web/channel_list.html", context)


@require_safe
@cached_page(vary=(FRAGMENT_HEADER,))
@filter_errors_as_400
def channel_detail(request: HttpRequest, slug: str) -> HttpResponse:
    [channel] = channels_with_last_check([get_object_or_404(Channel, slug=slug)])
    filters = MovieFilters.from_params(request.GET, channel=channel)
    channel.safe_url = clean_url(channel.url)  # type: ignore[attr-defined]
    channel.state = channel_state(channel, now=timezone.now())  # type: ignore[attr-defined]
    return _listing(
        request,
        template="web/channel_detail.html",
        filters=filters,
        layout="grid",
        channel=channel,
    )


@require_safe
@cached_page()
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
        url_of=lambda movie: request.build_absolute_uri(movie.get_absolute_url()),
        host=request.get_host().split(":")[0],
        name=" · ".join(["WhichMovie release dates", *filters.labels()]),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = 'inline; filename="whichmovie.ics"'
    return response


@require_safe
@cached_page()
@filter_errors_as_400
def radarr_list(request: HttpRequest) -> HttpResponse:
    """A Radarr "custom list": identified films only, same filters as the pages."""
    filters = MovieFilters.from_params(request.GET)
    now = timezone.now()
    movies = filters.apply(Movie.objects.visible(), now=now).filter(tmdb_id__isnull=False)
    if request.GET.get("all") != "1" and not (filters.status or filters.year):
        since = now.date() - timedelta(days=RADARR_RECENT_DAYS)
        movies = movies.filter(
            Q(theatrical_release_date__gte=since)
            | Q(theatrical_release_date__isnull=True, release_date__gte=since)
            | Q(theatrical_release_date__isnull=True, release_date__isnull=True)
        )
    movies = movies.order_by(*MOVIE_SORT_KEYS[filters.sort].ordering()).only(
        "title", "imdb_id", "tmdb_id", "poster_path"
    )[:RADARR_LIST_LIMIT]
    images = TmdbImages.load()
    items = [
        {
            "title": movie.title,
            "imdb_id": movie.imdb_id,
            "tmdb_id": movie.tmdb_id,
            "poster_url": images.poster_url(movie.poster_path),
        }
        for movie in movies
    ]
    return HttpResponse(inert_json(json.dumps(items)), content_type="application/json")


def healthz(request: HttpRequest) -> HttpResponse:
    """Kept for reversing the URL; web.health's middleware answers /healthz before it."""
    return HttpResponse("ok", content_type="text/plain")


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
