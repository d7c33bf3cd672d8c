"""A local HTTP server that plays TMDB v3, for tests and benchmarks.

Responses have TMDB's shapes (search, details with appended sections, configuration, errors).
The catalogue is a small in-memory list of `FakeFilm`s; the default one is full of confusers
(namesakes, shorts, TV movies, making-ofs, re-releases, foreign titles), plus a few TV series
(`FakeSeries`, for `/search/tv`) whose trailers look like films'. Knobs: latency, a
per-second rate limit answered with 429 + Retry-After, injected failures, and a request log.

In tests:   use the `fake_tmdb` / `fake_tmdb_factory` fixtures, or `with FakeTmdb() as fake:`.
Standalone: python -m tests.fakes.tmdb --port 8765 --latency 0.1 --rate-limit 40 --films 1000
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import math
import re
import signal
import sys
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

import pytest
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from whichmovie.tmdb.client import TmdbClient

FAKE_API_KEY = "fake0tmdb0api0key0000000000000000"
FAKE_READ_ACCESS_TOKEN = "fake.tmdb.read-access-token.eyJhbGciOiJIUzI1NiJ9"
PAGE_SIZE = 20

GENRES = {
    28: "Action", 12: "Adventure", 16: "Animation", 35: "Comedy", 80: "Crime",
    99: "Documentary", 18: "Drama", 10751: "Family", 14: "Fantasy", 36: "History",
    27: "Horror", 10402: "Music", 9648: "Mystery", 10749: "Romance",
    878: "Science Fiction", 10770: "TV Movie", 53: "Thriller", 10752: "War", 37: "Western",
}  # fmt: skip
PROVIDERS = {  # name -> (provider_id, logo_path, display_priority)
    "Netflix": (8, "/pbpMk2JmcoNnQwx5JGpXngfoWtp.jpg", 4),
    "Max": (1899, "/170ZfHTLT6ZlG38iLLpNYcBGUkG.jpg", 8),
    "MUBI": (11, "/x570VpH2C9EKDf1riP83rYc5dnL.jpg", 12),
    "Hulu": (15, "/bxBlRPEPpMVDc4jMhSrTf2339DW.jpg", 9),
    "Apple TV": (2, "/9ghgSC0MA082EL6HLCW3GalykFD.jpg", 6),
    "Amazon Video": (10, "/seGSXajazLMCKGB5hnRCidtjay1.jpg", 11),
}

_RELEASE_TYPE_THEATRICAL = 3
_RELEASE_TYPE_PREMIERE = 1


def _path(seed: str, suffix: str = ".jpg") -> str:
    """A stable image path shaped like TMDB's ("/d5NXSklXo0qyIYkgV94XAgMIckC.jpg")."""
    digest = hashlib.sha256(seed.encode()).digest()
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    return "/" + "".join(alphabet[b % 62] for b in digest[:27]) + suffix


def _hex_id(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:24]


def _words(text: str) -> list[str]:
    """How the fake tokenises titles: accents stripped, casefolded, punctuation splits words."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", " ", text.replace("&", " and ")).split()


@dataclass(frozen=True)
class FakeFilm:
    id: int
    title: str
    release_date: str | None  # the primary release ("YYYY-MM-DD"); None: not announced
    original_title: str = ""  # defaults to title
    original_language: str = "en"
    country: str = "US"  # where the primary release happens
    genres: tuple[int, ...] = (18,)
    runtime: int | None = 105
    popularity: float = 5.0
    vote_count: int = 40
    vote_average: float = 6.4
    overview: str = ""
    tagline: str = ""
    status: str = "Released"
    imdb_id: str | None = ""  # "" derives one from the id; None: TMDB has none
    alternative_titles: tuple[tuple[str, str], ...] = ()  # (country, title)
    other_releases: tuple[tuple[str, str, str], ...] = ()  # (country, "YYYY-MM-DD", note)
    youtube_keys: tuple[str, ...] = ()  # videos TMDB lists for the film (trailers)
    streaming: tuple[str, ...] = ()  # PROVIDERS names, flatrate in the US
    director: str = "Jane Director"
    cast: tuple[str, ...] = ("Alex Lead", "Sam Support")
    adult: bool = False
    company: str = "Fake Pictures"  # the production company (a distributor's channel name)
    video_language: str = "en"  # the language TMDB files the film's videos under
    # Fields sent as they are in /movie/{id} instead of the generated ones: TMDB's data is
    # edited by its users, so the hostile-input tests send control characters, odd types, ...
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def year(self) -> int | None:
        return int(self.release_date[:4]) if self.release_date else None

    @property
    def release_years(self) -> set[int]:
        """Every year with a release anywhere: what TMDB's `year` filter looks at."""
        years = {int(date[:4]) for _, date, _ in self.other_releases}
        return years | ({self.year} if self.year else set())

    def words(self) -> set[str]:
        names = [self.title, self.original_title or self.title]
        names += [title for _, title in self.alternative_titles]
        return {word for name in names for word in _words(name)}

    def search_result(self) -> dict[str, Any]:
        return {
            "adult": self.adult,
            "backdrop_path": _path(f"{self.id}-backdrop"),
            "genre_ids": list(self.genres),
            "id": self.id,
            "original_language": self.original_language,
            "original_title": self.original_title or self.title,
            "overview": self.overview,
            "popularity": self.popularity,
            "poster_path": _path(f"{self.id}-poster"),
            "release_date": self.release_date or "",
            "title": self.title,
            "video": False,
            "vote_average": self.vote_average,
            "vote_count": self.vote_count,
        }

    def details(
        self, append: Sequence[str] = (), video_languages: set[str] | None = None
    ) -> dict[str, Any]:
        data = {
            "adult": self.adult,
            "backdrop_path": _path(f"{self.id}-backdrop"),
            "belongs_to_collection": None,
            "budget": 0,
            "genres": [{"id": g, "name": GENRES.get(g, "Drama")} for g in self.genres],
            "homepage": "",
            "id": self.id,
            "imdb_id": self._imdb_id(),
            "origin_country": [self.country],
            "original_language": self.original_language,
            "original_title": self.original_title or self.title,
            "overview": self.overview,
            "popularity": self.popularity,
            "poster_path": _path(f"{self.id}-poster"),
            "production_companies": [
                {
                    "id": 1000 + self.id % 997,
                    "logo_path": None,
                    "name": self.company,
                    "origin_country": self.country,
                }
            ],
            "production_countries": [{"iso_3166_1": self.country, "name": self.country}],
            "release_date": self.release_date or "",
            "revenue": 0,
            "runtime": self.runtime or 0,  # TMDB sends 0 when it does not know
            "spoken_languages": [
                {
                    "english_name": self.original_language,
                    "iso_639_1": self.original_language,
                    "name": self.original_language,
                }
            ],
            "status": self.status,
            "tagline": self.tagline,
            "title": self.title,
            "video": False,
            "vote_average": self.vote_average,
            "vote_count": self.vote_count,
        }
        for name in append:
            section = self.section(name, video_languages)
            if section is not None:
                data[name] = section
        data.update(self.raw)
        return data

    def section(self, name: str, video_languages: set[str] | None = None) -> dict[str, Any] | None:
        """One appendable sub-resource, as TMDB embeds it (without its own `id`)."""
        if name == "external_ids":
            return {
                "imdb_id": self._imdb_id(),
                "wikidata_id": None,
                "facebook_id": None,
                "instagram_id": None,
                "twitter_id": None,
            }
        if name == "credits":
            return self._credits()
        if name == "release_dates":
            return {"results": self._release_dates()}
        if name == "videos":
            return {"results": self._videos(video_languages)}
        if name == "watch/providers":
            return {"results": self._providers()}
        if name == "alternative_titles":
            return {
                "titles": [
                    {"iso_3166_1": c, "title": t, "type": ""} for c, t in self.alternative_titles
                ]
            }
        return None

    def _imdb_id(self) -> str | None:
        return f"tt{self.id % 10_000_000:07d}" if self.imdb_id == "" else self.imdb_id

    def _credits(self) -> dict[str, Any]:
        def person(name: str) -> dict[str, Any]:
            return {
                "adult": False,
                "gender": 0,
                "id": int(_hex_id(name)[:6], 16),
                "name": name,
                "original_name": name,
                "popularity": 1.0,
                "profile_path": _path(name),
            }

        cast = [
            {
                **person(name),
                "known_for_department": "Acting",
                "cast_id": i + 1,
                "character": f"Role {i + 1}",
                "credit_id": _hex_id(f"{self.id}-cast-{i}"),
                "order": i,
            }
            for i, name in enumerate(self.cast)
        ]
        crew = [
            {
                **person(self.director),
                "known_for_department": "Directing",
                "credit_id": _hex_id(f"{self.id}-director"),
                "department": "Directing",
                "job": "Director",
            }
        ]
        return {"cast": cast, "crew": crew}

    def _release_dates(self) -> list[dict[str, Any]]:
        entries = list(self.other_releases)
        if self.release_date:
            entries.insert(0, (self.country, self.release_date, ""))
        by_country: dict[str, list[dict[str, Any]]] = {}
        for country, date, note in entries:
            festival = "festival" in note.casefold()
            by_country.setdefault(country, []).append(
                {
                    "certification": "PG-13" if country == "US" else "",
                    "descriptors": [],
                    "iso_639_1": "",
                    "note": note,
                    "release_date": f"{date}T00:00:00.000Z",
                    "type": _RELEASE_TYPE_PREMIERE if festival else _RELEASE_TYPE_THEATRICAL,
                }
            )
        return [{"iso_3166_1": c, "release_dates": d} for c, d in by_country.items()]

    def _videos(self, languages: set[str] | None) -> list[dict[str, Any]]:
        videos = [
            {
                "iso_639_1": self.video_language,
                "iso_3166_1": "US",
                "name": f"Official Trailer {i + 1}",
                "key": key,
                "site": "YouTube",
                "size": 1080,
                "type": "Trailer",
                "official": True,
                "published_at": f"{self.release_date or '2025-01-01'}T16:00:00.000Z",
                "id": _hex_id(f"{self.id}-video-{key}"),
            }
            for i, key in enumerate(self.youtube_keys)
        ]
        return [v for v in videos if languages is None or v["iso_639_1"] in languages]

    def _providers(self) -> dict[str, Any]:
        if not self.release_date:
            return {}

        def offer(name: str) -> dict[str, Any]:
            provider_id, logo, priority = PROVIDERS[name]
            return {
                "logo_path": logo,
                "provider_id": provider_id,
                "provider_name": name,
                "display_priority": priority,
            }

        slug = "-".join(_words(self.title))
        region: dict[str, Any] = {
            "link": f"https://www.themoviedb.org/movie/{self.id}-{slug}/watch?locale=US"
        }
        if self.streaming:
            region["flatrate"] = [offer(name) for name in self.streaming]
        region["rent"] = [offer("Apple TV"), offer("Amazon Video")]
        region["buy"] = [offer("Apple TV"), offer("Amazon Video")]
        return {"US": region}


@dataclass(frozen=True)
class FakeSeries:
    """A TV series, as `/search/tv` lists it."""

    id: int
    name: str
    first_air_date: str | None  # "YYYY-MM-DD"; None: not aired yet
    original_name: str = ""  # defaults to name
    original_language: str = "en"
    origin_country: tuple[str, ...] = ("US",)
    genres: tuple[int, ...] = (18,)  # TV genre ids (35 Comedy, 18 Drama, 10765 Sci-Fi & Fantasy)
    popularity: float = 30.0
    vote_count: int = 900
    vote_average: float = 7.6
    overview: str = ""
    adult: bool = False

    def words(self) -> set[str]:
        return {word for name in (self.name, self.original_name) for word in _words(name)}

    def search_result(self) -> dict[str, Any]:
        return {
            "adult": self.adult,
            "backdrop_path": _path(f"tv-{self.id}-backdrop"),
            "genre_ids": list(self.genres),
            "id": self.id,
            "origin_country": list(self.origin_country),
            "original_language": self.original_language,
            "original_name": self.original_name or self.name,
            "overview": self.overview,
            "popularity": self.popularity,
            "poster_path": _path(f"tv-{self.id}-poster"),
            "first_air_date": self.first_air_date or "",
            "name": self.name,
            "vote_average": self.vote_average,
            "vote_count": self.vote_count,
        }


def make_film(tmdb_id: int, title: str, year: int | None, **fields: Any) -> FakeFilm:
    """A film released on a stable made-up date in `year` (None: no date announced)."""
    date = f"{year:04d}-{1 + tmdb_id % 12:02d}-{1 + tmdb_id % 28:02d}" if year else None
    return FakeFilm(
        id=tmdb_id, title=title, release_date=fields.pop("release_date", date), **fields
    )


# -- the default catalogue: confusers --------------------------------------------------------

DUNE_1984 = 841
DUNE_2021 = 438631
DUNE_PART_TWO = 693134
DUNE_SHORT_2021 = 900101
DUNE_TV_MOVIE_2021 = 900102
MAKING_OF_DUNE = 900103
JODOROWSKYS_DUNE = 209112
SPACE_ODYSSEY = 62
ANATOMY_OF_A_FALL = 915935
GODZILLA_MINUS_ONE = 940721
NOCTURNE_2020 = 649394
NOCTURNE_2024 = 1184918
SUNBURN_HORROR = 1290001
SUNBURN_DRAMA = 1290002
SKIN_FEATURE = 446021
SKIN_SHORT = 548473
UNRELEASED = 1400001
KINGDOM_FILM = 1500001
SPACE_FORCE_SERIES = 85922
BABY_REINDEER_SERIES = 241554
QUEENS_GAMBIT_SERIES = 87739
KINGDOM_SERIES = 70593

DUNE_2021_TRAILER = "n9xhJrPXop4"
NOCTURNE_2024_TRAILER = "nOcTuRnE024"
SUNBURN_DRAMA_TRAILER = "sunBurnTr01"


def default_films() -> list[FakeFilm]:
    return [
        # Three "Dune"s in 2021 (feature, short, TV movie), the 1984 film, a sequel, two docs.
        make_film(
            DUNE_1984,
            "Dune",
            None,
            release_date="1984-12-14",
            genres=(28, 878, 12),
            runtime=137,
            popularity=30.5,
            vote_count=5400,
            vote_average=6.3,
            director="David Lynch",
            imdb_id="tt0087182",
        ),
        make_film(
            DUNE_2021,
            "Dune",
            None,
            release_date="2021-09-15",
            genres=(878, 12),
            runtime=155,
            popularity=95.2,
            vote_count=12500,
            vote_average=7.8,
            director="Denis Villeneuve",
            imdb_id="tt1160419",
            tagline="Beyond fear, destiny awaits.",
            alternative_titles=(("US", "Dune: Part One"), ("FR", "Dune : Première partie")),
            other_releases=(("US", "2021-10-22", ""), ("IT", "2021-09-03", "Venice Film Festival")),
            youtube_keys=(DUNE_2021_TRAILER, "8g18jFHCLXk"),
            streaming=("Max",),
        ),
        make_film(
            DUNE_PART_TWO,
            "Dune: Part Two",
            None,
            release_date="2024-02-27",
            genres=(878, 12),
            runtime=167,
            popularity=120.0,
            vote_count=6900,
            director="Denis Villeneuve",
            youtube_keys=("Way9Dexny3w",),
        ),
        make_film(
            DUNE_SHORT_2021, "Dune", 2021, genres=(878,), runtime=12, popularity=1.4, vote_count=3
        ),
        make_film(
            DUNE_TV_MOVIE_2021,
            "Dune",
            2021,
            genres=(10770, 878),
            runtime=88,
            popularity=0.9,
            vote_count=2,
        ),
        make_film(
            MAKING_OF_DUNE,
            "The Making of Dune",
            2021,
            genres=(99,),
            runtime=45,
            popularity=3.1,
            vote_count=12,
        ),
        make_film(
            JODOROWSKYS_DUNE,
            "Jodorowsky's Dune",
            2013,
            genres=(99,),
            runtime=90,
            popularity=8.0,
            vote_count=700,
        ),
        # A classic re-released: TMDB lists its 2014 and 2018 re-releases.
        make_film(
            SPACE_ODYSSEY,
            "2001: A Space Odyssey",
            None,
            release_date="1968-04-02",
            genres=(878, 9648, 12),
            runtime=149,
            popularity=40.2,
            vote_count=11800,
            vote_average=8.1,
            director="Stanley Kubrick",
            imdb_id="tt0062622",
            other_releases=(
                ("GB", "2014-11-28", "BFI re-release"),
                ("US", "2018-05-18", "70mm re-release"),
            ),
        ),
        # Foreign films: searchable by original and alternative titles.
        make_film(
            ANATOMY_OF_A_FALL,
            "Anatomy of a Fall",
            None,
            release_date="2023-08-23",
            original_title="Anatomie d'une chute",
            original_language="fr",
            country="FR",
            genres=(53, 80),
            runtime=152,
            popularity=25.0,
            vote_count=2800,
            director="Justine Triet",
            alternative_titles=(("DE", "Anatomie eines Falls"),),
            other_releases=(("US", "2023-10-13", ""),),
            streaming=("Hulu",),
        ),
        make_film(
            GODZILLA_MINUS_ONE,
            "Godzilla Minus One",
            None,
            release_date="2023-11-03",
            original_title="ゴジラ-1.0",
            original_language="ja",
            country="JP",
            genres=(878, 27, 28),
            runtime=125,
            popularity=30.0,
            vote_count=2400,
            alternative_titles=(("US", "Godzilla -1.0"), ("JP", "Gojira -1.0")),
        ),
        # A popular namesake (first in TMDB's results) and the indie we actually want.
        make_film(
            NOCTURNE_2020,
            "Nocturne",
            2020,
            genres=(27, 18),
            runtime=90,
            popularity=18.0,
            vote_count=600,
        ),
        make_film(
            NOCTURNE_2024,
            "Nocturne",
            2024,
            genres=(18,),
            runtime=96,
            popularity=0.9,
            vote_count=4,
            youtube_keys=(NOCTURNE_2024_TRAILER,),
            streaming=("MUBI",),
        ),
        # Same title, same year: only TMDB's video list tells them apart.
        make_film(SUNBURN_HORROR, "Sunburn", 2025, genres=(27,), runtime=92, popularity=6.0),
        make_film(
            SUNBURN_DRAMA,
            "Sunburn",
            2025,
            genres=(18,),
            runtime=101,
            popularity=2.0,
            youtube_keys=(SUNBURN_DRAMA_TRAILER,),
        ),
        # The Oscar-winning short is more popular than the feature of the same title.
        make_film(
            SKIN_FEATURE,
            "Skin",
            None,
            release_date="2019-07-26",
            genres=(18, 80),
            runtime=118,
            popularity=9.0,
            vote_count=600,
            other_releases=(("CA", "2018-09-08", "Toronto International Film Festival"),),
        ),
        make_film(
            SKIN_SHORT, "Skin", 2018, genres=(18,), runtime=20, popularity=12.0, vote_count=300
        ),
        # Announced, no date and no runtime yet.
        make_film(
            UNRELEASED,
            "The Untitled Heist Project",
            None,
            runtime=None,
            popularity=2.5,
            status="In Production",
            vote_count=0,
            vote_average=0.0,
        ),
        # A small feature named like the 2019 series: plausible for a 2019 trailer, not sure.
        make_film(KINGDOM_FILM, "Kingdom", 2016, runtime=98, popularity=1.2, vote_count=15),
    ]


def default_series() -> list[FakeSeries]:
    """Series whose trailers are titled exactly like films' ("Space Force | Official Trailer")."""
    return [
        FakeSeries(SPACE_FORCE_SERIES, "Space Force", "2020-05-29", genres=(35,)),
        FakeSeries(BABY_REINDEER_SERIES, "Baby Reindeer", "2024-04-11", origin_country=("GB",)),
        FakeSeries(QUEENS_GAMBIT_SERIES, "The Queen's Gambit", "2020-10-23", popularity=60.0),
        FakeSeries(
            KINGDOM_SERIES,
            "Kingdom",
            "2019-01-25",
            original_name="킹덤",
            original_language="ko",
            origin_country=("KR",),
            genres=(18, 10765),
        ),
    ]


def fake_youtube_id(number: int) -> str:
    """The trailer id of generated film `number` (11 characters, like YouTube's)."""
    return f"fk{number:09d}"


def generated_films(count: int, *, first_id: int = 5_000_000) -> list[FakeFilm]:
    """ "Film 0001".. for benchmarks: distinct titles, years 1990-2025, one trailer each."""
    return [
        make_film(
            first_id + n,
            f"Film {n:04d}",
            1990 + n % 36,
            runtime=80 + n % 60,
            popularity=round(1 + (n * 37 % 1000) / 10, 1),
            vote_count=n % 900,
            youtube_keys=(fake_youtube_id(n),),
        )
        for n in range(1, count + 1)
    ]


# -- the server ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedRequest:
    path: str  # below /3, e.g. "/search/movie"
    params: dict[str, str]  # query parameters, without api_key
    auth: str  # "api_key" | "bearer" | "none"
    status: int  # what the fake answered (504 after an injected timeout)
    at: float  # time.monotonic() when it arrived


@dataclass
class _Failure:
    kind: int | str  # an HTTP status, "timeout" or "truncated"
    retry_after: int


def _error(status: int, code: int, message: str, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps({"success": False, "status_code": code, "status_message": message})
    return Response(
        body, status=status, headers=headers, content_type="application/json;charset=utf-8"
    )


_ERRORS = {
    500: (11, "Internal error: Something went wrong, contact TMDB."),
    502: (11, "Internal error: Something went wrong, contact TMDB."),
    503: (9, "Service offline: This service is temporarily offline, try again later."),
    504: (24, "Your request to the backend server timed out. Try again."),
}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # one line per request would drown test output and benchmarks


@dataclass
class FakeTmdb:
    """TMDB on 127.0.0.1. Start with `start()` or `with`; `url` is the client's `api_url`."""

    films: Iterable[FakeFilm] | None = None  # None: default_films()
    series: Iterable[FakeSeries] | None = None  # None: default_series()
    api_key: str = FAKE_API_KEY
    read_access_token: str = FAKE_READ_ACCESS_TOKEN
    latency_seconds: float = 0.0
    rate_limit_per_second: float | None = None
    hang_seconds: float = 5.0  # how long an injected "timeout" keeps the client waiting
    host: str = "127.0.0.1"
    port: int = 0
    missing_paths: tuple[str, ...] = ()  # answered 404, like a proxy that lacks "/search/tv"
    log: list[LoggedRequest] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        films = default_films() if self.films is None else list(self.films)
        self.catalogue: dict[int, FakeFilm] = {f.id: f for f in films}
        self._words = {f.id: f.words() for f in films}
        self._index_words()
        self.tv: dict[int, FakeSeries] = {
            s.id: s for s in (default_series() if self.series is None else self.series)
        }
        self._lock = threading.Lock()
        self._failures: deque[_Failure] = deque()
        self._tokens = self.rate_limit_per_second or 0.0
        self._refilled_at = time.monotonic()
        self._stopping = threading.Event()
        self._server: BaseWSGIServer | None = None

    # -- lifecycle --

    def start(self) -> Self:
        self._server = make_server(
            self.host, self.port, self._app, threaded=True, request_handler=_QuietHandler
        )
        self.port = self._server.port
        # A short poll interval makes stop() quick: tests start and stop many servers.
        server = self._server
        threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.01), name="fake-tmdb", daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # releases handlers stuck in an injected timeout
        if self._server is not None:
            self._server.shutdown()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/3"

    # -- knobs for tests --

    def add(self, *entries: FakeFilm | FakeSeries) -> None:
        with self._lock:
            for entry in entries:
                if isinstance(entry, FakeSeries):
                    self.tv[entry.id] = entry
                else:
                    self.catalogue[entry.id] = entry
                    self._words[entry.id] = entry.words()
            self._index_words()

    def _index_words(self) -> None:
        """A sorted vocabulary, so a search looks at a few films, not the whole catalogue
        (benchmarks serve 100,000 of them)."""
        self._films_by_word: dict[str, set[int]] = {}
        for film_id, words in self._words.items():
            for word in words:
                self._films_by_word.setdefault(word, set()).add(film_id)
        self._vocabulary = sorted(self._films_by_word)

    def _words_with_prefix(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self._vocabulary, prefix)
        return self._vocabulary[start : bisect.bisect_left(self._vocabulary, prefix + "\U0010ffff")]

    def _count_with_prefix(self, prefix: str) -> int:
        return sum(len(self._films_by_word[word]) for word in self._words_with_prefix(prefix))

    def _films_with_prefix(self, prefix: str) -> set[int]:
        return {i for word in self._words_with_prefix(prefix) for i in self._films_by_word[word]}

    def fail_next(self, count: int = 1, status: int | str = 500, *, retry_after: int = 1) -> None:
        """The next `count` requests fail: an HTTP status (500, 503, 429 ...), "timeout"
        (no answer for `hang_seconds`) or "truncated" (200 with half a JSON body)."""
        with self._lock:
            self._failures.extend(_Failure(status, retry_after) for _ in range(count))

    def paths(self) -> list[str]:
        with self._lock:
            return [entry.path for entry in self.log]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def make_client(self, **overrides: Any) -> TmdbClient:
        """A client for this fake with test-friendly defaults (fast back-off, short timeout)."""
        from whichmovie.tmdb.client import TmdbClient

        options: dict[str, Any] = {
            "api_url": self.url,
            "api_key": self.api_key,
            "rate_limit": 1000.0,
            "timeout": 2.0,
            "backoff_initial": 0.01,
            "backoff_max": 0.05,
        }
        return TmdbClient(**{**options, **overrides})

    # -- the WSGI app --

    def _app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        arrived = time.monotonic()
        if self.latency_seconds:
            time.sleep(self.latency_seconds)
        response = self._respond(request)
        params = {k: v for k, v in request.args.items() if k != "api_key"}
        path = request.path.removeprefix("/3")
        with self._lock:
            self.log.append(
                LoggedRequest(path, params, self._auth_kind(request), response.status_code, arrived)
            )
        return response(environ, start_response)

    def _respond(self, request: Request) -> Response:
        wait = self._take_token()
        if wait:
            limit = f"{self.rate_limit_per_second:g}"
            return _error(
                429,
                25,
                f"Your request count (#) is over the allowed limit of ({limit}).",
                {"Retry-After": str(max(1, math.ceil(wait)))},
            )
        with self._lock:
            failure = self._failures.popleft() if self._failures else None
        if failure is not None:
            return self._fail(failure, request)
        if self._auth_kind(request) == "none":
            return _error(401, 7, "Invalid API key: You must be granted a valid key.")
        return self._route(request)

    def _fail(self, failure: _Failure, request: Request) -> Response:
        if failure.kind == "timeout":
            self._stopping.wait(self.hang_seconds)
            return Response(status=504)  # too late: the client has given up
        if failure.kind == "truncated":
            body = json.dumps(self._route(request).get_json() or {"results": []})
            return Response(body[: len(body) // 2], content_type="application/json;charset=utf-8")
        status = int(failure.kind)
        if status == 429:
            return _error(
                429,
                25,
                "Your request count (#) is over the allowed limit of (40).",
                {"Retry-After": str(failure.retry_after)},
            )
        code, message = _ERRORS.get(
            status, (11, "Internal error: Something went wrong, contact TMDB.")
        )
        return _error(status, code, message)

    def _auth_kind(self, request: Request) -> str:
        if self.api_key and request.args.get("api_key") == self.api_key:
            return "api_key"
        if (
            self.read_access_token
            and request.headers.get("Authorization") == f"Bearer {self.read_access_token}"
        ):
            return "bearer"
        return "none"

    def _take_token(self) -> float:
        """A token bucket like an API gateway's: 0 when allowed, else seconds to wait."""
        rate = self.rate_limit_per_second
        if not rate:
            return 0.0
        with self._lock:
            now = time.monotonic()
            self._tokens = min(rate, self._tokens + (now - self._refilled_at) * rate)
            self._refilled_at = now
            if self._tokens >= 1:
                self._tokens -= 1
                return 0.0
            return (1 - self._tokens) / rate

    def _route(self, request: Request) -> Response:
        path = request.path.removeprefix("/3")
        if path in self.missing_paths:
            return _error(404, 34, "The resource you requested could not be found.")
        if path == "/search/movie":
            return self._json(self._search(request.args))
        if path == "/search/tv":
            return self._json(self._search_tv(request.args))
        if path == "/configuration":
            return self._json(CONFIGURATION)
        if found := re.fullmatch(r"/find/([^/]+)", path):
            return self._find(found.group(1), request.args.get("external_source", ""))
        match = re.fullmatch(r"/movie/(\d+)(?:/([a-z_]+(?:/[a-z_]+)?))?", path)
        film = self.catalogue.get(int(match.group(1))) if match else None
        if match is None or film is None:
            return _error(404, 34, "The resource you requested could not be found.")
        languages = self._video_languages(request.args)
        if match.group(2) is None:
            append = [a for a in request.args.get("append_to_response", "").split(",") if a]
            return self._json(film.details(append, languages))
        section = film.section(match.group(2), languages)
        if section is None:
            return _error(404, 34, "The resource you requested could not be found.")
        return self._json({"id": film.id, **section})

    def _find(self, external_id: str, source: str) -> Response:
        """`/find/{id}`: TMDB answers 200 with empty lists when nothing has that id."""
        if source not in (
            "imdb_id",
            "facebook_id",
            "instagram_id",
            "tvdb_id",
            "tiktok_id",
            "twitter_id",
            "wikidata_id",
            "youtube_id",
        ):
            return _error(400, 22, "Invalid parameters: external_source is missing or invalid.")
        with self._lock:
            films = [
                f
                for f in self.catalogue.values()
                if source == "imdb_id" and f._imdb_id() == external_id
            ]
        return self._json(
            {
                "movie_results": [{**f.search_result(), "media_type": "movie"} for f in films],
                "person_results": [],
                "tv_results": [],
                "tv_episode_results": [],
                "tv_season_results": [],
            }
        )

    def _search(self, args: Any) -> dict[str, Any]:
        wanted = _words(args.get("query", ""))
        year = _int(args.get("year"))
        primary_year = _int(args.get("primary_release_year"))
        include_adult = args.get("include_adult", "false") == "true"
        page = max(1, _int(args.get("page")) or 1)
        with self._lock:
            # The query word that starts the fewest films' words narrows the search.
            rarest = min(wanted, key=self._count_with_prefix, default="")
            films = [self.catalogue[i] for i in self._films_with_prefix(rarest)] if rarest else []
            words = {f.id: self._words[f.id] for f in films}
        found = [
            f
            for f in films
            if _words_match(wanted, words[f.id])
            and (include_adult or not f.adult)
            and (primary_year is None or f.year == primary_year)
            and (year is None or year in f.release_years)
        ]
        return _page(found, page)

    def _search_tv(self, args: Any) -> dict[str, Any]:
        wanted = _words(args.get("query", ""))
        year = _int(args.get("first_air_date_year"))
        include_adult = args.get("include_adult", "false") == "true"
        with self._lock:
            shows = list(self.tv.values())
        found = [
            s
            for s in shows
            if _words_match(wanted, s.words())
            and (include_adult or not s.adult)
            and (year is None or (s.first_air_date or "").startswith(f"{year:04d}-"))
        ]
        return _page(found, max(1, _int(args.get("page")) or 1))

    @staticmethod
    def _video_languages(args: Any) -> set[str] | None:
        """TMDB filters appended videos by `include_video_language` (or the `language`)."""
        wanted = args.get("include_video_language") or args.get("language", "").split("-")[0]
        return {lang.strip() for lang in wanted.split(",") if lang.strip()} or None

    @staticmethod
    def _json(data: dict[str, Any]) -> Response:
        return Response(json.dumps(data), content_type="application/json;charset=utf-8")


def _words_match(wanted: list[str], words: set[str]) -> bool:
    """Every query word starts a word of the title, original title or an alternative title."""
    return bool(wanted) and all(any(w.startswith(q) for w in words) for q in wanted)


def _page(found: Sequence[FakeFilm | FakeSeries], page: int) -> dict[str, Any]:
    """One page of results, most popular first: like TMDB, popularity dominates relevance."""
    found = sorted(found, key=lambda f: -f.popularity)
    start = (page - 1) * PAGE_SIZE
    return {
        "page": page,
        "results": [f.search_result() for f in found[start : start + PAGE_SIZE]],
        "total_pages": max(1, math.ceil(len(found) / PAGE_SIZE)),
        "total_results": len(found),
    }


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


CONFIGURATION: dict[str, Any] = {
    "images": {
        "base_url": "http://image.tmdb.org/t/p/",
        "secure_base_url": "https://image.tmdb.org/t/p/",
        "backdrop_sizes": ["w300", "w780", "w1280", "original"],
        "logo_sizes": ["w45", "w92", "w154", "w185", "w300", "w500", "original"],
        "poster_sizes": ["w92", "w154", "w185", "w342", "w500", "w780", "original"],
        "profile_sizes": ["w45", "w185", "h632", "original"],
        "still_sizes": ["w92", "w185", "w300", "original"],
    },
    "change_keys": [
        "adult", "air_date", "also_known_as", "alternative_titles", "biography", "birthday",
        "budget", "cast", "certifications", "character_names", "created_by", "crew", "deathday",
        "episode", "episode_number", "episode_run_time", "freebase_id", "freebase_mid",
        "general", "genres", "guest_stars", "homepage", "images", "imdb_id", "languages",
        "name", "network", "origin_country", "original_name", "original_title", "overview",
        "parts", "place_of_birth", "plot_keywords", "production_code", "production_companies",
        "production_countries", "releases", "revenue", "runtime", "season", "season_number",
        "season_regular", "spoken_languages", "status", "tagline", "title", "translations",
        "tvdb_id", "tvrage_id", "type", "video", "videos",
    ],
}  # fmt: skip


# -- pytest fixtures (import them into a conftest) ------------------------------------------------


@pytest.fixture
def fake_tmdb() -> Iterator[FakeTmdb]:
    """A started fake with the default catalogue of confusers."""
    with FakeTmdb() as fake:
        yield fake


@pytest.fixture
def fake_tmdb_factory() -> Iterator[Callable[..., FakeTmdb]]:
    """Build started fakes with other films or knobs: `fake_tmdb_factory(latency_seconds=0.05)`."""
    started: list[FakeTmdb] = []

    def build(**options: Any) -> FakeTmdb:
        fake = FakeTmdb(**options).start()
        started.append(fake)
        return fake

    yield build
    for fake in started:
        fake.stop()


# -- standalone, for benchmarks ------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a fake TMDB v3 API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    parser.add_argument("--rate-limit", type=float, default=None, help="requests/s before 429")
    parser.add_argument("--films", type=int, default=0, help='add N generated films "Film 0001"..')
    parser.add_argument(
        "--no-confusers", action="store_true", help="leave out the default catalogue"
    )
    args = parser.parse_args(argv)
    films = ([] if args.no_confusers else default_films()) + generated_films(args.films)
    fake = FakeTmdb(
        films,
        host=args.host,
        port=args.port,
        latency_seconds=args.latency,
        rate_limit_per_second=args.rate_limit,
    )
    fake.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `kill` ends it like Ctrl-C
    print(
        f"fake TMDB on {fake.url} with {len(films)} films; "
        f"TMDB_API_KEY={fake.api_key} TMDB_READ_ACCESS_TOKEN={fake.read_access_token}"
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
        print(f"served {len(fake.log)} requests")


if __name__ == "__main__":
    main()


__all__ = [
    "FAKE_API_KEY",
    "FAKE_READ_ACCESS_TOKEN",
    "FakeFilm",
    "FakeSeries",
    "FakeTmdb",
    "LoggedRequest",
    "default_films",
    "default_series",
    "fake_tmdb",
    "fake_tmdb_factory",
    "fake_youtube_id",
    "generated_films",
    "make_film",
]
