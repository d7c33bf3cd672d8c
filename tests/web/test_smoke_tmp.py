import pytest
from tests.factories import make_movie, make_video, make_channel, make_genre


@pytest.mark.django_db
def test_smoke(client):
    ch = make_channel(name="MUBI", slug="mubi")
    m = make_movie("Amélie", 2001, tmdb_id=194, poster_path="/a.jpg", overview="word " * 40)
    m.genres.add(make_genre())
    make_video(m, ch)
    make_movie("Unknown Film", None)
    for url in [
        "/",
        "/movies/",
        f"/movies/{m.pk}/",
        "/channels/",
        "/channels/mubi/",
        "/feed.rss",
        "/feed.atom",
        "/calendar.ics",
        "/radarr.json",
        "/api/movies",
        f"/api/movies/{m.pk}",
        "/api/videos",
        "/api/channels",
        "/api/docs",
        "/healthz",
    ]:
        r = client.get(url)
        print(url, r.status_code, len(r.content))
        assert r.status_code == 200, r.content[:3000]
