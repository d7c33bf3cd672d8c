"""ENRICH on the database: statuses, merges, decisions by hand, failures that lose nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import make_movie, make_video
from tests.fakes.tmdb import (
    DUNE_1984,
    DUNE_2021,
    DUNE_2021_TRAILER,
    NOCTURNE_2020,
    NOCTURNE_2024,
    make_film,
)
from whichmovie.catalog.models import Genre, MatchStatus, Movie
from whichmovie.catalog.services.enrichment import (
    movie_apply_details,
    movies_enrich,
    movies_refresh,
)
from whichmovie.catalog.services.review import (
    movie_identify_by_hand,
    movie_mark_not_a_movie,
    parse_tmdb_reference,
)

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
    make_video(dune, published_at=None)  # no year, no date: 1984 or 2021, a person decides
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


def test_two_tmdb_entries_of_one_imdb_title_are_two_films_and_the_first_keeps_the_imdb_id(
    client,
):
    details = client.movie_details(DUNE_2021)
    first, second = make_movie("Dune", 2021), make_movie("Dune", 2021)
    movie_apply_details(movie=first, details=details, status=MatchStatus.MATCHED)
    twin = {**details, "id": 99_438_631}  # a duplicate entry TMDB has not merged yet
    assert not movie_apply_details(movie=second, details=twin, status=MatchStatus.MATCHED)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.tmdb_id, first.imdb_id) == (DUNE_2021, "tt1160419")
    assert (second.tmdb_id, second.imdb_id) == (99_438_631, None)


def test_genres_are_created_on_first_sight_and_shared_after(client, django_assert_num_queries):
    details = client.movie_details(DUNE_2021)
    Genre.objects.create(tmdb_id=1, name="Science Fiction", slug="science-fiction")  # slug taken
    dune = make_movie("Dune", 2021)
    movie_apply_details(movie=dune, details=details, status=MatchStatus.MATCHED)
    slugs = dict(Genre.objects.values_list("tmdb_id", "slug"))
    assert slugs == {1: "science-fiction", 878: "science-fiction-878", 12: "adventure"}
    again = make_movie("Dune", 2021)
    again_details = {**details, "id": 1, "imdb_id": "tt0000001"}
    # Five queries: the movies holding either id, the update, the known genres, the links.
    with django_assert_num_queries(5):
        movie_apply_details(movie=again, details=again_details, status=MatchStatus.MATCHED)
    assert set(again.genres.values_list("tmdb_id", flat=True)) == {878, 12}
    assert Genre.objects.count() == 3


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


def test_progress_counts_each_film_as_tmdb_answers_failures_too(fake_tmdb, client):
    """The command's bar moves with every answer, in any order, not with the slowest film."""
    for title, year in (("Dune", 2021), ("Anora", 2024), ("Amelie", 2001)):
        make_video(make_movie(title, year))
    fake_tmdb.fail_next(1, status=400)  # one film's request refused: that film fails
    answered = []
    result = movies_enrich(client=client, progress=answered.append)
    assert result.failed == 1
    assert answered == [1, 1, 1]


@pytest.mark.parametrize(
    ("text", "tmdb_id"),
    [("438631", 438631), ("https://www.themoviedb.org/movie/438631-dune", 438631), (" 62 ", 62)],
)
def test_tmdb_references(text, tmdb_id):
    assert parse_tmdb_reference(text) == tmdb_id


def test_a_bad_tmdb_reference_is_refused():
    with pytest.raises(ValueError, match="not a TMDB movie id or URL"):
        parse_tmdb_reference("https://example.com/dune")


def test_uploads_years_apart_in_one_movie_are_split_into_their_films(client):
    movie = make_movie("Nocturne", None)  # grouped by title alone, before grouping knew better
    make_video(movie, youtube_id="nocturne-20", published_at=datetime(2020, 2, 1, tzinfo=UTC))
    make_video(movie, youtube_id="nocturne-24", published_at=datetime(2024, 1, 20, tzinfo=UTC))

    result = movies_enrich(client=client)

    assert result.split == 1 and result.matched == 2
    assert Movie.objects.get(videos__youtube_id="nocturne-20").tmdb_id == NOCTURNE_2020
    assert Movie.objects.get(videos__youtube_id="nocturne-24").tmdb_id == NOCTURNE_2024


def test_an_unsure_result_is_looked_at_again_after_a_back_off(fake_tmdb, client):
    movie = make_movie("Zyzzyva Unknown Picture", 2026)
    make_video(movie)
    assert movies_enrich(client=client).not_found == 1
    movie.refresh_from_db()
    assert movie.match_attempts == 1
    assert movie.next_match_at - timezone.now() > timedelta(hours=23)
    assert movies_enrich(client=client).total == 0  # not before the back-off is over

    fake_tmdb.add(make_film(1_800_001, "Zyzzyva Unknown Picture", 2026))  # TMDB adds it
    later = timezone.now() + timedelta(days=2)
    assert (
        movies_enrich(client=client, queryset=Movie.objects.needing_enrichment(now=later)).matched
        == 1
    )
    movie.refresh_from_db()
    assert (movie.tmdb_id, movie.match_attempts, movie.next_match_at) == (1_800_001, 0, None)


def test_the_back_off_grows_and_a_decision_by_hand_is_never_retried(client):
    movie = make_movie("Zyzzyva Unknown Picture", 2026)
    make_video(movie)
    gaps = []
    for _ in range(5):
        movies_enrich(client=client, queryset=Movie.objects.filter(pk=movie.pk))
        movie.refresh_from_db()
        gaps.append(round((movie.next_match_at - timezone.now()) / timedelta(days=1)))
    assert gaps == [1, 7, 30, 90, 90]

    movie_mark_not_a_movie(movie=movie)
    far = timezone.now() + timedelta(days=400)
    assert not Movie.objects.needing_enrichment(now=far).exists()


def test_the_matchers_not_a_movie_is_looked_at_again_a_persons_never(fake_tmdb, client):
    series = make_movie("Space Force", 2020)
    make_video(series, youtube_title="Space Force | Official Trailer | Netflix")
    assert movies_enrich(client=client).not_a_movie == 1
    series.refresh_from_db()
    assert (series.match_status, series.decided_by_hand) == (MatchStatus.NOT_A_MOVIE, False)
    assert movies_enrich(client=client).total == 0  # not before the back-off is over

    # TMDB gets a film of that name: after the back-off the matcher weighs it.
    fake_tmdb.add(make_film(1_800_002, "Space Force", 2020))
    later = timezone.now() + timedelta(days=2)
    assert Movie.objects.needing_enrichment(now=later).filter(pk=series.pk).exists()
    movies_enrich(client=client, queryset=Movie.objects.needing_enrichment(now=later))
    series.refresh_from_db()
    assert series.match_attempts == 2
    assert "against film" in series.match_details["explanation"]

    # A person's "not a movie" is final: no back-off, no re-check, nothing overwrites it.
    movie_mark_not_a_movie(movie=series)
    far = timezone.now() + timedelta(days=400)
    assert not Movie.objects.needing_enrichment(now=far).filter(pk=series.pk).exists()
    Movie.objects.filter(pk=series.pk).update(next_match_at=timezone.now())
    assert not Movie.objects.needing_enrichment(now=far).filter(pk=series.pk).exists()


def test_a_404_on_one_request_keeps_the_candidates(fake_tmdb_factory):
    fake = fake_tmdb_factory(missing_paths=("/search/tv",))
    movie = make_movie("Dune", None)
    make_video(movie, published_at=None)
    with fake.make_client() as client:
        result = movies_enrich(client=client)
    assert result.needs_review == 1
    movie.refresh_from_db()
    assert len(movie.match_details["candidates"]) >= 2


def test_a_year_less_upload_long_after_every_namesake_is_not_found(client):
    # A new film TMDB does not list yet; only the older films of its name are there.
    dune = make_movie("Dune", None)
    make_video(dune, published_at=datetime(2026, 11, 1, tzinfo=UTC))
    assert movies_enrich(client=client).not_found == 1
    dune.refresh_from_db()
    assert dune.tmdb_id is None
    assert dune.match_details["explanation"].startswith("no candidate fits the upload")


def _two_lanterns(fake_tmdb):
    fake_tmdb.add(
        make_film(1_800_010, "The Pale Lantern", 2025, director="Ines Moreau", cast=("Ada Berg",)),
        make_film(1_800_011, "The Pale Lantern", 2026, director="Omar Quinn", cast=("Emil Sato",)),
    )


def test_uploads_of_one_movie_that_are_two_films_are_split_onto_them(fake_tmdb, client):
    # Two year-less trailers months apart: one group before TMDB is asked. Each description
    # names who made its film, so a person (and the matcher, upload by upload) tells them apart.
    _two_lanterns(fake_tmdb)
    movie = make_movie("The Pale Lantern", None)
    make_video(
        movie,
        youtube_id="lantern-a",
        published_at=datetime(2025, 1, 10, tzinfo=UTC),
        description="Directed by Ines Moreau. Starring Ada Berg.",
    )
    make_video(
        movie,
        youtube_id="lantern-b",
        published_at=datetime(2025, 11, 20, tzinfo=UTC),
        description="Directed by Omar Quinn. Starring Emil Sato.",
    )
    requests_before = len(fake_tmdb.log)

    result = movies_enrich(client=client)

    assert result.split == 1 and result.needs_review == 0
    assert Movie.objects.get(videos__youtube_id="lantern-a").tmdb_id == 1_800_010
    assert Movie.objects.get(videos__youtube_id="lantern-b").tmdb_id == 1_800_011
    assert Movie.objects.count() == 2  # no video lost, no empty card
    assert len(fake_tmdb.log) - requests_before <= 4  # the split asked TMDB nothing more
    kept = Movie.objects.get(videos__youtube_id="lantern-a")
    assert kept.match_details["upload_films"] == {"lantern-b": 1_800_011}


def test_an_upload_of_another_film_leaves_a_matched_movie_for_the_card_of_its_film(
    fake_tmdb, client
):
    _two_lanterns(fake_tmdb)
    other = make_movie("The Pale Lantern", 2026)
    make_video(other, youtube_id="lantern-c", published_at=datetime(2025, 12, 1, tzinfo=UTC))
    movie = make_movie("The Pale Lantern", 2025)
    make_video(movie, youtube_id="lantern-a", published_at=datetime(2025, 1, 10, tzinfo=UTC))
    make_video(movie, youtube_id="lantern-a2", published_at=datetime(2025, 2, 10, tzinfo=UTC))
    make_video(
        movie,
        youtube_id="lantern-b",
        parsed_year=None,
        published_at=datetime(2025, 11, 20, tzinfo=UTC),
        description="Directed by Omar Quinn. Starring Emil Sato.",
    )
    by_hand = make_video(
        movie,
        youtube_id="lantern-hand",
        parsed_year=None,
        manual=True,
        published_at=datetime(2025, 11, 21, tzinfo=UTC),
        description="Directed by Omar Quinn. Starring Emil Sato.",
    )

    movies_enrich(client=client)

    first = Movie.objects.get(videos__youtube_id="lantern-a")
    assert first.tmdb_id == 1_800_010
    assert set(first.videos.values_list("youtube_id", flat=True)) == {
        "lantern-a",
        "lantern-a2",
        "lantern-hand",  # set by hand: it stays where a person put it
    }
    # The 2026 film's upload joins the card that already is the 2026 film: one card per film.
    second = Movie.objects.get(tmdb_id=1_800_011)
    assert set(second.videos.values_list("youtube_id", flat=True)) == {"lantern-b", "lantern-c"}
    by_hand.refresh_from_db()
    assert by_hand.movie_id == first.pk
