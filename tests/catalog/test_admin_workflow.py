"""The admin as the person deciding films uses it: find the queue, decide, in bulk too."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import make_channel, make_movie, make_video
from tests.fakes.tmdb import DUNE_1984, DUNE_2021, FAKE_API_KEY
from whichmovie.catalog.models import Channel, MatchStatus, Movie
from whichmovie.catalog.services.enrichment import movies_enrich

pytestmark = pytest.mark.django_db


def words(response) -> str:
    return " ".join(unescape(strip_tags(response.content.decode())).split())


def _unsure(title: str, youtube_id: str, fake_tmdb) -> Movie:
    movie = make_movie(title, None)
    make_video(
        movie,
        youtube_id=youtube_id,
        youtube_title=f"{title} Official Trailer",
        published_at=None,
        description="A mythic and emotionally charged hero's journey.",
    )
    with fake_tmdb.make_client() as client:
        movies_enrich(client=client, queryset=Movie.objects.filter(pk=movie.pk))
    movie.refresh_from_db()
    assert movie.match_status == MatchStatus.NEEDS_REVIEW
    return movie


@pytest.fixture
def tmdb(fake_tmdb, settings):
    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, FAKE_API_KEY
    return fake_tmdb


@pytest.fixture
def unsure_dune(tmdb):
    return _unsure("Dune", "dunetrailer", tmdb)


def test_the_admin_index_leads_to_the_review_queue_with_its_size(admin_client, unsure_dune):
    page = admin_client.get(reverse("admin:index"))
    assert "Movies to review (1)" in words(page)
    html = page.content.decode()
    assert reverse("admin:catalog_movie_review") in html
    assert reverse("web:status") in html


def test_every_movie_has_explain_rematch_and_view_on_site(admin_client, unsure_dune):
    page = admin_client.get(reverse("admin:catalog_movie_change", args=[unsure_dune.pk]))
    html = page.content.decode()
    assert reverse("admin:catalog_movie_explain", args=[unsure_dune.pk]) in html
    assert reverse("admin:catalog_movie_rematch", args=[unsure_dune.pk]) in html
    assert "View on site" in words(page)
    # Identity is shown, not typed in: a status typed in would not record a person's decision.
    for field in ("tmdb_id", "imdb_id", "match_status", "decided_by_hand"):
        assert f'name="{field}"' not in html, field


def test_view_on_site_opens_the_film_s_page(admin_client, unsure_dune):
    page = admin_client.get(reverse("admin:catalog_movie_change", args=[unsure_dune.pk]))
    link = f'href="/movies/{unsure_dune.pk}/dune/" class="viewsitelink"'
    assert link in page.content.decode()
    assert admin_client.get(f"/movies/{unsure_dune.pk}/dune/").status_code == 200


def test_rematch_runs_the_matcher_again(admin_client, tmdb):
    movie = make_movie("Dune", 2021)
    make_video(movie, youtube_title="Dune Official Trailer (2021)")
    Movie.objects.filter(pk=movie.pk).update(match_status=MatchStatus.NOT_FOUND)

    response = admin_client.post(
        reverse("admin:catalog_movie_rematch", args=[movie.pk]), follow=True
    )

    assert Movie.objects.get(pk=movie.pk).tmdb_id == DUNE_2021
    assert "Re-matched: Dune (2021) (Matched)" in words(response)


def test_the_queue_shows_the_upload_and_what_each_candidate_is(admin_client, unsure_dune):
    page = admin_client.get(reverse("admin:catalog_movie_review"))
    text, html = words(page), page.content.decode()
    assert "https://i.ytimg.com/vi/dunetrailer/hqdefault.jpg" in html
    assert "A mythic and emotionally charged hero's journey." in text
    assert f'data-candidate="{DUNE_1984}"' in html and f'data-candidate="{DUNE_2021}"' in html
    assert "Directed by David Lynch" in text
    assert "Directed by Denis Villeneuve" in text


def test_an_imdb_url_identifies_through_tmdb_find(admin_client, unsure_dune):
    admin_client.post(
        reverse("admin:catalog_movie_identify", args=[unsure_dune.pk]),
        {"tmdb": "https://www.imdb.com/title/tt0087182/?ref_=nv_sr_srsg_0"},
    )
    movie = Movie.objects.get(pk=unsure_dune.pk)
    assert (movie.tmdb_id, movie.match_status) == (DUNE_1984, MatchStatus.MANUAL)


def test_an_imdb_id_tmdb_does_not_know_is_said_and_changes_nothing(admin_client, unsure_dune):
    response = admin_client.post(
        reverse("admin:catalog_movie_identify", args=[unsure_dune.pk]),
        {"tmdb": "tt9999999"},
        follow=True,
    )
    assert "TMDB knows no film with the IMDb id tt9999999" in words(response)
    assert Movie.objects.get(pk=unsure_dune.pk).match_status == MatchStatus.NEEDS_REVIEW


def test_bulk_decisions_in_the_queue(admin_client, tmdb):
    first, second = _unsure("Dune", "dune1", tmdb), _unsure("Dune", "dune2", tmdb)
    kept = _unsure("Dune", "dune3", tmdb)

    response = admin_client.post(
        reverse("admin:catalog_movie_review_bulk"),
        {"movie": [first.pk, second.pk], "decision": "not_a_movie"},
        follow=True,
    )

    assert "2 movies marked as not a movie" in words(response)
    statuses = dict(Movie.objects.values_list("pk", "match_status"))
    assert statuses[first.pk] == statuses[second.pk] == MatchStatus.NOT_A_MOVIE
    assert statuses[kept.pk] == MatchStatus.NEEDS_REVIEW

    admin_client.post(
        reverse("admin:catalog_movie_review_bulk"), {"movie": [kept.pk], "decision": "best"}
    )
    assert Movie.objects.get(videos__youtube_id="dune3").match_status == MatchStatus.MANUAL


def test_the_channel_form_offers_the_presets_rules_and_reads_numeric_days(admin_client):
    make_channel(slug="taken")  # the form must still save a new one
    url = reverse("admin:catalog_channel_add")
    page = admin_client.get(url).content.decode()
    assert '<option value="rotten_tomatoes"' in page and '<option value="mubi"' in page

    admin_client.post(
        url,
        {
            "slug": "a24",
            "name": "A24",
            "url": "https://www.youtube.com/@A24",
            "youtube_channel_id": "UCuPivVjnfNo4mb3Oog_frZg",
            "rules": "a24",
            "schedule": "0 3 * * 1-5",
            "enabled": "on",
            "first_fetch_depth": "200",
        },
    )

    assert Channel.objects.get(slug="a24").schedule == "0 3 * * Mon-Fri"


def test_the_channel_form_makes_the_slug_from_the_handle(admin_client):
    make_channel(slug="neon")  # taken: the new one gets the next free slug
    admin_client.post(
        reverse("admin:catalog_channel_add"),
        {
            "slug": "",
            "name": "NEON",
            "url": "https://www.youtube.com/@NEON/videos",
            "youtube_channel_id": "UC0000000000000000000NEON",
            "rules": "neon",
            "schedule": "0 3 * * *",
            "enabled": "on",
            "first_fetch_depth": "200",
        },
    )
    assert Channel.objects.filter(name="NEON").get().slug == "neon-2"
