"""Every parameter of every page, feed, calendar, Radarr list, API endpoint and admin changelist,
given hostile values: never an answer >= 500, and a wrong value is a 4xx with a message."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.factories import make_channel, make_genre, make_movie, make_video
from tests.hostile_corpus import HOSTILE_PARAMS

FILTERS = ["q", "channel", "genre", "year", "kind", "status", "new", "sort", "cursor"]
ENDPOINTS = {
    "/": FILTERS,
    "/movies/": FILTERS,
    "/channels/hostile/": FILTERS,
    "/feed.rss": FILTERS,
    "/feed.atom": FILTERS,
    "/channels/hostile/feed.rss": FILTERS,
    "/calendar.ics": FILTERS,
    "/radarr.json": FILTERS,
    "/status/": FILTERS,
    "/suggest.json": ["q", *FILTERS],
    "/my/": FILTERS,  # a visitor is sent to log in, whatever the query says
    "/api/movies": [*FILTERS, "limit"],
    "/api/videos": ["channel", "kind", "movie", "cursor", "limit"],
    "/api/channels": ["x"],
}
ADMIN = {
    "/admin/catalog/movie/": ["match_status__exact", "genres__id__exact", "q", "o", "p", "id"],
    "/admin/catalog/video/": [
        "kind__exact",
        "reason",
        "channel__id__exact",
        "available__exact",
        "manual__exact",
        "q",
        "o",
        "p",
    ],
    "/admin/catalog/channel/": ["enabled__exact", "rules", "q", "o", "p"],
}
# Path parameters: ids and slugs.
PATHS = [
    "/movies/{}/",
    "/movies/1/{}/",
    "/channels/{}/",
    "/channels/{}/feed.rss",
    "/api/movies/{}",
]


def raw(value: str) -> str:
    """Percent-encoded as a browser would, lone surrogates included (as invalid UTF-8)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


@pytest.fixture
def catalogue(db, tmdb_configuration):
    channel = make_channel(slug="hostile", name="Hostile")
    genre = make_genre()
    movie = make_movie("Past Lives", 2023, tmdb_id=666022)
    movie.genres.add(genre)
    make_video(movie=movie, channel=channel)
    return movie


def assert_answered(response, url):
    assert response.status_code < 500, url
    if 400 <= response.status_code < 500 and response.status_code != 404:
        assert response.content.strip(), f"{url}: a 4xx without a message"


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_hostile_parameter_values_never_give_a_server_error(client, catalogue, path):
    for name in ENDPOINTS[path]:
        for value in HOSTILE_PARAMS:
            query = f"{name}={raw(value)}"
            response = client.get(path, QUERY_STRING=query)
            assert_answered(response, f"{path}?{query}")


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_odd_query_strings_never_give_a_server_error(client, catalogue, path):
    for query in ["year=2023&year=²", "%", "=&=&", "a" * 5000 + "=1", "year", "q=%E2%80"]:
        assert_answered(client.get(path, QUERY_STRING=query), f"{path}?{query}")


@pytest.mark.parametrize("value", [v for v in HOSTILE_PARAMS if v.strip()])
def test_a_wrong_year_is_a_400_that_says_why(client, catalogue, value):
    for path in ["/", "/feed.rss", "/calendar.ics", "/radarr.json", "/api/movies"]:
        response = client.get(path, QUERY_STRING=f"year={raw(value)}")
        assert response.status_code == 400, (path, value)
        assert b"year" in response.content


@pytest.mark.parametrize("template", PATHS)
def test_hostile_path_parameters_never_give_a_server_error(client, catalogue, template):
    for value in HOSTILE_PARAMS:
        url = template.format(raw(value))
        assert_answered(client.get(url), url)


@pytest.mark.parametrize("path", list(ADMIN))
def test_admin_changelist_filters_never_give_a_server_error(admin_client, catalogue, path):
    codes = set()
    for name in ADMIN[path]:
        for value in HOSTILE_PARAMS:
            query = f"{name}={raw(value)}"
            response = admin_client.get(path, QUERY_STRING=query)
            assert_answered(response, f"{path}?{query}")
            codes.add(response.status_code)
    assert codes & {200, 302}, codes


SIGNED_IN = ["/my/", "/my/follows/", "/my/notifications/", "/status/", "/"]


@pytest.mark.parametrize("path", SIGNED_IN)
def test_signed_in_pages_never_give_a_server_error(admin_client, catalogue, path):
    """Signed-in pages skip the shared cache and read the user's own rows: the same bar."""
    for name in FILTERS:
        for value in HOSTILE_PARAMS:
            query = f"{name}={raw(value)}"
            assert_answered(admin_client.get(path, QUERY_STRING=query), f"{path}?{query}")
