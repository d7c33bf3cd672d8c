"""The hostile corpus through the whole pipeline: a dump imported, enriched against the fake
TMDB (which answers with hostile fields), then every page, feed, calendar, API endpoint, the
Radarr list and `export`. Nothing may crash, nothing unreadable may be stored, and every output
escapes for its format."""

from __future__ import annotations

import io
import json
import re
import xml.dom.minidom
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import make_channel, make_genre, make_movie, make_video
from tests.fakes.tmdb import FAKE_API_KEY, fake_youtube_id, make_film
from tests.hostile_corpus import HOSTILE_TEXT, HOSTILE_URLS
from whichmovie.catalog.models import Channel, Genre, MatchStatus, Movie, Video
from whichmovie.sources.titles import normalise_title

CHANNEL_ID = "UCh0st1le0000000000000aa"
# Nothing a reader could not store or an output could not carry: C0/C1 controls but tab and
# newline, lone surrogates, the XML non-characters, bidi overrides.
UNREADABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e]")
PAYLOAD = "<script>alert("
HOSTILE_TMDB = {
    "title": "Quiet\x0bHarbour\x00\u2028",
    "original_title": "Тихая гавань\x1b[31m" + "я" * 400,
    "original_language": "<script>",
    "overview": "\n".join(HOSTILE_TEXT),
    "tagline": "<script>alert('x')</script>" + "t\x00" * 6000,
    "runtime": 10**12,
    "vote_average": float("nan"),
    "vote_count": -5,
    "poster_path": "javascript:alert(1)",
    "backdrop_path": "/../../x\x00.jpg",
    "imdb_id": "tt0000001\x00<script>",
    "genres": [
        {"id": 18, "name": "драма"},
        {"id": 28, "name": "アクション"},
        {"id": 99, "name": "!!!"},
        {"id": 10752, "name": "!!!"},
        {"id": "x", "name": "bad id"},
        {"id": 36, "name": None},
    ],
    "credits": {
        "cast": [
            {"name": "Actor\x00" + "a" * 500, "character": "[/x]\u2028", "order": "first"},
            {"name": None},
            "not a person",
        ],
        "crew": [{"job": "Director", "name": "Dir\x0bector <b>"}, {"job": None}],
    },
    "release_dates": {
        "results": [
            {
                "iso_3166_1": "US",
                "release_dates": [
                    {"certification": "R\x00" * 30, "type": 3, "release_date": "2099-01-01"},
                    {"certification": None, "type": "x", "release_date": "not a date"},
                ],
            }
        ]
    },
    "watch/providers": {
        "results": {
            "US": {
                "link": "javascript:alert(document.cookie)",
                "flatrate": [{"provider_name": "Evil\x00<b>", "logo_path": "javascript:x"}],
            },
            "GB": "not an object",
        }
    },
}
SECOND_FILM = {
    "title": "Second Harbour",
    # The same non-Latin names under other ids: slugs must not collide.
    "genres": [{"id": 5001, "name": "драма"}, {"id": 5002, "name": "!!!"}],
    "watch/providers": {"results": {"US": {"link": "http://169.254.169.254/latest"}}},
}
# An answer the matcher cannot read: this film fails, the others go on.
BROKEN_FILM = {"popularity": "high", "vote_count": "many"}
PAGES = ["/", "/movies/", "/channels/", "/feed.rss", "/feed.atom", "/calendar.ics", "/radarr.json"]
API = ["/api/movies", "/api/videos", "/api/channels"]


def hostile_dump() -> dict[str, Any]:
    entries: list[Any] = [
        {"id": fake_youtube_id(n), "title": title, "timestamp": 1_760_000_000 + n}
        for n, title in enumerate(HOSTILE_TEXT, start=1)
    ]
    entries += [
        {"id": fake_youtube_id(900), "title": "Quiet Harbour Official Trailer (2025)"},
        {"id": fake_youtube_id(901), "title": "Second Harbour Official Trailer (2025)"},
        {"id": fake_youtube_id(906), "title": "Broken Harbour Official Trailer (2025)"},
        # Entries that cannot be read: skipped one by one, never the whole file.
        {"id": "x" * 300, "title": "id too long"},
        {"id": "bad id!", "title": "not an id"},
        {"id": fake_youtube_id(902), "title": ["not", "text"]},
        {"id": fake_youtube_id(903), "title": "Overflow Official Trailer", "timestamp": 10**30},
        {"id": fake_youtube_id(904), "title": "Date Official Trailer", "upload_date": "20249999"},
        {"id": fake_youtube_id(905), "title": "Typed Official Trailer", "timestamp": "soon"},
        "not an object",
        None,
    ]
    return {
        "_type": "playlist",
        "id": CHANNEL_ID,
        "channel_id": CHANNEL_ID,
        "channel": "Hostile [/x] \x1b[2J\x00 Channel" + "n" * 400,
        "uploader_id": "@hostile",
        "channel_url": f"https://www.youtube.com/channel/{CHANNEL_ID}",
        "title": "Hostile - Videos",
        "extractor_key": "YoutubeTab",
        "entries": entries,
    }


TEXT_TYPES = ("CharField", "TextField", "SlugField", "URLField", "JSONField")


def text_columns() -> list[tuple[str, Any]]:
    values: list[tuple[str, Any]] = []
    for model in (Channel, Genre, Movie, Video):
        fields = [f.name for f in model._meta.fields if f.get_internal_type() in TEXT_TYPES]
        for row in model.objects.values(*fields):
            values += [(f"{model.__name__}.{k}", v) for k, v in row.items()]
    return values


def links_in(data: Any) -> list[tuple[str, str]]:
    """Every (key, value) of a JSON answer whose key names a link."""
    if isinstance(data, list):
        return [link for item in data for link in links_in(item)]
    if not isinstance(data, dict):
        return []
    found = []
    for key, value in data.items():
        if isinstance(value, str) and value and (key.endswith("url") or key == "link"):
            found.append((key, value))
        else:
            found += links_in(value)
    return found


def assert_clean_output(text: str, where: str) -> None:
    assert not UNREADABLE.search(text.replace("\r\n", "\n")), where
    assert PAYLOAD not in text, f"{where}: an unescaped payload"


def check_outputs(client: Any, movie_ids: list[int], channel_slugs: list[str]) -> int:
    """Every output for the stored data; returns how many answers were checked."""
    urls = [*PAGES, *API]
    urls += [f"/movies/{pk}/" for pk in movie_ids] + [f"/api/movies/{pk}" for pk in movie_ids]
    urls += [f"/channels/{slug}/" for slug in channel_slugs]
    urls += [f"/channels/{slug}/feed.rss" for slug in channel_slugs]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if "json" in response["Content-Type"]:
            for key, link in links_in(json.loads(body)):
                assert link.startswith(("https://", "http://testserver/")), (url, key, link)
            assert PAYLOAD not in body, url
        elif url.endswith((".rss", ".atom")):
            xml.dom.minidom.parseString(response.content)  # well-formed XML 1.0
            assert_clean_output(body, url)
        elif url.endswith(".ics"):
            check_calendar(body)
        else:
            assert_clean_output(body, url)
            assert 'href="javascript:' not in body.lower(), url
    export = io.StringIO()
    call_command("export", stdout=export)
    lines = export.getvalue().split("\n")[:-1]
    assert len(lines) == Movie.objects.count()
    for line in lines:
        json.loads(line)
        assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", line)
        assert len(line.splitlines()) == 1
    return len(urls) + 1


def check_calendar(body: str) -> None:
    assert body.endswith("\r\n")
    lines = body.split("\r\n")[:-1]
    for line in lines:
        assert len(line.encode()) <= 75, line
        assert not re.search("[\x00-\x08\x0a-\x1f\x7f\u2028\u2029\x85]", line), line
    # Text never starts a property of its own: only our events begin and end.
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    assert not any(line.startswith("SUMMARY:injected") for line in lines)


@pytest.fixture
def hostile_tmdb(fake_tmdb, settings):
    fake_tmdb.add(
        make_film(7_000_001, "Quiet Harbour", 2025, raw=HOSTILE_TMDB),
        make_film(7_000_002, "Second Harbour", 2025, raw=SECOND_FILM),
        make_film(7_000_003, "Broken Harbour", 2025, raw=BROKEN_FILM),
    )
    settings.TMDB_API_URL = fake_tmdb.url
    settings.TMDB_API_KEY = FAKE_API_KEY
    return fake_tmdb


def test_a_hostile_dump_imports_enriches_and_shows_everywhere(
    transactional_db, client, tmp_path, hostile_tmdb, capsys
):
    dump = tmp_path / "hostile.json"
    dump.write_text(json.dumps(hostile_dump()), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("fetch", "--from-json", str(dump), stdout=out, stderr=err)

    readable = len(HOSTILE_TEXT) + 3 + 3  # the corpus, three films, three with bad dates
    assert Video.objects.count() == readable - 2  # "" and "\x00" have no title to store
    assert "7 entries skipped" in out.getvalue()
    skipped = [line for line in err.getvalue().splitlines() if ": skipped entry " in line]
    assert len(skipped) == 7
    assert Channel.objects.filter(youtube_channel_id=CHANNEL_ID).count() == 1
    # A date out of range is no date: the upload keeps its place in the dump, shows none.
    assert not Video.objects.get(youtube_id=fake_youtube_id(903)).date_known

    enriched = io.StringIO()
    call_command("enrich", stdout=enriched)
    assert "1 failed" in enriched.getvalue()
    quiet = Movie.objects.get(tmdb_id=7_000_001)
    assert quiet.match_status == MatchStatus.MATCHED
    assert quiet.title == "Quiet Harbour"
    assert quiet.tagline.startswith("<script>alert('x')</script>tt") and len(quiet.tagline) == 500
    assert quiet.runtime is None and quiet.vote_average is None and quiet.imdb_id is None
    assert quiet.poster_path == "" and quiet.watch_providers["link"] == ""
    assert set(quiet.genres.values_list("slug", flat=True)) == {
        "драма",
        "アクション",
        "genre-99",
        "genre-10752",
    }
    second = Movie.objects.get(tmdb_id=7_000_002)
    assert set(second.genres.values_list("slug", flat=True)) == {"драма-5001", "genre-5002"}
    assert list(Movie.objects.filter(match_status=MatchStatus.PENDING)) == [
        Movie.objects.get(title="Broken Harbour")
    ]

    for where, value in text_columns():
        assert not UNREADABLE.search(json.dumps(value, ensure_ascii=False)), where
    assert len(Channel.objects.get(youtube_channel_id=CHANNEL_ID).name) <= 200

    ids = list(Movie.objects.visible().values_list("pk", flat=True))
    slugs = list(Channel.objects.values_list("slug", flat=True))
    assert check_outputs(client, ids, slugs) > 50


# Text a reader never stores any more, but rows from before the cleaning, or typed in the
# admin, may hold: the outputs must carry it too. (SQLite cannot hold lone surrogates;
# PostgreSQL cannot hold NUL.)
STORABLE = [t for t in HOSTILE_TEXT if t and not re.search("[\ud800-\udfff]", t)]


@pytest.mark.parametrize("text", STORABLE, ids=range(len(STORABLE)))
def test_hostile_text_already_stored_never_breaks_an_output(db, client, tmdb_configuration, text):
    if connection.vendor == "postgresql":
        # PostgreSQL refuses NUL in text: the rest of the text is what a row there can hold.
        text = text.replace("\x00", "")
    channel = make_channel(name=text[:200], url="javascript:alert(1)")
    genre = make_genre()
    movie = make_movie(
        text[:300],
        2099,
        tmdb_id=4242,
        # Normalising may lengthen a title ("&" -> "and"): the factory's keys are clipped here.
        group_key="hostile|2099",
        search_title=normalise_title(text)[:300],
        overview=text,
        tagline=text[:500],
        release_date=datetime(2099, 1, 1, tzinfo=UTC).date(),
        cast=[{"name": text, "character": text}],
        directors=[text],
        watch_providers={"link": "javascript:alert(1)", "flatrate": [{"provider_name": text}]},
    )
    movie.genres.add(genre)
    make_video(movie=movie, channel=channel, youtube_title=text[:500])
    checked = check_outputs_lenient(client, [movie.pk], [channel.slug])
    assert checked > 10


def check_outputs_lenient(client: Any, movie_ids: list[int], slugs: list[str]) -> int:
    """Like check_outputs, but stored text may hold what HTML keeps as it is (the pages show
    what is stored, escaped): feeds, calendar, JSON and export must still be well-formed."""
    urls = [*PAGES, *API] + [f"/movies/{pk}/" for pk in movie_ids]
    urls += [f"/api/movies/{pk}" for pk in movie_ids] + [f"/channels/{s}/" for s in slugs]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        # A calendar's TEXT is plain text: "<script>" there is a title, shown as it is.
        assert url.endswith(".ics") or PAYLOAD not in body, url
        if "json" in response["Content-Type"]:
            json.loads(body)
        elif url.endswith((".rss", ".atom")):
            xml.dom.minidom.parseString(response.content)
        elif url.endswith(".ics"):
            check_calendar(body)
        else:
            assert 'href="javascript:' not in body.lower(), url
    export = io.StringIO()
    call_command("export", stdout=export)
    for line in export.getvalue().split("\n")[:-1]:
        json.loads(line)
        assert len(line.splitlines()) == 1
    return len(urls) + 1


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_dump_with_a_hostile_channel_url_is_refused_and_leaves_nothing(db, tmp_path, url, capsys):
    before = Channel.objects.count()
    dump = {**hostile_dump(), "channel_url": url, "channel_id": "", "id": "", "uploader_id": ""}
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    with pytest.raises(Exception) as refused:
        call_command("fetch", "--from-json", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert "refused" in str(refused.value)
    assert Channel.objects.count() == before
    assert Video.objects.count() == 0
