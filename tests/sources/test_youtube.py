"""The one yt-dlp wrapper and the feed reader: what they ask for and how they fail."""

import httpx2
import pytest
from yt_dlp.networking.common import Response
from yt_dlp.networking.exceptions import HTTPError, TransportError
from yt_dlp.utils import DownloadError, ExtractorError

from tests.fakes.youtube import INCOMPLETE, atom_feed, fake_ytdlp, flat_entry
from whichmovie.sources import youtube
from whichmovie.sources.youtube import Upload, YouTubeOptions

CHANNEL = "UCMvR3UqsYSrdi6G6nBGPY9A"
URL = "https://www.youtube.com/@robotfilms/videos"  # a handle with "bot" in it


def wrapped(cause: Exception | None, message: str, *, expected: bool = False) -> DownloadError:
    """What YoutubeDL raises: a DownloadError around the extractor's error around the cause."""
    try:
        try:
            if cause is not None:
                raise cause
            raise ExtractorError(message, expected=expected)
        except ExtractorError:
            raise
        except Exception as error:
            raise ExtractorError(message, cause=error, expected=expected) from error
    except ExtractorError as error:
        import sys

        return DownloadError(f"ERROR: {error}", sys.exc_info())


def http_error(status: int) -> HTTPError:
    import io

    return HTTPError(Response(io.BytesIO(b""), "https://www.youtube.com/x", {}, status=status))


def test_errors_are_classified_by_their_cause_not_by_words_in_the_url():
    network = youtube.classify_error(wrapped(TransportError("dns"), "Unable to download"), URL)
    assert type(network) is youtube.YouTubeNetworkError
    blocked = youtube.classify_error(wrapped(http_error(429), "HTTP Error 429"), URL)
    assert type(blocked) is youtube.YouTubeBlocked and "HTTP 429" in str(blocked)
    gone = youtube.classify_error(wrapped(http_error(404), "HTTP Error 404"), URL)
    assert type(gone) is youtube.ChannelUnavailable
    missing = youtube.classify_error(
        wrapped(None, "YouTube said: This channel does not exist.", expected=True), URL
    )
    assert type(missing) is youtube.ChannelUnavailable
    assert "This channel does not exist." in missing.detail  # yt-dlp's words, for admins
    bot = youtube.classify_error(
        wrapped(None, "YouTube said: Sign in to confirm you\u2019re not a bot", expected=True), URL
    )
    assert type(bot) is youtube.YouTubeBlocked
    layout = youtube.classify_error(wrapped(None, "Unable to extract yt initial data"), URL)
    assert type(layout) is youtube.YouTubeLayoutChanged


def test_a_short_listing_raises_instead_of_looking_complete():
    factory, tab = fake_ytdlp([[flat_entry("a0000000001", "A")], INCOMPLETE])
    with pytest.raises(youtube.ListingIncomplete):
        youtube.read_listing(URL, options=YouTubeOptions(ydl_factory=factory))
    assert tab.pages_read == 2


def test_a_listing_says_whether_it_reached_the_end_and_reads_no_further_than_needed():
    pages = [[flat_entry(f"v{n:010d}", f"T{n}") for n in range(3)], RuntimeError("page two")]
    factory, tab = fake_ytdlp(pages)
    listing = youtube.read_listing(
        URL, limit=2, channel_id=CHANNEL, options=YouTubeOptions(ydl_factory=factory)
    )
    assert [u.youtube_id for u in listing.uploads] == ["v0000000000", "v0000000001"]
    assert not listing.reached_end and tab.pages_read == 1
    assert tab.requested == [f"https://www.youtube.com/channel/{CHANNEL}/videos"]
    factory, _ = fake_ytdlp([[flat_entry("v0000000000", "T0"), flat_entry("v0000000001", "T1")]])
    listing = youtube.read_listing(
        URL, stop_at=lambda yid: yid == "v0000000001", options=YouTubeOptions(ydl_factory=factory)
    )
    assert listing.stopped_at == "v0000000001" and not listing.reached_end
    factory, _ = fake_ytdlp([[flat_entry("v0000000000", "T0")], []])
    assert youtube.read_listing(URL, options=YouTubeOptions(ydl_factory=factory)).reached_end


def test_cookies_proxy_and_request_spacing_reach_yt_dlp():
    factory, tab = fake_ytdlp([[]])
    options = YouTubeOptions(
        cookies_file="/srv/cookies.txt",
        proxy="socks5://127.0.0.1:1080",
        request_spacing=2.5,
        ydl_factory=factory,
    )
    youtube.read_listing(URL, options=options)
    params = tab._downloader.params
    assert params["cookiefile"] == "/srv/cookies.txt"
    assert params["proxy"] == "socks5://127.0.0.1:1080"
    assert params["sleep_interval_requests"] == 2.5
    assert params["extractor_args"]["youtube"] == {"raise_incomplete_data": [""]}


def test_the_feed_is_the_long_form_uploads_and_says_who_asks(httpserver):
    short = Upload("shortclip01", "#shorts Anora", None)
    trailer = Upload("anoratrl001", "ANORA | Official Trailer", None)
    # The channel's own feed carries Shorts; the UULF playlist (the Videos tab) does not.
    httpserver.expect_request(
        "/feeds/videos.xml", query_string={"channel_id": CHANNEL}
    ).respond_with_data(atom_feed(CHANNEL, "MUBI", [short, trailer]))
    httpserver.expect_request(
        "/feeds/videos.xml", query_string={"playlist_id": "UULF" + CHANNEL[2:]}
    ).respond_with_data(atom_feed(CHANNEL, "MUBI", [trailer]))
    with httpx2.Client(headers={"User-Agent": "WhichMovie/1 (test)"}) as client:
        uploads = youtube.read_feed(
            CHANNEL, feed_url=httpserver.url_for("/feeds/videos.xml"), client=client
        )
    assert [u.youtube_id for u in uploads] == ["anoratrl001"]
    [(request, _)] = httpserver.log
    assert request.headers["User-Agent"] == "WhichMovie/1 (test)"


@pytest.mark.parametrize(
    ("status", "body"),
    [(404, ""), (500, "<html>oops</html>"), (503, ""), (200, "<html>not a feed</html>")],
)
def test_feed_failures_are_temporary(httpserver, status, body):
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(body, status=status)
    with httpx2.Client() as client, pytest.raises(youtube.FeedUnavailable):
        youtube.read_feed(CHANNEL, feed_url=httpserver.url_for("/feeds/videos.xml"), client=client)


def test_a_malformed_feed_body_is_temporary(httpserver):
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(CHANNEL, "MUBI", [Upload("x0000000001", "A", None)])[:300]
    )
    with httpx2.Client() as client, pytest.raises(youtube.FeedUnavailable):
        youtube.read_feed(CHANNEL, feed_url=httpserver.url_for("/feeds/videos.xml"), client=client)


def test_a_dump_without_dates_says_so():
    dump = {"id": CHANNEL, "channel_id": CHANNEL, "entries": [flat_entry("a0000000001", "A")]}
    assert youtube.listing_from_dump(dump).undated == 1
    dump["entries"] = [flat_entry("a0000000001", "A", 1764000000)]
    assert youtube.listing_from_dump(dump).undated == 0


def test_our_options_make_yt_dlps_own_tab_extractor_raise_on_an_incomplete_page():
    """yt-dlp's YoutubeTabIE itself, given YouTube's answer to a page request that lacks
    the continuation data (its HTTP call is the only part replaced)."""
    from yt_dlp import YoutubeDL

    def incomplete_page(**request):
        return {"responseContext": {"visitorData": "x"}}

    def page_two(params):
        ie = YoutubeDL(params).get_info_extractor("YoutubeTab")
        ie._call_api = incomplete_page
        return ie._extract_response(
            item_id=f"{CHANNEL} page 2",
            query={"continuation": "token"},
            check_get_keys=("continuationContents", "onResponseReceivedActions"),
        )

    logger = youtube._QuietLogger()
    params = youtube.ytdlp_params(YouTubeOptions(), logger)
    with pytest.raises(ExtractorError) as raised:
        page_two(params)
    assert type(youtube.classify_error(raised.value, URL)) is youtube.ListingIncomplete
    # without the option yt-dlp ends the listing quietly: what used to look complete
    assert page_two({**params, "extractor_args": {}}) is None
    assert any("Giving up" in warning for warning in logger.warnings)
