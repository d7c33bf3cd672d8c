import pytest

from tests.factories import make_movie, make_video
from whichmovie.catalog.models import Movie
from whichmovie.web import cache

pytestmark = pytest.mark.django_db


def test_a_page_is_answered_from_the_cache_until_a_new_upload_arrives(
    client, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(cache, "VERSION_SECONDS", 0)  # as if the seconds had passed
    movie = make_movie("Past Lives")
    make_video(movie)
    client.get("/")

    Movie.objects.filter(pk=movie.pk).update(title="Renamed Quietly")
    with django_assert_num_queries(1):  # the newest upload's id, nothing else
        cached = client.get("/").content.decode()
    make_video(make_movie("Anora"))
    fresh = client.get("/").content.decode()

    assert "Past Lives" in cached and "Renamed Quietly" not in cached
    assert "Renamed Quietly" in fresh and "Anora" in fresh


def test_the_cache_keeps_apart_what_differs(client):
    for i in range(25):
        make_video(make_movie(f"Film {i:02d}"))

    full = client.get("/")
    fragment = client.get("/", headers={"X-Fragment": "page"})
    filtered = client.get("/?q=film+03")

    assert "<html" in full.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "Film 03" in filtered.content.decode() and "Film 04" not in filtered.content.decode()


def test_errors_are_not_cached(client):
    assert client.get("/?year=abc").status_code == 400
    assert client.get("/?year=abc").status_code == 400
    assert client.get("/movies/12345/").status_code == 404


def test_a_burst_of_hits_touches_no_database(client, django_assert_num_queries):
    make_video(make_movie("Past Lives"))
    client.get("/")

    with django_assert_num_queries(0):
        for _ in range(5):
            assert "Past Lives" in client.get("/").content.decode()


def test_api_answers_are_cached_too(client, django_assert_num_queries):
    make_video(make_movie("Past Lives"))
    first = client.get("/api/movies")

    with django_assert_num_queries(0):
        second = client.get("/api/movies")

    assert second.json() == first.json()
    assert second["Content-Type"] == "application/json; charset=utf-8"
