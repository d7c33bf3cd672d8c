"""The public pages of a film on TMDB, IMDb and Letterboxd. Pure: no Django."""

from __future__ import annotations


def tmdb_movie_url(tmdb_id: int | str) -> str:
    return f"https://www.themoviedb.org/movie/{tmdb_id}"


def imdb_title_url(imdb_id: str) -> str:
    return f"https://www.imdb.com/title/{imdb_id}/"


def letterboxd_film_url(tmdb_id: int) -> str:
    """Letterboxd finds a film by its TMDB id and redirects to its own page."""
    return f"https://letterboxd.com/tmdb/{tmdb_id}/"
