"""A made-up world of distributor channels, their uploads and the TMDB that knows the films,
full of the confusers that make identity hard, with the truth for every upload.

Kinds of cases (see `CASES`): a plain new film; a new film with a famous older namesake; a
namesake a few years apart; two films of one title and one year (the description's director
or the channel decides); a restoration or anniversary trailer of an ordinary older film; a
series named like a film, or like part of one ("Nightfall" and "Batman: Nightfall"); a teaser
without a year and its trailers with one; titles TMDB spells differently (sequel numbers,
director credits, 1/2 and ½); original titles in brackets; films TMDB does not know yet; a
film TMDB lists without a date; two namesakes a year apart whose year-less trailers only
their descriptions tell apart; a film beside a series of exactly its name. Descriptions
credit the cast or director now and then; dates are the listing's approximate ones, exact
only for the last weeks' uploads (the feed).

`build_world(seed)` is deterministic. Used by tests/catalog/test_identity_accuracy.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from tests.fakes.tmdb import FakeFilm, FakeSeries, make_film
from whichmovie.sources.youtube import Upload

TODAY = date(2026, 12, 1)
ADJECTIVES = [
    "Silent",
    "Hollow",
    "Crimson",
    "Broken",
    "Distant",
    "Golden",
    "Hidden",
    "Burning",
    "Frozen",
    "Savage",
    "Quiet",
    "Wild",
    "Bitter",
    "Endless",
    "Pale",
    "Scarlet",
    "Iron",
    "Velvet",
    "Lonely",
    "Electric",
    "Wicked",
    "Sacred",
    "Restless",
    "Northern",
    "Lost",
    "Final",
    "Secret",
    "Fallen",
    "Shining",
    "Empty",
    "Hungry",
    "Gentle",
    "Violent",
    "Midnight",
    "Silver",
    "Sunken",
    "Tender",
    "Vanishing",
]
NOUNS = [
    "Harbor",
    "River",
    "Garden",
    "Empire",
    "Mirror",
    "Orchard",
    "Frontier",
    "Witness",
    "Kingdom",
    "Shadow",
    "Tide",
    "Lantern",
    "Crossing",
    "Meadow",
    "Signal",
    "Horizon",
    "Prophet",
    "Stranger",
    "Daughter",
    "Island",
    "Engine",
    "Covenant",
    "Shepherd",
    "Monsoon",
    "Canyon",
    "Archive",
    "Parade",
    "Verdict",
    "Carnival",
    "Tempest",
    "Voyage",
    "Furnace",
    "Compass",
]
FIRST = [
    "Ava",
    "Noah",
    "Mira",
    "Jonas",
    "Lena",
    "Omar",
    "Ines",
    "Theo",
    "Sara",
    "Emil",
    "Nora",
    "Felix",
    "Yara",
    "Luca",
    "Ada",
    "Hugo",
    "Maya",
    "Ivan",
    "Rosa",
    "Kenji",
    "Alma",
    "Tomas",
    "Leila",
    "Oscar",
    "Dana",
    "Pavel",
    "Elif",
    "Marco",
    "Anya",
    "Ravi",
    "Clara",
    "Bruno",
    "Zoe",
    "Samir",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Alvarez",
    "Novak",
    "Brennan",
    "Haddad",
    "Kowalski",
    "Duarte",
    "Sato",
    "Fischer",
    "Mbeki",
    "Rossi",
    "Varga",
    "Quinn",
    "Petrov",
    "Navarro",
    "Ishikawa",
    "Delacroix",
    "Oyelaran",
    "Berg",
    "Castillo",
    "Ferreira",
]
FRENCH_NOUNS = ["Voyage", "Jardin", "Silence", "Miroir", "Rivage", "Souffle", "Royaume", "Orage"]
FRENCH_ADJECTIVES = ["Immobile", "Lointain", "Sauvage", "Perdu", "Brûlant", "Doré", "Glacé"]
CHANNELS = (
    ("a24", "A24", ""),
    ("neon", "NEON", ""),
    ("focus", "Focus Features", ""),
    ("mubi", "MUBI", ""),
    ("rt-indie", "Rotten Tomatoes Indie", ""),
    ("magnolia", "Magnolia Pictures", ""),
    ("ifc", "IFC Films", ""),
    ("bleecker", "Bleecker Street", ""),
    ("searchlight", "Searchlight Pictures", ""),
    ("janus", "Janus Films", ""),
    ("criterion", "The Criterion Collection", ""),
    ("netflix", "Netflix", ""),
    ("pathe", "Pathé Films", "fr"),
    ("gaumont", "Gaumont", "fr"),
    ("cj", "CJ ENM Movie", "ko"),
)


MISSING_DATE_SHARE = 0.08  # uploads the listing gives no date for
# The channel's Atom feed lists its newest uploads with their exact publish time: uploads of
# the last weeks get an exact date once the feed is read; everything older stays approximate.
FEED_DAYS = 45
DESCRIPTION_SHARE = 0.4  # campaign uploads whose description credits the cast or director


def approximate(published: date) -> date:
    """What yt-dlp's flat listing makes of a date: YouTube says "6 years ago" (or months,
    weeks, days), and yt-dlp subtracts that from today, so old uploads look up to a year newer."""
    age = (TODAY - published).days
    if age >= 365:
        return TODAY - timedelta(days=365 * (age // 365))
    if age >= 30:
        return TODAY - timedelta(days=30 * (age // 30))
    if age >= 7:
        return TODAY - timedelta(days=7 * (age // 7))
    return published


@dataclass
class WorldUpload:
    channel: str  # slug
    upload: Upload  # as the listing gives it: an approximate date, or none
    truth: int | None  # the TMDB film it is a trailer of; None: a series, or not on TMDB
    case: str
    published: date | None = None  # the true publish date

    @property
    def in_feed(self) -> bool:
        """The feed (exact dates) still lists it."""
        return self.published is not None and (TODAY - self.published).days <= FEED_DAYS

    def feed_upload(self) -> Upload:
        assert self.published is not None
        when = datetime(*self.published.timetuple()[:3], 15, tzinfo=UTC)
        return Upload(self.upload.youtube_id, self.upload.title, when, self.upload.description)


@dataclass
class World:
    films: list[FakeFilm] = field(default_factory=list)
    series: list[FakeSeries] = field(default_factory=list)
    uploads: list[WorldUpload] = field(default_factory=list)


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.world = World()
        self.used: set[str] = set()
        self.people: set[str] = set()
        self.next_id = 3_000_000
        self.next_upload = 0

    # -- pieces --

    def title(self) -> str:
        while True:
            words = [self.rng.choice(ADJECTIVES), self.rng.choice(NOUNS)]
            if self.rng.random() < 0.5:
                words.insert(0, "The")
            name = " ".join(words)
            bare = name.removeprefix("The ")  # "The X" and "X" are one title to a person
            if bare not in self.used:
                self.used.add(bare)
                return name

    def person(self) -> str:
        """A name no other film of the world credits (namesake films rarely share people)."""
        name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
        while name in self.people:  # a middle initial once the pool runs dry
            initial = self.rng.choice("ABCDEFGHJKLMNPRSTVW")
            name = f"{self.rng.choice(FIRST)} {initial}. {self.rng.choice(LAST)}"
        self.people.add(name)
        return name

    def film(self, title: str, year: int | None, **fields: object) -> FakeFilm:
        self.next_id += 1
        fields.setdefault("director", self.person())
        fields.setdefault("cast", (self.person(), self.person()))
        fields.setdefault("popularity", round(self.rng.uniform(1, 6), 1))
        fields.setdefault("vote_count", self.rng.randint(5, 150))
        film = make_film(self.next_id, title, year, **fields)  # type: ignore[arg-type]
        self.world.films.append(film)
        return film

    def upload(
        self,
        case: str,
        channel: str,
        title: str,
        published: date | None,
        truth: int | None,
        description: str = "",
    ) -> None:
        self.next_upload += 1
        true = min(published, TODAY - timedelta(days=1)) if published is not None else None
        listed = true
        if listed is not None and self.rng.random() < MISSING_DATE_SHARE:
            listed = None
        if listed is not None:
            listed = approximate(listed)
        when = datetime(*listed.timetuple()[:3], tzinfo=UTC) if listed else None
        youtube_id = f"w{self.next_upload:010d}"
        self.world.uploads.append(
            WorldUpload(channel, Upload(youtube_id, title, when, description), truth, case, true)
        )

    def credits(self, film: FakeFilm) -> str:
        """What a distributor writes under a trailer, sometimes: the people, the release."""
        if self.rng.random() >= DESCRIPTION_SHARE:
            return self.rng.choice(["", "", f"Watch the new trailer for {film.title}."])
        parts = [
            f"Starring {', '.join(film.cast)}.",
            f"Directed by {film.director}.",
            f"From director {film.director}, starring {film.cast[0]}.",
        ]
        text = self.rng.choice(parts)
        if film.year is not None and self.rng.random() < 0.5:
            text += f" In theaters {film.year}."
        return text

    def channel(self) -> str:
        return self.rng.choice([c[0] for c in CHANNELS if not c[2]])

    def release(self, film: FakeFilm) -> date:
        assert film.release_date is not None
        return date.fromisoformat(film.release_date)

    def campaign(self, case: str, film: FakeFilm, *, state_year: float, uploads: int = 2) -> None:
        """A teaser and trailers some months before the release, from one or two channels."""
        channel = self.channel()
        release = self.release(film)
        for n in range(uploads):
            before = self.rng.randint(60, 300) if n == 0 else self.rng.randint(20, 120)
            stated = self.rng.random() < state_year
            label = "Official Teaser" if n == 0 and uploads > 1 else f"Official Trailer {n or ''}"
            name = f"{film.title} ({film.year})" if stated else film.title
            if n and self.rng.random() < 0.3:
                channel = self.channel()
            self.upload(
                case,
                channel,
                f"{name} | {label.strip()}",
                release - timedelta(days=before),
                film.id,
                self.credits(film),
            )

    # -- cases --

    def plain(self) -> None:
        film = self.film(self.title(), self.rng.randint(2022, 2027))
        if self.rng.random() < 0.3:  # a longer title containing ours, found by the search
            self.film(f"{film.title} Returns", self.rng.randint(1990, 2020), popularity=8.0)
        self.campaign("plain", film, state_year=0.5, uploads=self.rng.randint(1, 3))

    def undated_on_tmdb(self) -> None:
        """A coming film TMDB lists without any release date yet (no year to compare)."""
        film = self.film(self.title(), None)
        if self.rng.random() < 0.5:
            self.film(film.title, self.rng.randint(1985, 2015))  # an older namesake
        self.upload(
            "no date on TMDB",
            self.channel(),
            f"{film.title} | Official Teaser",
            TODAY - timedelta(days=self.rng.randint(3, 200)),
            film.id,
            self.credits(film),
        )

    def close_namesakes(self) -> None:
        """Two films of one title a year or two apart, both trailers without a year, from two
        channels: grouping may join them; their descriptions name who made each."""
        title = self.title()
        year = self.rng.randint(2023, 2026)
        first = self.film(title, year)
        second = self.film(title, year + self.rng.randint(1, 2))
        channels = self.rng.sample([c[0] for c in CHANNELS if not c[2]], 2)
        for film, channel in zip((first, second), channels, strict=True):
            self.upload(
                "close namesakes",
                channel,
                f"{title} | Official Trailer",
                self.release(film) - timedelta(days=self.rng.randint(40, 150)),
                film.id,
                f"Directed by {film.director}. Starring {', '.join(film.cast)}.",
            )

    def film_beside_series(self) -> None:
        """A film's trailer, and a TV series of exactly the film's name: the date or the
        channel tells them apart."""
        title = self.title()
        year = self.rng.randint(2023, 2027)
        channel = self.channel()
        company = next(c[1] for c in CHANNELS if c[0] == channel)
        same_time = self.rng.random() < 0.4
        film = self.film(title, year, company=company if same_time else "Fake Pictures")
        aired = (
            self.release(film) + timedelta(days=self.rng.randint(-200, 200))
            if same_time
            else date(self.rng.randint(2005, 2016), self.rng.randint(1, 12), 5)
        )
        self.next_id += 1
        self.world.series.append(FakeSeries(self.next_id, title, aired.isoformat()))
        stated = self.rng.random() < 0.5
        self.upload(
            "film beside series",
            channel,
            f"{title} ({year}) | Official Trailer" if stated else f"{title} | Official Trailer",
            self.release(film) - timedelta(days=self.rng.randint(30, 150)),
            film.id,
            self.credits(film),
        )

    def famous_namesake(self) -> None:
        title = self.title()
        self.film(
            title,
            self.rng.randint(1970, 2012),
            popularity=round(self.rng.uniform(25, 90), 1),
            vote_count=self.rng.randint(1500, 9000),
        )
        film = self.film(title, self.rng.randint(2023, 2027))
        self.campaign("famous namesake", film, state_year=0.3, uploads=self.rng.randint(1, 2))

    def near_namesake(self) -> None:
        title = self.title()
        year = self.rng.randint(2023, 2027)
        self.film(title, year - self.rng.randint(3, 8))
        film = self.film(title, year)
        self.campaign("near namesake", film, state_year=0.2, uploads=self.rng.randint(1, 2))

    def same_year_twins(self) -> None:
        title = self.title()
        year = self.rng.randint(2023, 2026)
        channel = self.channel()
        by_channel = self.rng.random() < 0.4
        name = next(c[1] for c in CHANNELS if c[0] == channel)
        film = self.film(title, year, company=name if by_channel else "Fake Pictures")
        self.film(title, year, popularity=round(self.rng.uniform(1, 9), 1))
        description = (
            ""
            if by_channel
            else (f"From director {film.director}, starring {film.cast[0]}. In theaters {year}.")
        )
        self.upload(
            "same-year twins",
            channel,
            f"{title} ({year}) | Official Trailer",
            self.release(film) - timedelta(days=90),
            film.id,
            description,
        )

    def re_release(self) -> None:
        title = self.title()
        old = self.film(
            title,
            self.rng.randint(1955, 2000),
            popularity=round(self.rng.uniform(2, 9), 1),
            vote_count=self.rng.randint(40, 400),
        )
        if self.rng.random() < 0.4:  # a later namesake, not re-released
            self.film(title, self.rng.randint(2003, 2015))
        year = self.rng.randint(2024, 2026)
        assert old.year is not None
        labels = [
            f"({year}) | 4K Restoration Trailer",
            f"({year}) | Re-Release Trailer",
            "| Official Trailer (Restored)",
        ]
        ages = [n for n in (25, 30, 40, 50, 60, 70) if 2024 <= old.year + n <= 2026]
        if ages:  # an anniversary names the film's true age
            year = old.year + ages[0]
            labels.append(f"| {ages[0]}th Anniversary Trailer")
        label = self.rng.choice(labels)
        description = (
            f"A film by {old.director}. Newly restored in 4K." if self.rng.random() < 0.8 else ""
        )
        self.upload(
            "re-release",
            self.rng.choice(["janus", "criterion", "mubi"]),
            f"{title} {label}",
            date(year, self.rng.randint(1, 11), 15),
            old.id,
            description,
        )

    def series(self) -> None:
        title = self.title()
        first = date(self.rng.randint(2024, 2026), self.rng.randint(1, 12), 10)
        self.next_id += 1
        self.world.series.append(
            FakeSeries(self.next_id, title, first.isoformat(), popularity=40.0)
        )
        if self.rng.random() < 0.5:
            self.film(f"Legend of the {title.split()[-1]}: {title}", first.year, popularity=30.0)
        else:
            self.film(title, self.rng.randint(1990, 2015))
        self.upload(
            "series",
            "netflix",
            f"{title} | Official Trailer | Netflix",
            first - timedelta(days=40),
            None,
        )

    def teaser_and_trailer(self) -> None:
        title = self.title()
        year = self.rng.randint(2023, 2027)
        if self.rng.random() < 0.5:
            self.film(title, self.rng.randint(1975, 2015), popularity=30.0, vote_count=2500)
        film = self.film(title, year)
        release = self.release(film)
        channel = self.channel()
        self.upload(
            "teaser+trailer", channel, f"{title} | Teaser", release - timedelta(days=300), film.id
        )
        self.upload(
            "teaser+trailer",
            channel,
            f"{title} ({year}) | Official Trailer",
            release - timedelta(days=100),
            film.id,
        )
        self.upload(
            "teaser+trailer",
            self.channel(),
            f"{title.upper()} - Official Trailer",
            release - timedelta(days=60),
            film.id,
        )

    def reworded(self) -> None:
        base = self.title()
        year = self.rng.randint(2023, 2027)
        director = self.person()
        kind = self.rng.choice(["sequel", "director dash", "director possessive", "half"])
        if kind == "sequel":
            subtitle = self.rng.choice(NOUNS)
            tmdb, uploaded = f"{base}: The {subtitle}", f"{base} 2: The {subtitle}"
        elif kind == "half":
            tmdb, uploaded = f"{base} ½", f"{base} 1/2"
        else:
            tmdb = base
            uploaded = f"{director} - {base}" if kind == "director dash" else f"{director}'s {base}"
        film = self.film(tmdb, year, director=director)
        release = self.release(film)
        self.upload(
            "reworded",
            self.channel(),
            f"{uploaded} | Official Trailer",
            release - timedelta(days=90),
            film.id,
        )
        if kind.startswith("director"):  # another channel uses the plain title: one card
            self.upload(
                "reworded",
                self.channel(),
                f"{base} | Official Trailer",
                release - timedelta(days=70),
                film.id,
            )

    def bracketed_original(self) -> None:
        while True:
            original = f"Le {self.rng.choice(FRENCH_NOUNS)} {self.rng.choice(FRENCH_ADJECTIVES)}"
            if original not in self.used:
                self.used.add(original)
                break
        english = self.title()
        film = self.film(
            original,
            self.rng.randint(2023, 2026),
            original_language="fr",
            country="FR",
            company="Pathé Films",
        )
        self.upload(
            "original title",
            "pathe",
            f"{english} ({original}) | Official Trailer",
            self.release(film) - timedelta(days=80),
            film.id,
        )

    def not_on_tmdb(self) -> None:
        title = self.title()
        if self.rng.random() < 0.6:
            self.film(title, self.rng.randint(1990, 2016))
        self.upload(
            "not on TMDB",
            self.channel(),
            f"{title} | Official Teaser",
            TODAY - timedelta(days=self.rng.randint(5, 120)),
            None,
        )


CASES: tuple[tuple[str, float], ...] = (
    ("plain", 24),
    ("undated_on_tmdb", 3),
    ("close_namesakes", 4),
    ("film_beside_series", 5),
    ("famous_namesake", 14),
    ("near_namesake", 10),
    ("same_year_twins", 7),
    ("re_release", 9),
    ("series", 8),
    ("teaser_and_trailer", 11),
    ("reworded", 7),
    ("bracketed_original", 4),
    ("not_on_tmdb", 6),
)


def build_world(seed: int = 14, cases: int = 240) -> World:
    builder = _Builder(seed)
    names = [name for name, _ in CASES]
    weights = [weight for _, weight in CASES]
    for name in builder.rng.choices(names, weights, k=cases):
        getattr(builder, name)()
    return builder.world
