"""A daily run over 200 unchanged channels against a local feed server.

Measures HTTP requests per channel (target <= 1) and database writes (target 0): the
dispatcher's claim of the 03:00 checks, then the 200 checks themselves.

    .venv/bin/python -m bench.fetch_daily [--channels 200]
"""

import argparse
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from bench._django import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=200)
    args = parser.parse_args()
    setup("fetch")

    from django.conf import settings
    from django.db import connection

    from tests.fakes.youtube import atom_feed
    from whichmovie.catalog.models import Channel
    from whichmovie.catalog.schedule import channels_claim_due
    from whichmovie.catalog.services.channels import channel_fetch, feed_client
    from whichmovie.catalog.services.videos import videos_save
    from whichmovie.sources.youtube import Upload

    feeds: dict[str, str] = {}
    requests: Counter[str] = Counter()
    start = datetime(2026, 11, 1, tzinfo=UTC)
    Channel.objects.all().delete()  # only the bench's channels
    for n in range(args.channels):
        channel = Channel.objects.create(
            slug=f"bench-{n}",
            name=f"Bench {n}",
            url=f"https://www.youtube.com/@bench{n}/videos",
            youtube_channel_id=f"UC{n:022d}",
            schedule="0 3 * * *",
            last_checked_at=start - timedelta(days=1),
            last_success_at=start - timedelta(days=1),
        )
        # Unchanged: stored as the feed gives them, its description included.
        uploads = [
            Upload(
                f"c{n:04d}v{i:05d}",
                f"Film {n}-{i} | Official Trailer",
                start - timedelta(days=i),
                description="Watch the trailer.",
            )
            for i in range(15)
        ]
        videos_save(channel=channel, uploads=uploads, exact_dates=True)
        feeds[channel.youtube_channel_id] = atom_feed(
            channel.youtube_channel_id, channel.name, uploads
        )

    class FeedHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            # The long-form uploads playlist of channel UC<x> is UULF<x>.
            playlist = parse_qs(urlparse(self.path).query)["playlist_id"][0]
            channel_id = "UC" + playlist.removeprefix("UULF")
            requests[channel_id] += 1
            body = feeds[channel_id].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.YOUTUBE_FEED_URL = f"http://127.0.0.1:{server.server_port}/feeds/videos.xml"

    def count_writes(statements: Counter[str]):  # type: ignore[no-untyped-def]
        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            statements[sql.split(None, 1)[0].upper()] += 1
            return execute(sql, params, many, context)

        return connection.execute_wrapper(count)

    claim_statements: Counter[str] = Counter()
    channels_claim_due(now=start)  # yesterday's dispatch: the claim row exists, as it would
    with count_writes(claim_statements):
        due = channels_claim_due(now=start + timedelta(days=1, minutes=5))

    check_statements: Counter[str] = Counter()
    began = time.perf_counter()
    with count_writes(check_statements), feed_client() as client:
        outcomes = [
            channel_fetch(channel=c, client=client) for c in Channel.objects.filter(pk__in=due)
        ]
    elapsed = time.perf_counter() - began
    server.shutdown()

    def writes(statements: Counter[str]) -> str:
        total = sum(statements[k] for k in ("INSERT", "UPDATE", "DELETE"))
        return f"{total} ({dict(statements)})"

    failed = [o for o in outcomes if o.error]
    print(f"channels due and checked: {len(outcomes)} ({len(failed)} failed)")
    print(f"HTTP requests per channel: {sum(requests.values()) / len(outcomes):.2f}")
    print(f"database writes by the checks: {writes(check_statements)}")
    print(f"database writes by the dispatcher's claim: {writes(claim_statements)}")
    print(f"wall time: {elapsed:.2f} s ({elapsed / len(outcomes) * 1000:.1f} ms per channel)")


if __name__ == "__main__":
    main()
