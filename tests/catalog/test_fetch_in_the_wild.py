"""FETCH against YouTube as it behaves: feed outages, undated dumps, short listings, bot
checks, translated titles. Real feeds from a local server, the real yt-dlp wrapper with a
channel tab extractor of ours (tests/fakes/youtube.py), real commands and pages."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2
import pytest
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from tests.factories import make_channel, make_video
from tests.fakes.youtube import INCOMPLETE, atom_feed, fake_ytdlp, flat_entry
from whichmovie.catalog.models import Channel, DateStatus, Movie, Video, YouTubeStatus
from whichmovie.catalog.services.channels import (
    FEED_SIZE,
    channel_ensure_presets,
    channel_fetch,
    channel_reconcile,
)
from whichmovie.catalog.services.youtube_status import youtube_health
from whichmovie.cli import main
from whichmovie.sources import youtube
from whichmovie.sources.youtube import Upload, YouTubeOptions

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent.parent / "data"
NOW = timezone.now()


@pytest.fixture(autouse=True)
def _commands_keep_the_test_connection(monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)
    cache.clear()
    yield
    cache.clear()


def run(capsys, *args):
    code = 0
    try:
        main(list(args))
    except SystemExit as exit:
        code = exit.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def dated_copy(name, tmp_path, *, newest, step=timedelta(days=2)):
    """The dump as `--extractor-args youtubetab:approximate_date` prints it."""
    dump = json.loads((DATA / name).read_text())
    for place, entry in enumerate(dump["entries"]):
        entry["timestamp"] = int((newest - place * step).timestamp())
    path = tmp_path / f"dated_{name}"
    path.write_text(json.dumps(dump))
    return path


def api_titles(client, query=""):
    return [m["title"] for m in client.get(f"/api/movies?{query}").json()["items"]]


def options(pages, **fields):
    factory, tab = fake_ytdlp(pages, **fields)
    return YouTubeOptions(ydl_factory=factory), tab


def feed_path(channel):
    return {"playlist_id": "UULF" + channel.youtube_channel_id.removeprefix("UC")}


# --- undated imports ---------------------------------------------------------------------------


def test_an_undated_dump_keeps_its_order_and_is_not_new(capsys, client, tmp_path):
    code, out, err = run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json"))
    assert code == 0
    assert "have no date" in err and "youtubetab:approximate_date" in err
    # newest upload first (the dump's order) in the API, the pages and the feed
    assert api_titles(client)[:3] == ["The Endless", "Dune", "Dune"]
    first = client.get("/api/videos").json()["items"][0]
    assert first["youtube_id"] == "dQ3mEndls02"
    assert first["published_at"] is None and first["date_status"] == "unknown"
    assert api_titles(client, "new=week") == []
    radar = client.get("/").content.decode()
    assert "badge-new" not in radar and "ago</time>" not in radar
    rss = client.get("/feed.rss").content.decode()
    assert rss.index("dQ3mEndls02") < rss.index("dQ3mEndls01") < rss.index("RiderTrl001")
    endless = Movie.objects.get(title="The Endless")
    page = client.get(f"/movies/{endless.pk}/").content.decode()
    assert "date unknown" in page


def test_a_dated_dump_comes_first_and_only_its_recent_uploads_are_new(capsys, client, tmp_path):
    dated = dated_copy("ytdlp_mubi.json", tmp_path, newest=NOW - timedelta(days=1))
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json"))
    code, out, err = run(capsys, "fetch", "--from-json", str(dated))
    assert code == 0 and "have no date" not in err
    titles = api_titles(client)
    # MUBI's dated uploads above RT Indie's undated back catalogue, each in its own order
    assert titles[:2] == ["The Substance", "Aftersun"]
    assert titles[2] == "The Endless"
    assert api_titles(client, "new=week") == ["The Substance", "Aftersun"]


def test_undated_uploads_above_a_dated_one_are_at_least_as_new(capsys, client):
    channel = make_channel()
    old = datetime(2026, 10, 1, tzinfo=UTC)
    from whichmovie.catalog.services.videos import videos_save

    videos_save(
        channel=channel,
        uploads=[
            Upload("newest00001", "Anora | Official Trailer"),
            Upload("newer000001", "Nickel Boys | Official Trailer"),
            Upload("dated000001", "Conclave | Official Trailer", old),
            Upload("oldest00001", "Emilia Perez | Official Trailer"),
        ],
        exact_dates=False,
    )
    videos = {v.youtube_id: v for v in Video.objects.all()}
    assert videos["newest00001"].published_at > videos["newer000001"].published_at > old
    assert videos["newest00001"].date_status == DateStatus.APPROXIMATE
    assert videos["oldest00001"].date_status == DateStatus.UNKNOWN
    assert videos["oldest00001"].published_at < old
    assert api_titles(client) == ["Anora", "Nickel Boys", "Conclave", "Emilia Perez"]


# --- one channel per YouTube channel ---------------------------------------------------------


def test_presets_added_after_imports_are_the_imported_channels(capsys):
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json"))
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_mubi.json"))
    code, out, _ = run(capsys, "channels", "add", "mubi")
    assert code == 0 and "Already following MUBI as mubi" in out
    code, out, _ = run(capsys, "channels", "add", "rt_indie")
    assert "Already following" in out
    channel_ensure_presets()
    assert Channel.objects.count() == 2
    mubi = Channel.objects.get(youtube_channel_id="UCMvR3UqsYSrdi6G6nBGPY9A")
    assert (mubi.slug, mubi.rules) == ("mubi", "mubi")
    assert Channel.objects.get(slug="rt_indie").rules == "rotten_tomatoes"


def test_an_import_finds_a_channel_followed_under_another_slug_by_its_handle(capsys):
    mine = make_channel(
        slug="my-mubi",
        name="Mubi",
        url="https://www.youtube.com/@MUBI/videos",
        youtube_channel_id="",
    )
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_mubi.json"))
    mine.refresh_from_db()
    assert Channel.objects.exclude(slug="rt_indie").get() == mine  # no preset "mubi" beside it
    assert mine.videos.count() == 4
    assert mine.youtube_channel_id == "UCMvR3UqsYSrdi6G6nBGPY9A"
    code, out, _ = run(capsys, "channels", "add", "https://www.youtube.com/@mubi")
    assert "Already following Mubi as my-mubi" in out
    code, out, _ = run(capsys, "channels", "add", "mubi")
    assert "Already following Mubi as my-mubi" in out
    assert Channel.objects.exclude(slug="rt_indie").count() == 1


def test_presets_first_then_an_import_lands_on_the_preset(capsys):
    channel_ensure_presets()
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_mubi.json"))
    assert Channel.objects.count() == 2
    assert Channel.objects.get(slug="mubi").videos.count() == 4


# --- feed failures and outages -----------------------------------------------------------------


@pytest.fixture
def feed(httpserver, settings):
    settings.YOUTUBE_FEED_URL = httpserver.url_for("/feeds/videos.xml")
    return httpserver


def followed(n=1):
    channels = []
    for _ in range(n):
        channel = make_channel(last_checked_at=NOW - timedelta(days=1))
        make_video(channel=channel, youtube_title="Aftersun | Official Trailer")
        channels.append(channel)
    return channels


def test_a_feed_404_is_temporary_the_listing_stops_at_the_first_known_upload(feed):
    [channel] = followed()
    known = channel.videos.get().youtube_id
    feed.expect_request("/feeds/videos.xml").respond_with_data("", status=404)
    opts, tab = options(
        [
            [flat_entry("newtrailer1", "Anora | Official Trailer", int(NOW.timestamp()))],
            [flat_entry(known, "Aftersun | Official Trailer")],
            RuntimeError("page three must not be read"),
        ]
    )
    with httpx2.Client() as client:
        outcome = channel_fetch(channel=channel, client=client, options=opts)
    assert outcome.error == "" and outcome.result.created == 1
    assert "HTTP 404" in outcome.feed_error
    channel.refresh_from_db()
    assert channel.health == "ok" and channel.consecutive_failures == 0
    # listed by channel id: a renamed handle changes nothing
    assert tab.requested == [f"https://www.youtube.com/channel/{channel.youtube_channel_id}/videos"]


def test_most_feeds_failing_is_one_youtube_outage_not_each_channels_fault(feed, capsys, client):
    channels = followed(3)
    for channel in channels:
        feed.expect_request("/feeds/videos.xml", query_string=feed_path(channel)).respond_with_data(
            "<html>Internal error</html>", status=500
        )
    for channel in channels[:2]:
        opts, _ = options([[flat_entry(channel.videos.get().youtube_id, "x")]])
        with httpx2.Client() as http:
            assert channel_fetch(channel=channel, client=http, options=opts).error == ""
    status = YouTubeStatus.objects.get()
    assert status.feed_outage_since is not None and "2 of 3" in status.feed_outage_detail
    assert Channel.objects.filter(consecutive_failures__gt=0).count() == 0
    assert any("feeds are failing" in w for w in youtube_health().warnings)
    _, out, _ = run(capsys, "channels", "list")
    assert "feeds are failing for most channels" in out
    assert "feeds are failing for most channels" in client.get("/channels/").content.decode()
    # the feeds come back
    feed.clear()
    for channel in channels[:2]:
        known = channel.videos.get()
        feed.expect_request("/feeds/videos.xml", query_string=feed_path(channel)).respond_with_data(
            atom_feed(
                channel.youtube_channel_id, "x", [Upload(known.youtube_id, known.youtube_title)]
            )
        )
        with httpx2.Client() as http:
            channel_fetch(channel=channel, client=http)
    assert YouTubeStatus.objects.get().feed_outage_since is None


def test_a_malformed_feed_falls_back_and_the_listing_merges_with_a_full_feed(feed):
    [channel] = followed()
    known = channel.videos.get().youtube_id
    fresh = [
        Upload(f"feedvid{n:04d}", f"Film {n} | Official Trailer", NOW - timedelta(hours=n))
        for n in range(FEED_SIZE)
    ]
    feed.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(channel.youtube_channel_id, "x", fresh)
    )
    listing = [flat_entry(u.youtube_id, f"Listing {u.title}") for u in fresh]
    listing += [flat_entry("olderone001", "Older | Official Trailer"), flat_entry(known, "k")]
    opts, _ = options([listing])
    with httpx2.Client() as client:
        outcome = channel_fetch(channel=channel, client=client, options=opts)
    assert outcome.result.created == FEED_SIZE + 1
    first = Video.objects.get(youtube_id="feedvid0000")
    # the feed's title and exact date, not the listing's
    assert first.youtube_title == "Film 0 | Official Trailer"
    assert first.date_status == DateStatus.EXACT
    assert Video.objects.get(youtube_id="olderone001").published_at < fresh[-1].published_at


def test_a_bot_check_pauses_all_youtube_work(feed):
    first, second = followed(2)
    feed.expect_request("/feeds/videos.xml").respond_with_data("slow down", status=429)
    with httpx2.Client() as client:
        assert "HTTP 429" in channel_fetch(channel=first, client=client).error
        requests = len(feed.log)
        outcome = channel_fetch(channel=second, client=client)
    assert "paused" in outcome.error and len(feed.log) == requests  # YouTube not asked
    status = YouTubeStatus.objects.get()
    assert status.pauses == 1
    assert timedelta(minutes=29) < status.paused_until - timezone.now() <= timedelta(minutes=30)
    assert any("paused" in w for w in youtube_health().warnings)


# --- listings ----------------------------------------------------------------------------------


def test_a_parse_error_on_page_two_is_that_channels_failure_and_the_others_go_on():
    broken = make_channel()
    fine = make_channel()
    broken_opts, _ = options(
        [[flat_entry("page1video1", "Anora | Official Trailer")], KeyError("items")]
    )
    fine_opts, _ = options([[flat_entry("fine0000001", "Conclave | Official Trailer")]])
    outcomes = [
        channel_fetch(channel=broken, options=broken_opts),
        channel_fetch(channel=fine, options=fine_opts),
    ]
    assert "YouTube may have changed its pages" in outcomes[0].error
    assert "'items'" in outcomes[0].error  # yt-dlp's own message is kept
    assert outcomes[1].error == "" and Video.objects.filter(channel=fine).count() == 1
    broken.refresh_from_db()
    assert broken.consecutive_failures == 1 and not broken.videos.exists()
    assert any("could not read YouTube's pages" in w for w in youtube_health().warnings)


def test_a_short_listing_marks_nothing_unavailable():
    channel = make_channel()
    for n, day in enumerate((20, 10, 1)):
        make_video(
            channel=channel,
            youtube_id=f"known{n:06d}",
            published_at=datetime(2026, 11, day, tzinfo=UTC),
        )
    # YouTube sends page two without its data: yt-dlp would only warn
    opts, _ = options([[flat_entry("known000000", "a")], INCOMPLETE])
    with pytest.raises(youtube.ListingIncomplete):
        channel_reconcile(channel=channel, options=opts)
    # a listing that ends before the oldest known upload marks only what it went past
    opts, _ = options([[flat_entry("known000000", "a"), flat_entry("known000002", "c")]])
    channel_reconcile(channel=channel, options=opts)
    assert not Video.objects.get(youtube_id="known000001").available
    opts, _ = options([[flat_entry("known000000", "a")]])
    channel_reconcile(channel=channel, options=opts)
    assert Video.objects.get(youtube_id="known000002").available  # never reached


def test_reconcile_never_marks_shorts_from_the_old_channel_feed_unavailable():
    channel = make_channel()
    short = make_video(channel=channel, published_at=NOW - timedelta(days=1), in_uploads=False)
    gone = make_video(channel=channel, published_at=NOW - timedelta(days=2))
    oldest = make_video(channel=channel, published_at=NOW - timedelta(days=30))
    opts, _ = options([[flat_entry(oldest.youtube_id, oldest.youtube_title)]])
    channel_reconcile(channel=channel, options=opts)
    short.refresh_from_db(), gone.refresh_from_db()
    assert short.available and not gone.available


def test_translated_listing_titles_never_move_an_upload_between_movies(feed):
    [channel] = followed()
    feed.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(
            channel.youtube_channel_id,
            "x",
            [
                Upload("chimera0001", "LA CHIMERA | Trailer Ufficiale", NOW),
                Upload(channel.videos.get().youtube_id, "Aftersun | Official Trailer"),
            ],
        )
    )
    with httpx2.Client() as client:
        channel_fetch(channel=channel, client=client)
    video = Video.objects.get(youtube_id="chimera0001")
    movie = video.movie
    # yt-dlp browses in English: the weekly listing says it differently
    opts, _ = options([[flat_entry("chimera0001", "THE CHIMERA | Official Trailer", 1)]])
    channel_reconcile(channel=channel, options=opts)
    video.refresh_from_db()
    assert video.youtube_title == "LA CHIMERA | Trailer Ufficiale"
    assert video.movie == movie and video.published_at == NOW.replace(microsecond=0)


# --- yt-dlp health -----------------------------------------------------------------------------


def test_an_old_yt_dlp_is_a_warning_on_the_channels_page_and_list(capsys, client):
    version, released = youtube.ytdlp_version()
    assert released is not None and version.startswith(str(released.year))
    later = datetime.combine(released, datetime.min.time(), UTC) + timedelta(days=45)
    assert any("yt-dlp" in w and "days old" in w for w in youtube_health(now=later).warnings)
    _, out, _ = run(capsys, "channels", "list")
    assert f"yt-dlp {version}" in out
    assert f"yt-dlp {version}" in client.get("/channels/").content.decode()


def test_adding_a_url_finds_the_channel_by_handle_preset_or_resolved_id(capsys):
    from whichmovie.catalog.services.channels import channel_follow

    code, out, _ = run(capsys, "channels", "add", "https://www.youtube.com/@RottenTomatoesTRAILERS")
    assert code == 0 and "Following Rotten Tomatoes Trailers (rt_trailers)" in out
    assert Channel.objects.get(slug="rt_trailers").rules == "rotten_tomatoes"
    run(capsys, "fetch", "--from-json", str(DATA / "ytdlp_mubi.json"))
    # the id is in the URL: no request at all
    followed = channel_follow(url="https://www.youtube.com/channel/UCMvR3UqsYSrdi6G6nBGPY9A")
    assert followed.already and followed.channel.slug == "mubi"
    # a renamed handle: yt-dlp says which channel it is, and that is the one we follow
    opts, tab = options([[]], channel_id="UCMvR3UqsYSrdi6G6nBGPY9A", handle="@mubi_films")
    followed = channel_follow(url="https://www.youtube.com/@mubi_films", options=opts)
    assert followed.already and followed.channel.slug == "mubi" and tab.requested
    assert Channel.objects.filter(youtube_channel_id="UCMvR3UqsYSrdi6G6nBGPY9A").count() == 1


def test_the_admin_says_a_youtube_outage_once(admin_client):
    YouTubeStatus.objects.create(
        pk=1, feed_outage_since=NOW, feed_outage_detail="3 of 4 channel feeds failing: HTTP 404"
    )
    page = admin_client.get("/admin/catalog/channel/").content.decode()
    assert page.count("feeds are failing for most channels") == 1
    status_page = admin_client.get("/admin/catalog/youtubestatus/1/change/").content.decode()
    assert "3 of 4 channel feeds failing" in status_page


def test_the_feed_is_asked_for_with_a_descriptive_user_agent(feed):
    [channel] = followed()
    known = channel.videos.get()
    feed.expect_request("/feeds/videos.xml", query_string=feed_path(channel)).respond_with_data(
        atom_feed(channel.youtube_channel_id, "x", [Upload(known.youtube_id, known.youtube_title)])
    )
    assert channel_fetch(channel=channel).error == ""
    [(request, _)] = feed.log
    assert request.headers["User-Agent"].startswith("WhichMovie/")
    assert "trailer radar" in request.headers["User-Agent"]


def test_update_ytdlp_upgrades_it_in_this_environment(capsys):
    import sys

    code, out, _ = run(capsys, "update-ytdlp", "--dry-run")
    version, _ = youtube.ytdlp_version()
    assert code == 0 and f"yt-dlp {version}" in out
    assert f"{sys.executable} -m pip install --upgrade yt-dlp" in out
