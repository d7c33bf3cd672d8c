"""The radar from the command line, as a script would use it on the embedded default."""

import os

import pytest
from django.utils.timezone import now

from tests.factories import dated_dump
from tests.fakes.tmdb import FakeTmdb, default_films
from tests.test_pipeline import DATA, FILMS, whichmovie


@pytest.fixture
def tmdb():
    with FakeTmdb(films=[*default_films(), *FILMS]) as fake:
        yield fake


def test_after_fetch_and_enrich_return_every_notification_they_caused_was_delivered(
    tmp_path, tmdb, receiver
):
    assert whichmovie(tmp_path, tmdb.url, "export").returncode == 0  # prepares the database
    env_password = {"DJANGO_SUPERUSER_PASSWORD": "pw-ann-123"}
    os.environ.update(env_password)
    try:
        made = whichmovie(
            tmp_path,
            tmdb.url,
            "manage",
            "createsuperuser",
            "--noinput",
            "--username",
            "ann",
            "--email",
            "ann@example.org",
        )
    finally:
        os.environ.pop("DJANGO_SUPERUSER_PASSWORD")
    assert made.returncode == 0, made.stderr
    followed = whichmovie(
        tmp_path, tmdb.url, "follow", "ann", "channel=rt_indie", "--events", "trailers"
    )
    assert followed.returncode == 0, followed.stderr
    assert "ann follows channel Rotten Tomatoes Indie (new trailers)" in followed.stdout
    told = whichmovie(tmp_path, tmdb.url, "notify", "ann", receiver.url())
    assert told.returncode == 0, told.stderr
    tested = whichmovie(tmp_path, tmdb.url, "notify-test", "ann")
    assert tested.returncode == 0, tested.stderr
    assert [m["title"] for m in receiver.messages] == ["WhichMovie test"]

    fetched = whichmovie(
        tmp_path,
        tmdb.url,
        "fetch",
        "--from-json",
        str(dated_dump(DATA / "ytdlp_rt_indie.json", tmp_path / "dump.json", newest=now())),
    )
    assert fetched.returncode == 0, fetched.stderr
    assert "Notifications: 0 events" in fetched.stdout  # nothing identified yet
    enriched = whichmovie(tmp_path, tmdb.url, "enrich")
    assert enriched.returncode == 0, enriched.stderr

    told = receiver.messages[1:]
    assert "New trailer: The Endless (2018)" in {m["title"] for m in told}
    uploads = {m["message"].split("watch?v=")[1][:11] for m in told}
    assert len(uploads) == len(told) == 8  # one message per trailer, each once
    assert "8 sent" in enriched.stdout
    again = whichmovie(tmp_path, tmdb.url, "enrich")
    assert "Notifications: 0 events" in again.stdout and len(receiver.messages) == 9


def test_bad_input_is_refused_with_a_clear_message(tmp_path, tmdb):
    result = whichmovie(tmp_path, tmdb.url, "follow", "nobody", "channel=mubi")
    assert result.returncode != 0 and "there is no user 'nobody'" in result.stderr


def test_an_undated_back_catalogue_import_tells_nobody(tmp_path, tmdb, receiver):
    """A plain dump has no dates: its uploads are a back catalogue, not news to announce."""
    assert whichmovie(tmp_path, tmdb.url, "export").returncode == 0
    os.environ["DJANGO_SUPERUSER_PASSWORD"] = "pw-ann-123"
    try:
        whichmovie(tmp_path, tmdb.url, "manage", "createsuperuser", "--noinput",
                   "--username", "ann", "--email", "ann@example.org")  # fmt: skip
    finally:
        os.environ.pop("DJANGO_SUPERUSER_PASSWORD")
    whichmovie(tmp_path, tmdb.url, "follow", "ann", "channel=rt_indie", "--events", "trailers")
    whichmovie(tmp_path, tmdb.url, "notify", "ann", receiver.url())

    fetched = whichmovie(
        tmp_path, tmdb.url, "fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json")
    )
    enriched = whichmovie(tmp_path, tmdb.url, "enrich")

    assert fetched.returncode == enriched.returncode == 0, enriched.stderr
    assert "7 matched" in enriched.stdout
    assert "Notifications: 0 events" in enriched.stdout
    assert receiver.messages == []
