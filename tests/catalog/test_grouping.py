"""Uploads are grouped into one movie only where the evidence agrees, before TMDB is asked."""

from datetime import UTC, date, datetime

import pytest

from tests.factories import make_channel
from whichmovie.catalog.models import MatchStatus, Movie, Video
from whichmovie.catalog.services.review import movie_mark_not_a_movie
from whichmovie.catalog.services.videos import videos_save
from whichmovie.sources.youtube import Upload

pytestmark = pytest.mark.django_db


def on(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def save(channel, *uploads):
    return videos_save(channel=channel, uploads=list(uploads), exact_dates=False)


def movie_of(youtube_id: str) -> Movie:
    movie = Video.objects.get(youtube_id=youtube_id).movie
    assert movie is not None
    return movie


def test_a_year_less_upload_does_not_join_a_namesake_of_another_year_and_channel():
    old, new = make_channel(), make_channel()
    save(old, Upload("old", "Nocturne | Official Trailer", on("2020-06-01")))
    save(old, Upload("stated", "Nocturne (2020) | Official Trailer 2", on("2020-08-01")))
    save(new, Upload("new", "NOCTURNE | Official Trailer", on("2024-09-01")))

    assert movie_of("old") == movie_of("stated")
    assert movie_of("old") != movie_of("new")
    assert Movie.objects.count() == 2


def test_a_teaser_and_its_trailer_are_one_card_in_either_order():
    channel = make_channel()
    save(channel, Upload("teaser", "The Long Walk | Teaser", on("2024-06-01")))
    save(channel, Upload("trailer", "The Long Walk (2025) | Official Trailer", on("2024-11-01")))
    assert movie_of("teaser") == movie_of("trailer")
    assert movie_of("trailer").year == 2025  # the trailer names the year the teaser lacked

    other = make_channel()
    save(
        other,
        Upload("b-teaser", "Sinners | Teaser", on("2024-10-01")),
        Upload("b-trailer", "Sinners (2025) | Official Trailer", on("2025-01-10")),
    )
    assert movie_of("b-teaser") == movie_of("b-trailer")


def test_year_less_uploads_of_one_campaign_from_two_channels_are_one_movie():
    save(make_channel(), Upload("a", "Bugonia | Official Trailer", on("2025-07-01")))
    save(make_channel(), Upload("b", "BUGONIA - Official Teaser", on("2025-08-15")))

    assert movie_of("a") == movie_of("b")


def test_uploads_years_apart_without_a_year_are_two_movies():
    channel = make_channel()
    save(
        channel,
        Upload("first", "Heat | Official Trailer", on("2012-03-01")),
        Upload("second", "Heat | Official Trailer", on("2022-03-01")),
    )

    assert movie_of("first") != movie_of("second")
    # Both keep every upload: nothing is lost, and the unique movie keys do not collide.
    assert Video.objects.filter(movie__isnull=False).count() == 2


def test_a_dated_upload_joins_the_identified_film_whose_release_fits():
    channel = make_channel()
    save(channel, Upload("first", "Anora (2024) | Official Trailer", on("2024-08-01")))
    anora = movie_of("first")
    Movie.objects.filter(pk=anora.pk).update(
        tmdb_id=1064213, title="Anora", release_date=date(2024, 10, 18), year=2024
    )

    save(make_channel(), Upload("later", "ANORA | Final Trailer", on("2024-10-01")))
    save(make_channel(), Upload("other", "Anora | Trailer", on("2031-10-01")))

    assert movie_of("later") == anora
    assert movie_of("other") != anora  # seven years after the release: another film


def test_an_upload_without_a_date_joins_only_a_year_less_group_it_cannot_contradict():
    channel = make_channel()
    save(channel, Upload("dated", "Bird | Official Trailer", on("2024-10-01")))
    save(channel, Upload("undated", "Bird | Teaser"))

    assert movie_of("dated") == movie_of("undated")


def test_an_unsure_movie_that_gets_a_new_upload_is_looked_at_again():
    channel = make_channel()
    save(channel, Upload("one", "Nightfall | Official Trailer", on("2026-01-05")))
    movie = movie_of("one")
    Movie.objects.filter(pk=movie.pk).update(
        match_status=MatchStatus.NOT_FOUND, next_match_at=on("2026-03-01")
    )
    assert not Movie.objects.needing_enrichment(now=on("2026-01-10")).filter(pk=movie.pk)

    save(channel, Upload("two", "Nightfall | Official Trailer 2", on("2026-01-09")))

    assert movie_of("two") == movie
    assert Movie.objects.needing_enrichment().filter(pk=movie.pk).exists()


def test_the_matchers_not_a_movie_is_looked_at_again_when_an_upload_attaches():
    channel = make_channel()
    save(channel, Upload("one", "Nightfall | Official Trailer", on("2026-01-05")))
    movie = movie_of("one")
    Movie.objects.filter(pk=movie.pk).update(
        match_status=MatchStatus.NOT_A_MOVIE, next_match_at=on("2026-03-01")
    )
    assert not Movie.objects.needing_enrichment(now=on("2026-01-10")).filter(pk=movie.pk)

    save(channel, Upload("two", "Nightfall | Official Trailer 2", on("2026-01-09")))

    assert movie_of("two") == movie
    assert Movie.objects.needing_enrichment().filter(pk=movie.pk).exists()


def test_a_decision_by_hand_is_never_reopened_by_a_new_upload():
    channel = make_channel()
    save(channel, Upload("one", "Nightfall | Official Trailer", on("2026-01-05")))
    movie = movie_of("one")
    movie_mark_not_a_movie(movie=movie)

    save(channel, Upload("two", "Nightfall | Official Trailer 2", on("2026-01-09")))

    assert not Movie.objects.needing_enrichment().filter(pk=movie.pk).exists()


def test_an_upload_whose_description_credits_other_people_does_not_join_the_identified_film():
    channel = make_channel()
    save(channel, Upload("first", "Anora (2024) | Official Trailer", on("2024-08-01")))
    anora = movie_of("first")
    Movie.objects.filter(pk=anora.pk).update(
        tmdb_id=1064213,
        title="Anora",
        release_date=date(2024, 10, 18),
        year=2024,
        directors=["Sean Baker"],
        cast=[{"name": "Mikey Madison"}],
    )

    save(
        make_channel(),
        Upload("same", "ANORA | Final Trailer", on("2024-10-01"), "Directed by Sean Baker."),
        Upload("other", "Anora | Trailer", on("2024-10-02"), "Starring Ava Okafor and Noah Berg."),
    )

    assert movie_of("same") == anora
    assert movie_of("other") != anora  # another film of the name: TMDB decides on its own
