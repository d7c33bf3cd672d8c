"""The radar from the command line, as a script would use it on the embedded default."""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils.timezone import now

from tests.factories import dated_dump
from tests.fakes.tmdb import FakeTmdb, default_films
from tests.test_pipeline import DATA, FILMS, whichmovie

# One xdist worker for the module: its fixture (four whichmovie processes) is made once.
pytestmark = [pytest.mark.processes, pytest.mark.xdist_group("radar_cli")]


@pytest.fixture(scope="module")
def tmdb():
    with FakeTmdb(films=[*default_films(), *FILMS]) as fake:
        yield fake


@dataclass(frozen=True)
class Follower:
    data_dir: Path
    made: subprocess.CompletedProcess[str]
    followed: subprocess.CompletedProcess[str]
    told: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def ann_follows_rt_indie(tmp_path_factory, tmdb, make_httpserver) -> Follower:
    """Made once for the module: ann, following RT Indie's trailers, told at the receiver's
    address (the `receiver` fixture's server lives for the whole session, on one port)."""
    data_dir = tmp_path_factory.mktemp("ann")
    assert whichmovie(data_dir, tmdb.url, "export").returncode == 0  # prepares the database
    os.environ["DJANGO_SUPERUSER_PASSWORD"] = "pw-ann-123"
    try:
        made = whichmovie(data_dir, tmdb.url, "manage", "createsuperuser", "--noinput",
                          "--username", "ann", "--email", "ann@example.org")  # fmt: skip
    finally:
        os.environ.pop("DJANGO_SUPERUSER_PASSWORD")
    followed = whichmovie(
        data_dir, tmdb.url, "follow", "ann", "channel=rt_indie", "--events", "trailers"
    )
    told = whichmovie(
        data_dir, tmdb.url, "notify", "ann", f"json://127.0.0.1:{make_httpserver.port}/hook"
    )
    return Follower(data_dir, made, followed, told)


def copy_of(follower: Follower, tmp_path: Path) -> Path:
    return Path(shutil.copytree(follower.data_dir, tmp_path / "data"))


def test_after_fetch_and_enrich_return_every_notification_they_caused_was_delivered(
    ann_follows_rt_indie, tmp_path, tmdb, receiver
):
    made, followed, told = (
        ann_follows_rt_indie.made, ann_follows_rt_indie.followed, ann_follows_rt_indie.told
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert followed.returncode == 0, followed.stderr
    assert "ann follows channel Rotten Tomatoes Indie (new trailers)" in followed.stdout
    assert told.returncode == 0, told.stderr
    tmp_path = copy_of(ann_follows_rt_indie, tmp_path)
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


def test_an_undated_back_catalogue_import_tells_nobody(
    ann_follows_rt_indie, tmp_path, tmdb, receiver
):
    """A plain dump has no dates: its uploads are a back catalogue, not news to announce."""
    tmp_path = copy_of(ann_follows_rt_indie, tmp_path)

    fetched = whichmovie(
        tmp_path, tmdb.url, "fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json")
    )
    enriched = whichmovie(tmp_path, tmdb.url, "enrich")

    assert fetched.returncode == enriched.returncode == 0, enriched.stderr
    assert "7 matched" in enriched.stdout
    assert "Notifications: 0 events" in enriched.stdout
    assert receiver.messages == []
