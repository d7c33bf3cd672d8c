"""A person's decisions on a movie's identity. They are final: matching never revisits them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.db import transaction

from whichmovie.catalog.models import MatchStatus, Movie
from whichmovie.catalog.services.enrichment import movie_apply_details, movies_enrich, tmdb_client
from whichmovie.tmdb.client import TmdbClient, TmdbError

TMDB_REFERENCE_RE = re.compile(
    r"^\s*(?:https?://(?:www\.)?themoviedb\.org/movie/)?(\d+)(?:[-/?#].*)?\s*$"
)


def parse_tmdb_reference(text: str) -> int:
    """`438631`, or a TMDB movie URL such as https://www.themoviedb.org/movie/438631-dune."""
    match = TMDB_REFERENCE_RE.match(text)
    if not match:
        raise ValueError(f"not a TMDB movie id or URL: {text!r}")
    return int(match.group(1))


IMDB_REFERENCE_RE = re.compile(
    r"^\s*(?:https?://(?:www\.|m\.)?imdb\.com/title/)?(tt\d{7,10})(?:[/?#].*)?\s*$",
    re.IGNORECASE,
)


def tmdb_id_for_reference(text: str, *, client: TmdbClient) -> int:
    """A TMDB id or URL, or an IMDb id or URL (tt0087182, https://www.imdb.com/title/...),
    which TMDB's /find turns into its own id."""
    if match := IMDB_REFERENCE_RE.match(text):
        imdb_id = match.group(1).lower()
        films = client.find_by_imdb_id(imdb_id)
        if not films:
            raise ValueError(f"TMDB knows no film with the IMDb id {imdb_id}")
        return int(films[0]["id"])
    try:
        return parse_tmdb_reference(text)
    except ValueError:
        raise ValueError(f"not a TMDB or IMDb id or URL: {text.strip()[:80]!r}") from None


def movie_identify_by_hand(*, movie: Movie, tmdb_id: int, client: TmdbClient) -> Movie:
    """Set the film by hand; if another movie already is that film, the two merge."""
    details = client.movie_details(tmdb_id)
    with transaction.atomic():
        movie_apply_details(movie=movie, details=details, status=MatchStatus.MANUAL)
    return Movie.objects.get(tmdb_id=tmdb_id)


def movie_mark_not_a_movie(*, movie: Movie) -> None:
    """A person's "not a movie": final, unlike the matcher's (a namesake series)."""
    Movie.objects.filter(pk=movie.pk).update(
        match_status=MatchStatus.NOT_A_MOVIE, decided_by_hand=True, next_match_at=None
    )


def movie_best_candidate(movie: Movie) -> int | None:
    """The matcher's first candidate for a film in review (what "accept the best" picks)."""
    candidates = (movie.match_details or {}).get("candidates") or []
    first = candidates[0] if candidates and isinstance(candidates[0], dict) else {}
    tmdb_id = first.get("tmdb_id")
    return tmdb_id if isinstance(tmdb_id, int) else None


def movie_rematch(*, movie: Movie, client: TmdbClient) -> Movie:
    """Forget how this film was identified (even by a person) and run the matcher on it now."""
    uploads = list(movie.videos.values_list("pk", flat=True))
    Movie.objects.filter(pk=movie.pk).update(
        match_status=MatchStatus.PENDING,
        next_match_at=None,
        match_attempts=0,
        decided_by_hand=False,
    )
    movies_enrich(client=client, queryset=Movie.objects.filter(pk=movie.pk), threads=1)
    # A match onto a film already known merges this row into that one: follow its uploads.
    found = Movie.objects.filter(pk=movie.pk).first()
    return found or Movie.objects.filter(videos__in=uploads).first() or movie


Decision = Literal["best", "not_a_movie", "rematch"]


@dataclass
class Decided:
    done: int = 0
    skipped: int = 0  # "best" for a film without a candidate: left as it was
    error: str = ""  # TMDB failed: the films before it are decided, the others not


def movies_decide(*, movies: Iterable[Movie], decision: Decision) -> Decided:
    """One decision for many films (the review queue's bulk form, the admin list's actions)."""
    decided = Decided()
    try:
        with tmdb_client() as client:
            for movie in movies:
                if decision == "not_a_movie":
                    movie_mark_not_a_movie(movie=movie)
                elif decision == "rematch":
                    movie_rematch(movie=movie, client=client)
                elif (tmdb_id := movie_best_candidate(movie)) is not None:
                    movie_identify_by_hand(movie=movie, tmdb_id=tmdb_id, client=client)
                else:
                    decided.skipped += 1
                    continue
                decided.done += 1
    except TmdbError as error:
        decided.error = str(error)
    return decided


def movie_identify_by_reference(*, movie: Movie, reference: str) -> Movie:
    """A person names the film: a TMDB or IMDb id or URL. ValueError for a reference that
    names no film, TmdbError when TMDB cannot say; nothing changes then."""
    with tmdb_client() as client:
        tmdb_id = tmdb_id_for_reference(reference, client=client)
        return movie_identify_by_hand(movie=movie, tmdb_id=tmdb_id, client=client)


def movie_rematch_now(*, movie: Movie) -> Movie:
    """`movie_rematch` with its own TMDB client (the admin's Re-match button)."""
    with tmdb_client() as client:
        return movie_rematch(movie=movie, client=client)
