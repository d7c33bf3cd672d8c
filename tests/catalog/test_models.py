"""The read rules on the models: release status, trailers, links, and the one vocabulary."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_channel, make_movie, make_video
from whichmovie.catalog.models import (
    MatchStatus,
    Movie,
    ReleaseStatus,
    Video,
    VideoKind,
    vocabulary_choices,
)
from whichmovie.sources import kinds as source_kinds
from whichmovie.tmdb import kinds as tmdb_kinds

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)
TODAY = NOW.date()


def days(n):
    return TODAY + timedelta(days=n)


# (title, fields, the status a visitor should see)
CASES = [
    ("dated ahead", {"release_date": days(30)}, "upcoming"),
    (
        "theatrical ahead",
        {"release_date": days(-5), "theatrical_release_date": days(3)},
        "upcoming",
    ),
    ("opened last week", {"theatrical_release_date": days(-7)}, "in_cinemas"),
    ("opened today", {"release_date": TODAY}, "in_cinemas"),
    ("long run over", {"release_date": days(-200)}, ""),
    (
        "streams",
        {"release_date": days(-200), "watch_providers": {"flatrate": [{"provider_name": "X"}]}},
        "streaming",
    ),
    (
        "rentable in cinemas window",
        {"release_date": days(-20), "watch_providers": {"rent": []}},
        "streaming",
    ),
    # A digital date passed is not an offer in our region: the page shows the date instead.
    ("digital out", {"release_date": days(-40), "digital_release_date": days(-1)}, "in_cinemas"),
    (
        "digital out long ago",
        {"release_date": days(-400), "digital_release_date": days(-300)},
        "",
    ),
    ("digital ahead", {"release_date": days(-10), "digital_release_date": days(20)}, "in_cinemas"),
    (
        "only a link",
        {"release_date": days(10), "watch_providers": {"link": "https://x"}},
        "upcoming",
    ),
    ("no dates", {}, ""),
]


@pytest.mark.parametrize("title, fields, expected", CASES, ids=[c[0] for c in CASES])
def test_release_status_as_a_visitor_sees_it(title, fields, expected):
    assert Movie(**fields).release_status(today=TODAY) == expected


def test_the_status_filter_agrees_with_the_status_shown():
    for title, fields, _ in CASES:
        make_movie(title, **fields)

    for status in ReleaseStatus:
        filtered = set(
            Movie.objects.with_release_status(status, today=TODAY).values_list("title", flat=True)
        )
        shown = {m.title for m in Movie.objects.all() if m.release_status(today=TODAY) == status}
        assert filtered == shown, status


def test_a_film_s_links_on_tmdb_imdb_and_letterboxd():
    dune = make_movie("Dune", 2021, tmdb_id=438631, imdb_id="tt1160419")

    assert dune.tmdb_url == "https://www.themoviedb.org/movie/438631"
    assert dune.imdb_url == "https://www.imdb.com/title/tt1160419/"
    assert dune.letterboxd_url == "https://letterboxd.com/tmdb/438631/"


def test_a_film_not_yet_identified_has_no_outside_links():
    unknown = make_movie("Something New", 2026)

    assert (unknown.tmdb_url, unknown.imdb_url, unknown.letterboxd_url) == ("", "", "")


def test_a_film_s_page_is_named_by_its_title_and_opens(client):
    dune = make_movie("Dune: Part Two", 2024)
    make_video(dune)
    untitled = make_movie("…", 2024)  # nothing to slug: the page without one

    assert dune.get_absolute_url() == f"/movies/{dune.pk}/dune-part-two/"
    assert untitled.get_absolute_url() == f"/movies/{untitled.pk}/"
    assert client.get(dune.get_absolute_url()).status_code == 200


def test_a_channel_s_page(client):
    a24 = make_channel(slug="a24", name="A24")

    assert a24.get_absolute_url() == "/channels/a24/"
    assert client.get(a24.get_absolute_url()).status_code == 200


def test_an_upload_s_youtube_links():
    video = make_video(make_movie(), youtube_id="dQw4w9WgXcQ")

    assert video.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert video.embed_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


def test_trailers_are_trailers_and_teasers_newest_first():
    film = make_movie("Anora", 2024)
    old = make_video(film, published_at=NOW - timedelta(days=30))
    teaser = make_video(film, kind=VideoKind.TEASER, published_at=NOW - timedelta(days=60))
    new = make_video(film, published_at=NOW)
    make_video(film, kind=VideoKind.OTHER, published_at=NOW)  # a clip of the film

    assert list(Video.objects.trailers().filter(movie=film).order_by("pk")) == [old, teaser, new]
    assert film.trailers == [new, old, teaser]  # one query, without the prefetch
    [prefetched] = Movie.objects.filter(pk=film.pk).with_trailers()
    with CaptureQueriesContext(connection) as queries:
        assert prefetched.trailers == [new, old, teaser]
        assert [v.channel.name for v in prefetched.trailers]  # channels came with them
    assert len(queries) == 0


def test_the_models_choices_are_the_pure_layer_s_vocabulary():
    """Same members, same values: a row holds the pure layer's string, and a member of either
    name is the other (`MatchStatus` in catalog.models is tmdb.kinds.MatchStatus)."""
    assert VideoKind is source_kinds.VideoKind and MatchStatus is tmdb_kinds.MatchStatus
    kind = Video._meta.get_field("kind")
    status = Movie._meta.get_field("match_status")
    date_status = Video._meta.get_field("date_status")

    assert [value for value, _ in kind.choices] == list(source_kinds.VideoKind)
    assert [value for value, _ in status.choices] == list(tmdb_kinds.MatchStatus)
    assert [value for value, _ in date_status.choices] == list(source_kinds.DateStatus)
    assert dict(status.choices)["needs_review"] == "needs review"
    assert vocabulary_choices(source_kinds.VideoKind) == [
        ("trailer", "Trailer"),
        ("teaser", "Teaser"),
        ("other", "Other"),
    ]


def test_a_stored_kind_reads_back_as_the_vocabulary_s_member():
    video = make_video(make_movie(), kind=source_kinds.VideoKind.TEASER)

    stored = Video.objects.get(pk=video.pk)
    assert stored.kind == "teaser" and source_kinds.VideoKind(stored.kind) is VideoKind.TEASER
    assert stored.get_kind_display() == "Teaser"


def test_the_admin_s_view_on_site_opens_a_channel_s_page(admin_client):
    a24 = make_channel(slug="a24", name="A24")

    page = admin_client.get(reverse("admin:catalog_channel_change", args=[a24.pk]))
    [link] = re.findall(r'href="([^"]+)" class="viewsitelink"', page.content.decode())
    assert admin_client.get(link).headers["Location"].endswith("/channels/a24/")
