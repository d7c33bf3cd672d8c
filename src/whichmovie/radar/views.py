"""My radar pages and the buttons' POST endpoints (plain forms: they work without JS)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from whichmovie.catalog.models import Channel, MatchStatus, Movie
from whichmovie.catalog.services.enrichment import tmdb_client
from whichmovie.catalog.services.review import parse_tmdb_reference
from whichmovie.radar.models import (
    Delivery,
    DeliveryStatus,
    FeedToken,
    Follow,
    LetterboxdRow,
    MarkState,
    NotificationTarget,
    RadarrConfig,
    Schedule,
    Wants,
)
from whichmovie.radar.services.follows import (
    FollowError,
    follow_add,
    follow_remove,
    movie_mark,
    movie_unfollow,
    videos_mark_seen,
    wants_from,
)
from whichmovie.radar.services.letterboxd import (
    LetterboxdError,
    letterboxd_import,
    letterboxd_pick,
    letterboxd_row_dismiss,
)
from whichmovie.radar.services.mine import UserRadar, my_radar_movies, seen_video_ids
from whichmovie.radar.services.notify import (
    TargetError,
    feed_token_replace,
    target_add,
    target_remove,
    target_test,
)
from whichmovie.radar.services.radarr import (
    RadarrError,
    radarr_add,
    radarr_client,
    radarr_configure,
    radarr_options,
    radarr_sync,
)
from whichmovie.tmdb.client import TmdbError
from whichmovie.web.cards import movie_card
from whichmovie.web.filters import FilterError, MovieFilters
from whichmovie.web.images import TmdbImages

PAGE_SIZE = 24
FRAGMENT_HEADER = "X-Fragment"


def _me(request: HttpRequest) -> Any:
    """The logged-in user (every view here is behind login_required)."""
    return request.user


def _id(value: str) -> int:
    """A posted row id; 0 (no row) for anything that is not one."""
    return int(value) if value.isdecimal() and len(value) <= 18 else 0


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Back to the page the button was on (only ever a page of this site)."""
    target = request.POST.get("next") or request.headers.get("Referer") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    return HttpResponseRedirect(target)


@require_safe
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My radar: followed and watchlisted films, what follows match, unseen trailers first."""
    now = timezone.now()
    radar = UserRadar.load(request.user)
    # A bounded offset ("²".isdigit() is true but int() refuses it; isdecimal() does not).
    cursor = request.GET.get("cursor", "")
    offset = int(cursor) if cursor.isdecimal() and len(cursor) <= 6 else 0
    try:  # the radar's filters narrow My radar too (/?mine=1&genre=drama lands here)
        filters = MovieFilters.from_params(request.GET)
    except FilterError as error:
        return render(request, "web/bad_request.html", {"message": str(error)}, status=400)
    movies = filters.apply(
        my_radar_movies(user=_me(request), radar=radar, now=now), now=now
    ).with_trailers()
    rows = list(movies[offset : offset + PAGE_SIZE + 1])
    page, more = rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
    seen = seen_video_ids(user=_me(request), movie_ids=[m.pk for m in page])
    images = TmdbImages.load()
    cards = []
    for i, movie in enumerate(page):
        card = movie_card(movie, images, now=now, eager=not offset and i < 6)
        card.unseen = sum(1 for video in card.trailers if video.pk not in seen)  # type: ignore[attr-defined]
        cards.append(card)
    context: dict[str, Any] = {
        "cards": cards,
        "next_cursor": str(offset + PAGE_SIZE) if more else "",
        "layout": "grid",
        "filter_params": filters.params(),
        "user_radar": radar,
        "follows": radar.follows,
    }
    if request.headers.get(FRAGMENT_HEADER) == "page":
        return render(request, "web/_listing.html#page", context)
    return render(request, "radar/mine.html", context)


ACTIONS = {"watchlist", "hide", "clear", "follow", "unfollow", "seen"}


@require_POST
@login_required
def movie_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    movie = get_object_or_404(Movie.objects.exclude(match_status=MatchStatus.NOT_A_MOVIE), pk=pk)
    if action not in ACTIONS:
        return HttpResponse(status=404)
    user = request.user
    if action == "watchlist":
        movie_mark(user=user, movie=movie, state=MarkState.WATCHLIST)
    elif action == "hide":
        movie_mark(user=user, movie=movie, state=MarkState.HIDDEN)
    elif action == "clear":
        movie_mark(user=user, movie=movie, state=None)
    elif action == "follow":
        try:
            wants = wants_from(request.POST.get("wants") or Wants.BOTH)
        except FollowError as error:
            return HttpResponse(str(error), status=400, content_type="text/plain")
        follow_add(user=user, movie=movie, wants=wants)
    elif action == "unfollow":
        movie_unfollow(user=user, movie=movie)
    else:
        trailers = Movie.objects.with_trailers().get(pk=pk).trailers
        if youtube_id := request.POST.get("video", ""):  # one trailer, played on the page
            trailers = [video for video in trailers if video.youtube_id == youtube_id]
        videos_mark_seen(user=user, videos=trailers)
    if request.headers.get(FRAGMENT_HEADER) == "none":
        return HttpResponse(status=204)
    return _back(request, reverse("radar:mine"))


@login_required
def follows(request: HttpRequest) -> HttpResponse:
    """Every follow, and the form that adds one (a channel, a person, a saved search)."""
    if request.method == "POST":
        if remove := request.POST.get("remove"):
            follow_remove(
                user=_me(request),
                follow_id=int(remove) if remove.isdecimal() and len(remove) <= 18 else 0,
            )
            return redirect("radar:follows")
        try:
            wants = wants_from(request.POST.get("wants") or Wants.BOTH)
            channel = None
            if slug := request.POST.get("channel", ""):
                channel = Channel.objects.filter(slug=slug).first()
                if channel is None:
                    raise FollowError(f"there is no channel {slug!r}")
            follow = follow_add(
                user=_me(request),
                channel=channel,
                person=request.POST.get("person", ""),
                query=request.POST.get("query", ""),
                wants=wants,
            )
        except FollowError as error:
            messages.error(request, f"Not followed: {error}.")
        else:
            messages.success(request, f"Following {follow.label}.")
        return _back(request, reverse("radar:follows"))
    context = {
        "follows": Follow.objects.filter(user=_me(request)).select_related("movie", "channel"),
        "channels": Channel.objects.only("slug", "name"),
        "wants_choices": Wants.choices,
    }
    return render(request, "radar/follows.html", context)


@login_required
def targets(request: HttpRequest) -> HttpResponse:
    """Where notifications go, whether they arrive, and a button to try."""
    user_targets = NotificationTarget.objects.filter(user=_me(request))
    if request.method == "POST":
        if pk := request.POST.get("test"):
            target = get_object_or_404(user_targets, pk=pk)
            error = target_test(target=target)
            if error:
                messages.error(request, f"The test failed: {error}")
            else:
                messages.success(request, f"Test sent to {target.display_url}.")
        elif pk := request.POST.get("remove"):
            target_remove(user=_me(request), target_id=_id(pk))
        else:
            schedule = request.POST.get("schedule") or Schedule.IMMEDIATE
            if schedule not in Schedule.values:
                schedule = Schedule.IMMEDIATE
            try:
                target_add(user=_me(request), url=request.POST.get("url", ""), schedule=schedule)
            except TargetError as error:
                messages.error(request, f"Not added: {error}.")
        return redirect("radar:targets")
    failed = (
        Delivery.objects.filter(target__user=_me(request))
        .exclude(status__in=[DeliveryStatus.SENT])
        .exclude(last_error="")
        .select_related("event__movie", "target")
        .order_by("-due_at")[:20]
    )
    token = FeedToken.objects.filter(user=_me(request)).first()
    context = {
        "targets": user_targets,
        "schedules": Schedule.choices,
        "problems": failed,
        "feed_token": token,
    }
    return render(request, "radar/targets.html", context)


@require_POST
@login_required
def feed_token_renew(request: HttpRequest) -> HttpResponse:
    """A new private feed address; the old one stops working at once."""
    feed_token_replace(user=_me(request))
    messages.success(request, "New private feed addresses made; the old ones no longer work.")
    return redirect("radar:targets")


@login_required
def radarr(request: HttpRequest) -> HttpResponse:
    """Choose Radarr's quality profile and root folder once (staff), refresh the badges."""
    options, error = None, ""
    try:
        with radarr_client() as client:
            if request.method == "POST":
                if not request.user.is_staff:
                    return HttpResponse("Only staff can set up Radarr.", status=403)
                if "refresh" in request.POST:
                    count = radarr_sync(client=client)
                    messages.success(request, f"Radarr has {count} films.")
                else:
                    profile = request.POST.get("profile", "")
                    radarr_configure(
                        client=client,
                        profile_id=int(profile)
                        if profile.isdecimal() and len(profile) <= 18
                        else 0,
                        root_folder=request.POST.get("folder", ""),
                    )
                    messages.success(request, "Radarr settings saved.")
                return redirect("radar:radarr")
            options = radarr_options(client=client)
    except RadarrError as problem:
        error = str(problem)
    context = {"options": options, "error": error, "config": RadarrConfig.objects.first()}
    return render(request, "radar/radarr.html", context)


@require_POST
@login_required
def radarr_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    movie = get_object_or_404(Movie, pk=pk)
    try:
        with radarr_client() as client:
            added = radarr_add(client=client, movie=movie)
    except RadarrError as error:
        messages.error(request, f"Not added to Radarr: {error}.")
    else:
        messages.success(request, f"{movie} {'added to' if added else 'was already in'} Radarr.")
    return _back(request, reverse("radar:mine"))


@login_required
def letterboxd(request: HttpRequest) -> HttpResponse:
    """Upload watchlist.csv from Letterboxd's export; unsure rows come back to pick from."""
    context: dict[str, Any] = {}
    if request.method == "POST":
        try:
            with tmdb_client() as client:
                if dismiss := request.POST.get("dismiss", ""):
                    letterboxd_row_dismiss(user=_me(request), row_id=_id(dismiss))
                    return redirect("radar:letterboxd")
                if pick := request.POST.get("tmdb_id", ""):
                    row = request.POST.get("row", "")
                    movie = letterboxd_pick(
                        user=_me(request),
                        tmdb_id=parse_tmdb_reference(pick),
                        client=client,
                        row_id=int(row) if row.isdecimal() and len(row) <= 18 else None,
                    )
                    messages.success(request, f"{movie} is on your watchlist.")
                    return redirect("radar:letterboxd")
                upload = request.FILES.get("file")
                if upload is None:
                    raise LetterboxdError("choose the watchlist.csv file of your export")
                text = upload.read().decode("utf-8", errors="replace")
                context["result"] = letterboxd_import(user=_me(request), text=text, client=client)
        except (LetterboxdError, ValueError, TmdbError) as error:
            messages.error(request, f"Not imported: {error}.")
    context["to_check"] = LetterboxdRow.objects.filter(user=_me(request))
    return render(request, "radar/letterboxd.html", context)
