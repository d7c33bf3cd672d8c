"""An upload left unmatched joins the film a same-titled sibling upload was matched to.

Grouping keeps uploads apart when their dates disagree (an old film's restoration trailer is
published decades after its first trailer), so the two are matched on their own: the first
trailer is identified, the restoration ties between obscure older namesakes (re-release words
lift every old film) or fits no candidate's dates at all. A person would say: an upload of
this very title was already identified as film T, and T is among this one's candidates, so it
is T. The rule, after an enrichment run, for an unidentified movie (not found, in review):
- its uploads' title (the group key's title part) is that of uploads on an identified movie
  of film T, and of no other identified film (counting only the same channel's uploads when
  it has such: a namesake's own trailer on another channel does not make it ambiguous);
- T is one of its candidates, and the evidence only failed to decide:
  not found: T is a best candidate (no date fits any film; the sibling breaks the tie);
  in review: the sibling is the same channel's, the uploads speak of a re-release outside
  the film's own title ("Restoration" is a title, not a restoration), and T is within the
  review margin of the best and at or above the match threshold (the tie is between old
  namesakes the re-release words lifted). Another channel's sibling may be a namesake's own
  trailer, and the tie the upload's own evidence made is worth more than it;
- nothing contradicts T: no description credits people none of whom made T, and the
  channel's language (other than English) is T's original language.
A namesake's own trailer fits its own film's dates, so it is matched or tied with it: it
never ends with T alone on top, and its plain title speaks of no re-release.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from whichmovie.catalog.models import MatchStatus, Movie, Video
from whichmovie.catalog.services.grouping import group_title_key
from whichmovie.tmdb.matching import (
    AMBIGUITY_MARGIN,
    CONFIDENCE_THRESHOLD,
    RERELEASE_RE,
    description_credits_others,
)

logger = logging.getLogger(__name__)

UNSURE = (MatchStatus.NOT_FOUND, MatchStatus.NEEDS_REVIEW)
CONFIDENT = (MatchStatus.MATCHED, MatchStatus.MANUAL)


def sibling_film(
    *,
    status: str,
    candidates: Sequence[tuple[int, float]],
    sibling_films: Iterable[int],
    rerelease: bool,
    same_channel: bool,
) -> int | None:
    """The film an unsure match joins: `candidates` are (TMDB id, score), `sibling_films`
    the films same-titled uploads (of the same channel, if `same_channel`) were confidently
    matched to (see the module docstring)."""
    siblings = set(sibling_films)
    if len(siblings) != 1:
        return None  # no sibling, or siblings of two films: nothing to follow
    film = next(iter(siblings))
    scores = [score for tmdb_id, score in candidates if tmdb_id == film]
    if not scores:
        return None
    score = max(scores)
    others = [s for tmdb_id, s in candidates if tmdb_id != film]
    if status == MatchStatus.NOT_FOUND:
        return film if all(score >= s for s in others) else None
    if status == MatchStatus.NEEDS_REVIEW and rerelease and same_channel:
        best = max([score, *others])
        if score >= CONFIDENCE_THRESHOLD and best - score <= AMBIGUITY_MARGIN:
            return film
    return None


def rerelease_words(youtube_title: str, film_title: str) -> bool:
    """Re-release words in the upload's title outside the film's own title."""
    text = youtube_title
    if film_title.strip():
        text = re.sub(re.escape(film_title.strip()), " ", text, flags=re.IGNORECASE)
    return bool(RERELEASE_RE.search(text))


def _siblings(movie: Movie, videos: list[Video]) -> tuple[dict[int, Movie], bool]:
    """Identified movies (by film) holding uploads of the same title as `videos`: those of
    the same channel if there are any (a channel's own uploads of a title are one film more
    often than two channels' are), otherwise those of any channel; and which of the two."""
    keys = {group_title_key(v.group_key) for v in videos if v.group_key}
    channels = {v.channel_id for v in videos}
    found: dict[int, Movie] = {}
    same_channel: set[int] = set()
    for key in sorted(keys):
        rows = Video.objects.filter(
            group_key__startswith=f"{key}|",
            movie__tmdb_id__isnull=False,
            movie__match_status__in=CONFIDENT,
        ).exclude(movie=movie)
        for video in rows.select_related("movie"):
            holder = video.movie
            assert holder is not None and holder.tmdb_id is not None
            found[holder.tmdb_id] = holder
            if video.channel_id in channels:
                same_channel.add(holder.tmdb_id)
    if same_channel:
        return {film: found[film] for film in same_channel}, True
    return found, False


def _contradicts(target: Movie, videos: list[Video]) -> bool:
    people = [d for d in target.directors if isinstance(d, str)]
    people += [c["name"] for c in target.cast if isinstance(c, dict) and "name" in c]
    if any(description_credits_others(v.description, people) for v in videos):
        return True
    for video in videos:
        language = (video.channel.language or "").split("-")[0].casefold()
        other = target.original_language and target.original_language != language
        if language and language != "en" and other:
            return True  # a French channel's upload is not an English film's
    return False


def _candidates(details: Any) -> list[tuple[int, float]]:
    rows = details.get("candidates", []) if isinstance(details, dict) else []
    return [
        (int(c["tmdb_id"]), float(c.get("score") or 0.0))
        for c in rows
        if isinstance(c, dict) and isinstance(c.get("tmdb_id"), int)
    ]


def movies_join_siblings(movie_ids: Sequence[int]) -> int:
    """Merge each unsure movie of `movie_ids` into the identified movie its same-titled
    uploads point at (the module docstring's rule). Returns how many were merged."""
    from whichmovie.catalog.services.enrichment import movie_merge  # imports us

    joined = 0
    unsure = Movie.objects.filter(
        pk__in=list(movie_ids),
        tmdb_id__isnull=True,
        match_status__in=UNSURE,
        decided_by_hand=False,
    ).order_by("pk")
    for movie in unsure:
        videos = list(movie.videos.select_related("channel").filter(manual=False))
        if not videos or movie.videos.filter(manual=True).exists():
            continue
        siblings, same_channel = _siblings(movie, videos)
        film = sibling_film(
            status=movie.match_status,
            candidates=_candidates(movie.match_details),
            sibling_films=siblings,
            rerelease=any(rerelease_words(v.youtube_title, movie.title) for v in videos),
            same_channel=same_channel,
        )
        if film is None or _contradicts(siblings[film], videos):
            continue
        logger.info(
            "movie %s %r joins movie %s: a same-titled upload is TMDB %s",
            movie.pk,
            movie.title,
            siblings[film].pk,
            film,
        )
        movie_merge(source=movie, target=siblings[film])
        joined += 1
    return joined
