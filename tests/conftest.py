import os

import pytest

from tests.fakes.redis_server import RedisServer, free_port

# The fake TMDB's fixtures (fake_tmdb, fake_tmdb_factory) for every test.
pytest_plugins = ["tests.fakes.tmdb"]


@pytest.fixture(autouse=True)
def _isolated_settings(settings):
    """No test talks to the real TMDB or YouTube, whatever the environment says."""
    settings.TMDB_API_URL = "http://127.0.0.1:9/3"
    settings.TMDB_API_KEY = ""
    settings.TMDB_READ_ACCESS_TOKEN = ""
    settings.YOUTUBE_FEED_URL = "http://127.0.0.1:9/feeds/videos.xml"
    # Commands run in-process take the embedded path (do the work here), also in CI's run with
    # BROKER_URL set: with it they would wait for workers. Real workers: tests/test_distributed.py.
    settings.BROKER_URL = ""
    # Test users need no slow password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.YOUTUBE_REQUEST_SPACING = 0  # no sleeping between yt-dlp's (local) requests
    # Hashed file names need `collectstatic` (which `whichmovie serve` runs); tests need none.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of the test's own on a free port: tests never flush a shared Redis, and
    run side by side (pytest-xdist workers, other checkouts) without meeting."""
    if not RedisServer.available():
        if os.environ.get("WM_REQUIRE_SERVICES"):
            pytest.fail("redis-server is not installed (apt-get install redis-server)")
        pytest.skip("needs the redis-server program (apt-get install redis-server)")
    with RedisServer(free_port(), tmp_path) as server:
        yield server
