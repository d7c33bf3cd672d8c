"""A person's decisions on a movie's identity. They are final: matching never revisits them."""

from __future__ import annotations

import re

from django.db import transaction

from whichmovie.catalog.models import MatchStatus, Movie
from whichmovie.catalog.services.enrichment import movie_apply_details
from whichmovie.tmdb.client import TmdbClient

TMDB_REFERENCE_RE = re.compile(
    r"^\s*(?:https?://(?:www\.)?themoviedb\.org/movie/)?(\d+)(?:[-/?#].*)?\s*$"
)


def parse_tmdb_reference(text: str) -> int:
    """`438631`, or a TMDB movie URL such as https://www.themoviedb.org/movie/438631-dune."""
    match = TMDB_REFERENCE_RE.match(text)
    if not match:
        raise ValueError(f"not a TMDB movie id or URL: {text!r}")
    return int(match.group(1))


def movie_identify_by_hand(*, movie: Movie, tmdb_id: int, client: TmdbClient) -> Movie:
    """Set the film by hand; if another movie already is that film, the two merge."""
    details = client.movie_details(tmdb_id)
    with transaction.atomic():
        movie_apply_details(movie=movie, details=details, status=MatchStatus.MANUAL)
    return Movie.objects.get(tmdb_id=tmdb_id)


def movie_mark_not_a_movie(*, movie: Movie) -> None:
    Movie.objects.filter(pk=movie.pk).update(match_status=MatchStatus.NOT_A_MOVIE)
