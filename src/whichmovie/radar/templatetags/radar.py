"""Per-user state for the buttons on cards and film pages: read once per request."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from whichmovie.catalog.models import Movie
from whichmovie.radar.models import RadarrMovie
from whichmovie.radar.services.mine import UserRadar

register = template.Library()


def signed_in(request: Any) -> bool:
    """Without a session cookie nobody is logged in: answer without touching the session,
    so public pages stay free of `Vary: Cookie` and shareable by caches."""
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return bool(request.user.is_authenticated)


@register.simple_tag(takes_context=True)
def logged_in(context: Any) -> bool:
    return signed_in(context.get("request"))


def _user_radar(request: Any) -> UserRadar:
    radar: UserRadar | None = getattr(request, "_user_radar", None)
    if radar is None:
        radar = UserRadar.load(request.user)
        request._user_radar = radar
    return radar


def _in_radarr(request: Any) -> set[int]:
    ids: set[int] | None = getattr(request, "_in_radarr", None)
    if ids is None:
        ids = (
            set(RadarrMovie.objects.values_list("tmdb_id", flat=True))
            if settings.RADARR_URL
            else set()
        )
        request._in_radarr = ids
    return ids


@register.simple_tag(takes_context=True)
def radar_state(context: Any, movie: Movie) -> dict[str, bool]:
    request = context.get("request")
    if not signed_in(request):
        return {}
    radar = _user_radar(request)
    return {
        "watchlist": movie.pk in radar.watchlist,
        "hidden": movie.pk in radar.hidden,
        "followed": movie.pk in radar.followed_movies,
        "in_radarr": movie.tmdb_id is not None and movie.tmdb_id in _in_radarr(request),
        "radarr": bool(settings.RADARR_URL),
    }


@register.simple_tag
def radarr_enabled() -> bool:
    return bool(settings.RADARR_URL)
