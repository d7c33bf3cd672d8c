"""Pick the TMDB film a trailer is about, or say that we cannot tell.

Searches go from narrow to wide (primary release year, any release year, no year) and stop as
soon as a verified candidate is strong. Each candidate is scored 0..100 from title similarity
and year distance, minus penalties for shorts, TV movies and documentaries about the film;
popularity only breaks ties in the ordering. A wrong film is worse than none: anything below
the threshold, or two candidates too close to call, goes to review instead of being guessed.

A series trailer is shaped like a film's ("Space Force | Official Trailer | Netflix"). When no
film is strong, one TV search tells them apart: a series with exactly our title (and year, give
or take one) makes the upload "not_a_movie", unless a film is still plausible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz

from whichmovie.sources.titles import normalise_title
from whichmovie.tmdb.client import TmdbClient, TmdbNotFound

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


@dataclass(frozen=True)
class Candidate:
    tmdb_id: int
    title: str
    original_title: str
    year: int | None
    popularity: float
    poster_path: str | None
    score: float  # 0..100
    reasons: tuple[str, ...]  # why this score, for the review queue


@dataclass(frozen=True)
class MatchResult:
    status: str  # "matched" | "needs_review" | "not_found" | "not_a_movie" (a TV series)
    best: Candidate | None  # set only when matched
    candidates: tuple[Candidate, ...]  # best first, at most MAX_CANDIDATES
    queries: tuple[str, ...]  # the TMDB requests sent, in order
    details: dict[str, Any] | None  # the matched film's details (with appended sections)
    explanation: str


def title_similarity(a: str, b: str) -> float:
    """0..100 on normalised titles; whole-title measures, so "Making of Dune" is not "Dune"."""
    na, nb = normalise_title(a), normalise_title(b)
    if not na or not nb:
        return 0.0
    return max(fuzz.ratio(na, nb), fuzz.token_sort_ratio(na, nb))


def release_year(date: object) -> int | None:
    """The year of a TMDB date ("2021-09-15"; TMDB sends "" when it has none)."""
    if isinstance(date, str) and re.match(r"\d{4}-", date):
        return int(date[:4])
    return None


def score_candidate(
    result: dict[str, Any],
    *,
    titles: Sequence[str],
    year: int | None,
    details: dict[str, Any] | None = None,
    youtube_ids: Sequence[str] = (),
    release_in_year: bool = False,
) -> tuple[Candidate, bool]:
    """Score one search result (better with its details). Returns (candidate, certain).

    `release_in_year`: the candidate came back from a `year=` search, i.e. TMDB lists some
    release (festival, re-release, another country) in our year.
    """
    info = {**result, **(details or {})}
    film_year = release_year(info.get("release_date"))

    def make(score: float, reasons: list[str]) -> Candidate:
        return Candidate(
            tmdb_id=int(info["id"]),
            title=str(info.get("title") or ""),
            original_title=str(info.get("original_title") or ""),
            year=film_year,
            popularity=float(info.get("popularity") or 0.0),
            poster_path=info.get("poster_path") or None,
            score=round(min(100.0, max(0.0, score)), 1),
            reasons=tuple(reasons),
        )

    listed = set(youtube_video_keys(details)) & set(youtube_ids) if details else set()
    if listed:
        return make(100.0, [f"TMDB lists this YouTube video ({min(listed)})"]), True

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

    score -= _year_penalty(year, film_year, release_in_year, similarity, info, reasons)

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
    return make(score, reasons), False


def _year_penalty(
    year: int | None,
    film_year: int | None,
    release_in_year: bool,
    similarity: float,
    info: dict[str, Any],
    reasons: list[str],
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
    if release_in_year:
        reasons.append(
            f"year {film_year}, but TMDB lists a {year} release (re-release or festival)"
        )
        return YEAR_LISTED_RELEASE_PENALTY
    classic = (
        int(info.get("vote_count") or 0) >= CLASSIC_VOTE_COUNT
        or float(info.get("popularity") or 0.0) >= CLASSIC_POPULARITY
    )
    if distance < 0 and similarity >= 95 and classic:
        reasons.append(f"year {film_year}: a well-known older film, trailer is likely a re-release")
        return YEAR_CLASSIC_PENALTY
    reasons.append(f"penalty: year {film_year} is {abs(distance)} years from {year}")
    return YEAR_FAR_PENALTY


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


class _Matcher:
    def __init__(
        self,
        client: TmdbClient,
        titles: list[str],
        year: int | None,
        youtube_ids: Sequence[str],
    ) -> None:
        self.client = client
        self.titles = titles
        self.year = year
        self.youtube_ids = tuple(youtube_ids)
        self.pool: dict[int, _Work] = {}
        self.queries: list[str] = []
        self.details_left = DETAILS_BUDGET

    def run(self) -> MatchResult:
        self._find_film()
        result = self._decide()
        ranked = self._ranked()
        best_score = _scored(ranked[0]).score if ranked else 0.0
        if result.status == "matched" or best_score >= CONFIDENCE_THRESHOLD:
            return result  # a strong film: no TV search, so a clean match stays at 2 requests
        series = self._same_series()
        result = replace(result, queries=tuple(self.queries))
        if series is None:
            return result
        aired = release_year(series.get("first_air_date"))
        known_as = f"{series.get('name')!r} as a TV series ({aired or 'no date'})"
        if best_score >= PLAUSIBLE_FILM_SCORE:
            return replace(result, explanation=f"{result.explanation}; TMDB also knows {known_as}")
        # Not matched, so best and details are already None.
        return replace(
            result, status="not_a_movie", explanation=f"TMDB knows {known_as}, not a film"
        )

    def _find_film(self) -> None:
        strategies: list[tuple[str, int | None]] = []
        if self.year is not None:
            strategies += [("primary_release_year", self.year), ("year", self.year)]
        strategies.append(("", None))
        for field, value in strategies:
            for query in self.titles:
                self._search(query, field, value)
                self._verify(final=False)
                ranked = self._ranked()
                if ranked and _scored(ranked[0]).score >= STRONG_SCORE and ranked[0].details:
                    return
        self._verify(final=True)

    def _same_series(self) -> dict[str, Any] | None:
        """The first TV series named exactly like the upload, aired within a year of it.

        No year filter in the request: a trailer often comes out the year before the series.
        """
        query = self.titles[0]
        self.queries.append(f"search/tv query={query!r}")
        wanted = {normalise_title(t) for t in self.titles}
        for series in self.client.search_tv(query):
            names = {normalise_title(str(series.get(k) or "")) for k in ("name", "original_name")}
            aired = release_year(series.get("first_air_date"))
            if wanted & names and (
                self.year is None or (aired is not None and abs(aired - self.year) <= 1)
            ):
                return series
        return None

    def _search(self, query: str, field: str, value: int | None) -> None:
        kwargs = {field: value} if field else {}
        self.queries.append(
            f"search/movie query={query!r}" + (f" {field}={value}" if field else "")
        )
        for result in self.client.search_movie(query, **kwargs):
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
        )

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
                        or (final and best < CONFIDENCE_THRESHOLD and rank < 3)
                    )
                ),
                None,
            )
            if target is None:
                return
            self.details_left -= 1
            tmdb_id = int(target.result["id"])
            self.queries.append(f"movie/{tmdb_id} details")
            try:
                target.details = self.client.movie_details(tmdb_id)
            except TmdbNotFound:
                del self.pool[tmdb_id]  # removed from TMDB since the search: not a candidate
                continue
            self._rescore(target)

    def _decide(self) -> MatchResult:
        ranked = self._ranked()
        candidates = tuple(_scored(w) for w in ranked[:MAX_CANDIDATES])
        queries = tuple(self.queries)

        def result(status: str, explanation: str, chosen: _Work | None = None) -> MatchResult:
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
            return result("not_found", f"TMDB found nothing for {wanted}{year}")
        best, rival = ranked[0], (ranked[1] if len(ranked) > 1 else None)
        if best.certain:
            if rival is not None and rival.certain:
                return result(
                    "needs_review",
                    f"TMDB lists our video on both {_label(best)} and {_label(rival)}",
                )
            return result("matched", f"{_label(best)}: {_scored(best).reasons[0]}", best)
        score = _scored(best).score
        if score < CONFIDENCE_THRESHOLD:
            return result(
                "needs_review",
                f"best candidate {_label(best)} scored {score:.0f}, "
                f"below the threshold {CONFIDENCE_THRESHOLD:.0f}",
            )
        if rival is not None and _scored(rival).score > score - AMBIGUITY_MARGIN:
            return result(
                "needs_review",
                f"too close to call: {_label(best)} scored {score:.0f} and "
                f"{_label(rival)} scored {_scored(rival).score:.0f}",
            )
        if best.details is None:
            return result(
                "needs_review",
                f"{_label(best)} scored {score:.0f} but its details were not checked",
            )
        runner_up = (
            f"; next best {_label(rival)} scored {_scored(rival).score:.0f}"
            if rival is not None
            else "; no other candidate"
        )
        return result("matched", f"{_label(best)} scored {score:.0f}{runner_up}", best)


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
) -> MatchResult:
    """Find the TMDB film for a trailer. TmdbError (auth, unavailable) propagates to the caller."""
    titles: list[str] = []
    seen: set[str] = set()
    for candidate_title in (title, *original_titles):
        key = normalise_title(candidate_title or "")
        if key and key not in seen:
            seen.add(key)
            titles.append(candidate_title.strip())
    if not titles:
        return MatchResult("not_found", None, (), (), None, "no title to search for")
    return _Matcher(client, titles, year, youtube_ids).run()
