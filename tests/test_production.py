"""Production hardening: settings from the environment, one-line configuration errors, login
throttling, private files, no secrets on the DEBUG error page, quiet and short logs.

Settings are read once per process, so the environment cases run `whichmovie` in a fresh one.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from whichmovie.config import (
    LogLineFilter,
    OutsideFailureLogFilter,
    kept_secret,
    mask_url_password,
    private_directory,
)
from whichmovie.web.errors import SafeReporterFilter

PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "-production-secret-key-for-the-check-" + "y" * 20,
    "ALLOWED_HOSTS": "trailers.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


ENVIRONMENT_OF_THE_TESTS = (
    "DATABASE_URL",
    "BROKER_URL",
    "REDIS_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def whichmovie(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process: not in production.
        if key not in ENVIRONMENT_OF_THE_TESTS
    }
    environment.update({"WHICHMOVIE_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(
        [sys.executable, "-m", "whichmovie", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.processes
def test_check_deploy_is_clean_with_the_production_variables(tmp_path):
    done = whichmovie(
        tmp_path, "manage", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.processes
def test_check_deploy_names_what_is_missing_without_them(tmp_path):
    done = whichmovie(tmp_path, "manage", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


@pytest.mark.processes
@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("DATABASE_URL", "", "DATABASE_URL is set but empty"),
        ("DATABASE_URL", "nonsense", "DATABASE_URL='nonsense' is not a database URL"),
        ("DATABASE_URL", "postgres://u:hunter2@127.0.0.1:1/db", "cannot use the database"),
        ("TMDB_RATE_LIMIT", "abc", "TMDB_RATE_LIMIT='abc' is not valid"),
        ("TMDB_RATE_LIMIT", "-1", "TMDB_RATE_LIMIT=-1.0 is not valid"),
        ("FIRST_FETCH_DEPTH", "many", "FIRST_FETCH_DEPTH='many' is not valid"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL='LOUD' is not valid"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS='a year' is not valid"),
    ],
)
def test_a_configuration_mistake_is_one_line_naming_the_variable(tmp_path, variable, value, says):
    done = whichmovie(tmp_path, "channels", "list", **{variable: value})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert says in done.stderr
    assert "Traceback" not in done.stderr and "hunter2" not in done.stderr


@pytest.mark.processes
def test_the_data_directory_and_the_database_are_created_private(tmp_path):
    done = whichmovie(tmp_path, "channels", "list")
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("whichmovie.sqlite3", "secret_key"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name


def test_a_data_directory_made_by_a_process_started_alongside_is_used(tmp_path):
    # The web, worker and scheduler processes of a fleet start together on an empty volume:
    # whichever makes the directory first, the others use it.
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    assert private_directory(data) == data
    assert stat.S_IMODE(data.stat().st_mode) == 0o755, "an existing directory is left as it is"


def test_a_data_directory_that_is_a_file_is_a_one_line_error(tmp_path):
    (tmp_path / "data").write_text("not a directory")
    with pytest.raises(ImproperlyConfigured, match="is a file, not a directory"):
        private_directory(tmp_path / "data")


def test_processes_started_together_keep_the_one_secret_key_made_first(tmp_path):
    key_file = tmp_path / "secret_key"
    assert kept_secret(key_file, "first") == "first"
    assert kept_secret(key_file, "second") == "first"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"], "no draft left behind"


@pytest.mark.processes
def test_debug_logging_does_not_flood_from_the_http_library(tmp_path, httpserver):
    httpserver.expect_request("/ping").respond_with_data("pong")
    script = (
        "import django, httpx2; django.setup(); import logging; "
        "logging.getLogger('whichmovie').debug('ours'); "
        f"[httpx2.get({httpserver.url_for('/ping')!r}) for _ in range(5)]"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **{k: v for k, v in os.environ.items() if k not in ENVIRONMENT_OF_THE_TESTS},
            "DJANGO_SETTINGS_MODULE": "whichmovie.settings",
            "WHICHMOVIE_DATA_DIR": str(tmp_path / "data"),
            "LOG_LEVEL": "DEBUG",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "DEBUG whichmovie: ours" in done.stderr  # DEBUG is on ...
    assert "httpx2" not in done.stderr and "httpcore2" not in done.stderr  # ... but not theirs


def test_log_lines_from_outside_data_are_short_and_on_one_line():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "not on TMDB: %r", ("T\n\x1b[2J" + "x" * 10_000,), None
    )
    assert LogLineFilter().filter(record)
    message = record.getMessage()
    assert len(message) < 2100 and "\n" not in message and "\x1b" not in message
    assert message.endswith("characters)")


def test_a_job_failed_by_tmdb_or_youtube_is_one_log_line_and_our_bugs_keep_their_traceback():
    """What Dramatiq's worker logs when an actor raises, through the console's filter."""
    from whichmovie.sources.youtube import ChannelUnavailable
    from whichmovie.tmdb.client import TmdbUnavailable

    handler = logging.StreamHandler(stream := io.StringIO())
    handler.addFilter(OutsideFailureLogFilter())
    log = logging.getLogger("dramatiq.worker.WorkerThread")
    log.addHandler(handler)
    try:
        for error in (
            TmdbUnavailable("TMDB did not answer after 4 attempts"),
            ChannelUnavailable("the channel is gone"),
            KeyError("ours"),
        ):
            try:
                raise error
            except Exception:
                log.error(
                    "Failed to process message %s with unhandled exception.",
                    "enrich_movies()",
                    exc_info=True,
                )
        log.warning(
            "Actor 'enrich_movies' returned a value that is not None, and you haven't "
            "added the Results middleware to the broker, so the value has been discarded."
        )
    finally:
        log.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert lines[:2] == [
        "Failed to process message enrich_movies() with unhandled exception: "
        "TmdbUnavailable: TMDB did not answer after 4 attempts",
        "Failed to process message enrich_movies() with unhandled exception: "
        "ChannelUnavailable: the channel is gone",
    ]
    assert (
        lines[2].startswith("Failed to process message")
        and lines[3] == "Traceback (most recent call last):"
    )
    assert "Results middleware" not in stream.getvalue()


def test_url_passwords_are_masked():
    assert mask_url_password("redis://:s3cret@redis:6379/0") == "redis://:********@redis:6379/0"
    assert (
        mask_url_password("amqp://user:p%40ss@rabbit:5672/") == "amqp://user:********@rabbit:5672/"
    )
    assert mask_url_password("https://example.org/a:b@c") == "https://example.org/a:b@c"


def test_the_debug_error_page_shows_no_broker_or_database_password(settings):
    settings.DEBUG = True
    settings.BROKER_URL = "amqp://whichmovie:br0kerpass@rabbit:5672/"
    settings.REDIS_URL = "redis://:r3dispass@redis:6379/0"
    settings.CACHES = {"default": {"LOCATION": "redis://:c4chepass@redis:6379/1"}}
    settings.SOME_SERVICE = "postgres://app:dbpass99@db/whichmovie"
    request = RequestFactory().get("/", HTTP_X_TARGET="redis://:metapass@x:1/0")
    filtered = SafeReporterFilter()
    shown = repr(filtered.get_safe_settings()) + repr(filtered.get_safe_request_meta(request))
    for secret in ("br0kerpass", "r3dispass", "c4chepass", "dbpass99", "metapass"):
        assert secret not in shown


# Built, not written: the error page also shows the source lines and locals of the test.
HIDDEN = "br0ker" + "pass"


def test_the_debug_error_page_itself_hides_them(settings):
    settings.DEBUG = True
    settings.BROKER_URL = f"amqp://whichmovie:{HIDDEN}@rabbit:5672/"
    settings.EXTRA_SERVICE = f"postgres://app:{HIDDEN}@db/whichmovie"
    from django.views import debug

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = debug.technical_500_response(RequestFactory().get("/"), *sys.exc_info())
    page = response.content.decode()
    assert "BROKER_URL" in page and "EXTRA_SERVICE" in page
    assert HIDDEN not in page


@pytest.mark.django_db
def test_the_admin_login_is_throttled(client, settings):
    User.objects.create_superuser("admin", "admin@example.org", "the-right-password")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "admin", "password": "the-right-password"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_few_mistakes_do_not_lock_the_admin_out(client, settings):
    User.objects.create_superuser("admin", "admin@example.org", "the-right-password")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "admin", "password": "the-right-password"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_tls_settings_reach_the_responses(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/movies/").status_code == 301
    secure = client.get("/movies/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db(transaction=True)
def test_serve_opens_no_database_connection_that_gunicorn_workers_would_share(monkeypatch):
    """gunicorn forks its workers from `whichmovie serve`'s process: a connection open there
    would be one socket for several processes. Stop at gunicorn's start and look."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.backends.postgresql.base import DatabaseWrapper
    from gunicorn.app.base import BaseApplication

    open_at_fork: list[list[str]] = []

    def look_instead_of_serving(application: BaseApplication) -> None:
        open_at_fork.append(
            [c.alias for c in connections.all() if c.connection is not None]
            + list(DatabaseWrapper._connection_pools)
        )

    monkeypatch.setattr(BaseApplication, "run", look_instead_of_serving)
    User.objects.count()  # a connection open before, as the set-up leaves one
    call_command("serve", port=_free_port())
    assert open_at_fork == [[]]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


POOL_CHECK = """
import threading, django
django.setup()
from django.db import connection
pids, errors = [], []
def query():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid(), pg_sleep(0.2)")
            pids.append(cursor.fetchone()[0])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()  # what the end of a request does: back to the pool
threads = [threading.Thread(target=query) for _ in range(6)]
[t.start() for t in threads]
[t.join() for t in threads]
print(len(pids), len(set(pids)), errors)
"""


def test_database_pool_bounds_the_connections_of_a_process(tmp_path, django_db_setup):
    """DATABASE_POOL=2: six threads querying at once share two PostgreSQL connections."""
    from urllib.parse import urlsplit, urlunsplit

    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip(
            "PostgreSQL only: DATABASE_POOL is a PostgreSQL setting (.ci/run's second run "
            "sets DATABASE_URL)"
        )
    url = urlunsplit(urlsplit(url)._replace(path=f"/{connection.settings_dict['NAME']}"))
    environment = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT_OF_THE_TESTS}
    environment.update(
        WHICHMOVIE_DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=url,
        DATABASE_POOL="2",
        DJANGO_SETTINGS_MODULE="whichmovie.settings",
    )
    checked = subprocess.run(
        [sys.executable, "-c", POOL_CHECK],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.split(maxsplit=2)[:2] == ["6", "2"], checked.stdout
