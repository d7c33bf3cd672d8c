from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_channel, make_genre, make_movie, make_video
from whichmovie.catalog.models import MatchStatus, VideoKind

pytestmark = pytest.mark.django_db


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def film(title, *, days_ago=1, channel=None, kind=VideoKind.TRAILER, **fields):
    movie = make_movie(title, latest_video_at=ago(days=days_ago), **fields)
    make_video(movie, channel, kind=kind, published_at=ago(days=days_ago))
    return movie


def test_movies_by_newest_trailer_with_what_a_client_needs(client, tmdb_configuration):
    mubi = make_channel(name="MUBI", slug="mubi")
    past_lives = film(
        "Past Lives",
        days_ago=3,
        channel=mubi,
        tmdb_id=666277,
        imdb_id="tt13238346",
        poster_path="/p.jpg",
        year=2023,
    )
    past_lives.genres.add(make_genre("Drama", 18))
    film("Anora", days_ago=1)

    body = client.get("/api/movies").json()

    assert [m["title"] for m in body["items"]] == ["Anora", "Past Lives"]
    item = body["items"][1]
    assert item["id"] == past_lives.pk
    assert item["url"] == f"http://testserver/movies/{past_lives.pk}/past-lives/"
    assert item["tmdb_id"] == 666277 and item["imdb_id"] == "tt13238346"
    assert item["poster_url"] == "https://image.tmdb.org/t/p/w500/p.jpg"
    assert item["genres"] == ["Drama"]
    assert item["channels"] == [{"slug": "mubi", "name": "MUBI"}]
    assert item["identified"] is True
    assert item["letterboxd_url"] == "https://letterboxd.com/tmdb/666277/"
    assert body["items"][0]["identified"] is False
    assert body["items"][0]["thumbnail_url"].startswith("https://i.ytimg.com/vi/")
    assert body["next_cursor"] is None and body["next"] is None


def test_movies_take_the_same_filters_as_the_pages(client):
    mubi = make_channel(slug="mubi")
    film("Amélie", channel=mubi, search_title="amelie", year=2001)
    film("Anora", year=2024, kind=VideoKind.TEASER)

    def titles(query):
        return [m["title"] for m in client.get(f"/api/movies?{query}").json()["items"]]

    assert titles("q=AMELIE") == ["Amélie"]
    assert titles("channel=mubi") == ["Amélie"]
    assert titles("year=2024") == ["Anora"]
    assert titles("kind=teaser") == ["Anora"]


def test_cursor_pagination_visits_every_movie_once(client):
    for i in range(23):
        film(f"Film {i:02d}", days_ago=i, vote_average=None if i % 4 == 0 else i / 3)
    for sort in ["newest", "rating", "release"]:
        seen, url = [], f"/api/movies?limit=5&sort={sort}"
        while url:
            body = client.get(url).json()
            seen += [m["title"] for m in body["items"]]
            url = body["next"]
        assert sorted(seen) == [f"Film {i:02d}" for i in range(23)], sort
        assert len(seen) == 23


def test_next_link_keeps_the_filters(client):
    drama = make_genre("Drama", 18)
    for i in range(3):
        film(f"Film {i}", days_ago=i).genres.add(drama)

    body = client.get("/api/movies?genre=drama&limit=2").json()

    assert body["next"].startswith("http://testserver/api/movies?genre=drama&limit=2&cursor=")
    assert client.get(body["next"]).json()["items"][0]["title"] == "Film 2"


@pytest.mark.parametrize(
    "query, status, message",
    [
        ("sort=popular", 400, "sort must be one of"),
        ("status=gone", 400, "status must be one of"),
        ("genre=nope", 400, "There is no genre"),
        ("cursor=garbage", 400, "cursor is not valid"),
        ("year=soon", 400, "year must be a year between 1870 and 2100 (got 'soon')"),
        ("year=1500", 400, "year must be a year between 1870 and 2100 (got '1500')"),
        ("limit=0", 400, "limit: Input should be greater than or equal to 1"),
        ("limit=1000", 400, "limit: Input should be less than or equal to 100"),
    ],
)
def test_bad_parameters_are_a_400_with_a_message(client, query, status, message):
    response = client.get(f"/api/movies?{query}")

    assert response.status_code == status
    body = response.json()
    assert list(body) == ["detail"] and message in body["detail"]


def test_movie_detail_has_every_video(client, tmdb_configuration):
    movie = film(
        "Past Lives",
        days_ago=2,
        tmdb_id=666277,
        cast=[{"name": "Greta Lee", "character": "Nora"}],
        backdrop_path="/b.jpg",
        watch_providers={"flatrate": [{"provider_name": "MUBI"}]},
    )
    make_video(movie, kind=VideoKind.TEASER, youtube_id="teaser00001", published_at=ago(days=40))

    body = client.get(f"/api/movies/{movie.pk}").json()

    assert body["title"] == "Past Lives"
    assert body["cast"] == [{"name": "Greta Lee", "character": "Nora"}]
    assert body["backdrop_url"] == "https://image.tmdb.org/t/p/w1280/b.jpg"
    assert body["status"] == "streaming"
    assert body["watch_providers"] == {"flatrate": [{"provider_name": "MUBI"}]}
    assert [v["kind"] for v in body["videos"]] == ["trailer", "teaser"]
    assert body["videos"][1]["embed_url"] == "https://www.youtube-nocookie.com/embed/teaser00001"


def test_missing_or_rejected_movie_is_404(client):
    rejected = film("Concert", match_status=MatchStatus.NOT_A_MOVIE)

    assert client.get("/api/movies/99999").status_code == 404
    assert client.get(f"/api/movies/{rejected.pk}").status_code == 404
    assert client.get("/api/movies/abc").status_code == 400


def test_videos_newest_first_filtered_and_paginated(client):
    mubi = make_channel(slug="mubi")
    movie = make_movie("Past Lives")
    for i in range(5):
        make_video(movie, mubi, youtube_id=f"mubi{i:07d}", published_at=ago(days=i))
    make_video(
        None, mubi, youtube_id="other000001", published_at=ago(hours=1), kind=VideoKind.OTHER
    )
    make_video(movie, youtube_id="elsewhere01", published_at=ago(hours=2))

    page = client.get("/api/videos?channel=mubi&kind=trailer&limit=3").json()
    rest = client.get(page["next"]).json()

    assert [v["youtube_id"] for v in page["items"] + rest["items"]] == [
        f"mubi{i:07d}" for i in range(5)
    ]
    assert rest["next"] is None
    assert [v["youtube_id"] for v in client.get("/api/videos?kind=other").json()["items"]] == [
        "other000001"
    ]
    assert (
        client.get(f"/api/videos?movie={movie.pk}").json()["items"][0]["youtube_id"]
        == "mubi0000000"
    )
    assert client.get("/api/videos?channel=nope").status_code == 400
    assert client.get("/api/videos?kind=clip").status_code == 400


def test_channels_with_health(client):
    make_channel(
        name="MUBI",
        slug="mubi",
        last_checked_at=ago(hours=1),
        consecutive_failures=1,
        last_error="HTTP 429",
    )

    body = client.get("/api/channels").json()

    assert body[0]["slug"] == "mubi" and body[0]["healthy"] is False
    assert body[0]["health"] == "failing (1x): HTTP 429"
    assert body[0]["page_url"] == "http://testserver/channels/mubi/"


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/openapi.json").json()
    docs = client.get("/api/docs")

    assert {"/api/movies", "/api/movies/{movie_id}", "/api/videos", "/api/channels"} <= set(
        schema["paths"]
    )
    movie_params = {p["name"] for p in schema["paths"]["/api/movies"]["get"]["parameters"]}
    assert {
        "q",
        "channel",
        "genre",
        "year",
        "kind",
        "status",
        "new",
        "sort",
        "cursor",
        "limit",
    } <= movie_params
    assert docs.status_code == 200
    # The docs page must not load anything from a CDN.
    assert "cdn." not in docs.content.decode()
