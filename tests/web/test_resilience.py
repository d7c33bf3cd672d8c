"""Pages and /healthz when Redis or the broker are down."""

import pytest
from django.test import override_settings

from tests.factories import make_movie, make_video
from whichmovie.web import health

DEAD_REDIS = "redis://127.0.0.1:6391/0"  # nothing listens there

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache_down():
    dead = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": DEAD_REDIS,
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    # Restored before the web tests' own fixture clears the (then working) cache.
    with override_settings(CACHES={"default": dead}):
        yield


def test_pages_render_fresh_while_the_cache_is_down(client, redis_cache_down, caplog):
    movie = make_movie("Anora", 2024)
    make_video(movie)

    for url in ("/", f"/movies/{movie.pk}/", "/api/movies", "/feed.rss"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Anora" in client.get("/").content.decode()
    assert "page cache unavailable" in caplog.text


def test_healthz_is_503_and_names_what_is_down(client, settings):
    settings.BROKER_URL = DEAD_REDIS
    settings.REDIS_URL = "redis://127.0.0.1:6393/0"
    health._kept = None

    response = client.get("/healthz", HTTP_HOST="192.0.2.10")

    assert response.status_code == 503
    report = response.json()
    assert report["database"]["ok"] is True
    assert report["broker"]["ok"] is False and "ConnectionError" in report["broker"]["detail"]
    assert report["redis"]["ok"] is False
    assert report["status"] == "down"
