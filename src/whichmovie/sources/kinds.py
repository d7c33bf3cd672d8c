"""The words FETCH and SAVE use for an upload: what it is, why it is not a film's trailer, and
how sure its date is.

One vocabulary: the title parser returns these, `catalog.models` stores their values (its
`choices` are built from them), and pages compare against them. A member is its string
(`VideoKind.TRAILER == "trailer"`), so rows, URLs and JSON keep the plain values.

Pure: no Django.
"""

from __future__ import annotations

from enum import StrEnum


class VideoKind(StrEnum):
    TRAILER = "trailer"
    TEASER = "teaser"
    # Anything else a channel uploads (clips, featurettes, series trailers...): stored so a
    # daily check can stop at the first known upload, never shown as a film's trailer.
    OTHER = "other"


# The kinds that are a film's trailer: what pages, feeds and notifications show.
TRAILER_KINDS: tuple[VideoKind, ...] = (VideoKind.TRAILER, VideoKind.TEASER)


class OtherReason(StrEnum):
    """Why the title parser made an upload `VideoKind.OTHER` (stored in `Video.reason`)."""

    SHORT = "short"
    PARODY = "parody"
    SERIES = "series"
    COMPILATION = "compilation"
    LINEUP = "lineup"
    FEATURETTE = "featurette"
    CLIP = "clip"
    INTERVIEW = "interview"
    REVIEW = "review"
    LIVE = "live"
    MUSIC = "music"
    PROMO = "promo"
    # No trailer label, and nothing else that says what it is.
    UNKNOWN = "unknown"
    # A person made it 'other' (`catalog.services.videos.video_classify_by_hand`).
    MANUAL = "manual"


class DateStatus(StrEnum):
    """How much an upload's `published_at` can be trusted."""

    # The feed's publish time; the feed's title is authoritative too.
    EXACT = "exact"
    # yt-dlp's "3 days ago", or a lower bound from an older dated upload of the same listing.
    APPROXIMATE = "approximate"
    # Nothing told us: published_at only keeps the listing's order, below every real date.
    UNKNOWN = "unknown"
