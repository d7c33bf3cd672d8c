"""The whole flow from outside, as a user runs it on the embedded default:
`whichmovie fetch --from-json` -> `whichmovie enrich` (a local TMDB) -> `export` and `/movies/`."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

from tests.fakes.tmdb import FAKE_API_KEY, FakeTmdb, default_films, make_film

DATA = Path(__file__).parent / "data"

# One xdist worker for the module: its pipeline fixtures are made once.
pytestmark = [pytest.mark.processes, pytest.mark.xdist_group("pipeline")]

# The films behind tests/data/ytdlp_rt_indie.json (Dune 1984 and 2021 are in the defaults).
FILMS = [
    make_film(
        430231,
        "The Endless",
        2018,
        popularity=9.0,
        vote_count=900,
        overview="Two brothers return to the cult they fled.",
    ),
    make_film(653767, "Feels Good Man", 2020, genres=(99,), popularity=4.0, vote_count=120),
    make_film(347031, "Swiss Army Man", 2016, popularity=18.0, vote_count=5000),
    make_film(489925, "The Rider", 2018, popularity=8.0, vote_count=800),
    make_film(581859, "2050", 2019, popularity=1.5, vote_count=25),
]


@pytest.fixture(scope="module")
def tmdb():
    with FakeTmdb(films=[*default_films(), *FILMS]) as fake:
        yield fake


def whichmovie(data_dir: Path, tmdb_url: str, *args: str, api_key: str = FAKE_API_KEY):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "BROKER_URL", "REDIS_URL")  # the embedded default
    }
    env.update(WHICHMOVIE_DATA_DIR=str(data_dir), TMDB_API_URL=tmdb_url, TMDB_API_KEY=api_key)
    return subprocess.run(
        [sys.executable, "-m", "whichmovie", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def exported(data_dir, tmdb_url) -> list[dict]:
    result = whichmovie(data_dir, tmdb_url, "export")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def by_title(movies: list[dict], title: str) -> list[dict]:
    return [m for m in movies if m["title"] == title]


@dataclass(frozen=True)
class Pipeline:
    data_dir: Path
    fetched: subprocess.CompletedProcess[str]
    enriched: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def rt_indie(tmp_path_factory, tmdb) -> Pipeline:
    """The pipeline run once for the module: fetch the RT Indie dump, then enrich it."""
    data_dir = tmp_path_factory.mktemp("rt_indie")
    fetched = whichmovie(
        data_dir, tmdb.url, "fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json")
    )
    enriched = whichmovie(data_dir, tmdb.url, "enrich")
    return Pipeline(data_dir, fetched, enriched)


def copy_of(pipeline: Pipeline, tmp_path: Path) -> Path:
    """A test's own copy of the module's data directory, to run more commands on."""
    return Path(shutil.copytree(pipeline.data_dir, tmp_path / "data"))


def test_fetch_enrich_export(rt_indie, tmp_path, tmdb):
    fetched, enriched = rt_indie.fetched, rt_indie.enriched
    assert fetched.returncode == 0, fetched.stderr
    assert "10 new uploads" in fetched.stdout

    assert enriched.returncode == 0, enriched.stderr
    assert "not on TMDB" in enriched.stdout

    movies = exported(copy_of(rt_indie, tmp_path), tmdb.url)
    [endless] = by_title(movies, "The Endless")
    assert endless["match_status"] == "matched"
    assert endless["tmdb_id"] == 430231 and endless["imdb_id"]
    assert endless["overview"] == "Two brothers return to the cult they fled."
    assert endless["poster_path"].startswith("/")
    assert len(endless["videos"]) == 2
    dune_ids = {m["tmdb_id"] for m in by_title(movies, "Dune")}
    assert dune_ids == {841, 438631}  # the 1984 film and the 2021 one, not the short
    [invented] = by_title(movies, "Completely Invented Picture")
    assert invented["match_status"] == "not_found"


@pytest.fixture(scope="module")
def mubi_fetched(tmp_path_factory) -> Path:
    """A data directory with the MUBI dump fetched, not enriched: tests enrich copies of it."""
    data_dir = tmp_path_factory.mktemp("mubi")
    dump = str(DATA / "ytdlp_mubi.json")
    fetched = whichmovie(data_dir, "http://127.0.0.1:9/3", "fetch", "--from-json", dump)
    assert fetched.returncode == 0, fetched.stderr
    return data_dir


def test_a_rejected_key_is_one_clear_line_and_changes_nothing(mubi_fetched, tmp_path, tmdb):
    tmp_path = Path(shutil.copytree(mubi_fetched, tmp_path / "data"))
    before = exported(tmp_path, tmdb.url)
    result = whichmovie(tmp_path, tmdb.url, "enrich", api_key="wrong-key-123")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "401" in lines[0] and "wrong-key-123" not in result.stderr
    assert exported(tmp_path, tmdb.url) == before


def test_a_dead_tmdb_is_a_clear_error(mubi_fetched, tmp_path):
    tmp_path = Path(shutil.copytree(mubi_fetched, tmp_path / "data"))
    result = whichmovie(tmp_path, "http://127.0.0.1:9/3", "enrich")
    assert result.returncode == 1
    assert "TMDB" in result.stderr and "Traceback" not in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_shows_the_enriched_movies(rt_indie, tmp_path, tmdb):
    tmp_path = copy_of(rt_indie, tmp_path)
    [endless] = by_title(exported(tmp_path, tmdb.url), "The Endless")
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BROKER_URL", "REDIS_URL")
    }
    env.update(WHICHMOVIE_DATA_DIR=str(tmp_path), TMDB_API_URL=tmdb.url, TMDB_API_KEY=FAKE_API_KEY)
    server = subprocess.Popen(
        [sys.executable, "-m", "whichmovie", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                page = httpx2.get(f"{base}/movies/", timeout=2)
                break
            except httpx2.TransportError:
                time.sleep(0.1)
        assert page.status_code == 200
        assert "The Endless" in page.text
        assert endless["poster_path"] in page.text  # the TMDB poster
        assert "i.ytimg.com/vi/ZzNotOnTmdb" in page.text  # not identified: the YouTube thumbnail
        detail = httpx2.get(f"{base}/movies/{endless['id']}/", timeout=5)
        assert detail.status_code == 200
        assert (
            "https://www.youtube.com/watch?v=dQ3mEndls02" in detail.text
            or "dQ3mEndls02" in detail.text
        )
        # What uptime monitors send: the headers of GET, no body, no warning in the log.
        head = httpx2.head(f"{base}/movies/", timeout=5)
        assert head.status_code == 200 and head.content == b""
        assert int(head.headers["content-length"]) == len(page.content)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)  # reads and closes its pipe
    assert "no-body response" not in output


def test_the_admins_first_step_works_on_a_fresh_data_directory(tmp_path, monkeypatch):
    """The README's first admin step, `manage createsuperuser`, prepares the database itself."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "correct horse battery staple")
    created = whichmovie(
        tmp_path,
        "http://127.0.0.1:9/3",
        *("manage", "createsuperuser", "--noinput", "--username", "admin"),
        *("--email", "admin@example.org"),
    )
    assert created.returncode == 0, created.stderr
    assert "Superuser created successfully." in created.stdout


def test_a_commands_help_names_it_once(tmp_path):
    result = whichmovie(tmp_path, "http://127.0.0.1:9/3", "serve", "--help")
    assert result.stdout.startswith("usage: whichmovie serve [-h]")
