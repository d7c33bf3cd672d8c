"""Add to Radarr against a local server with Radarr's v3 shapes."""

import pytest
from django.test import Client

from tests.factories import make_movie, make_video
from tests.fakes.radarr import FAKE_RADARR_KEY, FakeRadarr
from whichmovie.radar.models import RadarrConfig, RadarrMovie
from whichmovie.radar.services.radarr import (
    RadarrError,
    radarr_add,
    radarr_client,
    radarr_configure,
    radarr_sync,
)


@pytest.fixture
def radarr(settings):
    with FakeRadarr(known={438631: ("Dune", 2021), 965150: ("Aftersun", 2022)}) as fake:
        settings.RADARR_URL, settings.RADARR_API_KEY = fake.url, FAKE_RADARR_KEY
        yield fake


@pytest.fixture
def staff(make_user):
    user = make_user("admin")
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_the_profile_and_folder_are_chosen_once_then_films_are_added(db, radarr, staff):
    page = staff.get("/my/radarr/").content.decode()
    assert "HD-1080p" in page and "/data/films/" in page
    staff.post("/my/radarr/", {"profile": "4", "folder": "/data/films/"})
    config = RadarrConfig.objects.get()
    assert (config.quality_profile_id, config.root_folder_path) == (4, "/data/films/")

    dune = make_movie("Dune", 2021, tmdb_id=438631)
    make_video(dune)
    assert "Add to Radarr" in staff.get(f"/movies/{dune.pk}/").content.decode()
    response = staff.post(f"/my/movies/{dune.pk}/radarr", follow=True)
    assert "Dune (2021) added to Radarr" in response.content.decode()
    [added] = radarr.movies
    assert (added["tmdbId"], added["qualityProfileId"], added["rootFolderPath"]) == (
        438631,
        4,
        "/data/films/",
    )
    assert added["monitored"] is True and added["addOptions"] == {"searchForMovie": True}
    html = staff.get(f"/movies/{dune.pk}/").content.decode()
    assert "Already in Radarr" in html and "Add to Radarr" not in html
    assert "In Radarr" in staff.get("/").content.decode()  # the badge on its card


def test_a_film_radarr_already_has_is_recorded_not_added_twice(db, radarr):
    RadarrConfig.objects.create(pk=1, quality_profile_id=1, root_folder_path="/movies/")
    movie = make_movie("Aftersun", 2022, tmdb_id=965150)
    with radarr_client() as client:
        assert radarr_add(client=client, movie=movie) is True
        assert radarr_add(client=client, movie=movie) is False
    assert len(radarr.movies) == 1 and RadarrMovie.objects.get().tmdb_id == 965150
    assert [m for m, p in radarr.log if m == "POST"] == ["POST"]


def test_sync_reads_radarrs_list_for_the_badges(db, radarr):
    radarr.movies.append({"id": 7, "tmdbId": 438631, "title": "Dune"})
    RadarrMovie.objects.create(tmdb_id=1, radarr_id=99)  # removed in Radarr since
    with radarr_client() as client:
        assert radarr_sync(client=client) == 1
    assert list(RadarrMovie.objects.values_list("tmdb_id", "radarr_id")) == [(438631, 7)]


def test_errors_are_clear_and_never_show_the_key(db, radarr, settings):
    RadarrConfig.objects.create(pk=1, quality_profile_id=1, root_folder_path="/movies/")
    with radarr_client() as client, pytest.raises(RadarrError, match="only films identified"):
        radarr_add(client=client, movie=make_movie("Unknown", 2026))
    with radarr_client() as client, pytest.raises(RadarrError, match="no quality profile 9"):
        radarr_configure(client=client, profile_id=9, root_folder="/movies/")
    settings.RADARR_API_KEY = "wrong-key"
    with radarr_client() as client, pytest.raises(RadarrError) as error:
        radarr_add(client=client, movie=make_movie("Dune", 2021, tmdb_id=438631))
    assert "refused the API key" in str(error.value) and "wrong-key" not in str(error.value)


def test_without_radarr_settings_there_is_no_button(db, make_user, settings):
    settings.RADARR_URL = ""
    movie = make_movie("Dune", 2021, tmdb_id=438631)
    make_video(movie)
    client = Client()
    client.force_login(make_user())
    html = client.get(f"/movies/{movie.pk}/").content.decode()
    assert "+ Watchlist" in html and "Add to Radarr" not in html


def test_the_hourly_job_refreshes_the_badges_and_survives_radarr_being_down(db, radarr, settings):
    from whichmovie.radar.tasks import refresh_radarr_badges

    radarr.movies.append({"id": 3, "tmdbId": 965150, "title": "Aftersun"})
    refresh_radarr_badges()
    assert RadarrMovie.objects.get().tmdb_id == 965150
    settings.RADARR_URL = "http://127.0.0.1:9"  # nothing listens there
    refresh_radarr_badges()  # logged, not raised
    assert RadarrMovie.objects.count() == 1
