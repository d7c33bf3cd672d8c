"""Search suggestions as you type: films by title, director or cast, as a small JSON list."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from whichmovie.catalog.models import Movie
from whichmovie.sources.titles import normalise_title
from whichmovie.web.cache import cached_page
from whichmovie.web.filters import FilterError, parameter

LIMIT = 8
MIN_LENGTH = 2


def _person_match(people: Any, wanted: str) -> str:
    """The first name in `people` (directors: names; cast: {name, ...}) containing `wanted`."""
    for person in people if isinstance(people, list) else []:
        name = person.get("name") if isinstance(person, dict) else person
        if isinstance(name, str) and wanted in name.casefold():
            return name
    return ""


def suggestions(text: str) -> list[dict[str, str]]:
    words = normalise_title(text).split()
    if len(text.strip()) < MIN_LENGTH or not words:
        return []
    titled = Q()
    for word in words:
        titled &= Q(search_title__contains=word)
    wanted = text.strip().casefold()
    # Names are matched on the stored JSON text: a few hundred bytes a film, read only here.
    people = Q(directors__icontains=text.strip()) | Q(cast__icontains=text.strip())
    movies = (
        Movie.objects.visible()
        .filter(titled | people)
        .only("title", "year", "directors", "cast")
        .order_by("-latest_video_at", "-id")[:LIMIT]
    )
    found = []
    for movie in movies:
        detail = ""
        if director := _person_match(movie.directors, wanted):
            detail = f"directed by {director}"
        elif actor := _person_match(movie.cast, wanted):
            detail = f"with {actor}"
        label = f"{movie.title} ({movie.year})" if movie.year else movie.title
        found.append({"label": label, "detail": detail, "url": movie.get_absolute_url()})
    return found


@require_safe
@cached_page()
def suggest(request: HttpRequest) -> HttpResponse:
    try:
        text = parameter(request.GET, "q", max_length=200)
    except FilterError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"suggestions": suggestions(text)})
