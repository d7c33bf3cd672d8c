"""The pure layer's vocabulary: plain strings to the database and JSON, members to the code."""

import subprocess
import sys
from dataclasses import replace

import pytest

from whichmovie.sources.kinds import OtherReason, VideoKind
from whichmovie.sources.presets import GENERIC_RULES
from whichmovie.sources.titles import parse_title
from whichmovie.tmdb.kinds import MatchStatus


def test_a_member_is_its_stored_string():
    assert VideoKind.TRAILER == "trailer" and f"{VideoKind.TEASER}" == "teaser"
    assert MatchStatus.NOT_A_MOVIE == "not_a_movie"
    assert VideoKind("other") is VideoKind.OTHER


def test_the_parser_answers_in_the_vocabulary():
    trailer = parse_title("Anora | Official Trailer HD | NEON")
    clip = parse_title("Anora - Official Clip 'Vegas'")

    assert trailer.kind is VideoKind.TRAILER and trailer.reason == ""
    assert clip.kind is VideoKind.OTHER and clip.reason is OtherReason.CLIP


def test_a_channel_rule_with_a_reason_outside_the_vocabulary_is_refused():
    rules = replace(GENERIC_RULES, key="typo", other_patterns=((r"\bvol\b", "serie"),))

    with pytest.raises(ValueError, match="serie"):
        parse_title("Stranger Things Vol 2 | Official Trailer", rules)


def test_the_pure_layer_imports_no_django():
    pure = "whichmovie.sources.titles, whichmovie.sources.kinds, whichmovie.tmdb.matching"
    code = f"import sys, {pure}, whichmovie.tmdb.kinds, whichmovie.tmdb.links; "
    code += "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
