from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import make_movie
from whichmovie.catalog.models import Movie
from whichmovie.web.filters import MovieFilters

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)
TODAY = NOW.date()


def days(n):
    return TODAY + timedelta(days=n)


def test_params_round_trip_and_leave_defaults_out():
    filters = MovieFilters.from_params(
        {"q": " dune ", "year": "2021", "sort": "newest", "kind": ""}
    )

    assert filters.params() == {"q": "dune", "year": "2021"}
    assert MovieFilters.from_params(filters.params()) == filters


def test_search_words_are_normalised_like_stored_titles():
    assert MovieFilters(q="Amélie  &  Co.").search_words == ["amelie", "and", "co"]


@pytest.mark.parametrize("few_related_rows", [0, 2000])
def test_channel_and_genre_filters_find_the_same_films_either_way(monkeypatch, few_related_rows):
    """Big channels and genres are tested film by film, small ones read from their rows."""
    from tests.factories import make_channel, make_genre, make_video
    from whichmovie.catalog.models import VideoKind
    from whichmovie.web import filters

    monkeypatch.setattr(filters, "FEW_RELATED_ROWS", few_related_rows)
    mubi, other = make_channel(slug="mubi"), make_channel()
    drama = make_genre("Drama", 18)
    teased = make_movie("Teased On Mubi")
    make_video(teased, mubi, kind=VideoKind.TEASER)
    make_video(teased, other, kind=VideoKind.TRAILER)
    teased.genres.add(drama)
    make_video(make_movie("Trailer On Mubi"), mubi)
    make_video(make_movie("Elsewhere"), other, kind=VideoKind.TEASER)

    def titles(**params):
        found = MovieFilters.from_params(params).apply(Movie.objects.visible(), now=NOW)
        return sorted(found.values_list("title", flat=True))

    assert titles(channel="mubi") == ["Teased On Mubi", "Trailer On Mubi"]
    assert titles(channel="mubi", kind="teaser") == ["Teased On Mubi"]
    assert titles(kind="teaser") == ["Elsewhere", "Teased On Mubi"]
    assert titles(genre="drama", channel="mubi") == ["Teased On Mubi"]
