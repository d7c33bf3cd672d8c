"""The words ENRICH uses: what a match decided, and which TMDB offers mean "watch at home".

One vocabulary: the matcher returns these, `catalog.models` stores their values (its `choices`
are built from them), and pages compare against them. A member is its string
(`MatchStatus.MATCHED == "matched"`), so rows and JSON keep the plain values.

Pure: no Django.
"""

from __future__ import annotations

from enum import StrEnum


class MatchStatus(StrEnum):
    # The matcher (`tmdb.matching`) decides matched, needs_review, not_found or not_a_movie
    # (a TV series); the catalog sets pending (not looked up yet) and manual (a person picked
    # the film). The order is the admin's, and the database's choices.
    PENDING = "pending"
    MATCHED = "matched"
    NEEDS_REVIEW = "needs_review"
    NOT_FOUND = "not_found"
    MANUAL = "manual"
    NOT_A_MOVIE = "not_a_movie"


class WatchOffer(StrEnum):
    """TMDB's watch/providers offer types (the keys of a region's entry)."""

    FLATRATE = "flatrate"  # a subscription ("Stream")
    FREE = "free"
    ADS = "ads"
    RENT = "rent"
    BUY = "buy"


# Each of these means "you can watch it at home now". A digital release date that has passed
# does not: the film may not be offered in our region.
HOME_OFFERS: tuple[WatchOffer, ...] = tuple(WatchOffer)
