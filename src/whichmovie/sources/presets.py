"""Channel presets and the title rules each channel's uploads are parsed with.

Channel specifics are data here, never code: `titles.parse_title` runs one grammar for every
channel and reads a `TitleRules` for what differs (the names a channel signs its uploads with,
its own 'other' signals, its conventions for series). Words that hold on every channel (label,
studio, platform, language words) are in `vocabulary.py`; docs/adding-a-channel.md says which
goes where.
"""

from __future__ import annotations

from dataclasses import dataclass

from whichmovie.sources.kinds import OtherReason


@dataclass(frozen=True)
class TitleRules:
    key: str
    # Names the channel signs uploads with ("| A24", "| Netflix Film"); a title segment that is
    # exactly one of these is the signature, not the film.
    channel_names: tuple[str, ...] = ()
    # Extra (regex, reason) pairs that make an upload 'other' on this channel only.
    other_patterns: tuple[tuple[str, OtherReason], ...] = ()
    # Title prefixes that only this channel's series carry ("Marvel's" on Netflix).
    series_prefixes: tuple[str, ...] = ()
    # A bare number ending the title inside this range is a season, not a sequel
    # ("Stranger Things 5"); sequels on such channels rarely go past 2, and larger numbers
    # are part of titles ("Mercury 13").
    season_number_range: tuple[int, int] | None = None


@dataclass(frozen=True)
class ChannelPreset:
    slug: str
    name: str
    url: str
    rules: str
    enabled: bool
    schedule: str  # cron, 5 fields, UTC; day of week literal ("*" or "Mon"), never a digit
    aliases: tuple[str, ...] = ()
    youtube_channel_id: str = ""


_ROTTEN_TOMATOES_NAMES = (
    "Rotten Tomatoes Indie",
    "Rotten Tomatoes Trailers",
    "Rotten Tomatoes",
    "Movieclips Indie",
    "Movieclips Trailers",
    "Movieclips",
)

_OTHER_OUTLET_NAMES = (
    "A24",
    "NEON",
    "MUBI",
    "Netflix",
    "Netflix Film",
    "Searchlight Pictures",
    "Fox Searchlight",
    "Focus Features",
    "Sony Pictures Classics",
    "IFC Films",
    "Magnolia Pictures",
    "Janus Films",
    "The Criterion Collection",
    "Criterion Collection",
    "Kino Lorber",
    "Oscilloscope Laboratories",
    "Oscilloscope",
    "Bleecker Street",
    "FilmSelect Trailer",
    "FilmSelect",
    "BFI",
    "Curzon",
    "Metrograph",
    # signatures of studio and platform channels; one-word names that are also film titles
    # ("Utopia") stay out, as a segment that is exactly a channel name is never the film
    "Lionsgate",
    "Lionsgate Movies",
    "Paramount Pictures",
    "Universal Pictures",
    "Warner Bros. Pictures",
    "Sony Pictures Entertainment",
    "Roadside Attractions",
    "Music Box Films",
    "Metrograph Pictures",
    "Angel Studios",
    "Well Go USA",
    "Prime Video",
    "Apple TV+",
)

GENERIC_RULES = TitleRules(
    key="generic", channel_names=_ROTTEN_TOMATOES_NAMES + _OTHER_OUTLET_NAMES
)

TITLE_RULES: tuple[TitleRules, ...] = (
    GENERIC_RULES,
    TitleRules(key="rotten_tomatoes", channel_names=_ROTTEN_TOMATOES_NAMES),
    TitleRules(key="mubi", channel_names=("MUBI",)),
    TitleRules(key="a24", channel_names=("A24",)),
    TitleRules(key="neon", channel_names=("NEON",)),
    TitleRules(
        key="netflix",
        channel_names=("Netflix", "Netflix Film", "Netflix Original", "Netflix Anime"),
        # Netflix numbers the volumes of its series ("Stranger Things 4 Vol. 2"), not films.
        other_patterns=((r"\bvol(?:ume|\.)?\s*(?:\d+|[ivx]+)\b", OtherReason.SERIES),),
        # Marvel's Daredevil, Jessica Jones, ...: on Netflix every "Marvel's" title is a series.
        series_prefixes=("Marvel's ",),
        season_number_range=(3, 9),
    ),
)

_RULES_BY_KEY = {rules.key: rules for rules in TITLE_RULES}


def _yt(handle: str) -> str:
    return f"https://www.youtube.com/@{handle}/videos"


# Only RT Indie and MUBI (the original design's two) start enabled. The rest fetch between
# 00:05 and 01:55 UTC when enabled, so every upload is in before TMDB enrichment at 02:00.
PRESETS: tuple[ChannelPreset, ...] = (
    ChannelPreset(
        "rt_indie",
        "Rotten Tomatoes Indie",
        _yt("RottenTomatoesIndie"),
        "rotten_tomatoes",
        True,
        "0 0 * * *",
        aliases=("movieclips_indie",),
    ),
    ChannelPreset(
        "mubi",
        "MUBI",
        _yt("mubi"),
        "mubi",
        True,
        "0 1 * * *",
    ),
    ChannelPreset(
        "rt_trailers",
        "Rotten Tomatoes Trailers",
        _yt("RottenTomatoesTRAILERS"),
        "rotten_tomatoes",
        False,
        "5 0 * * *",
        aliases=("movieclips_trailers",),
    ),
    ChannelPreset(
        "a24",
        "A24",
        _yt("A24"),
        "a24",
        False,
        "10 0 * * *",
        youtube_channel_id="UCuPivVjnfNo4mb3Oog_frZg",
    ),
    ChannelPreset("neon", "NEON", _yt("neonrated"), "neon", False, "15 0 * * *"),
    ChannelPreset(
        "searchlight",
        "Searchlight Pictures",
        _yt("SearchlightPictures"),
        "generic",
        False,
        "20 0 * * *",
        aliases=("fox_searchlight",),
    ),
    ChannelPreset(
        "focus_features", "Focus Features", _yt("FocusFeatures"), "generic", False, "25 0 * * *"
    ),
    ChannelPreset(
        "sony_pictures_classics",
        "Sony Pictures Classics",
        _yt("SonyPicturesClassics"),
        "generic",
        False,
        "30 0 * * *",
    ),
    ChannelPreset("ifc_films", "IFC Films", _yt("IFCFilms"), "generic", False, "35 0 * * *"),
    ChannelPreset(
        "magnolia", "Magnolia Pictures", _yt("MagnoliaPictures"), "generic", False, "40 0 * * *"
    ),
    ChannelPreset("janus_films", "Janus Films", _yt("JanusFilms"), "generic", False, "45 0 * * *"),
    ChannelPreset(
        "criterion",
        "The Criterion Collection",
        _yt("CriterionCollection"),
        "generic",
        False,
        "50 0 * * *",
    ),
    ChannelPreset("kino_lorber", "Kino Lorber", _yt("KinoLorber"), "generic", False, "55 0 * * *"),
    ChannelPreset(
        "oscilloscope", "Oscilloscope", _yt("OscilloscopeLabs"), "generic", False, "5 1 * * *"
    ),
    ChannelPreset("utopia", "Utopia", _yt("UtopiaDistribution"), "generic", False, "10 1 * * *"),
    ChannelPreset(
        "bleecker_street",
        "Bleecker Street",
        _yt("BleeckerStreetMedia"),
        "generic",
        False,
        "15 1 * * *",
    ),
    ChannelPreset(
        "netflix",
        "Netflix",
        _yt("Netflix"),
        "netflix",
        False,
        "20 1 * * *",
        youtube_channel_id="UCWOA1ZGywLbqmigxE4Qlvuw",
    ),
    ChannelPreset(
        "filmselect",
        "FilmSelect Trailer",
        _yt("FilmSelectTrailer"),
        "generic",
        False,
        "25 1 * * *",
    ),
    ChannelPreset("bfi", "BFI", _yt("BFI"), "generic", False, "30 1 * * *"),
    ChannelPreset("curzon", "Curzon", _yt("curzon"), "generic", False, "35 1 * * *"),
    ChannelPreset("metrograph", "Metrograph", _yt("Metrograph"), "generic", False, "40 1 * * *"),
)

_PRESET_BY_SLUG = {slug: preset for preset in PRESETS for slug in (preset.slug, *preset.aliases)}


def preset_for_slug(slug: str) -> ChannelPreset | None:
    """The preset whose slug or alias is `slug`."""
    return _PRESET_BY_SLUG.get(slug)


def rules_for(key_or_slug: str | None) -> TitleRules:
    """Title rules by rules key or by channel slug/alias; unknown or None: the generic rules."""
    if not key_or_slug:
        return GENERIC_RULES
    if rules := _RULES_BY_KEY.get(key_or_slug):
        return rules
    if preset := _PRESET_BY_SLUG.get(key_or_slug):
        return _RULES_BY_KEY.get(preset.rules, GENERIC_RULES)
    return GENERIC_RULES
