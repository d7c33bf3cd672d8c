"""Pick the TMDB film a trailer is about, or say that we cannot tell.

Searches go from narrow to wide (primary release year, any release year, no year) and stop as
soon as a verified candidate is strong; when nothing is, reworded searches follow
(`search_variants`). Each candidate is scored from title similarity and year distance (0..100),
minus penalties for shorts, TV movies and documentaries about the film, plus the evidence a
person would weigh (`Evidence`): the upload's publish date against the film's releases,
re-release words, the people the description names, the channel as a production company and
its language. Each signal is a reason with its weight ("publish date ...: +12"), shown on the
explain page; evidence can lift a score past 100. Popularity decides only an otherwise even
tie. A wrong film is worse than none: anything below the threshold, or two candidates too
close to call, goes to review instead of being guessed.

A series trailer is shaped like a film's ("Space Force | Official Trailer | Netflix"). Unless
the best film is an exact, uncontradicted title (a clean match stays at two requests), one TV
search tells them apart: a series with exactly our title that fits better than the film (year,
publish date) makes the upload "not_a_movie"; one that fits as well sends it to review.
A 404 on one request is that request's "nothing", never the whole match's.

A group's uploads are weighed together, then each on its own (`UploadEvidence`): an upload
whose own year, date and description clearly point at another checked film is named in
`MatchResult.upload_films`, so the catalog moves it to that film's card.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from whichmovie.sources.titles import normalise_title
from whichmovie.tmdb.client import TmdbClient, TmdbNotFound
from whichmovie.tmdb.kinds import MatchStatus

CONFIDENCE_THRESHOLD: float = 75.0  # at or above: matched (if no rival is close)
STRONG_SCORE: float = 90.0  # a verified candidate this good ends the search early
AMBIGUITY_MARGIN: float = 10.0  # a rival this close to the best makes the match a review case
MAX_CANDIDATES = 10
DETAILS_BUDGET = 4  # details requests per match: the best plus close rivals
# A film scoring this much is never hidden behind a same-named series: a person decides.
PLAUSIBLE_FILM_SCORE: float = CONFIDENCE_THRESHOLD - AMBIGUITY_MARGIN

GENRE_DOCUMENTARY = 99
GENRE_TV_MOVIE = 10770
SHORT_RUNTIME_MINUTES = 40
# A much older film with the exact title counts as a re-release only if it is well known.
CLASSIC_VOTE_COUNT = 500
CLASSIC_POPULARITY = 20.0

YEAR_OFF_BY_ONE_PENALTY = 5.0
YEAR_LISTED_RELEASE_PENALTY = 10.0  # TMDB lists a release in our year that is not the primary one
YEAR_CLASSIC_PENALTY = 20.0
YEAR_FAR_PENALTY = 30.0
YEAR_UNKNOWN_PENALTY = 10.0
SHORT_PENALTY = 40.0
TV_MOVIE_PENALTY = 25.0
ABOUT_THE_FILM_PENALTY = 40.0

_ABOUT_THE_FILM = re.compile(r"\b(making of|behind the scenes|the story of)\b")

# Evidence weights (see `Evidence`).
# Published from a year and a half before to half a year after a release (a campaign's usual
# span: a first teaser comes a year or more ahead). More than a tie's margin: a date that fits
# one namesake and only might fit another decides.
DATE_FIT_BONUS = 12.0
# Earlier, up to three years before the release: a teaser can come that early, so no misfit,
# but no fit either (a namesake released near the upload is likelier).
USUAL_DAYS_BEFORE = 548
DATE_LATER_RELEASE_BONUS = 6.0  # fits another listed release (a country's, after a festival)
# Misfits cost less than a fit earns: a date that fits no candidate (an old film's trailer
# uploaded again) must not sink them all, but fit against misfit is more than a tie's margin.
DATE_AFTER_PENALTY = 5.0  # published over a year after every release, no re-release words
# ... and the title states no year either: nothing says the upload is about an old film.
DATE_AFTER_NO_YEAR_PENALTY = 30.0
DATE_LONG_BEFORE_PENALTY = 5.0  # published over 3 years before the release
# ... and the title states no year: nothing else ties the upload to a film years away.
DATE_LONG_BEFORE_NO_YEAR_PENALTY = 30.0


def approximate_slack(published: date, today: date) -> timedelta:
    """How much earlier than it says an approximate (yt-dlp listing) upload may really be.

    The listing says "6 years ago" for anything 6 to 7 years old and yt-dlp turns that into
    today minus 6 years: the true date lies up to one unit (year, month, week) before it.
    """
    age = (today - published).days
    if age >= 365:
        return timedelta(days=366)
    if age >= 28:
        return timedelta(days=31)
    return timedelta(days=7)


DESCRIPTION_PEOPLE_BONUS = 12.0  # the description names the director or a lead
DESCRIPTION_PERSON_EXTRA = 4.0  # each further name
DESCRIPTION_PEOPLE_MAX = 20.0
DESCRIPTION_NOBODY_PENALTY = 10.0  # the description credits people, none of them this film's
DESCRIPTION_YEAR_BONUS = 5.0  # "In theaters 2025" and the film is a 2025 release
DESCRIPTION_YEAR_PENALTY = 10.0
CHANNEL_COMPANY_BONUS = 12.0  # the channel is one of the film's production companies
CHANNEL_LANGUAGE_BONUS = 3.0  # the channel's language is the film's original language
FALLBACK_PENALTY = 5.0  # the title matched only a reworded query (see `search_variants`)
MAIN_TITLE_PENALTY = 10.0  # ... only the main title before a subtitle colon
UNCREDITED_PENALTY = 30.0  # "Director's Title" matched a "Title" that director did not make
SERIES_MARGIN = 5.0  # a series must beat the best film by this much to make it "not a film"
RERELEASE_CLASSIC_YEARS = 20  # a restoration or re-release is of a film at least this old
RERELEASE_KNOWN_YEARS = 2  # ... or of a well-known one at least this old
# An old film, or a well-known older one (what distributors restore): the same weight, so
# popularity stays the last tie-break between an obscure old namesake and a known film.
RERELEASE_CLASSIC_BONUS = 10.0
ANNIVERSARY_BONUS = 12.0  # "40th Anniversary" and the film is 40 years old
UNDATED_RECENT_YEARS = 5  # an undated, year-less upload fits films of the last five years
# Popularity decides a tie only when every other signal is equal and one film is far better known.
POPULARITY_RATIO = 10.0
POPULARITY_MIN_VOTES = 100

RERELEASE_RE = re.compile(
    r"\b(re-?releas\w*|restor(?:ed|ation)|remaster(?:ed)?|\d+(?:st|nd|rd|th)? anniversary|"
    r"anniversary|3-?d|4k|imax re-?release|re-?issue|back in (?:theaters|theatres|cinemas)|"
    r"(?:extended|special|collector'?s|signature|final|limited|deluxe) (?:edition|cut)|"
    r"director'?s cut|"
    r"(?:4k )?ultra hd|uhd|blu-?ray)\b",
    re.IGNORECASE,
)
_ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b", re.IGNORECASE)
_CREDITS_WORDS = re.compile(
    r"\b(starring|stars|directed by|director|from (?:writer|director)|with|featuring|cast)\b",
    re.IGNORECASE,
)
_DESCRIPTION_YEAR = re.compile(
    r"\b(?:in (?:theaters|theatres|cinemas)|only in|coming|releas\w*|out|premieres?|"
    r"on (?:digital|blu-ray|netflix|prime|disney\+|apple tv\+|max|hulu))\b[^.\n]{0,40}?"
    r"\b((?:19|20)\d{2})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Evidence:
    """What the uploads say besides their title and year (all optional)."""

    published: date | None = None  # the group's earliest upload
    latest: date | None = None  # the group's latest upload (None: the same as `published`)
    published_exact: bool = False  # from the Atom feed; yt-dlp's listing is approximate
    today: date | None = None  # what "N years ago" counted from; None: today
    rerelease: bool = False  # the upload titles speak of a re-release, restoration, 3D, ...
    anniversary: int | None = None  # "40th Anniversary": the film's age
    descriptions: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()  # channel names
    channel_language: str = ""  # ISO 639-1, e.g. "fr"

    @classmethod
    def from_uploads(
        cls,
        *,
        titles: Sequence[str] = (),
        published: Sequence[date | None] = (),
        published_exact: bool = False,
        descriptions: Sequence[str] = (),
        channels: Sequence[str] = (),
        channel_language: str = "",
    ) -> Evidence:
        dates = [d for d in published if d is not None]
        return cls(
            published=min(dates) if dates else None,
            latest=max(dates) if dates else None,
            published_exact=published_exact,
            rerelease=any(RERELEASE_RE.search(t or "") for t in titles),
            anniversary=next(
                (int(m.group(1)) for t in titles if (m := _ANNIVERSARY.search(t or ""))), None
            ),
            descriptions=tuple(d for d in descriptions if d),
            channels=tuple(dict.fromkeys(c for c in channels if c)),
            channel_language=channel_language.split("-")[0].casefold(),
        )

    def rereleased_in(self, year: int | None) -> bool:
        """Whether a stated year is the re-release's: re-release words, and the uploads came
        out around that year. "The Thing (1982) - 4K UHD Trailer" published in 2020 states the
        film's own year."""
        if not self.rerelease or year is None:
            return False
        published = self.latest or self.published
        return published is None or year >= published.year - 1


NO_EVIDENCE = Evidence()


@dataclass(frozen=True)
class UploadEvidence:
    """One upload of a group on its own: after the group is matched, each upload's own year,
    date and description are weighed again, so uploads of two films split (`upload_films`)."""

    youtube_id: str
    year: int | None
    evidence: Evidence


@dataclass(frozen=True)
class Candidate:
    tmdb_id: int
    title: str
    original_title: str
    year: int | None
    popularity: float
    poster_path: str | None
    score: float  # 0..100 from title and year; evidence bonuses may add to it
    reasons: tuple[str, ...]  # why this score, with each signal's weight, for the explain page
    title_score: float = 0.0  # the title similarity alone: 100 is an exact title
    contradicted: bool = False  # some evidence (date, description) speaks against it
    # For the person deciding in the review queue: what TMDB says the film is about, and who
    # made it (known when its details were fetched).
    overview: str = ""
    directors: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchResult:
    status: MatchStatus  # matched, needs_review, not_found, not_a_movie (a TV series)
    best: Candidate | None  # set only when matched
    candidates: tuple[Candidate, ...]  # best first, at most MAX_CANDIDATES
    queries: tuple[str, ...]  # the TMDB requests sent, in order
    details: dict[str, Any] | None  # the matched film's details (with appended sections)
    explanation: str
    # Set only when a group's uploads, each on its own evidence, point at different films:
    # youtube id -> the checked film it clearly is, and those films' details (no new request).
    upload_films: dict[str, int] = field(default_factory=dict)
    film_details: dict[int, dict[str, Any]] = field(default_factory=dict)


def title_similarity(a: str, b: str) -> float:
    """0..100 on normalised titles; whole-title measures, so "Making of Dune" is not "Dune"."""
    from rapidfuzz import fuzz  # here: every command and the admin import this module

    na, nb = normalise_title(a), normalise_title(b)
    if not na or not nb:
        return 0.0
    return max(fuzz.ratio(na, nb), fuzz.token_sort_ratio(na, nb))


def release_year(date: object) -> int | None:
    """The year of a TMDB date ("2021-09-15"; TMDB sends "" when it has none)."""
    if isinstance(date, str) and re.match(r"\d{4}-", date):
        return int(date[:4])
    return None


REVIEW_OVERVIEW = 400  # characters of a candidate's overview kept for the review queue


def _directors(info: dict[str, Any]) -> tuple[str, ...]:
    credits = info.get("credits")
    crew = credits.get("crew") if isinstance(credits, dict) else None
    return tuple(
        str(c["name"])
        for c in (crew if isinstance(crew, list) else [])
        if isinstance(c, dict) and c.get("job") == "Director" and c.get("name")
    )[:3]


def score_candidate(
    result: dict[str, Any],
    *,
    titles: Sequence[str],
    year: int | None,
    details: dict[str, Any] | None = None,
    youtube_ids: Sequence[str] = (),
    release_in_year: bool = False,
    evidence: Evidence = NO_EVIDENCE,
    variants: Sequence[tuple[str, float, str]] = (),
) -> tuple[Candidate, bool]:
    """Score one search result (better with its details). Returns (candidate, certain).

    `release_in_year`: the candidate came back from a `year=` search, i.e. TMDB lists some
    release (festival, re-release, another country) in our year. `variants`: reworded
    queries (fallbacks) and what a match through one of them costs.
    """
    info = {**result, **(details or {})}
    film_year = release_year(info.get("release_date"))

    def make(
        score: float, reasons: list[str], similarity: float, contradicted: bool = False
    ) -> Candidate:
        return Candidate(
            tmdb_id=int(info["id"]),
            title=str(info.get("title") or ""),
            original_title=str(info.get("original_title") or ""),
            year=film_year,
            popularity=float(info.get("popularity") or 0.0),
            poster_path=info.get("poster_path") or None,
            score=round(max(0.0, score), 1),
            reasons=tuple(reasons),
            title_score=similarity,
            contradicted=contradicted,
            overview=str(info.get("overview") or "")[:REVIEW_OVERVIEW],
            directors=_directors(info),
        )

    listed = set(youtube_video_keys(details)) & set(youtube_ids) if details else set()
    if listed:
        return make(100.0, [f"TMDB lists this YouTube video ({min(listed)})"], 100.0), True

    names = [
        ("title", str(info.get("title") or "")),
        ("original title", str(info.get("original_title") or "")),
    ]
    names += [(f"alternative title {t!r}", t) for t in alternative_titles(details)]
    similarity, label = max(
        ((title_similarity(query, name), label) for query in titles for label, name in names),
        key=lambda pair: pair[0],
    )
    reasons = [f"title {similarity:.0f} ({label})"]
    score = similarity
    for variant, cost, person in variants:
        via, via_label = max(((title_similarity(variant, n), lb) for lb, n in names))
        note = ""
        if person and details is not None:
            # "Greta Gerwig's Narnia" is TMDB's "Narnia" only if she made it.
            if _fold(person) in {_fold(p) for p in _credited(details)}:
                cost, note = 0.0, f", {person} credited"
            else:
                cost, note = cost + UNCREDITED_PENALTY, f", {person} not credited"
        if via - cost > score:
            score, similarity = via - cost, via - cost
            reasons = [
                f"title {via:.0f} ({via_label}) through the reworded query {variant!r}{note} "
                f"-{cost:.0f}"
            ]

    score -= _year_penalty(
        year,
        film_year,
        release_in_year,
        similarity,
        info,
        reasons,
        rerelease=evidence.rereleased_in(year),
    )

    genres = set(info.get("genre_ids") or []) | {
        g["id"] for g in info.get("genres") or [] if isinstance(g, dict) and "id" in g
    }
    runtime = info.get("runtime") or 0  # TMDB sends 0 when it does not know
    if details and 0 < runtime < SHORT_RUNTIME_MINUTES:
        score -= SHORT_PENALTY
        reasons.append(f"penalty: short (runtime {runtime} min)")
    if GENRE_TV_MOVIE in genres:
        score -= TV_MOVIE_PENALTY
        reasons.append("penalty: TV movie")
    if _is_about_the_film(str(info.get("title") or ""), titles, genres):
        score -= ABOUT_THE_FILM_PENALTY
        reasons.append("penalty: documentary about the film")
    score = min(100.0, score)  # title and year alone never exceed 100; evidence may
    before = len(reasons)
    score += _evidence(info, details, evidence, reasons, year)
    contradicted = any(re.search(r" -\d+$", r) for r in reasons[before:])
    return make(score, reasons, similarity, contradicted), False


def _release_dates(info: dict[str, Any], details: dict[str, Any] | None) -> list[date]:
    """The primary release first, then every release TMDB lists (any country, any type)."""
    dates = [d for d in [_parse_date(info.get("release_date"))] if d]
    for country in ((details or {}).get("release_dates") or {}).get("results") or []:
        for entry in country.get("release_dates") or [] if isinstance(country, dict) else []:
            if isinstance(entry, dict) and (d := _parse_date(entry.get("release_date"))):
                dates.append(d)
    return dates


def _parse_date(value: object) -> date | None:
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _credited(details: dict[str, Any]) -> list[str]:
    """The directors and the first ten of the cast."""
    credits = details.get("credits") or {}
    people = [c.get("name") for c in credits.get("crew") or [] if c.get("job") == "Director"]
    people += [c.get("name") for c in (credits.get("cast") or [])[:10]]
    return [p for p in people if isinstance(p, str) and p]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


class _Signals:
    """The evidence's signals for one candidate: a running total and the reasons with weights."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        self.total = 0.0

    def add(self, weight: float, note: str) -> None:
        self.total += weight
        self.reasons.append(f"{note} {weight:+.0f}" if weight else f"{note} (no weight)")


def _evidence(
    info: dict[str, Any],
    details: dict[str, Any] | None,
    evidence: Evidence,
    reasons: list[str],
    year: int | None,
) -> float:
    """The signals beyond title and year, each written to `reasons` with its weight."""
    signals = _Signals(reasons)
    releases = _release_dates(info, details)
    known = _well_known(info)
    _date_signal(signals, releases, evidence, year)
    _rerelease_signal(signals, releases, evidence, year, known=known)
    text = _fold(" ".join(evidence.descriptions))
    if text and details is not None:
        _people_signal(signals, details, text)
    if text:
        _description_year_signal(signals, releases, text)
    if details is not None and evidence.channels:
        _channel_company_signal(signals, details, evidence.channels)
    language = str(info.get("original_language") or "")
    if evidence.channel_language and language == evidence.channel_language != "en":
        signals.add(CHANNEL_LANGUAGE_BONUS, f"original language {language} is the channel's")
    return signals.total


def _date_signal(
    signals: _Signals, releases: list[date], evidence: Evidence, year: int | None
) -> None:
    """The upload's publish date against the film's releases (exact, or up to a unit earlier)."""
    published = evidence.published
    if published is None:
        signals.add(0, "publish date: none known")
        return
    if not releases:
        signals.add(0, "publish date: the film has no release date to compare")
        return
    # The uploads really happened in [published - slack, latest].
    latest = max(evidence.latest or published, published)
    slack = (
        timedelta(0)
        if evidence.published_exact
        else approximate_slack(published, evidence.today or date.today())
    )
    exactness = (
        "exact" if evidence.published_exact else f"approximate, up to {slack.days} days earlier"
    )
    primary = releases[0]
    months = round((primary - published).days / 30.4)
    when = (
        f"{months} months before the release"
        if months >= 0
        else f"{-months} months after the release"
    )
    note = f"publish date {published} ({exactness}): "
    after_ok = timedelta(days=183)

    def fits(before: timedelta) -> list[date]:
        return [d for d in releases if latest >= d - before and published - slack <= d + after_ok]

    usual = fits(timedelta(days=USUAL_DAYS_BEFORE))
    if primary in usual or (usual and evidence.rerelease):
        signals.add(DATE_FIT_BONUS, f"{note}{when}")
    elif usual:
        # A distributor's trailer for its own country's release, after a festival premiere.
        signals.add(DATE_LATER_RELEASE_BONUS, f"{note}near a later release ({usual[0]}), {when}")
    elif fits(timedelta(days=3 * 365)):
        signals.add(0, f"{note}{when}, early for a trailer")
    elif published - slack > max(releases) + timedelta(days=365):
        if evidence.rerelease:
            signals.add(0, f"{note}{when}, a re-release")
        elif year is None:
            # Even for a famous film: a new namesake TMDB does not list yet is as likely, and
            # a wrong match is final where `not_found` is looked at again.
            signals.add(-DATE_AFTER_NO_YEAR_PENALTY, f"{note}{when}")
        else:
            signals.add(-DATE_AFTER_PENALTY, f"{note}{when}")
    elif latest < primary - timedelta(days=3 * 365):
        weight = DATE_LONG_BEFORE_PENALTY if year is not None else DATE_LONG_BEFORE_NO_YEAR_PENALTY
        signals.add(-weight, f"{note}{when}")
    else:
        signals.add(0, f"{note}{when}")


def _rerelease_signal(
    signals: _Signals, releases: list[date], evidence: Evidence, year: int | None, *, known: bool
) -> None:
    """Re-release words: an anniversary says the film's age; otherwise a well-known older film
    (or a much older one) is what distributors restore and re-release."""
    if not (evidence.rerelease and releases):
        return
    published = evidence.published.year if evidence.published else None
    reference = year if evidence.rereleased_in(year) else (published or year)
    if reference is None:
        return
    film_year = releases[0].year
    if evidence.anniversary:
        if abs(reference - evidence.anniversary - film_year) <= 1:
            signals.add(
                ANNIVERSARY_BONUS, f"{evidence.anniversary}th anniversary of a {film_year} film"
            )
        else:
            signals.add(
                -ANNIVERSARY_BONUS,
                f"{evidence.anniversary}th anniversary in {reference}: not a {film_year} film",
            )
        return
    age = reference - film_year
    if known and age >= RERELEASE_KNOWN_YEARS:
        signals.add(
            RERELEASE_CLASSIC_BONUS,
            f"re-release words: a well-known {film_year} film, {age} years old",
        )
    elif age >= RERELEASE_CLASSIC_YEARS:
        signals.add(
            RERELEASE_CLASSIC_BONUS, f"re-release words: a {film_year} film is {age} years old"
        )


_CREDITS_STRICT = re.compile(
    r"\b(starring|directed by|from (?:writer|director)|a film by|director)\b", re.IGNORECASE
)


def description_credits_others(description: str, people: Sequence[str]) -> bool:
    """The description credits people ("Starring ...", "Directed by ...") and names none of
    `people` (a film's directors and cast): it is about another film."""
    text = _fold(description)
    if not people or not _CREDITS_STRICT.search(text):
        return False
    return not any(re.search(rf"\b{re.escape(_fold(p))}\b", text) for p in people if p.strip())


def _people_signal(signals: _Signals, details: dict[str, Any], text: str) -> None:
    """The description's cast and director names against TMDB's credits."""
    people = _credited(details)
    named = [p for p in dict.fromkeys(people) if re.search(rf"\b{re.escape(_fold(p))}\b", text)]
    if named:
        weight = min(
            DESCRIPTION_PEOPLE_MAX,
            DESCRIPTION_PEOPLE_BONUS + DESCRIPTION_PERSON_EXTRA * (len(named) - 1),
        )
        signals.add(weight, f"description names {', '.join(named[:3])}")
    elif people and _CREDITS_WORDS.search(text):
        signals.add(-DESCRIPTION_NOBODY_PENALTY, "description credits people, none of this film's")


def _description_year_signal(signals: _Signals, releases: list[date], text: str) -> None:
    """ "In theaters 2025" against the film's release years."""
    stated = {int(m.group(1)) for m in _DESCRIPTION_YEAR.finditer(text)}
    film_years = {d.year for d in releases}
    if not (stated and film_years):
        return
    if stated & film_years:
        signals.add(DESCRIPTION_YEAR_BONUS, f"description dates it {min(stated & film_years)}")
    elif all(min(abs(s - y) for y in film_years) >= 2 for s in stated):
        signals.add(-DESCRIPTION_YEAR_PENALTY, f"description dates it {min(stated)}")


def _channel_company_signal(
    signals: _Signals, details: dict[str, Any], channels: Sequence[str]
) -> None:
    companies = [
        _fold(str(c.get("name") or ""))
        for c in details.get("production_companies") or []
        if isinstance(c, dict)
    ]
    for channel in channels:
        name = _fold(channel)
        if name and any(c and (c in name or name in c) for c in companies):
            signals.add(CHANNEL_COMPANY_BONUS, f"channel {channel!r} is a production company")
            return


def _year_penalty(
    year: int | None,
    film_year: int | None,
    release_in_year: bool,
    similarity: float,
    info: dict[str, Any],
    reasons: list[str],
    *,
    rerelease: bool = False,
) -> float:
    if year is None:
        reasons.append("no year to compare")
        return 0.0
    if film_year is None:
        reasons.append(f"penalty: TMDB has no release date (we expect {year})")
        return YEAR_UNKNOWN_PENALTY
    distance = film_year - year
    if distance == 0:
        reasons.append(f"year {film_year} exact")
        return 0.0
    if distance == 1:
        reasons.append("year +1 (trailer before release)")
        return YEAR_OFF_BY_ONE_PENALTY
    if distance == -1:
        reasons.append("year -1 (trailer after the first release)")
        return YEAR_OFF_BY_ONE_PENALTY
    if rerelease and distance < 0 and similarity >= 90:
        # A restoration or anniversary trailer states the re-release's year; any older film fits.
        reasons.append(
            f"year {film_year}: re-release words, the film may be any year before {year}"
        )
        return 0.0
    if release_in_year:
        reasons.append(
            f"year {film_year}, but TMDB lists a {year} release (re-release or festival)"
        )
        return YEAR_LISTED_RELEASE_PENALTY
    if distance < 0 and similarity >= 95 and _well_known(info):
        reasons.append(f"year {film_year}: a well-known older film, trailer is likely a re-release")
        return YEAR_CLASSIC_PENALTY
    reasons.append(f"penalty: year {film_year} is {abs(distance)} years from {year}")
    return YEAR_FAR_PENALTY


def _well_known(info: dict[str, Any]) -> bool:
    return (
        int(info.get("vote_count") or 0) >= CLASSIC_VOTE_COUNT
        or float(info.get("popularity") or 0.0) >= CLASSIC_POPULARITY
    )


def _is_about_the_film(title: str, queries: Sequence[str], genres: set[int]) -> bool:
    """A documentary or making-of whose title contains the film's title without being it."""
    name = normalise_title(title)
    for query in queries:
        wanted = normalise_title(query)
        if not wanted or name == wanted or not re.search(rf"\b{re.escape(wanted)}\b", name):
            continue
        if GENRE_DOCUMENTARY in genres or (
            _ABOUT_THE_FILM.search(name) and not _ABOUT_THE_FILM.search(wanted)
        ):
            return True
    return False


def youtube_video_keys(details: dict[str, Any] | None) -> list[str]:
    videos = ((details or {}).get("videos") or {}).get("results") or []
    return [
        v["key"]
        for v in videos
        if isinstance(v, dict) and v.get("site") == "YouTube" and isinstance(v.get("key"), str)
    ]


def alternative_titles(details: dict[str, Any] | None) -> list[str]:
    titles = ((details or {}).get("alternative_titles") or {}).get("titles") or []
    return [t["title"] for t in titles if isinstance(t, dict) and isinstance(t.get("title"), str)]


# -- the search --------------------------------------------------------------------------------


@dataclass
class _Work:
    """A candidate being considered: its search result, details once fetched, current score."""

    result: dict[str, Any]
    release_in_year: bool = False
    details: dict[str, Any] | None = None
    candidate: Candidate | None = None
    certain: bool = False
    search_score: float = 0.0  # the score from the search result alone, before details


class _Matcher:
    def __init__(
        self,
        client: TmdbClient,
        titles: list[str],
        year: int | None,
        youtube_ids: Sequence[str],
        evidence: Evidence = NO_EVIDENCE,
        uploads: Sequence[UploadEvidence] = (),
    ) -> None:
        self.uploads = tuple(uploads)
        self.client = client
        self.titles = titles
        self.year = year
        self.youtube_ids = tuple(youtube_ids)
        self.evidence = evidence
        self.variants: list[tuple[str, float, str]] = []
        self.pool: dict[int, _Work] = {}
        self.queries: list[str] = []
        self.details_left = DETAILS_BUDGET

    def run(self) -> MatchResult:
        return self._per_upload(self._run())

    def _per_upload(self, result: MatchResult) -> MatchResult:
        """Uploads of one group that, each on its own evidence, clearly point at another of
        the checked films than the chosen one (or, with none chosen, at different films)."""
        if result.status == MatchStatus.NOT_A_MOVIE or len(self.uploads) < 2:
            return result
        if result.best is not None and self._contradicted_by_an_upload(result.best.tmdb_id):
            # A clean match asked for one film only: look for the others of the title.
            if f"search/movie query={self.titles[0]!r}" not in self.queries:
                self._search(self.titles[0], "", None)
            self._check_namesakes()
            result = replace(result, queries=tuple(self.queries))
        checked = [w for w in self.pool.values() if w.details is not None]
        if len(checked) < 2:
            return result
        verdicts = {
            u.youtube_id: film
            for u in self.uploads
            if (film := self._upload_film(u, checked)) is not None
        }
        chosen = result.best.tmdb_id if result.best is not None else None
        films = set(verdicts.values())
        if films <= {chosen} or (chosen is None and len(films) < 2):
            return result
        return replace(
            result,
            upload_films=verdicts,
            film_details={
                int(w.result["id"]): w.details
                for w in checked
                if int(w.result["id"]) in films and w.details is not None
            },
        )

    def _check_namesakes(self) -> None:
        """Details for the two best unchecked candidates whose title fits about as well as the
        best's: the films one upload of the group may be instead."""
        ranked = self._ranked()
        if not ranked:
            return
        wanted = _scored(ranked[0]).title_score - AMBIGUITY_MARGIN
        namesakes = [w for w in ranked if w.details is None and _scored(w).title_score >= wanted]
        for work in namesakes[:2]:
            if self.details_left <= 0:
                return
            self._fetch_details(work)

    def _contradicted_by_an_upload(self, tmdb_id: int) -> bool:
        work = self.pool.get(tmdb_id)
        return work is not None and any(
            self._score_for(upload, work)[0].contradicted for upload in self.uploads
        )

    def _score_for(self, upload: UploadEvidence, work: _Work) -> tuple[Candidate, bool]:
        """A checked film scored on one upload's own year and evidence."""
        return score_candidate(
            work.result,
            titles=self.titles,
            year=upload.year,
            details=work.details,
            youtube_ids=(upload.youtube_id,),
            release_in_year=work.release_in_year and upload.year == self.year,
            evidence=upload.evidence,
            variants=self.variants,
        )

    def _upload_film(self, upload: UploadEvidence, checked: list[_Work]) -> int | None:
        """The checked film this one upload clearly is: TMDB lists it, or it scores well,
        uncontradicted, a margin above every other."""
        scored = [self._score_for(upload, w) for w in checked]
        listed = [c for c, certain in scored if certain]
        if listed:
            return listed[0].tmdb_id if len(listed) == 1 else None
        ranked = sorted((c for c, _ in scored), key=lambda c: -c.score)
        best, rival = ranked[0], ranked[1]
        if (
            best.score >= CONFIDENCE_THRESHOLD
            and not best.contradicted
            and best.score - rival.score >= AMBIGUITY_MARGIN
        ):
            return best.tmdb_id
        return None

    def _run(self) -> MatchResult:
        self._find_film()
        if not self._strong():
            self._fall_back()
        result = self._decide()
        ranked = self._ranked()
        best = _scored(ranked[0]) if ranked else None
        weak = self.year is None and self.evidence.published is None  # nothing dates it
        if result.status == MatchStatus.MATCHED and (
            ranked[0].certain
            or (best is not None and best.title_score >= 100 and not best.contradicted and not weak)
        ):
            return result  # an exact film: no TV search, so a clean match stays at 2 requests
        if weak and result.status == MatchStatus.MATCHED and result.best is not None:
            result = self._undated_old_film(result)
        series, series_score, series_reasons = self._same_series()
        result = replace(result, queries=tuple(self.queries))
        if series is None:
            return result
        aired = release_year(series.get("first_air_date"))
        known_as = f"{series.get('name')!r} as a TV series ({aired or 'no date'})"
        film_score = best.score if best is not None else 0.0
        weighed = f"series {series_score:.0f} ({'; '.join(series_reasons)}) against " + (
            f"film {film_score:.0f}" if best is not None else "no film"
        )
        if (
            best is None
            or series_score >= film_score + SERIES_MARGIN
            or (film_score < PLAUSIBLE_FILM_SCORE)
        ):
            return replace(
                result,
                status=MatchStatus.NOT_A_MOVIE,
                best=None,
                details=None,
                explanation=f"TMDB knows {known_as}, not a film: {weighed}",
            )
        if film_score >= series_score + SERIES_MARGIN and result.status == MatchStatus.MATCHED:
            return replace(result, explanation=f"{result.explanation}; TMDB also knows {known_as}")
        if result.status == MatchStatus.MATCHED:
            return replace(
                result,
                status=MatchStatus.NEEDS_REVIEW,
                best=None,
                details=None,
                explanation=f"a film and a series fit equally: {result.explanation}; "
                f"TMDB also knows {known_as} ({weighed})",
            )
        return replace(result, explanation=f"{result.explanation}; TMDB also knows {known_as}")

    def _undated_old_film(self, result: MatchResult) -> MatchResult:
        """No year and no date: an older film is only a guess (the upload may be a new film
        TMDB does not list yet), unless something else (a listed video, the description, the
        channel) spoke for it."""
        best = result.best
        assert best is not None
        today = self.evidence.today or date.today()
        recent = best.year is None or best.year >= today.year - UNDATED_RECENT_YEARS
        if recent or self.evidence.rerelease or best.score > 100 or self._ranked()[0].certain:
            return result
        return replace(
            result,
            status=MatchStatus.NEEDS_REVIEW,
            best=None,
            details=None,
            explanation=f"nothing dates the upload, and {best.title} ({best.year}, TMDB "
            f"{best.tmdb_id}) is an older film: a new namesake is as likely",
        )

    def _strong(self) -> bool:
        ranked = self._ranked()
        return bool(ranked) and (
            ranked[0].certain
            or (_scored(ranked[0]).score >= STRONG_SCORE and ranked[0].details is not None)
        )

    def _find_film(self) -> None:
        strategies: list[tuple[str, int | None]] = []
        # With re-release words the stated year is the re-release's, not the film's: a film of
        # that very year would end a year search before the film itself is seen.
        if self.year is not None and not self.evidence.rereleased_in(self.year):
            strategies.append(("primary_release_year", self.year))
            strategies.append(("year", self.year))
        strategies.append(("", None))
        for field_name, value in strategies:
            for n, query in enumerate(self.titles):
                self._search(query, field_name, value)
                self._verify(final=False)
                # With an original title still to try, only an exact title ends the search.
                last = n == len(self.titles) - 1
                if self._strong() and (last or _scored(self._ranked()[0]).title_score >= 100):
                    return
        self._verify(final=True)

    def _fall_back(self) -> None:
        """Reworded searches (see `search_variants`), cheapest first, while nothing is strong."""
        tried = {normalise_title(t) for t in self.titles}
        for variant, cost, person in search_variants(self.titles[0])[:MAX_FALLBACK_SEARCHES]:
            if normalise_title(variant) in tried:
                continue
            tried.add(normalise_title(variant))
            self.variants.append((variant, cost, person))
            for work in self.pool.values():
                self._rescore(work)
            self._search(variant, "", None)
            self._verify(final=False)
            if self._strong():
                return
        if self.variants:
            self._verify(final=True)

    def _same_series(self) -> tuple[dict[str, Any] | None, float, list[str]]:
        """The best TV series named exactly like the upload, with its score and reasons.

        No year filter in the request: a trailer often comes out the year before the series.
        """
        query = self.titles[0]
        self.queries.append(f"search/tv query={query!r}")
        try:
            shows = self.client.search_tv(query)
        except TmdbNotFound:
            self.queries[-1] += " (404: nothing)"
            return None, 0.0, []
        wanted = {normalise_title(t) for t in self.titles}
        best: tuple[dict[str, Any] | None, float, list[str]] = (None, 0.0, [])
        for series in shows:
            names = {normalise_title(str(series.get(k) or "")) for k in ("name", "original_name")}
            if not wanted & names:
                continue
            aired = release_year(series.get("first_air_date"))
            reasons = ["name exact"]
            score = 100.0
            if self.year is not None:
                if aired is None or abs(aired - self.year) > 1:
                    continue
                if aired != self.year:
                    score -= YEAR_OFF_BY_ONE_PENALTY
                    reasons.append(f"first aired {aired} {-YEAR_OFF_BY_ONE_PENALTY:+.0f}")
                else:
                    reasons.append(f"first aired {aired}, the stated year")
            published = self.evidence.published
            first = _parse_date(series.get("first_air_date"))
            if published is not None and first is not None:
                if first - timedelta(days=365) <= published <= first + timedelta(days=183):
                    score += DATE_FIT_BONUS
                    reasons.append(
                        f"published {published}, near its first episode {DATE_FIT_BONUS:+.0f}"
                    )
                elif published < first - timedelta(days=3 * 365) and self.year is None:
                    continue  # years before the series began: not about it
            if score > best[1]:
                best = (series, score, reasons)
        return best

    def _search(self, query: str, field: str, value: int | None) -> None:
        kwargs = {field: value} if field else {}
        self.queries.append(
            f"search/movie query={query!r}" + (f" {field}={value}" if field else "")
        )
        try:
            found = self.client.search_movie(query, **kwargs)
        except TmdbNotFound:  # a proxy without this endpoint: this request found nothing
            self.queries[-1] += " (404: nothing)"
            found = []
        for result in found:
            work = self.pool.setdefault(result["id"], _Work(result))
            if field == "year":
                work.release_in_year = True
            self._rescore(work)

    def _rescore(self, work: _Work) -> None:
        work.candidate, work.certain = score_candidate(
            work.result,
            titles=self.titles,
            year=self.year,
            details=work.details,
            youtube_ids=self.youtube_ids,
            release_in_year=work.release_in_year,
            evidence=self.evidence,
            variants=self.variants,
        )
        if work.details is None:
            work.search_score = work.candidate.score

    def _ranked(self) -> list[_Work]:
        return sorted(
            self.pool.values(),
            key=lambda w: (
                not w.certain,
                -_scored(w).score,
                -_scored(w).popularity,
                _scored(w).tmdb_id,
            ),
        )

    def _verify(self, *, final: bool) -> None:
        """Fetch details (runtime, alternative titles, videos) for candidates still in contention.

        While searching, only a strong best and its close rivals are checked, so a clean match
        costs one search and one details request. At the end, a weak best also gets its next two
        checked: an alternative title or a listed video can still make one of them certain.
        """
        while self.details_left > 0:
            ranked = self._ranked()
            if not ranked or ranked[0].certain:
                return
            best = _scored(ranked[0]).score
            if not final and best < STRONG_SCORE:
                return
            target = next(
                (
                    w
                    for rank, w in enumerate(ranked)
                    if w.details is None
                    and (
                        rank == 0
                        or _scored(w).score > best - AMBIGUITY_MARGIN
                        # tied with the best until its details (credits, companies) lifted it:
                        # a person would look at the rival's details too
                        or w.search_score > ranked[0].search_score - AMBIGUITY_MARGIN
                        or (final and best < CONFIDENCE_THRESHOLD and rank < 3)
                    )
                ),
                None,
            )
            if target is None:
                return
            self._fetch_details(target)

    def _fetch_details(self, target: _Work) -> None:
        self.details_left -= 1
        tmdb_id = int(target.result["id"])
        self.queries.append(f"movie/{tmdb_id} details")
        try:
            target.details = self.client.movie_details(
                tmdb_id,
                video_languages=[self.evidence.channel_language]
                if self.evidence.channel_language
                else [],
            )
        except TmdbNotFound:
            del self.pool[tmdb_id]  # removed from TMDB since the search: not a candidate
            return
        self._rescore(target)

    def _decide(self) -> MatchResult:
        ranked = self._ranked()
        candidates = tuple(_scored(w) for w in ranked[:MAX_CANDIDATES])
        queries = tuple(self.queries)

        def result(
            status: MatchStatus, explanation: str, chosen: _Work | None = None
        ) -> MatchResult:
            return MatchResult(
                status=status,
                best=_scored(chosen) if chosen else None,
                candidates=candidates,
                queries=queries,
                details=chosen.details if chosen else None,
                explanation=explanation,
            )

        if not ranked:
            wanted = " / ".join(repr(t) for t in self.titles)
            year = f" ({self.year})" if self.year is not None else ""
            return result(MatchStatus.NOT_FOUND, f"TMDB found nothing for {wanted}{year}")
        best, rival = ranked[0], (ranked[1] if len(ranked) > 1 else None)
        if best.certain:
            if rival is not None and rival.certain:
                return result(
                    MatchStatus.NEEDS_REVIEW,
                    f"TMDB lists our video on both {_label(best)} and {_label(rival)}",
                )
            return result(MatchStatus.MATCHED, f"{_label(best)}: {_scored(best).reasons[0]}", best)
        score = _scored(best).score
        if score < CONFIDENCE_THRESHOLD and _scored(best).contradicted:
            return result(
                MatchStatus.NOT_FOUND,
                f"no candidate fits the upload: the best, {_label(best)}, scored {score:.0f} "
                "against its publish date or description",
            )
        if score < CONFIDENCE_THRESHOLD:
            return result(
                MatchStatus.NEEDS_REVIEW,
                f"best candidate {_label(best)} scored {score:.0f}, "
                f"below the threshold {CONFIDENCE_THRESHOLD:.0f}",
            )
        if rival is not None and _scored(rival).score > score - AMBIGUITY_MARGIN:
            if _popularity_decides(best, rival, evidence_known=self.evidence.published is not None):
                return result(
                    MatchStatus.MATCHED,
                    f"{_label(best)} scored {score:.0f} like {_label(rival)}; every other signal "
                    f"equal, popularity decides ({_scored(best).popularity:.0f} against "
                    f"{_scored(rival).popularity:.0f})",
                    best,
                )
            return result(
                MatchStatus.NEEDS_REVIEW,
                f"too close to call: {_label(best)} scored {score:.0f} and "
                f"{_label(rival)} scored {_scored(rival).score:.0f}",
            )
        if best.details is None:
            return result(
                MatchStatus.NEEDS_REVIEW,
                f"{_label(best)} scored {score:.0f} but its details were not checked",
            )
        runner_up = (
            f"; next best {_label(rival)} scored {_scored(rival).score:.0f}"
            if rival is not None
            else "; no other candidate"
        )
        return result(MatchStatus.MATCHED, f"{_label(best)} scored {score:.0f}{runner_up}", best)


def _popularity_decides(best: _Work, rival: _Work, *, evidence_known: bool) -> bool:
    """The last tie-break: the upload's evidence (a publish date) fits both equally, both were
    checked, and one film is far better known. Without any evidence a person would hesitate."""
    a, b = _scored(best), _scored(rival)
    return (
        evidence_known
        and a.score == b.score
        and best.details is not None
        and rival.details is not None
        and a.popularity >= POPULARITY_RATIO * max(b.popularity, 0.1)
        and int(best.result.get("vote_count") or 0) >= POPULARITY_MIN_VOTES
    )


MAX_FALLBACK_SEARCHES = 2
_SEQUEL_BEFORE_SUBTITLE = re.compile(r"^(.+?)\s+(\d{1,2}|II|III|IV|V|VI)\s*:\s*(.+)$")
# "Greta Gerwig's Narnia", "Bruno V. Navarro's ..." (a parser may lower-case the initial)
_DIRECTOR_POSSESSIVE = re.compile(
    r"^((?:(?:[A-Z][\w.\-]+|[A-Za-z]\.)\s+){0,2}[A-Z][\w.\-]+)(?:'s|s')\s+(.+)$"
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s", re.IGNORECASE)  # "The Devil's Bath" names nobody
_DASHED = re.compile(r"^(.+?)\s+[-\u2013\u2014]\s+(.+)$")


def search_variants(title: str) -> list[tuple[str, float, str]]:
    """Rewordings of a title TMDB may know better: (query, what a match through it costs,
    the person a credit prefix names, who must then be in the film's credits).

    "Title 2: Subtitle" -> "Title: Subtitle" and "Title 2"; "&" <-> "and"; "1/2" <-> "½";
    "Director's Title" and "Director - Title" -> "Title"; last, the main title before a colon.
    """
    title = " ".join(title.split())
    out: list[tuple[str, float, str]] = []
    if m := _SEQUEL_BEFORE_SUBTITLE.match(title):
        out += [
            (f"{m.group(1)}: {m.group(3)}", FALLBACK_PENALTY, ""),
            (f"{m.group(1)} {m.group(2)}", FALLBACK_PENALTY, ""),
        ]
    if "&" in title:
        out.append((title.replace("&", "and"), 0.0, ""))
    elif re.search(r"\band\b", title, re.IGNORECASE):
        out.append((re.sub(r"\band\b", "&", title, flags=re.IGNORECASE), 0.0, ""))
    if "1/2" in title:
        out.append((title.replace("1/2", "\u00bd"), 0.0, ""))
    elif "\u00bd" in title:
        out.append((title.replace("\u00bd", " 1/2").replace("  ", " "), 0.0, ""))
    if (m := _DASHED.match(title)) and ":" not in m.group(1):
        out.append((m.group(2), FALLBACK_PENALTY, m.group(1)))
    if (m := _DIRECTOR_POSSESSIVE.match(title)) and not _ARTICLE.match(title):
        out.append((m.group(2), FALLBACK_PENALTY, m.group(1)))
    if ":" in title and (main := title.split(":", 1)[0].strip()):
        out.append((main, MAIN_TITLE_PENALTY, ""))
    seen: set[str] = {normalise_title(title)}
    unique = []
    for variant, cost, person in out:
        key = normalise_title(variant)
        if key and key not in seen:
            seen.add(key)
            unique.append((variant.strip(), cost, person.strip()))
    return unique


def _scored(work: _Work) -> Candidate:
    assert work.candidate is not None  # every pooled work is scored on arrival
    return work.candidate


def _label(work: _Work) -> str:
    c = _scored(work)
    return f"{c.title} ({c.year if c.year is not None else 'no date'}, TMDB {c.tmdb_id})"


def match_movie(
    client: TmdbClient,
    *,
    title: str,
    year: int | None,
    youtube_ids: Sequence[str] = (),
    original_titles: Sequence[str] = (),
    evidence: Evidence = NO_EVIDENCE,
    uploads: Sequence[UploadEvidence] = (),
) -> MatchResult:
    """Find the TMDB film for a trailer. TmdbError (auth, unavailable) propagates to the caller;
    a 404 on one request is that request's "nothing", never the whole match's. `uploads`:
    the group's uploads one by one, to tell which of them are another film."""
    titles: list[str] = []
    seen: set[str] = set()
    for candidate_title in (title, *original_titles):
        key = normalise_title(candidate_title or "")
        if key and key not in seen:
            seen.add(key)
            titles.append(candidate_title.strip())
    if not titles:
        return MatchResult(MatchStatus.NOT_FOUND, None, (), (), None, "no title to search for")
    return _Matcher(client, titles, year, youtube_ids, evidence, uploads).run()
