"""The `whichmovie` commands as a user runs them (in-process, on the test database)."""

import io
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections

from whichmovie.catalog.models import Channel, Movie, Video
from whichmovie.cli import main

DATA = Path(__file__).parent.parent / "data"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """A command run from the command line closes every connection when it ends; here that
    would close the test's own (PostgreSQL) connection, with its transaction."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


def run(capsys, *args, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = 0
    try:
        main(list(args))
    except SystemExit as exit:
        code = exit.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_titles_prints_one_json_object_per_line(capsys, monkeypatch):
    titles = "THE SUBSTANCE | Official Teaser | MUBI\nComing Soon to MUBI | January 2024\n"
    code, out, _ = run(
        capsys, "parse-titles", "--channel", "mubi", stdin=titles, monkeypatch=monkeypatch
    )
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0] == {
        "input": "THE SUBSTANCE | Official Teaser | MUBI",
        "kind": "teaser",
        "title": "The Substance",
        "year": None,
    }
    assert lines[1]["kind"] == "other" and lines[1]["title"] is None


def test_parse_titles_with_an_unknown_channel_uses_the_generic_rules(capsys, monkeypatch):
    stdin = "The Lord of the Rings Official Trailer #1 (2025)\n"
    code, out, _ = run(
        capsys, "parse-titles", "--channel", "nope", stdin=stdin, monkeypatch=monkeypatch
    )
    assert json.loads(out) == {
        "input": "The Lord of the Rings Official Trailer #1 (2025)",
        "kind": "trailer",
        "title": "The Lord of the Rings",
        "year": 2025,
    }


def test_fetch_from_json_then_export(capsys):
    code, out, _ = run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json"))
    assert code == 0
    assert "10 new uploads" in out
    code, out, _ = run(capsys, "export")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == Movie.objects.count() == 8
    endless = next(r for r in records if r["title"] == "The Endless")
    assert endless["match_status"] == "pending" and endless["tmdb_id"] is None
    assert {v["youtube_id"] for v in endless["videos"]} == {"dQ3mEndls01", "dQ3mEndls02"}
    assert set(endless["videos"][0]) == {
        "youtube_id",
        "channel",
        "youtube_title",
        "kind",
        "published_at",
    }


def test_fetch_from_broken_json_is_a_clear_error_and_keeps_what_is_stored(capsys, tmp_path):
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_mubi.json"))
    stored = Video.objects.count()
    broken = tmp_path / "broken.json"
    broken.write_text('{"entries": [')
    code, _, err = run(capsys, "fetch", "--from-json", str(broken))
    assert code == 1
    assert "broken.json is not valid JSON" in err
    assert Video.objects.count() == stored
    not_a_dump = tmp_path / "list.json"
    not_a_dump.write_text("[1, 2]")
    code, _, err = run(capsys, "fetch", "--from-json", str(not_a_dump))
    assert code == 1 and "not a yt-dlp playlist dump" in err


def test_fetch_of_an_unknown_channel_says_which_and_fetches_nothing(capsys):
    code, _, err = run(capsys, "fetch", "--channel", "rotten-tomatoes-indie", "--channel", "nope")
    assert code == 1 and "unknown channel: nope" in err
    assert not Video.objects.exists()


def test_enrich_without_a_key_says_so_and_changes_nothing(capsys):
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_mubi.json"))
    code, _, err = run(capsys, "enrich")
    assert code == 1
    assert "TMDB_API_KEY" in err and len(err.strip().splitlines()) == 1
    assert not Movie.objects.exclude(match_status="pending").exists()


def test_channels_list_shows_health_and_presets(capsys):
    code, out, _ = run(capsys, "channels", "list")
    assert code == 0
    assert "Rotten Tomatoes Indie" in out and "never checked" in out
    assert "a24" in out  # presets one command away


def test_a_preset_is_one_command_away(capsys):
    code, out, _ = run(capsys, "channels", "enable", "a24")
    assert code == 0
    assert Channel.objects.get(slug="a24").enabled
    run(capsys, "channels", "disable", "a24")
    assert not Channel.objects.get(slug="a24").enabled


def test_adding_a_bad_url_is_refused(capsys):
    code, _, err = run(capsys, "channels", "add", "https://example.com/trailers")
    assert code == 1 and "not a YouTube channel URL" in err
    code, _, err = run(capsys, "channels", "add", "https://www.youtube.com/@somechannel")
    assert code == 1 and "cannot reach YouTube" in err and "nothing was added" in err


def test_preview_shows_how_uploads_would_parse_without_saving(capsys):
    code, out, _ = run(
        capsys, "channels", "preview", "mubi", "--from-json", str(DATA / "ytdlp_mubi.json")
    )
    assert code == 0
    assert "The Substance" in out and "teaser" in out
    assert not Video.objects.exists()


def test_removing_a_channel_needs_confirmation(capsys):
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_mubi.json"))
    slug = Video.objects.first().channel.slug
    code, _, err = run(capsys, "channels", "remove", slug)
    assert code == 1 and "--yes" in err
    assert Video.objects.exists()
    code, _, _ = run(capsys, "channels", "remove", slug, "--yes")
    assert code == 0 and not Video.objects.exists()


def test_sync_fetches_every_channel_then_enriches(capsys, httpserver, settings, fake_tmdb):
    from datetime import UTC, datetime

    from tests.factories import make_channel, make_video
    from tests.fakes.tmdb import FAKE_API_KEY
    from tests.fakes.youtube import atom_feed
    from whichmovie.sources.youtube import Upload

    settings.YOUTUBE_FEED_URL = httpserver.url_for("/feeds/videos.xml")
    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, FAKE_API_KEY
    # The embedded path (with BROKER_URL, sync sends to workers: tests/test_distributed.py).
    settings.BROKER_URL = ""
    main(["channels", "list"])  # prepares the database: the two original channels
    Channel.objects.update(enabled=False)
    channel = make_channel(name="NEON")
    make_video(channel=channel, youtube_id="known000001")
    feed = [
        Upload("dune2021trl", "Dune | Official Trailer (2021)", datetime(2026, 11, 20, tzinfo=UTC))
    ]
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(channel.youtube_channel_id, "NEON", feed)
    )
    capsys.readouterr()
    code, out, err = run(capsys, "sync")
    assert code == 0, err
    assert "Fetched 1 channels: 1 new uploads" in out
    assert "Enriched 1 movies: 1 matched" in out
    assert Movie.objects.get(videos__youtube_id="dune2021trl").tmdb_id == 438631


def test_serve_says_at_once_when_its_port_is_taken(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "serve", "--port", str(port))
    assert code == 1
    assert f"port {port} is in use, try --port" in err


def test_channels_list_never_cuts_a_slug(capsys):
    slug = "a-distributor-with-a-rather-long-name-and-its-regional-arm-north-america"
    Channel.objects.create(
        slug=slug,
        name="A Distributor With A Rather Long Name",
        url="https://www.youtube.com/@long/videos",
        last_error="ERROR: " + "a very long yt-dlp message " * 20,
        consecutive_failures=2,
        last_checked_at="2026-01-01T00:00:00Z",
    )
    code, out, _ = run(capsys, "channels", "list")
    assert code == 0
    assert slug in out


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_on_a_terminal_the_enrichment_bar_moves_and_log_lines_print_above_it(tmp_path):
    """Run as a user runs it, on a terminal (rich told so): the bar is drawn with its total
    and the TMDB requests from the start, and every log line is a line of its own."""
    from tests.fakes.tmdb import FAKE_API_KEY, FakeTmdb

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BROKER_URL")}
    env.update(
        WHICHMOVIE_DATA_DIR=str(tmp_path),
        TMDB_API_KEY=FAKE_API_KEY,
        LOG_LEVEL="INFO",  # "not on TMDB: ..." for the films the fake does not know
        TTY_COMPATIBLE="1",
        TTY_INTERACTIVE="1",
        TERM="xterm",
        COLUMNS="160",
    )

    def whichmovie(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "whichmovie", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    assert whichmovie("fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json")).returncode == 0
    with FakeTmdb(latency_seconds=0.2) as fake:  # slow enough for the bar to be drawn
        env["TMDB_API_URL"] = fake.url
        enriched = whichmovie("enrich")
    assert enriched.returncode == 0, enriched.stderr
    assert "Enriched 8 movies" in enriched.stdout
    lines = [ANSI.sub("", line).strip("\r") for line in enriched.stderr.split("\n")]
    bars = [line for line in lines if line.startswith("Matching on TMDB")]
    assert bars and all(re.search(r" \d/8 .* \d+ TMDB requests?$", bar) for bar in bars)
    logged = [line for line in lines if "not on TMDB:" in line]
    assert len(logged) == 6  # the fake knows Dune (1984 and 2021) only
    assert all(re.match(r"\d{4}-\d\d-\d\d .* INFO whichmovie\.", line) for line in logged)
