"""Enrichment given TMDB data in other scripts and of odd shapes: films after a bad one still
match, every run, and what is stored fits PostgreSQL's columns."""

from __future__ import annotations

import pytest

from tests.factories import make_movie, make_video
from tests.fakes.tmdb import make_film
from whichmovie.catalog.models import Genre, MatchStatus, Movie
from whichmovie.catalog.services.enrichment import movies_enrich, movies_refresh

pytestmark = pytest.mark.django_db

# What TMDB answers with TMDB_LANGUAGE=ru-RU, ja-JP, zh-CN, ar-SA: names Django's ASCII
# slugify turns into "", which every film after the first once crashed on (IntegrityError).
GENRES = {
    "ru": [{"id": 18, "name": "драма"}, {"id": 28, "name": "боевик"}],
    "ja": [{"id": 18, "name": "ドラマ"}, {"id": 35, "name": "コメディ"}],
    "zh": [{"id": 18, "name": "剧情"}, {"id": 878, "name": "科幻"}],
    "ar": [{"id": 18, "name": "دراما"}],
    "symbols": [{"id": 99, "name": "★☆★"}, {"id": 36, "name": "!!!"}],
}


@pytest.mark.parametrize("language", list(GENRES))
def test_genres_in_any_script_never_stop_enrichment(fake_tmdb, language):
    films = [
        make_film(8_100_000 + n, f"Harbour Story {n}", 2025, raw={"genres": GENRES[language]})
        for n in range(3)
    ]
    fake_tmdb.add(*films)
    for n in range(3):
        make_video(make_movie(f"Harbour Story {n}", 2025))
    with fake_tmdb.make_client() as client:
        assert movies_enrich(client=client).matched == 3
        # A second run (the refresh) finds the genres it made: no new rows, no crash.
        Movie.objects.update(enriched_at=None)
        assert movies_refresh(client=client, queryset=Movie.objects.all()) == 3
    genres = Genre.objects.all()
    assert genres.count() == len(GENRES[language])
    assert all(genre.slug for genre in genres)
    assert len({genre.slug for genre in genres}) == genres.count()
    for movie in Movie.objects.all():
        assert movie.genres.count() == len(GENRES[language])


def test_a_film_whose_details_cannot_be_stored_fails_alone(fake_tmdb):
    fake_tmdb.add(
        make_film(8_200_001, "Broken Story", 2025, raw={"id": "not a number"}),
        make_film(8_200_002, "Fine Story", 2025),
    )
    make_video(make_movie("Broken Story", 2025))
    make_video(make_movie("Fine Story", 2025))
    with fake_tmdb.make_client() as client:
        result = movies_enrich(client=client)
    assert result.failed == 1 and result.matched == 1
    assert Movie.objects.get(title="Broken Story").match_status == MatchStatus.PENDING
    assert Movie.objects.get(title="Fine Story").match_status == MatchStatus.MATCHED
