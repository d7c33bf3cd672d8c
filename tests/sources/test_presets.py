"""Channel presets: real outlets, unique slugs, schedules the channel form accepts."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from cronsim import CronSim

from whichmovie.sources.presets import (
    GENERIC_RULES,
    PRESETS,
    TITLE_RULES,
    ChannelPreset,
    preset_for_slug,
    rules_for,
)

OUTLETS = {
    "Rotten Tomatoes Indie", "Rotten Tomatoes Trailers", "MUBI", "A24", "NEON",
    "Searchlight Pictures", "Focus Features", "Sony Pictures Classics", "IFC Films",
    "Magnolia Pictures", "Janus Films", "The Criterion Collection", "Kino Lorber", "Oscilloscope",
    "Utopia", "Bleecker Street", "Netflix", "FilmSelect Trailer", "BFI", "Curzon", "Metrograph",
}  # fmt: skip
DAY_NAMES = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


def test_presets_cover_the_outlets() -> None:
    assert len(PRESETS) >= 21
    assert {preset.name for preset in PRESETS} >= OUTLETS


def test_slugs_and_aliases_are_unique() -> None:
    slugs = [slug for preset in PRESETS for slug in (preset.slug, *preset.aliases)]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("preset", PRESETS, ids=lambda preset: preset.slug)
def test_preset_is_well_formed(preset: ChannelPreset) -> None:
    url = urlsplit(preset.url)
    assert (url.scheme, url.netloc) == ("https", "www.youtube.com")
    assert url.path.startswith("/@") and url.path.endswith("/videos")
    assert preset.rules in {rules.key for rules in TITLE_RULES}
    assert preset.youtube_channel_id == "" or (
        preset.youtube_channel_id.startswith("UC") and len(preset.youtube_channel_id) == 24
    )

    fields = preset.schedule.split(" ")
    assert len(fields) == 5
    # a digit in the day of week is read differently by schedulers (Monday is 0 or 1)
    assert fields[4] == "*" or all(
        part.casefold() in DAY_NAMES for part in fields[4].replace("-", ",").split(",")
    )
    CronSim(preset.schedule, datetime.now(UTC))  # raises on a schedule cron cannot read


def test_only_the_original_two_channels_start_enabled() -> None:
    assert {preset.slug for preset in PRESETS if preset.enabled} == {"rt_indie", "mubi"}
    schedules = {preset.slug: preset.schedule for preset in PRESETS}
    assert (schedules["rt_indie"], schedules["mubi"]) == ("0 0 * * *", "0 1 * * *")


@pytest.mark.parametrize(
    ("slug", "name", "rules_key"),
    [
        ("rt_indie", "Rotten Tomatoes Indie", "rotten_tomatoes"),
        ("movieclips_indie", "Rotten Tomatoes Indie", "rotten_tomatoes"),
        ("rt_trailers", "Rotten Tomatoes Trailers", "rotten_tomatoes"),
        ("movieclips_trailers", "Rotten Tomatoes Trailers", "rotten_tomatoes"),
        ("a24", "A24", "a24"),
        ("neon", "NEON", "neon"),
        ("mubi", "MUBI", "mubi"),
        ("netflix", "Netflix", "netflix"),
        ("criterion", "The Criterion Collection", "generic"),
    ],
)
def test_slugs_and_aliases_resolve(slug: str, name: str, rules_key: str) -> None:
    preset = preset_for_slug(slug)
    assert preset is not None and preset.name == name
    assert rules_for(slug).key == rules_key


def test_rules_for_takes_keys_and_falls_back_to_generic() -> None:
    assert rules_for("rotten_tomatoes").key == "rotten_tomatoes"
    assert rules_for("no_such_channel") is GENERIC_RULES
    assert rules_for(None) is GENERIC_RULES
    assert rules_for("") is GENERIC_RULES
    assert preset_for_slug("no_such_channel") is None
