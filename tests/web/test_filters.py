from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import make_movie
from whichmovie.catalog.models import Movie
from whichmovie.web.filters import STATUSES, MovieFilters, release_status, status_q

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)
TODAY = NOW.date()


def days(n):
    return TODAY + timedelta(days=n)


# (title, fields, the status a visitor should see)
CASES = [
    ("dated ahead", {"release_date": days(30)}, "upcoming"),
    (
        "theatrical ahead",
        {"release_date": days(-5), "theatrical_release_date": days(3)},
        "upcoming",
    ),
    ("opened last week", {"theatrical_release_date": days(-7)}, "in_cinemas"),
    ("opened today", {"release_date": TODAY}, "in_cinemas"),
    ("long run over", {"release_date": days(-200)}, ""),
    (
        "streams",
        {"release_date": days(-200), "watch_providers": {"flatrate": [{"provider_name": "X"}]}},
        "streaming",
    ),
    (
        "rentable in cinemas window",
        {"release_date": days(-20), "watch_providers": {"rent": []}},
        "streaming",
    ),
    # A digital date passed is not an offer in our region: the page shows the date instead.
    ("digital out", {"release_date": days(-40), "digital_release_date": days(-1)}, "in_cinemas"),
    (
        "digital out long ago",
        {"release_date": days(-400), "digital_release_date": days(-300)},
        "",
    ),
    ("digital ahead", {"release_date": days(-10), "digital_release_date": days(20)}, "in_cinemas"),
    (
        "only a link",
        {"release_date": days(10), "watch_providers": {"link": "https://x"}},
        "upcoming",
    ),
    ("no dates", {}, ""),
]


@pytest.mark.parametrize("title, fields, expected", CASES, ids=[c[0] for c in CASES])
def test_release_status_as_a_visitor_sees_it(title, fields, expected):
    assert release_status(Movie(**fields), today=TODAY) == expected


def test_the_status_filter_agrees_with_the_status_shown():
    for title, fields, _ in CASES:
        make_movie(title, **fields)

    for status in STATUSES:
        filtered = set(
            Movie.objects.filter(status_q(status, today=TODAY)).values_list("title", flat=True)
        )
        shown = {m.title for m in Movie.objects.all() if release_status(m, today=TODAY) == status}
        assert filtered == shown, status


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
