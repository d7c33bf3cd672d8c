"""Page speed at 1,000 and 100,000 films (2 videos per film), on the production server.

For each size: build a fresh SQLite database (bulk inserts), serve it with gunicorn
(`whichmovie.wsgi`, one gthread worker with 8 threads, as `whichmovie serve` runs it), then
measure p50 latency (one client, sequential) and requests/s (several clients) for the home
page, a filtered page, a movie page and /api/movies, beside /robots.txt (a trivial view on the
same server). Targets: each page's p50 at 100,000 films <= 1.3x its p50 at 1,000, and
<= 3x the trivial view's.

    .venv/bin/python -m bench.web [--sizes 1000 100000] [--requests 300] [--clients 8]

Uncached rows (info, not targets) use a new URL for every request, so each one is rendered
from the database: the cost a visitor pays for the first view of a page or filter.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

VIDEOS_PER_FILM = 2
PAGES = {
    "trivial view (/robots.txt)": "/robots.txt",
    "home (/)": "/",
    "filtered (/?genre=drama&kind=trailer)": "/?genre=drama&kind=trailer",
    "movie page (/movies/<id>/)": "/movies/{id}/",
    "API (/api/movies)": "/api/movies",
}
# Informative rows, not part of the targets: every request a cache miss (`_` is an unknown
# parameter, so each URL is new), to show the cost of rendering a page from the database.
EXTRA_PAGES = {
    "home, uncached": "/?_={n}",
    "filtered, uncached": "/?genre=drama&kind=trailer&_={n}",
    "movie page, uncached": "/movies/{id}/?_={n}",
    "API, uncached": "/api/movies?_={n}",
    "search, uncached (/?q=river)": "/?q=river&_={n}",
    "by rating, uncached (/?sort=rating)": "/?sort=rating&_={n}",
    "upcoming, uncached (/?status=upcoming)": "/?status=upcoming&_={n}",
}
WORDS = (
    "river", "night", "house", "silent", "last", "summer", "city", "blue", "winter",
    "stranger", "wild", "road", "dark", "light", "love", "war", "golden", "small", "secret",
    "empty", "glass", "iron", "paper", "black", "garden", "north", "island",
)  # fmt: skip
GENRES = [
    (28, "Action"), (12, "Adventure"), (16, "Animation"), (35, "Comedy"), (80, "Crime"),
    (99, "Documentary"), (18, "Drama"), (10751, "Family"), (14, "Fantasy"), (36, "History"),
    (27, "Horror"), (10402, "Music"), (9648, "Mystery"), (10749, "Romance"),
    (878, "Science Fiction"), (53, "Thriller"), (10752, "War"), (37, "Western"),
]  # fmt: skip


# --- building a database (runs in a child process: one Django setup per database) -------


def build(films: int) -> None:
    from bench._django import setup

    data_dir = setup(f"web-{films}")
    from django.core.management import call_command

    from whichmovie.catalog.models import Channel, Genre, MatchStatus, Movie, Video, VideoKind
    from whichmovie.sources.titles import normalise_title

    started = time.perf_counter()
    rng = random.Random(films)
    now = datetime.now(UTC)
    today = now.date()
    channels = Channel.objects.bulk_create(
        Channel(
            slug=f"bench-{i}",
            name=f"Bench Channel {i}",
            url=f"https://www.youtube.com/@bench{i}/videos",
            last_checked_at=now,
            last_success_at=now,
        )
        for i in range(20)
    )
    genres = Genre.objects.bulk_create(
        Genre(tmdb_id=tmdb_id, name=name, slug=name.lower().replace(" ", "-"))
        for tmdb_id, name in GENRES
    )
    movies, videos, movie_genres = [], [], []
    for i in range(films):
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 4)))
        title = f"{title} {i}"
        identified = rng.random() < 0.85
        released = today + timedelta(days=rng.randint(-3650, 365))
        dates = sorted(now - timedelta(days=rng.uniform(0, 1000)) for _ in range(VIDEOS_PER_FILM))
        movies.append(
            Movie(
                id=i + 1,
                title=title,
                year=released.year,
                group_key=f"bench-{i}",
                search_title=normalise_title(title),
                tmdb_id=100_000 + i if identified else None,
                imdb_id=f"tt{10_000_000 + i}" if identified else None,
                overview=" ".join(rng.choice(WORDS) for _ in range(45)) if identified else "",
                release_date=released if identified else None,
                theatrical_release_date=released if identified and rng.random() < 0.5 else None,
                runtime=rng.randint(80, 180) if identified else None,
                vote_average=round(rng.uniform(3, 9), 1) if identified else None,
                vote_count=rng.randint(0, 5000) if identified else None,
                poster_path=f"/poster{i}.jpg" if identified else "",
                backdrop_path=f"/backdrop{i}.jpg" if identified else "",
                directors=["A. Director"] if identified else [],
                cast=[{"name": f"Actor {n}", "character": f"Role {n}"} for n in range(10)]
                if identified
                else [],
                watch_providers={"flatrate": [{"provider_name": "MUBI", "logo_path": "/m.jpg"}]}
                if identified and released < today and rng.random() < 0.4
                else {},
                match_status=MatchStatus.MATCHED if identified else MatchStatus.PENDING,
                latest_video_at=dates[-1],
            )
        )
        for n, published in enumerate(dates):
            kind = VideoKind.TEASER if n == 0 and rng.random() < 0.3 else VideoKind.TRAILER
            videos.append(
                Video(
                    youtube_id=f"v{i:09d}{n}",
                    channel=rng.choice(channels),
                    youtube_title=f"{title} | Official {kind.label}",
                    kind=kind,
                    parsed_title=title,
                    group_key=f"bench-{i}",
                    published_at=published,
                    first_seen_at=published,
                    movie_id=i + 1,
                )
            )
        if identified:
            for genre in rng.sample(genres, rng.randint(1, 3)):
                movie_genres.append(Movie.genres.through(movie_id=i + 1, genre_id=genre.pk))
    Movie.objects.bulk_create(movies, batch_size=2000)
    Video.objects.bulk_create(videos, batch_size=2000)
    Movie.genres.through.objects.bulk_create(movie_genres, batch_size=5000)
    call_command("collectstatic", interactive=False, verbosity=0)
    seconds = time.perf_counter() - started
    print(f"built {films:,} films, {len(videos):,} videos in {seconds:.0f}s", file=sys.stderr)
    print(data_dir)


def build_in_child(films: int) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bench.web", "--build", str(films)],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


# --- serving and measuring --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "WHICHMOVIE_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "whichmovie.settings",
    }
    for key in ("DATABASE_URL", "BROKER_URL", "REDIS_URL", "DEBUG"):
        env.pop(key, None)
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "whichmovie.wsgi:application",
            "--bind", f"127.0.0.1:{port}",
            "--worker-class", "gthread", "--workers", "1", "--threads", "8",
            "--log-level", "warning",
        ],
        env=env,
    )  # fmt: skip
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return server, port
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("gunicorn did not start")


class Client:
    """One keep-alive connection, as a browser would hold."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, path: str) -> float:
        started = time.perf_counter()
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        return elapsed


def p50_ms(port: int, paths: list[str], requests: int, *, start: int = 0) -> float:
    """Median latency of `requests` sequential requests, after 50 to warm up."""
    client = Client(port)
    for i in range(start, start + 50):
        client.get(paths[i % len(paths)])
    timed = range(start + 50, start + 50 + requests)
    return 1000 * statistics.median(client.get(paths[i % len(paths)]) for i in timed)


def requests_per_second(port: int, paths: list[str], clients: int, seconds: float) -> float:
    done = [0] * clients
    deadline = time.perf_counter() + seconds
    # Each client takes its own share of the paths, so unique URLs stay unique.
    offset = len(paths) // 2

    def run(n: int) -> None:
        client = Client(port)
        while time.perf_counter() < deadline:
            client.get(paths[(offset + n * 1000 + done[n]) % len(paths)])
            done[n] += 1

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def measure(films: int, args: argparse.Namespace) -> dict[str, tuple[float, float]]:
    data_dir = build_in_child(films)
    server, port = start_server(data_dir)
    rng = random.Random(0)
    movie_ids = [rng.randint(1, films) for _ in range(50)]
    results = {}
    try:
        for name, path in {**PAGES, **EXTRA_PAGES}.items():
            count = 50 if "{n}" not in path else 100_000
            paths = [path.format(id=movie_ids[n % 50], n=n) for n in range(count)]
            # The median of a few rounds, so one noisy moment on the machine does not decide.
            requests = args.requests if name in PAGES else args.requests // 3
            p50 = statistics.median(
                p50_ms(port, paths, requests, start=round_ * (requests + 50))
                for round_ in range(args.rounds)
            )
            rps = requests_per_second(port, paths, args.clients, args.seconds)
            results[name] = (p50, rps)
            print(
                f"  {films:>7,} films  {name:<40} p50 {p50:6.2f} ms  {rps:7.0f} req/s",
                file=sys.stderr,
            )
    finally:
        server.terminate()
        server.wait()
    return results


def table(sizes: list[int], results: dict[int, dict[str, tuple[float, float]]]) -> str:
    small, large = sizes[0], sizes[-1]
    trivial = results[large]["trivial view (/robots.txt)"][0]
    lines = [
        f"| page | p50 @ {small:,} | p50 @ {large:,} | {large:,} / {small:,} (<= 1.3) "
        f"| / trivial (<= 3) | req/s @ {small:,} | req/s @ {large:,} |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in {**PAGES, **EXTRA_PAGES}:
        (p50_small, rps_small), (p50_large, rps_large) = results[small][name], results[large][name]
        target = "" if name in PAGES else " (info)"
        lines.append(
            f"| {name}{target} | {p50_small:.2f} ms | {p50_large:.2f} ms "
            f"| {p50_large / p50_small:.2f} | {p50_large / trivial:.2f} "
            f"| {rps_small:,.0f} | {rps_large:,.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--requests", type=int, default=300, help="timed requests per page")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients for req/s")
    parser.add_argument("--seconds", type=float, default=3.0, help="length of the req/s run")
    parser.add_argument("--rounds", type=int, default=3, help="p50 is the median of rounds")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(args.build)
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    results = {films: measure(films, args) for films in args.sizes}
    print(table(args.sizes, results))


if __name__ == "__main__":
    main()
