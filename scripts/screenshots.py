"""Screenshots of the main pages, desktop and phone, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py            # write the PNGs
    .venv/bin/python scripts/screenshots.py --serve    # just serve the demo site on :8765

Runs the site on a throwaway SQLite database filled with demo films, then drives Debian's
Chromium with Playwright. Nothing external loads (TMDB images and YouTube stills are
blocked), so the pictures show the placeholders a visitor sees while images load.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXTERNAL_HOSTS = ("image.tmdb.org", "i.ytimg.com", "youtube-nocookie.com", "youtube.com")
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}

# (title, year, genres, status hint, overview). Dates are set relative to today below.
# Demo films: title, year, genres, a release status and an overview. Dates are set
# relative to today, so statuses and "new" badges look real whenever this runs.
DEMO = json.loads((Path(__file__).with_name("demo_films.json")).read_text())
CHANNELS = [
    ("mubi", "MUBI", 0, ""),
    ("rotten-tomatoes-indie", "Rotten Tomatoes Indie", 0, ""),
    ("a24", "A24", 3, "YouTube answered 429 Too Many Requests; retrying at the next check."),
]


def setup_django(data_dir: str) -> None:
    os.environ["WHICHMOVIE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whichmovie.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def load_demo_data() -> dict[str, int]:
    """Demo films, dated around today so that statuses and "new" badges look real."""
    from whichmovie.catalog.models import Channel, Genre, MatchStatus, Movie, Video, VideoKind
    from whichmovie.sources.titles import normalise_title

    now = datetime.now(UTC).replace(microsecond=0)
    today = now.date()
    channels = [
        Channel.objects.create(
            slug=slug,
            name=name,
            url=f"https://www.youtube.com/@{slug}/videos",
            last_checked_at=now - timedelta(hours=2 + failures),
            last_success_at=now - timedelta(hours=2 if not failures else 80),
            consecutive_failures=failures,
            last_error=error,
        )
        for slug, name, failures, error in CHANNELS
    ]
    genres: dict[str, Genre] = {}
    ids: dict[str, int] = {}
    status_dates = {
        "upcoming": lambda i: {"release_date": today + timedelta(days=12 + 9 * i)},
        "in_cinemas": lambda i: {"release_date": today - timedelta(days=5 + 3 * i)},
        "streaming": lambda i: {
            "release_date": today - timedelta(days=120 + 20 * i),
            "watch_providers": {
                "link": "https://www.themoviedb.org/movie/1/watch?locale=US",
                "flatrate": [{"provider_name": "MUBI", "logo_path": "/mubi.jpg"}],
                "rent": [{"provider_name": "Apple TV", "logo_path": "/apple.jpg"}],
                "buy": [{"provider_name": "Google Play Movies", "logo_path": "/play.jpg"}],
            },
        },
    }
    for i, demo in enumerate(DEMO["films"]):
        title, year, genre_names = demo["title"], demo["year"], demo["genres"]
        status, overview = demo["status"], demo["overview"]
        movie = Movie.objects.create(
            title=title,
            year=year,
            search_title=normalise_title(title),
            group_key=f"demo-{i}",
            tmdb_id=1000 + i,
            imdb_id=f"tt{9000000 + i}",
            overview=overview,
            tagline="Every journey begins with a single step." if i == 0 else "",
            runtime=95 + (i * 7) % 60,
            certification=["PG-13", "R", "PG", "12A"][i % 4],
            vote_average=round(6.4 + (i * 0.37) % 2.4, 1),
            vote_count=120 + i * 37,
            poster_path=f"/demo-poster-{i}.jpg",
            backdrop_path=f"/demo-backdrop-{i}.jpg",
            directors=["Marianne Elliott"] if i == 0 else ["A. Director"],
            cast=[
                {"name": "Gillian Anderson", "character": "Raynor Winn"},
                {"name": "Jason Isaacs", "character": "Moth Winn"},
                {"name": "James Lance", "character": "Polzeath"},
            ],
            match_status=MatchStatus.MATCHED,
            **status_dates[status](i % 3),
        )
        for name in genre_names:
            if name not in genres:
                genres[name] = Genre.objects.create(
                    tmdb_id=len(genres) + 1, name=name, slug=name.lower().replace(" ", "-")
                )
        movie.genres.set([genres[name] for name in genre_names])
        ids.setdefault("movie", movie.pk)
        kinds = (
            [VideoKind.TEASER, VideoKind.TRAILER, VideoKind.TRAILER]
            if i == 0
            else [VideoKind.TRAILER]
        )
        for k, kind in enumerate(kinds):
            label = "Teaser" if kind == VideoKind.TEASER else "Trailer"
            number = f" #{k}" if k and len(kinds) > 1 else ""
            Video.objects.create(
                youtube_id=f"demo{i:03d}{k}",
                channel=channels[(i + k) % 2 if k else i % len(channels)],
                youtube_title=f"{title} | Official {label}{number}",
                kind=kind,
                parsed_title=title,
                parsed_year=year,
                published_at=now - timedelta(days=40 * (len(kinds) - 1 - k) + i * 1.3, hours=i),
                movie=movie,
            )
    for j, demo in enumerate(DEMO["unidentified"]):
        title, year = demo["title"], demo["year"]
        movie = Movie.objects.create(
            title=title, year=year, search_title=normalise_title(title), group_key=f"demo-u{j}"
        )
        Video.objects.create(
            youtube_id=f"demou{j:03d}",
            channel=channels[j],
            youtube_title=f"{title} | Official Trailer",
            kind=VideoKind.TRAILER,
            parsed_title=title,
            parsed_year=year,
            published_at=now - timedelta(days=2 + j * 3),
            movie=movie,
        )
    from whichmovie.catalog.services.videos import movies_refresh_latest_video

    movies_refresh_latest_video(Movie.objects.values_list("pk", flat=True))
    return ids


def serve(port: int) -> threading.Thread:
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from whitenoise import WhiteNoise  # noqa: F401  (the app's middleware serves static)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", port), QuietHandler)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


def take_screenshots(base: str, movie_id: int) -> list[Path]:
    from playwright.sync_api import sync_playwright

    pages = {
        "home": "/",
        "movie": f"/movies/{movie_id}/",
        "channel": "/channels/mubi/",
        "status": "/status/",
    }
    written = []
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, (width, height) in SIZES.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    device_scale_factor=1,
                    color_scheme=scheme,
                    is_mobile=device == "phone",
                    has_touch=device == "phone",
                )
                context.route(
                    lambda url: any(host in url for host in EXTERNAL_HOSTS),
                    lambda route: route.abort(),
                )
                page = context.new_page()
                for name, path in pages.items():
                    if scheme == "dark" and name in ("channel", "status"):
                        continue
                    page.goto(base + path, wait_until="networkidle")
                    suffix = "" if scheme == "light" else "-dark"
                    target = OUT / f"{name}-{device}{suffix}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--serve", action="store_true", help="serve the demo site until Ctrl-C")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="whichmovie-demo-") as data_dir:
        setup_django(data_dir)
        ids = load_demo_data()
        thread = serve(args.port)
        base = f"http://127.0.0.1:{args.port}"
        if args.serve:
            print(
                f"Demo site on {base}/ (movie page: {base}/movies/{ids['movie']}/); Ctrl-C stops."
            )
            with contextlib.suppress(KeyboardInterrupt):
                thread.join()
            return
        written = take_screenshots(base, ids["movie"])
        print(f"Wrote {len(written)} screenshots to {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
