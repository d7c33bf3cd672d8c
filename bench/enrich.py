"""Enrichment against a local TMDB-shaped server with latency and a rate limit.

Speed: 1,000 pending movies, 100 ms latency, 40 requests/s: wall time, requests sent, 429s
received, and wall time / (requests / 40 per second) (target <= 1.15).
Memory: peak RSS while 100,000 pending movies are enriched (target <= 250 MB).
Progress: 434 pending movies at the same latency and limit: when the command's bar first
moves, and the longest it stands still (issue #10: it sat at 1/434 for 25 s).

    .venv/bin/python -m bench.enrich [--movies 1000] [--memory-movies 100000]
                                     [--progress-movies 434]
"""

import argparse
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

from bench._django import setup


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_fake(
    films: int, latency: float, rate: float | None
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "tests.fakes.tmdb",
        "--port",
        str(port),
        "--latency",
        str(latency),
        "--films",
        str(films),
        "--no-confusers",
    ]
    if rate:
        command += ["--rate-limit", str(rate)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}/3"


def load_pending(count: int, films: int) -> None:
    """Pending movies named like the fake's films ("Film 0001", its year), one trailer each."""
    from whichmovie.catalog.models import Channel, Movie, Video

    Movie.objects.all().delete()
    channel = Channel.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "url": "https://www.youtube.com/@bench/videos"}
    )[0]
    now = datetime.now(UTC)
    for start in range(0, count, 5000):
        batch = range(start + 1, min(start + 5000, count) + 1)
        movies = Movie.objects.bulk_create(
            Movie(
                title=f"Film {(n - 1) % films + 1:04d}",
                year=1990 + ((n - 1) % films + 1) % 36,
                group_key=f"bench|{n}",
                latest_video_at=now,
            )
            for n in batch
        )
        Video.objects.bulk_create(
            Video(
                youtube_id=f"b{m.pk:010d}",
                channel=channel,
                youtube_title=m.title,
                kind="trailer",
                parsed_title=m.title,
                parsed_year=m.year,
                movie=m,
            )
            for m in movies
        )


def client_for(url: str, rate: float):  # type: ignore[no-untyped-def]
    from tests.fakes.tmdb import FAKE_API_KEY
    from whichmovie.tmdb.client import TmdbClient

    return TmdbClient(api_url=url, api_key=FAKE_API_KEY, rate_limit=rate)


def speed(movies: int) -> None:
    from whichmovie.catalog.services.enrichment import movies_enrich

    load_pending(movies, films=movies)
    server, url = start_fake(movies, latency=0.1, rate=40)
    try:
        with client_for(url, 40) as client:
            began = time.perf_counter()
            result = movies_enrich(client=client)
            wall = time.perf_counter() - began
            stats = client.stats
    finally:
        server.terminate()
    bound = stats.requests / 40
    print(f"speed: {movies} movies, 100 ms latency, 40 req/s limit: {result}")
    print(
        f"  wall {wall:.1f} s, {stats.requests} requests, {stats.throttled} x 429, "
        f"bound {bound:.1f} s, ratio {wall / bound:.3f} (target <= 1.15)"
    )


def progress(movies: int) -> None:
    from whichmovie.catalog.services.enrichment import movies_enrich

    load_pending(movies, films=movies)
    server, url = start_fake(movies, latency=0.1, rate=40)
    moves: list[float] = []
    try:
        with client_for(url, 40) as client:
            began = time.perf_counter()
            movies_enrich(client=client, progress=lambda n: moves.append(time.perf_counter()))
            wall = time.perf_counter() - began
    finally:
        server.terminate()
    times = [began, *moves]
    still = max(b - a for a, b in zip(times, times[1:], strict=False)) if moves else wall
    print(f"progress: {movies} movies, 100 ms latency, 40 req/s limit, {wall:.1f} s in all")
    first = moves[0] - began if moves else wall
    print(f"  the bar first moves after {first:.1f} s; stands still at most {still:.1f} s")


def memory(movies: int) -> None:
    from whichmovie.catalog.services.enrichment import movies_enrich

    load_pending(movies, films=movies)
    server, url = start_fake(movies, latency=0.0, rate=None)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            with open(f"/proc/{os.getpid()}/status") as status:
                rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
            peak[0] = max(peak[0], rss / 1024)

    threading.Thread(target=sample, daemon=True).start()
    try:
        with client_for(url, 100_000) as client:
            began = time.perf_counter()
            done_count = [0]

            def report(n: int) -> None:
                done_count[0] += n
                if done_count[0] % 10_000 == 0:
                    print(
                        f"  {done_count[0]:>7} done, {time.perf_counter() - began:5.0f} s, "
                        f"peak RSS so far {peak[0]:.0f} MB",
                        flush=True,
                    )

            result = movies_enrich(client=client, progress=report)
            wall = time.perf_counter() - began
    finally:
        done.set()
        server.terminate()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: {movies} pending movies in {wall:.0f} s: {result}")
    print(f"  peak RSS {max(peak[0], max_rss):.0f} MB (target <= 250 MB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--movies", type=int, default=1000)
    parser.add_argument("--memory-movies", type=int, default=100_000)
    parser.add_argument("--progress-movies", type=int, default=434)
    args = parser.parse_args()
    setup("enrich")
    if args.movies:
        speed(args.movies)
    if args.progress_movies:
        progress(args.progress_movies)
    if args.memory_movies:
        memory(args.memory_movies)


if __name__ == "__main__":
    main()
