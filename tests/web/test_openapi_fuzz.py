"""A bounded schemathesis run against /api/openapi.json: every endpoint, generated parameters
(valid and invalid), every answer checked against the schema; no server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from tests.factories import make_channel, make_genre, make_movie, make_video
from whichmovie.wsgi import application

EXAMPLES = 60  # per endpoint: enough to find the overflows and odd strings, quick in CI


@pytest.fixture
def one_connection():
    """The app is called as WSGI, not through Django's test client, so do what that client
    does: keep the test's database connection (and its transaction) open between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def catalogue(db, tmdb_configuration, one_connection):
    channel = make_channel(slug="fuzz", name="Fuzz <b>[/x]</b>")
    movie = make_movie("Fuzz Film", 2025, tmdb_id=777001)
    movie.genres.add(make_genre())
    make_video(movie=movie, channel=channel)


@pytest.fixture
def api_schema(catalogue):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


# Loaded when the test runs, in the one worker that runs it: built at collection, the cases
# of every endpoint were made again in every pytest-xdist worker (about 4 s each).
schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every run: CI never fails by chance
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_never_answers_a_server_error_and_keeps_to_its_schema(case, catalogue):
    # A well-formed slug of no channel, or a cursor of another sort, is a 400 with a message:
    # the shape is right, the value is not. Every other check runs.
    # The WSGI transport does not decode gzip (real clients do): ask for the plain answer.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"}, excluded_checks=[positive_data_acceptance]
    )
