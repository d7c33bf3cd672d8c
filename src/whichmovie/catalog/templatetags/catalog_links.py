"""Links to a film's outside pages where a template has only an id (a matcher's candidate);
a Movie has them as properties (`movie.tmdb_url`, ...)."""

from django import template

from whichmovie.tmdb import links

register = template.Library()


@register.filter
def tmdb_movie_url(tmdb_id: int | str) -> str:
    return links.tmdb_movie_url(tmdb_id)
