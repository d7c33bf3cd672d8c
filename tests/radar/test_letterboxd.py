"""A Letterboxd watchlist export becomes watchlist entries, matched on a local TMDB."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import make_movie
from tests.fakes.tmdb import DUNE_1984, DUNE_2021
from whichmovie.radar.models import LetterboxdRow, MovieMark
from whichmovie.radar.services.letterboxd import (
    LetterboxdError,
    letterboxd_import,
    parse_watchlist,
)

EXPORT = """\ufeffDate,Name,Year,Letterboxd URI
2024-01-03,Dune,2021,https://boxd.it/2bg8
2024-02-10,Dune,1984,https://boxd.it/1z6C
2024-03-01,A Film Nobody Made Zzqx,1999,https://boxd.it/zzzz
"""


@pytest.fixture
def ann_client(make_user, fake_tmdb, settings):
    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, fake_tmdb.api_key
    client = Client()
    client.force_login(make_user())
    return client


def test_an_export_becomes_watchlist_entries_and_unsure_rows_are_listed(ann_client):
    upload = SimpleUploadedFile("watchlist.csv", EXPORT.encode(), content_type="text/csv")
    page = ann_client.post("/my/letterboxd/", {"file": upload}).content.decode()

    assert "2 added to the watchlist, 1 to check" in page
    assert "A Film Nobody Made Zzqx" in page  # listed for review
    marked = set(MovieMark.objects.values_list("movie__tmdb_id", "state"))
    assert marked == {(DUNE_2021, "watchlist"), (DUNE_1984, "watchlist")}
    # The imported films are on My radar even before WhichMovie has seen a trailer of them.
    assert ann_client.get("/my/").content.decode().count('class="card-title"') == 2


def test_unsure_rows_wait_on_the_page_until_a_person_picks_or_dismisses_them(ann_client):
    export = "Date,Name,Year,Letterboxd URI\n,A Film Nobody Made Zzqx,1999,\n,Nope Qqzx,2001,\n"
    upload = SimpleUploadedFile("watchlist.csv", export.encode(), content_type="text/csv")
    ann_client.post("/my/letterboxd/", {"file": upload})
    first, second = LetterboxdRow.objects.all()
    assert "A Film Nobody Made Zzqx" in ann_client.get("/my/letterboxd/").content.decode()

    ann_client.post("/my/letterboxd/", {"tmdb_id": str(DUNE_2021), "row": first.pk})
    ann_client.post("/my/letterboxd/", {"dismiss": second.pk})
    assert MovieMark.objects.get().movie.tmdb_id == DUNE_2021
    assert not LetterboxdRow.objects.exists()


def test_any_film_can_be_added_by_its_tmdb_url(ann_client):
    ann_client.post(
        "/my/letterboxd/", {"tmdb_id": f"https://www.themoviedb.org/movie/{DUNE_2021}-dune"}
    )
    assert MovieMark.objects.get().movie.tmdb_id == DUNE_2021


def test_films_already_in_the_catalogue_are_reused(make_user, fake_tmdb):
    known = make_movie("Dune", 2021, tmdb_id=DUNE_2021)
    with fake_tmdb.make_client() as client:
        result = letterboxd_import(
            user=make_user(), text="Date,Name,Year,Letterboxd URI\n,Dune,2021,\n", client=client
        )
    assert result.added == [known] and fake_tmdb.log == []


def test_a_file_that_is_not_an_export_is_refused_clearly():
    with pytest.raises(LetterboxdError, match="columns Date, Name, Year"):
        parse_watchlist("title,when\nDune,2021\n")
    with pytest.raises(LetterboxdError, match="line 2: Year must be a year"):
        parse_watchlist("Date,Name,Year,Letterboxd URI\n,Dune,soon,\n")
