"""Commands given hostile files and hostile stored text: one clear line, nothing half-done,
nothing printed as markup or terminal escapes, one failure never stopping the rest."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import make_channel, make_video
from tests.fakes.youtube import atom_feed
from whichmovie.catalog.models import Channel, Video
from whichmovie.cli import prepare_database
from whichmovie.sources.youtube import Upload

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data"
CHANNEL_ID = "UCMvR3UqsYSrdi6G6nBGPY9A"


def run(capsys, *args: str) -> tuple[int, str, str]:
    """A command as `whichmovie` runs it, minus closing the database connection at the end
    (which would end the test's transaction on PostgreSQL)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
        code = 1
    return code, out.getvalue(), err.getvalue()


def deep(levels: int) -> str:
    return '{"entries": [' * levels + "]}" * levels


MALFORMED = {
    "not_json.json": b"<html><body>YouTube</body></html>",
    "not_utf8.json": b'{"entries": [{"title": "\xff\xfe"}]}',
    "deep.json": deep(100_000).encode(),
    "list.json": b"[1, 2, 3]",
    "empty.json": b"",
    "overflow.json": json.dumps(
        {
            "channel_id": CHANNEL_ID,
            "entries": [{"id": "overflow001", "title": 5, "timestamp": 10**400}],
        }
    ).encode(),
    "surrogates.json": b'{"channel": "\\ud800", "channel_id": "\\udfff", "entries": []}',
    "other_site.json": json.dumps(
        {"extractor_key": "Vimeo", "webpage_url": "https://vimeo.com/x", "entries": []}
    ).encode(),
    "javascript.json": json.dumps(
        {"channel_url": "javascript:alert(1)", "entries": [{"id": "a" * 11, "title": "x"}]}
    ).encode(),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_dump_is_one_line_and_leaves_nothing_behind(capsys, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(MALFORMED[name])
    prepare_database()  # the original channels, which every command makes first
    channels = Channel.objects.count()
    code, out, err = run(capsys, "fetch", "--from-json", str(path))
    assert code == 1
    assert "Traceback" not in err
    assert err.count("\n") == 2, err  # the file's line and the summary: "1 of 1 file(s) refused"
    assert name in err and "nothing was imported" in err
    assert Channel.objects.count() == channels and Video.objects.count() == 0


def test_a_bad_file_never_stops_the_good_ones(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    code, out, err = run(capsys, "fetch", "--from-json", str(bad), str(DATA / "ytdlp_mubi.json"))
    assert code == 1 and "1 of 2 file(s) refused" in err
    assert "ytdlp_mubi.json -> MUBI" in out
    assert Video.objects.filter(channel__youtube_channel_id=CHANNEL_ID).count() == 4


def test_channel_names_and_titles_are_printed_as_text_not_markup(capsys, tmp_path):
    make_channel(slug="markup", name="[/x] [official trailer] [bold red]loud\x1b[2J\x9b31m")
    code, out, err = run(capsys, "channels", "list")
    assert code == 0, err
    assert "[/x] [official trailer] [bold red]loud" in out
    assert "\x1b" not in out and "\x9b" not in out
    dump = json.loads((DATA / "ytdlp_mubi.json").read_text())
    dump["entries"][0]["title"] = "[/x] FILM [official trailer] | Official Trailer \x1b[31m"
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(dump))
    code, out, err = run(capsys, "channels", "preview", "--from-json", str(path))
    assert code == 0, err
    assert "[official trailer]" in out and "\x1b" not in out


def test_channels_add_with_a_bad_schedule_changes_nothing(capsys):
    prepare_database()
    Channel.objects.filter(slug="mubi").update(
        name="My MUBI", schedule="0 6 * * *", first_fetch_depth=7, enabled=False
    )
    for schedule in ("every day", "0 3 * * 1", "99 99 * * *", "* * * * * *", "x" * 200):
        code, _, err = run(capsys, "channels", "add", "mubi", "--schedule", schedule)
        assert code == 1 and "nothing was added" in err
    channel = Channel.objects.get(slug="mubi")
    assert (channel.name, channel.schedule, channel.first_fetch_depth, channel.enabled) == (
        "My MUBI",
        "0 6 * * *",
        7,
        False,
    )


def test_one_channel_that_cannot_be_read_never_stops_the_others(capsys, httpserver, settings):
    settings.YOUTUBE_FEED_URL = httpserver.url_for("/feeds/videos.xml")
    prepare_database()
    Channel.objects.update(enabled=False)  # only the two below
    make_channel(slug="a-bad", name="A bad one", url="javascript:alert(1)", youtube_channel_id="")
    good = make_channel(slug="b-good", name="B good one")
    make_video(channel=good, youtube_id="known000001")
    uploads = [Upload("newtrailer1", "FILM | Official Trailer", datetime(2026, 11, 1, tzinfo=UTC))]
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(good.youtube_channel_id, "B", uploads)
    )
    code, out, err = run(capsys, "fetch")
    assert code == 0, err
    assert "a-bad: not a YouTube channel URL" in err
    assert "2 channels: 1 new uploads" in out and "1 failed" in out
    assert Video.objects.filter(youtube_id="newtrailer1").exists()
    assert Channel.objects.get(slug="a-bad").consecutive_failures == 1


def test_many_bad_entries_are_counted_and_only_the_first_reasons_printed(capsys, tmp_path):
    dump = json.loads((DATA / "ytdlp_mubi.json").read_text())
    dump["entries"] += [{"id": f"bad id {n}", "title": "x"} for n in range(500)]
    path = tmp_path / "junk.json"
    path.write_text(json.dumps(dump))
    code, out, err = run(capsys, "fetch", "--from-json", str(path))
    assert code == 0, err
    assert "4 new uploads" in out and "500 entries skipped" in out
    # 20 reasons and one count (the dump's missing dates are a warning of their own).
    reasons = [line for line in err.splitlines() if "skipped" in line]
    assert len(reasons) == 21 and "skipped 480 more entries" in err
