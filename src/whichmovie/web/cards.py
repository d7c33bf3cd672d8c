"""What the pages show of a movie, computed once in Python so templates stay simple."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from django.utils.timesince import timesince

from whichmovie.catalog.models import (
    Channel,
    Genre,
    MatchStatus,
    Movie,
    ReleaseStatus,
    Video,
    VideoKind,
)
from whichmovie.tmdb.kinds import WatchOffer
from whichmovie.web.filters import NEW_WINDOWS
from whichmovie.web.images import Picture, TmdbImages

KIND_LABELS: dict[str, str] = {
    VideoKind.TRAILER: "Trailer",
    VideoKind.TEASER: "Teaser",
    VideoKind.OTHER: "Video",
}
PLACEHOLDER_HUES = 12
WATCH_GROUPS = (
    (WatchOffer.FLATRATE, "Stream"),
    (WatchOffer.FREE, "Free"),
    (WatchOffer.ADS, "Free with ads"),
    (WatchOffer.RENT, "Rent"),
    (WatchOffer.BUY, "Buy"),
)


# web/api.py's names for `Movie.objects.with_trailers()` and `Movie.trailers`, until the API
# rework reads the model directly.
def genres_of(movie: Movie) -> list[Genre]:
    genres: list[Genre] = getattr(movie, "genre_list", [])
    return genres


def channels_of(trailers: list[Video]) -> list[Channel]:
    """Distinct channels, the one with the newest trailer first."""
    seen: dict[int, Channel] = {}
    for video in trailers:
        seen.setdefault(video.channel_id, video.channel)
    return list(seen.values())


@dataclass
class MovieCard:
    movie: Movie
    url: str
    poster: Picture | None
    status: ReleaseStatus | Literal[""]
    trailers: list[Video]
    channels: list[Channel]
    genres: list[Genre] = field(default_factory=list)
    is_new: bool = False
    newest_ago: str = ""  # "3 days": one unit is enough on a card
    # The first cards of a page load at once: lazy-loading them would delay the paint.
    eager: bool = False

    @property
    def hue(self) -> int:
        """One of PLACEHOLDER_HUES colour classes for the placeholder poster."""
        return self.movie.pk % PLACEHOLDER_HUES

    @property
    def status_label(self) -> str:
        return self.status.label if self.status else ""

    @property
    def newest(self) -> Video | None:
        return self.trailers[0] if self.trailers else None

    @property
    def thumbnail_url(self) -> str:
        """YouTube's still of the newest trailer: the picture of a film not yet identified."""
        return self.newest.thumbnail_url if self.newest else ""

    @property
    def newest_kind(self) -> str:
        return KIND_LABELS.get(self.newest.kind, "") if self.newest else ""


def movie_card(
    movie: Movie, images: TmdbImages, *, now: datetime, eager: bool = False
) -> MovieCard:
    trailers = movie.trailers
    latest = movie.latest_video_at
    return MovieCard(
        movie=movie,
        url=movie.get_absolute_url(),
        poster=images.poster(movie.poster_path),
        status=movie.release_status(today=now.date()),
        trailers=trailers,
        channels=channels_of(trailers),
        genres=genres_of(movie),
        is_new=latest is not None and latest >= now - NEW_WINDOWS["week"],
        # An undated upload's date only keeps the listing's order: no "ago" for it.
        newest_ago=(
            timesince(trailers[0].date, now, depth=1) if trailers and trailers[0].date_known else ""
        ),
        eager=eager,
    )


def trailer_timeline(trailers: list[Video]) -> list[dict[str, Any]]:
    """Oldest first, numbered per kind: teaser, trailer #1, trailer #2..."""
    timeline = []
    counts: dict[str, int] = {}
    totals = {kind: sum(1 for v in trailers if v.kind == kind) for kind in KIND_LABELS}
    for video in sorted(trailers, key=lambda v: (v.date, v.pk)):
        counts[video.kind] = counts.get(video.kind, 0) + 1
        label = KIND_LABELS.get(video.kind, "Video")
        if totals.get(video.kind, 0) > 1:
            label = f"{label} #{counts[video.kind]}"
        timeline.append({"video": video, "label": label})
    return timeline


def cast_members(cast: Any) -> list[dict[str, str]]:
    """TMDB's cast as stored by enrichment: [{name, character, profile_path}]."""
    members = []
    for person in cast if isinstance(cast, list) else []:
        if isinstance(person, dict) and person.get("name"):
            members.append(
                {"name": str(person["name"]), "character": str(person.get("character") or "")}
            )
        elif isinstance(person, str):
            members.append({"name": person, "character": ""})
    return members


def watch_offers(providers: Any, images: TmdbImages) -> list[dict[str, Any]]:
    """TMDB's watch/providers for our region, grouped as JustWatch shows them."""
    if not isinstance(providers, dict):
        return []
    groups = []
    for key, label in WATCH_GROUPS:
        offers = [
            {
                "name": str(offer.get("provider_name") or ""),
                "logo": images.logo_url(str(offer.get("logo_path") or "")),
            }
            for offer in providers.get(key) or []
            if isinstance(offer, dict) and offer.get("provider_name")
        ]
        if offers:
            groups.append({"label": label, "offers": offers})
    return groups


def release_facts(movie: Movie) -> list[dict[str, Any]]:
    """The hero's dates, each with what it is: "In cinemas 3 March 2026", "Digital ..."."""
    facts = []
    if movie.theatrical_release_date:
        facts.append({"label": "In cinemas", "date": movie.theatrical_release_date})
    elif movie.release_date:
        facts.append({"label": "Released", "date": movie.release_date})
    if movie.digital_release_date:
        facts.append({"label": "Digital", "date": movie.digital_release_date})
    return facts


def unidentified_note(movie: Movie) -> str:
    """What happens next to a film we could not identify yet, in a visitor's words."""
    if movie.match_status == MatchStatus.NEEDS_REVIEW:
        next_step = "TMDB has more than one film this could be; a person will pick the right one."
    elif movie.match_status == MatchStatus.NOT_FOUND:
        when = f" on {movie.next_match_at:%-d %B %Y}" if movie.next_match_at else " later"
        next_step = f"TMDB did not know this film when we looked; we look again{when}."
    else:
        next_step = "We have not looked it up on TMDB yet: the next enrichment (daily) will."
    return (
        f"{next_step} Until then all we know is the title its trailer gave; details, release "
        "dates and where to watch appear here once it is identified."
    )


def runtime_text(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest:02d}m" if hours else f"{rest}m"
