"""ENRICH on the database: statuses, merges, decisions by hand, failures that lose nothing."""

import pytest

from tests.factories import make_movie, make_video
from tests.fakes.tmdb import DUNE_1984, DUNE_2021, DUNE_2021_TRAILER
from whichmovie.catalog.models import MatchStatus, Movie
from whichmovie.catalog.services.enrichment import movies_enrich, movies_refresh
from whichmovie.catalog.services.review import movie_identify_by_hand, parse_tmdb_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(fake_tmdb):
    with fake_tmdb.make_client() as client:
        yield client


def test_a_match_stores_what_users_want_to_know(client, settings):
    settings.TMDB_REGION = "US"
    dune = make_movie("Dune", 2021)
    make_video(dune)
    result = movies_enrich(client=client)
    assert result.matched == 1
    dune.refresh_from_db()
    assert (dune.tmdb_id, dune.imdb_id, dune.match_status) == (DUNE_2021, "tt1160419", "matched")
    assert dune.directors == ["Denis Villeneuve"]
    assert dune.runtime == 155 and dune.release_date.year == 2021
    assert {g.name for g in dune.genres.all()} == {"Science Fiction", "Adventure"}
    assert dune.tagline == "Beyond fear, destiny awaits."
    assert dune.cast and dune.poster_path.startswith("/")
    assert dune.certification and dune.theatrical_release_date
    assert [p["provider_name"] for p in dune.watch_providers["flatrate"]] == ["Max"]
    assert dune.match_details["queries"]


def test_namesakes_from_other_years_stay_apart(client):
    make_video(make_movie("Dune", 1984))
    make_video(make_movie("Dune", 2021))
    movies_enrich(client=client)
    assert set(Movie.objects.values_list("tmdb_id", flat=True)) == {DUNE_1984, DUNE_2021}


def test_an_unsure_match_writes_nothing_but_the_candidates(client):
    dune = make_movie("Dune", None)
    make_video(dune)
    result = movies_enrich(client=client)
    assert result.needs_review == 1
    dune.refresh_from_db()
    assert dune.match_status == "needs_review" and dune.tmdb_id is None and dune.overview == ""
    assert len(dune.match_details["candidates"]) >= 2


def test_a_series_trailer_is_not_shown_as_a_film(client):
    series = make_movie("Space Force", 2020)
    make_video(series, youtube_title="Space Force | Official Trailer | Netflix")
    film = make_movie("Dune", 2021)
    make_video(film)
    result = movies_enrich(client=client)
    assert (result.not_a_movie, result.matched, result.total) == (1, 1, 2)
    assert "1 not films" in str(result)
    series.refresh_from_db()
    assert series.match_status == MatchStatus.NOT_A_MOVIE and series.tmdb_id is None
    assert series.match_details["explanation"].startswith(
        "TMDB knows 'Space Force' as a TV series (2020), not a film"
    )
    assert list(Movie.objects.visible()) == [film]


def test_two_movies_that_are_one_film_merge_with_all_their_trailers(client):
    first = make_movie("Dune", 2021)
    make_video(first, youtube_id="aaaaaaaaaa1")
    second = make_movie("Dune: Part One", 2021)
    make_video(second, youtube_id=DUNE_2021_TRAILER)
    result = movies_enrich(client=client)
    assert result.merged == 1
    merged = Movie.objects.get(tmdb_id=DUNE_2021)
    assert set(merged.videos.values_list("youtube_id", flat=True)) == {
        "aaaaaaaaaa1",
        DUNE_2021_TRAILER,
    }
    assert Movie.objects.count() == 1


def test_a_decision_by_hand_survives_enrich_and_refresh(client):
    movie = make_movie("Dune", None)
    make_video(movie)
    movie = movie_identify_by_hand(movie=movie, tmdb_id=DUNE_1984, client=client)
    assert (movie.match_status, movie.tmdb_id) == (MatchStatus.MANUAL, DUNE_1984)
    movies_enrich(client=client)
    Movie.objects.filter(pk=movie.pk).update(enriched_at=None)
    assert movies_refresh(client=client, queryset=Movie.objects.needing_refresh()) == 1
    movie.refresh_from_db()
    assert (movie.match_status, movie.tmdb_id) == (MatchStatus.MANUAL, DUNE_1984)


def test_a_film_tmdb_cannot_answer_for_stays_pending(fake_tmdb, client):
    movie = make_movie("Dune", 2021)
    make_video(movie)
    fake_tmdb.fail_next(4, status=503)  # every attempt of one request
    result = movies_enrich(client=client, threads=1)
    assert result.failed == 1
    movie.refresh_from_db()
    assert movie.match_status == "pending"
    assert movies_enrich(client=client).matched == 1  # the next run picks it up


@pytest.mark.parametrize(
    ("text", "tmdb_id"),
    [("438631", 438631), ("https://www.themoviedb.org/movie/438631-dune", 438631), (" 62 ", 62)],
)
def test_tmdb_references(text, tmdb_id):
    assert parse_tmdb_reference(text) == tmdb_id


def test_a_bad_tmdb_reference_is_refused():
    with pytest.raises(ValueError, match="not a TMDB movie id or URL"):
        parse_tmdb_reference("https://example.com/dune")
