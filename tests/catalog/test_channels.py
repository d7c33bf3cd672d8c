"""Daily checks: the feed first, errors recorded on the channel, nothing lost."""

from datetime import UTC, datetime

import httpx2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_channel, make_video
from tests.fakes.youtube import atom_feed, fake_ytdlp, flat_entry
from whichmovie.catalog.models import Channel, ChannelDispatch, Video
from whichmovie.catalog.schedule import (
    channels_claim_due,
    channels_with_last_check,
    previous_fire_time,
)
from whichmovie.catalog.services.channels import channel_ensure_presets, channel_fetch
from whichmovie.sources.youtube import Upload, YouTubeOptions

pytestmark = pytest.mark.django_db

NOV_19 = datetime(2026, 11, 19, 16, 0, 5, tzinfo=UTC)


@pytest.fixture
def feed_channel(httpserver, settings):
    settings.YOUTUBE_FEED_URL = httpserver.url_for("/feeds/videos.xml")
    channel = make_channel(name="MUBI")
    make_video(
        channel=channel,
        youtube_id="known000001",
        youtube_title="AFTERSUN | Official Trailer | MUBI",
        description="Watch the trailer.",  # as the feed (tests.fakes.youtube) gives it
    )
    return channel


def test_the_daily_check_reads_the_feed_and_stores_new_uploads(httpserver, feed_channel):
    uploads = [
        Upload("newtrailer1", "THE MASTERMIND | Official Trailer | MUBI", NOV_19),
        Upload("known000001", "AFTERSUN | Official Trailer | MUBI", NOV_19),
    ]
    httpserver.expect_request(
        "/feeds/videos.xml",
        query_string={"playlist_id": "UULF" + feed_channel.youtube_channel_id.removeprefix("UC")},
    ).respond_with_data(atom_feed(feed_channel.youtube_channel_id, "MUBI", uploads))
    with httpx2.Client() as client:
        outcome = channel_fetch(channel=feed_channel, client=client)
    assert outcome.error == "" and outcome.requests == 1
    video = Video.objects.get(youtube_id="newtrailer1")
    assert (video.parsed_title, video.published_at) == ("The Mastermind", NOV_19)
    feed_channel.refresh_from_db()
    assert feed_channel.last_success_at is not None and feed_channel.health == "ok"


def test_a_failing_check_is_recorded_and_keeps_what_was_stored(httpserver, feed_channel):
    httpserver.expect_request("/feeds/videos.xml").respond_with_data("slow down", status=429)
    with httpx2.Client() as client:
        outcome = channel_fetch(channel=feed_channel, client=client)
    assert "HTTP 429" in outcome.error
    feed_channel.refresh_from_db()
    assert feed_channel.consecutive_failures == 1
    assert "HTTP 429" in feed_channel.health
    assert Video.objects.filter(channel=feed_channel).count() == 1


def test_a_broken_feed_is_a_clear_error_and_the_listing_stands_in(httpserver, feed_channel):
    httpserver.expect_request("/feeds/videos.xml").respond_with_data("<html>oops", status=200)
    factory, _ = fake_ytdlp([[flat_entry("newtrailer1", "ANORA | Official Trailer | MUBI")]])
    with httpx2.Client() as client:
        outcome = channel_fetch(
            channel=feed_channel, client=client, options=YouTubeOptions(ydl_factory=factory)
        )
    assert "not a valid Atom feed" in outcome.feed_error
    assert outcome.error == "" and outcome.result.created == 1
    feed_channel.refresh_from_db()
    assert feed_channel.health == "ok" and "not a valid Atom feed" in feed_channel.feed_error


def test_a_dead_network_on_the_first_fetch_is_recorded():
    channel = make_channel(url="https://www.youtube.com/@mubi/videos")
    outcome = channel_fetch(channel=channel)  # first fetch: yt-dlp, no network here
    assert "cannot reach YouTube" in outcome.error
    channel.refresh_from_db()
    assert channel.consecutive_failures == 1 and channel.last_checked_at is not None


def test_the_original_channels_exist_from_the_start():
    channel_ensure_presets()
    channels = {c.name: c for c in Channel.objects.filter(enabled=True)}
    assert set(channels) == {"Rotten Tomatoes Indie", "MUBI"}
    assert channels["Rotten Tomatoes Indie"].schedule == "0 0 * * *"
    assert channels["MUBI"].schedule == "0 1 * * *"
    assert channels["MUBI"].url == "https://www.youtube.com/@mubi/videos"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def test_channels_are_due_on_their_own_schedule_and_back_off_when_failing():
    rt = make_channel(schedule="0 0 * * *", last_checked_at=at(24, 0, 1))
    mubi = make_channel(schedule="0 1 * * *", last_checked_at=at(24, 1, 1))
    never = make_channel()
    Channel.objects.filter(pk=never.pk).update(created_at=at(24, 12))
    assert channels_claim_due(now=at(25, 0, 30)) == [rt.pk, never.pk]
    failing = make_channel(last_checked_at=at(25, 0, 35), consecutive_failures=3)
    # 3 failures: retry 40 minutes after the last attempt
    assert channels_claim_due(now=at(25, 1, 10)) == [mubi.pk]
    assert channels_claim_due(now=at(25, 1, 20)) == [failing.pk]


def test_each_scheduled_check_is_sent_once():
    channel = make_channel(schedule="0 3 * * *", last_checked_at=at(20, 3, 1))
    assert channels_claim_due(now=at(25, 3, 0)) == [channel.pk]
    # A quiet check records nothing on the channel; the claim alone keeps it from repeating.
    assert channels_claim_due(now=at(25, 3, 5)) == []
    assert channels_claim_due(now=at(25, 23, 55)) == []
    assert channels_claim_due(now=at(26, 3, 0)) == [channel.pk]


def test_a_check_missed_while_asleep_is_caught_up_once():
    channel = make_channel(schedule="0 3 * * *", last_checked_at=at(20, 3, 1))
    assert channels_claim_due(now=at(23, 22, 0)) == [channel.pk]
    # The laptop sleeps from 23:00 until 09:10 the next day, through the 03:00 check.
    assert channels_claim_due(now=at(24, 9, 10)) == [channel.pk]
    assert channels_claim_due(now=at(24, 9, 15)) == []


def test_claiming_nothing_writes_nothing():
    channel = make_channel(schedule="0 3 * * *", last_checked_at=at(24, 3, 1))
    assert channels_claim_due(now=at(25, 3, 2)) == [channel.pk]
    with CaptureQueriesContext(connection) as queries:
        assert channels_claim_due(now=at(25, 12, 0)) == []
    assert not [q for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert ChannelDispatch.objects.get().dispatched_until == at(25, 3, 2)


def test_a_quiet_check_writes_nothing_and_still_shows_when_it_ran(httpserver, feed_channel):
    feed_channel.last_checked_at = feed_channel.last_success_at = at(24, 0, 2)
    feed_channel.schedule = "0 0 * * *"
    feed_channel.save()
    video = Video.objects.get(youtube_id="known000001")
    known = [Upload(video.youtube_id, video.youtube_title, video.published_at)]
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(feed_channel.youtube_channel_id, "MUBI", known)
    )
    assert channels_claim_due(now=at(25, 0, 0)) == [feed_channel.pk]
    with CaptureQueriesContext(connection) as queries, httpx2.Client() as client:
        outcome = channel_fetch(channel=feed_channel, client=client)
    assert outcome.error == "" and outcome.result.unchanged == 1
    assert not [q for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    [shown] = channels_with_last_check(Channel.objects.filter(pk=feed_channel.pk))
    assert shown.last_checked_at == shown.last_success_at == at(25, 0, 0)


def test_a_recovery_is_recorded(httpserver, feed_channel):
    feed_channel.last_checked_at = at(24, 0, 2)
    feed_channel.consecutive_failures, feed_channel.last_error = 2, "HTTP 429"
    feed_channel.save()
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(feed_channel.youtube_channel_id, "MUBI", [])
    )
    with httpx2.Client() as client:
        channel_fetch(channel=feed_channel, client=client)
    feed_channel.refresh_from_db()
    assert feed_channel.health == "ok" and feed_channel.last_checked_at > at(24, 0, 2)


def test_previous_fire_time_of_a_weekly_cron():
    fired = previous_fire_time("0 4 * * Sun", datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    assert fired == datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def test_the_weekly_reconcile_marks_vanished_uploads_unavailable_and_keeps_them():
    from whichmovie.catalog.services.channels import channel_reconcile
    from whichmovie.sources.youtube import ChannelListing

    channel = make_channel()
    make_video(channel=channel, youtube_id="stillthere1")
    make_video(channel=channel, youtube_id="removed0001")
    listing = ChannelListing(
        uploads=[
            Upload("stillthere1", "Anora | Official Trailer"),
            Upload("missed00001", "Nickel Boys | Official Trailer"),
        ],
        reached_end=True,
    )
    result = channel_reconcile(channel=channel, listing=listing)
    assert result.created == 1
    assert not Video.objects.get(youtube_id="removed0001").available
    assert Video.objects.get(youtube_id="stillthere1").available
    # seen again later: available again
    channel_reconcile(
        channel=channel,
        listing=ChannelListing(
            uploads=[Upload("removed0001", "x | Official Trailer")], reached_end=True
        ),
    )
    assert Video.objects.get(youtube_id="removed0001").available
    # an empty listing is a hiccup, not a channel emptied overnight
    available = Video.objects.filter(available=True).count()
    channel_reconcile(channel=channel, listing=ChannelListing(uploads=[]))
    assert Video.objects.filter(available=True).count() == available
