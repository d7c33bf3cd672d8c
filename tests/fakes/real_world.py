"""A world built from REAL upload titles: the labelled sets of tests/sources/*.tsv, grouped into
one `yt-dlp -J --flat-playlist` dump per channel, and a TMDB that knows every labelled film
beside the confusers the real TMDB has.

Independent of tests/fakes/world.py and of the matcher: it is built from issue #14's account of
the hidden evaluation, not from how the code decides.

- Uploads: every labelled row (a channel's identical titles once), dated as yt-dlp's listing
  dates them: YouTube says "3 years ago" and yt-dlp subtracts that from today, rounded to the
  day, so an old upload's date is off by up to a unit (a year, a month). A few have no date.
  Old films' uploads (before YouTube, or re-release/restoration/anniversary titles) are dated
  by their re-release. Some carry a description ("Starring ...", "Directed by ...", "In
  theaters ...").
- TMDB: each labelled film with its true year (the row's year, or the real year where the row
  states a re-release's or none), release dates (a second country's, a re-release's),
  credits, a production company (the distributor's name for distributor channels), sometimes
  the upload itself in its video list. Confusers, chosen by a stable hash of the title:
  obscure same-titled films of other years, a famous namesake, a namesake without a date,
  a series named exactly like the film, a series named like the part of a title after (or
  before) its colon; titles TMDB spells differently from the upload (a sequel number dropped,
  the row's alternative title as TMDB's title); original-language titles.
- Series rows of the sets (kind other, note says series) exist on TMDB as series only.

`build_real_world(now)` is deterministic for a given `now` (dates are relative to it, as a
listing's are).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.fakes.tmdb import FakeFilm, FakeSeries
from whichmovie.sources.presets import PRESETS

SOURCES = Path(__file__).parent.parent / "sources"

# Films whose rows carry no year, or a re-release's year: their real (TMDB) year.
REAL_YEARS = {
    "backrooms": 2026, "the holdovers": 2023, "priscilla": 2023, "nosferatu": 2024,
    "conclave": 2024, "drive-away dolls": 2024, "downton abbey: a new era": 2022,
    "the bikeriders": 2024, "asteroid city": 2023, "poor things": 2023,
    "kinds of kindness": 2024, "a real pain": 2024, "the banshees of inisherin": 2022,
    "the menu": 2022, "the taste of things": 2023, "kneecap": 2024, "i'm still here": 2024,
    "the teachers' lounge": 2023, "living": 2022, "late night with the devil": 2024,
    "blackberry": 2023, "in a violent nature": 2024, "stopmotion": 2024, "rbg": 2018,
    "the square": 2017, "i am not your negro": 2016, "force majeure": 2014, "the beast": 2023,
    "about dry grasses": 2023, "seven samurai": 1954,
    "jeanne dielman, 23, quai du commerce, 1080 bruxelles": 1975, "2046": 2004, "tótem": 2023,
    "paris, texas": 1984, "mulholland dr.": 2001, "hit the road": 2021, "four daughters": 2023,
    "daughters of the dust": 1991, "meek's cutoff": 2010, "we need to talk about kevin": 2011,
    "the sweet east": 2023, "shiva baby": 2020, "sasquatch sunset": 2024, "one life": 2023,
    "la haine": 1995, "wings of desire": 1987, "triangle of sadness": 2022,
    "all the beauty and the bloodshed": 2022, "monster": 2023, "here": 2023,
    "furiosa: a mad max saga": 2024, "kingdom of the planet of the apes": 2024,
    "inside out 2": 2024, "beetlejuice beetlejuice": 2024, "jurassic world": 2015,
    "twisters": 2024, "wicked": 2024, "joker: folie à deux": 2024, "28 years later": 2025,
    "spider-man: across the spider-verse": 2023, "elemental": 2023, "thunderbolts*": 2025,
    "heretic": 2024, "the seed of the sacred fig": 2024, "la chimera": 2023,
    "gladiator ii": 2024, "the substance": 2024, "oppenheimer": 2023, "alien: romulus": 2024,
    "evil does not exist": 2023, "in the mood for love": 2000, "the 400 blows": 1959,
    "the wages of fear": 1953, "the boy and the heron": 2023, "spirited away": 2001,
    "belle": 2021, "fast & furious presents: hobbs & shaw": 2019,
    "venom: the last dance": 2024, "jaws": 1975,
}  # fmt: skip

DISTRIBUTOR_NAMES = {
    "a24": "A24", "neon": "NEON", "mubi": "MUBI", "bfi": "BFI", "hbo": "HBO", "ifc_films":
    "IFC Films", "spc": "Sony Pictures Classics", "cj_enm": "CJ ENM", "gkids": "GKIDS",
    "wb_pictures": "Warner Bros. Pictures", "warner_bros": "Warner Bros. Pictures",
    "universal": "Universal Pictures", "universal_pictures": "Universal Pictures",
    "sony_pictures": "Sony Pictures", "sony_pictures_ent": "Sony Pictures",
    "paramount": "Paramount Pictures", "paramount_pictures": "Paramount Pictures",
    "toho": "Toho", "netflix": "Netflix", "apple_tv": "Apple Studios",
    "prime_video": "Amazon MGM Studios", "amazon_mgm": "Amazon MGM Studios",
    "lionsgate_movies": "Lionsgate", "lionsgate": "Lionsgate", "disney": "Walt Disney Pictures",
    "marvel": "Marvel Studios", "searchlight": "Searchlight Pictures",
    "focus_features": "Focus Features", "janus_films": "Janus Films",
}  # fmt: skip
# Channels that post every studio's trailers: their films' companies are anyone's.
AGGREGATORS = {
    "rt_trailers", "movie_coverage", "fresh_trailers", "movieclips_indie", "trailer_hub",
    "trailers_playground", "filmisnow", "trailer_spot", "kinocheck", "joblo", "rapid_trailer",
    "screen_rant", "ign", "allocine", "filmisnow_fr", "kinocheck_de", "spanish_yt",
    "movie_yt_kr", "screen_culture", "tiff", "berlinale", "cannes", "nyff", "venice",
    "locarno", "tribeca", "kviff", "sundance", "iff_rotterdam",
}  # fmt: skip
LANGUAGE_SUFFIXES = {
    "vn": "vi", "kr": "ko", "jp": "ja", "de": "de", "fr": "fr", "es": "es", "it": "it",
    "pl": "pl", "br": "pt", "pt": "pt", "nl": "nl", "tr": "tr", "cz": "cs", "sk": "sk",
    "hu": "hu", "ro": "ro", "se": "sv", "dk": "da", "fi": "fi", "th": "th", "id": "id",
    "in": "hi", "india": "hi", "mx": "es", "latam": "es", "gr": "el", "ru": "ru",
}  # fmt: skip
STUDIOS = (
    "Legendary Pictures", "Plan B Entertainment", "Annapurna Pictures", "Blumhouse",
    "Working Title Films", "Film4", "BBC Film", "Canal+", "Studio Babelsberg", "Village Roadshow",
    "Scott Free", "Killer Films", "Participant", "Fox Searchlight", "New Line Cinema",
)  # fmt: skip
FIRST = (
    "Ada", "Bruno", "Celine", "Dario", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kaia",
    "Lior", "Mara", "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Soren", "Tilda", "Umar", "Vera",
    "Wim", "Xenia", "Yusuf", "Zora",
)  # fmt: skip
LAST = (
    "Abara", "Brandt", "Castell", "Dunmore", "Ekwueme", "Falk", "Grieve", "Holm", "Iwata",
    "Jovic", "Kerrigan", "Lindqvist", "Moreau", "Nakashima", "Okafor", "Prentice", "Quiroga",
    "Rask", "Sandoval", "Thorne", "Ulloa", "Varga", "Whitlock", "Yilmaz", "Zeller",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
RERELEASE_WORDS = re.compile(
    r"re-?release|anniversary|restor|remaster|\b4k\b|\b3d\b|ultra hd|uhd|ghibli fest|new trailer",
    re.I,
)
SERIES_NOTE = re.compile(r"\bseries\b", re.I)


# Every draw's salt: another value is another world of the same kinds (`build_real_world`).
_SALT = [""]


def stable(*parts: object) -> int:
    """A stable pseudo-random number for these parts (0 .. 2**32-1)."""
    digest = hashlib.sha256("\x1f".join(map(str, (_SALT[0], *parts))).encode()).digest()
    return int.from_bytes(digest[:4], "big")


def chance(percent: float, *parts: object) -> bool:
    return stable(*parts) % 10_000 < percent * 100


def youtube_id(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:11]


def fold(text: str) -> str:
    """Titles compared as a person would: accents, case and punctuation aside."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text.replace("&", " and ")).split())


def person(*parts: object) -> str:
    n = stable("person", *parts)
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // 97) % len(LAST)]}"


@dataclass
class Row:
    channel: str
    video_title: str
    kind: str
    title: str
    year: int | None
    note: str


@dataclass
class Truth:
    """What an upload is: a film (its TMDB id), a series, or something else."""

    youtube_id: str
    channel: str
    video_title: str
    label_kind: str  # the row's kind: trailer, teaser, other
    label_title: str
    label_alternatives: tuple[str, ...] = ()  # the row's alt_title notes: also right
    film_id: int | None = None
    series: bool = False
    case: str = "plain"


@dataclass
class RealWorld:
    films: list[FakeFilm]
    series: list[FakeSeries]
    dumps: dict[str, dict[str, Any]]  # channel slug -> yt-dlp dump
    truth: dict[str, Truth]  # youtube id -> truth
    cases: dict[int, str] = field(default_factory=dict)  # film id -> its hardest confuser


def read_rows() -> list[Row]:
    rows, seen = [], set()
    for path in sorted(SOURCES.glob("*.tsv")):
        with path.open(encoding="utf-8") as file:
            for raw in csv.DictReader(file, delimiter="\t"):
                key = (raw["channel"], raw["video_title"])
                if key in seen:
                    continue
                seen.add(key)
                year = raw["year"].strip()
                rows.append(
                    Row(
                        raw["channel"],
                        raw["video_title"],
                        raw["kind"],
                        raw["title"].strip(),
                        int(year) if year else None,
                        raw.get("note") or "",
                    )
                )
    return rows


def real_year(row: Row) -> int:
    stated = re.search(r"\b(?:film(?: is)?|of(?: the)?|belgian film)\s+((?:19|20)\d\d)", row.note)
    if stated:
        return int(stated.group(1))
    title = row.title.casefold()
    if title in REAL_YEARS and (row.year is None or RERELEASE_WORDS.search(row.video_title)):
        return REAL_YEARS[title]
    return row.year or REAL_YEARS.get(title, 2024)


def alt_titles(row: Row) -> list[str]:
    return [m.strip() for m in re.findall(r"alt_title=([^;]+)", row.note)]


def release_day(row: Row, year: int, film_key: str) -> date:
    """The day the upload's own text announces ("In Theaters November 10"), else a stable one."""
    months = "|".join(MONTHS)
    said = re.search(rf"\b({months}) (\d{{1,2}})\b", row.video_title, re.I) or re.search(
        rf"\b(\d{{1,2}}) ({months})\b", row.video_title, re.I
    )
    if said and not RERELEASE_WORDS.search(row.video_title):
        first, second = said.groups()
        month_name, day = (first, second) if not first.isdigit() else (second, first)
        month = [m.casefold() for m in MONTHS].index(month_name.casefold()) + 1
        return date(year, month, min(28, int(day)))
    n = stable("release", film_key)
    return date(year, 1 + n % 12, 1 + (n // 12) % 28)


def channel_language(slug: str) -> str:
    return LANGUAGE_SUFFIXES.get(slug.rsplit("_", 1)[-1], "en") if "_" in slug else "en"


def channel_name(slug: str) -> str:
    for preset in PRESETS:
        if preset.slug == slug:
            return preset.name
    if slug in DISTRIBUTOR_NAMES:
        return DISTRIBUTOR_NAMES[slug]
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in slug.split("_"))


def channel_handle(slug: str) -> str:
    for preset in PRESETS:
        if preset.slug == slug:
            found = re.search(r"youtube\.com/(@[^/]+)", preset.url)
            if found:
                return found.group(1)
    return "@" + slug.replace("_", "")


def channel_id(slug: str) -> str:
    for preset in PRESETS:
        if preset.slug == slug and preset.youtube_channel_id:
            return preset.youtube_channel_id
    return "UC" + youtube_id("channel", slug)[:11] + youtube_id("channel2", slug)[:11]


def series_name(video_title: str) -> str:
    first = re.split(r"\s+[|—–]\s+|\s+-\s+|\s+–\s+", video_title)[0]
    first = re.sub(r"[:\s]*\b(season|seizoen|sezon|temporada)\b.*$", "", first, flags=re.I)
    first = re.sub(r"\s+\d+(\. Sezon.*)?$", "", first)
    first = re.sub(r"\s+(official|main|super bowl)\b.*$", "", first, flags=re.I)
    return first.strip(" :")


@dataclass
class _Builder:
    now: datetime
    films: dict[str, FakeFilm] = field(default_factory=dict)  # film key -> the labelled film
    extra_films: list[FakeFilm] = field(default_factory=list)
    series: dict[str, FakeSeries] = field(default_factory=dict)
    cases: dict[int, str] = field(default_factory=dict)
    film_of_row: dict[int, str] = field(default_factory=dict)  # id(row) -> film key
    next_id: int = 7_000_000

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    # -- films --

    def film_for(self, row: Row) -> FakeFilm:
        return self.films[self.film_of_row[id(row)]]

    def add_films(self, rows: list[Row]) -> None:
        """One film per cluster of rows that name it alike (a title or an alternative title
        in common) in years at most one apart: sets label one film by its title in several
        languages, and by a country's release year."""
        clusters: list[tuple[set[str], set[int], list[Row]]] = []
        for row in rows:
            names = {fold(row.title), *map(fold, alt_titles(row))}
            year = real_year(row)
            joined = [c for c in clusters if c[0] & names and any(abs(year - y) <= 1 for y in c[1])]
            for cluster in joined:
                clusters.remove(cluster)
                names |= cluster[0]
            years = {year}.union(*(c[1] for c in joined))
            clusters.append((names, years, [r for c in joined for r in c[2]] + [row]))
        for _, years, members in clusters:
            members.sort(key=rows.index)
            key = f"{fold(members[0].title)}|{min(years)}"
            self.films[key] = self._labelled_film(members, min(years), key)
            self._confusers(self.films[key], members[0], key)
            for member in members:
                self.film_of_row[id(member)] = key

    def _labelled_film(self, rows: list[Row], year: int, key: str) -> FakeFilm:
        row = rows[0]
        tmdb_id = 100_000 + stable("id", key) % 800_000
        while any(f.id == tmdb_id for f in self.films.values()):
            tmdb_id += 1
        released = release_day(row, year, key)
        title, original, alternatives = self._names(rows, key)
        language = channel_language(row.channel)
        others: list[tuple[str, str, str]] = [
            ("DE", date(y, 1 + stable("late", y, key) % 12, 10).isoformat(), "")
            for y in sorted({real_year(r) for r in rows} - {year})
        ]
        if chance(50, "second-country", key):
            later = released + timedelta(days=7 + stable("later", key) % 120)
            others.append(("GB", later.isoformat(), ""))
        famous = not chance(40, "indie", key)  # aggregators post famous films too
        distributor = row.channel not in AGGREGATORS
        company = (
            channel_name(row.channel)
            if distributor and chance(70, "own-company", key)
            else STUDIOS[stable("studio", key) % len(STUDIOS)]
        )
        return FakeFilm(
            id=tmdb_id,
            title=title,
            release_date=released.isoformat(),
            original_title=original,
            original_language=language if original != title else "en",
            alternative_titles=tuple(("US", alt) for alt in alternatives),
            other_releases=tuple(others),
            popularity=round(
                (20 + stable("pop", key) % 130) if famous else 2 + stable("pop", key) % 20, 1
            ),
            vote_count=(800 + stable("votes", key) % 9000)
            if famous
            else 20 + stable("v", key) % 400,
            director=person("director", key),
            cast=(person("cast0", key), person("cast1", key), person("cast2", key)),
            company=company,
            video_language=language,
            runtime=85 + stable("runtime", key) % 70,
        )

    def _names(self, rows: list[Row], key: str) -> tuple[str, str, list[str]]:
        """(TMDB's title, its original title, alternative titles): the rows' most common title;
        their other titles as alternative ones (or, not in Latin letters, the original title);
        sometimes an alternative title as TMDB's own, a sequel number TMDB leaves out."""
        labels = [r.title for r in rows]
        title = max(labels, key=labels.count)
        names = list(dict.fromkeys([*labels, *(alt for r in rows for alt in alt_titles(r))]))
        others = [n for n in names if fold(n) != fold(title)]
        original = next((n for n in others if not n.isascii() and not _latin(n)), title)
        alternatives = [n for n in others if n != original]
        # The labeller's own alternative (alt_title=...), in Latin letters, as TMDB's title.
        noted = [a for r in rows for a in alt_titles(r) if a.isascii() and a in alternatives]
        if noted and chance(50, "alt-as-title", key):
            alternatives = [a for a in alternatives if a != noted[0]] + [title]
            title = noted[0]
        numbered = re.fullmatch(r"(.+?) \d: (.+)", title)
        if numbered and chance(50, "sequel-number", key):
            title = f"{numbered.group(1)}: {numbered.group(2)}"  # the upload says "2", TMDB not
            alternatives = [a for a in alternatives if fold(a) != fold(title)]
        row = rows[0]
        bracket = re.search(r"\(([^()]*[^\W\d_][^()]*)\)", row.video_title)
        if bracket and original == title:
            inside, before = bracket.group(1).strip(), row.video_title[: bracket.start()].strip()
            if fold(inside) == fold(row.title) and before:
                original = before.split(" - ")[-1].split(" | ")[-1]
            elif fold(inside) != fold(row.title) and len(inside) > 3 and not inside.isupper():
                original = inside
        return title, original, alternatives

    def _confusers(self, film: FakeFilm, row: Row, key: str) -> None:
        year = film.year or 2024
        case = "plain"
        for n in range(1 + stable("obscure-count", key) % 2):
            if chance(40, "obscure", n, key):
                other = year + (-1 if stable("sign", n, key) % 2 else 1) * (
                    2 + stable("gap", n, key) % 25
                )
                self._namesake(film, other, famous=False, seed=("obscure", n, key))
                case = "namesake"
        if chance(15, "famous", key):
            other = year - 10 - stable("famous-gap", key) % 30 if year >= 2000 else year + 20
            if other < self.now.year:
                self._namesake(film, other, famous=True, seed=("famous", key))
                case = "famous namesake"
        if chance(5, "undated", key):
            self._namesake(film, None, famous=False, seed=("undated", key))
            case = "undated namesake" if case == "plain" else case
        if chance(6, "same-series", key):
            self._series(film.title, self._air_date(key), popular=True)
            case = "series of the same name"
        if ":" in film.title and chance(20, "part-series", key):
            main, subtitle = (part.strip() for part in film.title.split(":", 1))
            self._series(subtitle if chance(50, "which-part", key) else main, self._air_date(key))
            case = "series named like part of it"
        if fold(film.title) != fold(row.title):
            case = "TMDB spells it differently"
        if film.original_title != film.title:
            case = "original title" if case == "plain" else case
        self.cases[film.id] = case

    def _air_date(self, key: str) -> str:
        n = stable("air", key)
        return date(2008 + n % 17, 1 + n % 12, 1 + n % 27).isoformat()

    def _namesake(
        self, film: FakeFilm, year: int | None, *, famous: bool, seed: tuple[object, ...]
    ) -> None:
        n = stable(*seed)
        released = date(year, 1 + n % 12, 1 + n % 28).isoformat() if year else None
        self.extra_films.append(
            FakeFilm(
                id=self.new_id(),
                title=film.title,
                release_date=released,
                popularity=round(film.popularity * (1.5 + n % 3), 1) if famous else 0.5 + n % 5,
                vote_count=(5000 + n % 20000) if famous else n % 60,
                runtime=None if year is None else (12 + n % 20 if n % 5 == 0 else 80 + n % 40),
                genres=(99,) if n % 7 == 0 else (18,),
                director=person("other-director", *seed),
                cast=(person("other-cast", *seed),),
                company=STUDIOS[n % len(STUDIOS)],
                status="Released" if year else "In Production",
            )
        )

    def _series(self, name: str, first_air: str | None, *, popular: bool = False) -> FakeSeries:
        key = fold(name)
        if key not in self.series:
            n = stable("series", key)
            self.series[key] = FakeSeries(
                id=200_000 + n % 700_000,
                name=name,
                first_air_date=first_air,
                popularity=float(40 + n % 200) if popular else float(5 + n % 40),
                vote_count=100 + n % 3000,
            )
        return self.series[key]

    # -- uploads --

    def published(self, row: Row, film: FakeFilm | None) -> datetime:
        """When the upload really went up (a listing only says roughly)."""
        n = stable("published", row.channel, row.video_title)
        if film is None or film.year is None:
            day = self.now.date() - timedelta(days=20 + n % 1500)
        else:
            released = date.fromisoformat(film.release_date or "2024-01-01")
            rerelease = self._rerelease_year(row, film)
            if rerelease is not None:
                day = date(rerelease, 1 + n % 12, 1 + n % 28)
            elif row.kind == "teaser":
                day = released - timedelta(days=120 + n % 280)
            else:
                day = released - timedelta(days=10 + n % 170)
        day = min(day, self.now.date() - timedelta(days=1 + n % 30))
        return datetime(day.year, day.month, day.day, 14 + n % 8, n % 60, tzinfo=UTC)

    def _rerelease_year(self, row: Row, film: FakeFilm) -> int | None:
        year = film.year or 2024
        if row.year and row.year > year:
            return row.year
        if RERELEASE_WORDS.search(row.video_title) or year < 2007:
            nth = re.search(r"(\d+)(?:st|nd|rd|th) anniversary", row.video_title, re.I)
            if nth:
                return min(year + int(nth.group(1)), self.now.year)
            return max(year + 1, 2012 + stable("rerelease", row.video_title) % 13)
        return None

    def description(self, row: Row, film: FakeFilm | None, published: datetime) -> str | None:
        seed = (row.channel, row.video_title)
        if film is None or not chance(40, "described", *seed):
            return None
        parts = []
        if chance(70, "starring", *seed):
            parts.append(f"Starring {film.cast[0]} and {film.cast[1]}.")
        if chance(50, "directed", *seed):
            parts.append(f"Directed by {film.director}.")
        released = date.fromisoformat(film.release_date or "2024-01-01")
        if released > published.date() and chance(60, "in-theaters", *seed):
            parts.append(f"In theaters {MONTHS[released.month - 1]} {released.day}.")
        parts.append("Subscribe for more trailers.")
        return " ".join(parts)

    def listing_timestamp(self, published: datetime, seed: tuple[object, ...]) -> int | None:
        """yt-dlp's `timestamp` in a flat listing: "N units ago" subtracted from now."""
        if chance(3, "undated-upload", *seed):
            return None
        age = self.now - published
        days = age.days
        if days < 1:
            approx = self.now - timedelta(hours=age.seconds // 3600)
        elif days < 7:
            approx = self.now - timedelta(days=days)
        elif days < 30:
            approx = self.now - timedelta(weeks=days // 7)
        elif days < 365:
            approx = _months_before(self.now, days // 30)
        else:
            approx = _months_before(self.now, 12 * (days // 365))
        approx = approx.replace(hour=0, minute=0, second=0, microsecond=0)
        return int(approx.timestamp())


def _latin(text: str) -> bool:
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def _months_before(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 - months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def build_real_world(now: datetime | None = None, *, seed: str = "") -> RealWorld:
    """The world as of `now`; `seed` draws another one of the same kinds (confusers, dates,
    descriptions), to see that figures are not one draw's luck."""
    _SALT[0] = seed
    builder = _Builder(now=now or datetime.now(UTC))
    truth: dict[str, Truth] = {}
    entries: dict[str, list[tuple[datetime, dict[str, Any]]]] = {}
    rows = read_rows()
    builder.add_films([r for r in rows if r.kind != "other" and r.title])
    for row in rows:
        is_series = row.kind == "other" and bool(SERIES_NOTE.search(row.note))
        film = builder.film_for(row) if row.kind != "other" and row.title else None
        if is_series and (name := series_name(row.video_title)):
            builder._series(name, builder._air_date(name), popular=True)
        upload_id = youtube_id("upload", row.channel, row.video_title)
        published = builder.published(row, film)
        seed = (row.channel, row.video_title)
        if film is not None and row.channel not in AGGREGATORS and chance(30, "listed", *seed):
            keys = (*film.youtube_keys, upload_id)
            film = _with(film, youtube_keys=keys)
            builder.films[builder.film_of_row[id(row)]] = film
        entry = {
            "_type": "url",
            "ie_key": "Youtube",
            "id": upload_id,
            "url": f"https://www.youtube.com/watch?v={upload_id}",
            "title": row.video_title,
            "description": builder.description(row, film, published),
            "duration": 60 + stable("duration", *seed) % 120,
            "channel_id": None,
            "channel": None,
            "timestamp": builder.listing_timestamp(published, seed),
            "release_timestamp": None,
            "availability": None,
            "view_count": stable("views", *seed) % 5_000_000,
            "live_status": None,
        }
        entries.setdefault(row.channel, []).append((published, entry))
        truth[upload_id] = Truth(
            upload_id,
            row.channel,
            row.video_title,
            row.kind,
            row.title,
            tuple(alt_titles(row)),
            film_id=film.id if film else None,
            series=is_series,
            case=builder.cases.get(film.id, "plain") if film else ("series" if is_series else "-"),
        )
    for upload_id, channel, published, entry, namesake in _namesake_uploads(builder, rows):
        entries.setdefault(channel, []).append((published, entry))
        truth[upload_id] = Truth(
            upload_id, channel, entry["title"], "trailer", namesake.title,
            film_id=namesake.id, case="namesake's own upload",
        )  # fmt: skip
        builder.cases[namesake.id] = "namesake's own upload"
    dumps = {slug: _dump(slug, listed) for slug, listed in entries.items()}
    return RealWorld(
        films=[*builder.films.values(), *builder.extra_films],
        series=list(builder.series.values()),
        dumps=dumps,
        truth=truth,
        cases=builder.cases,
    )


def _namesake_uploads(
    builder: _Builder, rows: list[Row]
) -> list[tuple[str, str, datetime, dict[str, Any], FakeFilm]]:
    """Some namesakes of the YouTube era have a trailer of their own on another channel of the
    sets, titled in that channel's style (a real title of it with the namesake's title put in):
    two channels' year-less uploads of one title, two films."""
    templates = [
        r
        for r in rows
        if r.kind == "trailer"
        and r.title
        and r.video_title.isascii()
        and r.video_title.casefold().startswith(r.title.casefold())
        and not re.search(r"starring|[(\[,]|\d{4}", r.video_title[len(r.title) :], re.I)
        and not RERELEASE_WORDS.search(r.video_title)  # a namesake's own, first trailer
        and r.video_title.count("|") <= 2  # no cast list of the template's film
    ]
    made = []
    for film in builder.extra_films:
        year = film.year
        feature = (film.runtime or 0) >= 60 and 99 not in film.genres
        if year is None or not 2008 <= year < builder.now.year or not feature:
            continue  # a short or a documentary namesake has no trailer of its own here
        if not chance(40, "own", film.id):
            continue
        template = templates[stable("template", film.id) % len(templates)]
        start = template.video_title.casefold().index(template.title.casefold())
        shown = template.video_title[start : start + len(template.title)]
        name = film.title.upper() if shown.isupper() else film.title
        title = template.video_title[:start] + name + template.video_title[start + len(shown) :]
        title = re.sub(r"\b(January|February|March|April|May|June|July|August|September|October"
                       r"|November|December) \d{1,2}\b", "", title).rstrip(" -|")  # fmt: skip
        upload_id = youtube_id("namesake-upload", film.id)
        released = date.fromisoformat(film.release_date or "2024-01-01")
        day = released - timedelta(days=10 + stable("when", film.id) % 150)
        published = datetime(day.year, day.month, day.day, 15, tzinfo=UTC)
        seed = ("namesake", film.id)
        entry = {
            "_type": "url", "ie_key": "Youtube", "id": upload_id,
            "url": f"https://www.youtube.com/watch?v={upload_id}", "title": title,
            "description": f"Starring {film.cast[0]}." if chance(40, "desc", *seed) else None,
            "duration": 120, "timestamp": builder.listing_timestamp(published, seed),
            "release_timestamp": None, "live_status": None,
        }  # fmt: skip
        made.append((upload_id, template.channel, published, entry, film))
    return made


def _with(film: FakeFilm, **changes: Any) -> FakeFilm:
    from dataclasses import replace

    return replace(film, **changes)


def _dump(slug: str, listed: list[tuple[datetime, dict[str, Any]]]) -> dict[str, Any]:
    """A channel's `yt-dlp -J --flat-playlist` dump: newest upload first."""
    listed.sort(key=lambda pair: pair[0], reverse=True)
    name, handle, ident = channel_name(slug), channel_handle(slug), channel_id(slug)
    return {
        "id": ident,
        "channel": name,
        "channel_id": ident,
        "title": f"{name} - Videos",
        "description": f"The official channel of {name}.",
        "uploader": name,
        "uploader_id": handle,
        "uploader_url": f"https://www.youtube.com/{handle}",
        "channel_url": f"https://www.youtube.com/channel/{ident}",
        "webpage_url": f"https://www.youtube.com/{handle}/videos",
        "extractor": "youtube:tab",
        "extractor_key": "YoutubeTab",
        "_type": "playlist",
        "entries": [entry for _, entry in listed],
    }
