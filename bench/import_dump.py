"""Import a 20,000-upload `yt-dlp -J --flat-playlist` dump into a fresh SQLite database.

.venv/bin/python -m bench.import_dump [--uploads 20000]
"""

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from bench._django import setup

SHAPES = [
    "{t} Official Trailer #1 ({y}) | Movieclips Indie",
    "{t} Trailer #2 ({y})",
    "{T} | Official Trailer | MUBI",
    "{t} Teaser Trailer #1 ({y})",
    "{t} Clip - The Meeting ({y})",
    "{t} - Official Trailer | A24",
    "Behind the Scenes of {t}",
]
WORDS = [
    "night",
    "river",
    "glass",
    "summer",
    "ghost",
    "city",
    "last",
    "red",
    "house",
    "blue",
    "wild",
    "small",
    "long",
    "quiet",
]


def make_dump(count: int) -> dict:
    rng = random.Random(7)
    entries = []
    for n in range(count):
        title = " ".join(rng.choice(WORDS).title() for _ in range(rng.randint(1, 4))) + f" {n}"
        shape = rng.choice(SHAPES)
        video_id = f"{n:011d}"
        entries.append(
            {
                "_type": "url",
                "ie_key": "Youtube",
                "id": video_id,
                "url": f"https://www.youtube.com/watch?v={video_id}",
                "title": shape.format(t=title, T=title.upper(), y=rng.randint(1990, 2026)),
                "description": None,
                "duration": rng.randint(60, 200),
                "channel_id": None,
                "channel": None,
                "channel_url": None,
                "uploader": None,
                "uploader_id": None,
                "uploader_url": None,
                "thumbnails": [],
                "timestamp": None,
                "release_timestamp": None,
                "availability": None,
                "view_count": rng.randint(0, 10**6),
                "live_status": None,
                "channel_is_verified": None,
            }
        )
    return {
        "id": "UCbenchbenchbenchbench01",
        "channel": "Bench Trailers",
        "channel_id": "UCbenchbenchbenchbench01",
        "title": "Bench Trailers - Videos",
        "uploader_id": "@benchtrailers",
        "uploader": "Bench Trailers",
        "channel_url": "https://www.youtube.com/channel/UCbenchbenchbenchbench01",
        "_type": "playlist",
        "entries": entries,
        "extractor_key": "YoutubeTab",
        "extractor": "youtube:tab",
        "webpage_url": "https://www.youtube.com/@benchtrailers/videos",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uploads", type=int, default=20_000)
    args = parser.parse_args()
    setup("import")
    from whichmovie.catalog.models import Movie, Video
    from whichmovie.catalog.services.channels import channel_for_listing
    from whichmovie.catalog.services.videos import videos_save
    from whichmovie.sources.youtube import listing_from_dump

    dump_file = Path(tempfile.mkdtemp()) / "dump.json"
    dump_file.write_text(json.dumps(make_dump(args.uploads)))

    for run in ("first import", "same dump again"):
        began = time.perf_counter()
        listing = listing_from_dump(json.loads(dump_file.read_text()))
        channel = channel_for_listing(listing=listing)
        result = videos_save(channel=channel, uploads=listing.uploads, exact_dates=False)
        elapsed = time.perf_counter() - began
        print(
            f"{run}: {args.uploads} uploads in {elapsed:.2f} s "
            f"= {args.uploads / elapsed:,.0f} uploads/s ({result})"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"videos: {Video.objects.count()}, movies: {Movie.objects.count()}, peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
