"""Title parsing: the labelled data set, one example per rule, and properties of any text."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whichmovie.sources.presets import TITLE_RULES, TitleRules, rules_for
from whichmovie.sources.titles import ParsedTitle, normalise_title, parse_title

DATA_SET = Path(__file__).with_name("trailer_titles_dev.tsv")
# Titles in the naming styles of channels the dev set barely has (distributors, aggregators,
# international trailer channels), written from memory to check the grammar generalises.
UNSEEN_SET = Path(__file__).with_name("unseen_titles.tsv")
# Styles of channels neither set covers (studios, UK, Nordic, Indian, Korean and Japanese
# distributors, aggregators), written before the grammar was tuned for them. Its first figure,
# with the grammar of commit c49f466, was 148/174 (85.1%).
HELDOUT_SET = Path(__file__).with_name("heldout_titles.tsv")
# A second held-out set of yet other channels and languages (Polish, Turkish, Russian, Chinese,
# more studios and aggregators), written after the rules were tuned on the first. Its first
# figure, before any rule was changed for it, was 80/87 (92.0%); its misses were keyword and
# "official" words of languages the vocabulary lacked, and "Every Trailer" compilations.
FRESH_SET = Path(__file__).with_name("fresh_titles.tsv")
# A blind set of 288 titles in the styles of channels none of the sets above covers (streamers,
# genre and repertory labels, festival channels, Dutch, Nordic, Polish, Turkish, Czech,
# Hungarian, Greek, Indian, Japanese, Korean, Thai and Indonesian distributors), written and
# committed (cd72fcc) before any rule was changed for it. Its first figure was 226/281 (80.4%);
# its misses were words for "trailer", "official", "season" and months of languages the
# vocabulary lacked, festivals' own trailers, Indian "Trailer Launch" events, edition and
# credit segments, and titles ending in a label word ("Beneath Us", "Failure to Launch").
BLIND_SET = Path(__file__).with_name("blind_titles.tsv")
# 85 more titles plus 3 series rows (Vietnamese, Arabic, Romanian, Ukrainian, Bulgarian, Croatian,
# Serbian, Portuguese, Malay, Filipino, Hebrew, Persian channels, streamers, boutique labels),
# written after the rules were tuned on the blind set, to measure that tuning. Its first figure
# was 72/85 (84.7%): words for "trailer" and "official" of eight languages the vocabulary lacked,
# words for "film" between a label and the title, a box set, a credit after the title.
LATE_SET = Path(__file__).with_name("late_titles.tsv")
# 376 titles (18 of them series rows) in the styles of regional studio and streamer branches
# and local distributors of ~40 languages none of the sets above covers (Finnish, Baltic,
# Slovak, Slovenian, Icelandic, Catalan, Basque, Galician, Georgian, Armenian, Kazakh, Tamil,
# Telugu, Malayalam, Kannada, Bengali, Marathi, Urdu, Nepali, Sinhala, Khmer, Burmese, Lao,
# Mongolian, Swahili, Amharic, Nollywood, Afrikaans, Cantonese, Taiwanese, Latin American,
# Portuguese, Quebec, Belgian, Swiss, Austrian), written and committed (11ec0fd) before the
# parser was read. Its first figure was 312/360 (86.7%): words for "trailer", "official",
# "teaser" and "season" of languages the vocabulary lacked (Estonian, Latvian, Lithuanian,
# Slovenian, Icelandic, Catalan, Basque, Georgian, Armenian, Indic scripts, Urdu, Sinhala, Lao,
# Swahili, Afrikaans; Spanish "avance"), years after a date-less tail word, a 《》 title glued
# to its English one. With the words of 68 languages in vocabulary.LANGUAGES it is 360/360.
WORLD_SET = Path(__file__).with_name("world_titles.tsv")
# 352 titles in the style of whole channel dumps of English-language channels none of the sets
# covers (US, Canadian, Australian and UK distributors, event cinema, anime, trailer outlets):
# trailers and teasers in their real proportion to clips, featurettes, interviews, promos,
# series and compilations. Written and committed (76f8055) before the parser was read.
# Its first figure, with the grammar of commit 0fafcda, was 336/348 (96.6%); its misses were
# channel names and festival selections taken for the title, reels and "Every Movie Trailer"
# line-ups, a credit after a dash, a trailer ordinal ("2nd Trailer"), a quoted title after
# "Exclusive", a title opening with a label word ("Interview with the Vampire") or holding an
# edition/cinema word, an event banner before the title, a shorts programme. After general rules
# for those (sign-off segments, reels, ordinals, credits after a title in capitals) it is
# 346/348; left: "Interview with the Vampire" (the interview signal) and a programme of shorts
# ("Boys On Film 22") that no title word tells from a film.
DUMP_SET = Path(__file__).with_name("dump_titles.tsv")
# 181 titles from whole-channel upload lists of 22 channels none of the sets covers (UK and
# Australian studio branches, genre labels, Canadian and US indie distributors, FilmRise, MUBI
# UK/Turkey/India, Rotten Tomatoes TV, Movieclips Coming Soon, a bloopers-and-extras outlet,
# Netflix UK), written and committed (cdea983) before the parser was read.
# Its first figure, with the grammar of commit c2a56e7, was 168/171 (98.2%), 10 series rows
# left to matching; its misses: a year after "In Theaters Easter", "Ultra" left of "4K Ultra
# HD" on a disc edition trailer (whose label, "other", was corrected to a trailer by the data
# README's rule in 088e9d4) and a fan teaser tagged "| Concept" taken for a film. After general
# rules for those (Easter and Thanksgiving as release seasons, "Ultra HD" as one quality tag,
# a "Concept" last segment or "Concept Teaser" as fan-made) it is 171/171.
PROBE_SET = Path(__file__).with_name("probe_titles.tsv")
# 249 titles (3 of them series rows) in the styles of 26 English-language channels none of the
# sets covers (animation studios, boutique disc labels, horror and genre labels, small US indie
# distributors, a faith studio, festivals, trailer outlets, DUST shorts), written and committed
# (9ef91ff) before the parser was read. Its first figure, with the grammar of commit cbbac1a,
# was 235/246 (95.5%), 3 series rows left to matching; its misses: a festival edition ("Fantasia
# 2022", "SXSW 2023 Headliner") or a disc edition segment ("Imprint Collection #216", "New 4K
# restoration", "Fun City Editions:") taken for the title, a genre-and-format lead word before a
# quoted title ("Sci-Fi Film \"Vesper\"", DUST's house style), and a trailing "Series" credit.
# After general rules for those (festival editions and programme slots as sign-offs, "Fantasia"
# only after a title; a disc line's number, a distributor's name with a colon and label words
# around an edition word as no title; a genre and "Film" before a quoted title; "Series" in an
# outlet's tail after the year) it is 245/246; left: DUST's one-word signature "DUST" between
# the title and the label, which only a channel preset could name.
NICHE_SET = Path(__file__).with_name("niche_titles.tsv")
# 279 titles (13 of them series rows) of 34 non-English-language distributors and streamers none
# of the sets covers (Japanese, Chinese, Korean, Malaysian, Filipino, Mexican, Argentine,
# Brazilian, French, German, Spanish, Italian, Polish and Dutch distributors; Viu, ZEE5, SonyLIV,
# hoichoi), in their own languages and scripts, written and committed (dcd6c06) before the
# parser was read. Its first figure, with the grammar of commit cbbac1a, was 248/266 (93.2%);
# its misses: a title in 『』《》 quotes with a director's credit, cast or the trailer's Chinese
# name around it, an English title followed by its CJK one, a year glued to 春节, a bracketed
# sequel part taken for an original title, "Torna al cinema", a year after "Di Pawagam", and
# three festival or award years labelled as the film's (relabelled in their own commit by the
# other sets' "year names the festival" rule). After general rules for the rest it is 264/266;
# left: a series named "The Long Season" (its title holds the season word, so it is scored)
# and "【SUB】The Bad Kids 隐秘的角落 Season Trailer" ("Season Trailer" also ends "Open Season
# Trailer", a film's).
REGIONAL_SET = Path(__file__).with_name("regional_titles.tsv")

# The issue asks for 0.99 on titles a title can decide. Series trailers titled exactly like
# film trailers ("Space Force | Official Trailer | Netflix" vs "Klaus | Official Trailer |
# Netflix") are not among them: the data set README has them judged at matching (a TV hit, no
# film), so they are counted apart and not scored here.
DECIDABLE_FLOOR = 0.99
UNSEEN_FLOOR = 0.99
HELDOUT_FLOOR = 0.99
# one known miss of 87: Sun Pictures' "Jailer - Official Showcase" names its trailer "Showcase",
# a word too common elsewhere to make a trailer keyword
FRESH_FLOOR = 0.98
BLIND_FLOOR = 0.99
LATE_FLOOR = 0.99
WORLD_FLOOR = 0.99
DUMP_FLOOR = 0.99
PROBE_FLOOR = 0.99
NICHE_FLOOR = 0.99
REGIONAL_FLOOR = 0.99
# A series row: 'other', noted as a series, and no season/series/show word in the upload title.
_SERIES_WORD = re.compile(r"season|series|\bshow", re.IGNORECASE)


def load_rows(path: Path = DATA_SET) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


def judge_key(title: str) -> str:
    """The data set README's comparison: case folding, quotes and dashes unified, & -> and,
    punctuation dropped."""
    text = title.casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s]|_", "", text)
    return " ".join(text.split())


def judge(row: dict[str, str], parsed: ParsedTitle) -> bool:
    notes = [note.strip() for note in row["note"].split(";")]
    if (row["kind"] == "other") != (parsed.kind == "other"):
        return False
    if row["kind"] == "other":
        return True
    titles = [row["title"], *(n.removeprefix("alt_title=") for n in notes if "alt_title=" in n)]
    if judge_key(parsed.title or "") not in {judge_key(title) for title in titles}:
        return False
    expected_year = int(row["year"]) if row["year"] else None
    if "year_in_title" in notes:
        return parsed.year == expected_year
    return parsed.year is None or parsed.year == expected_year


def failures(rows: list[dict[str, str]]) -> list[str]:
    found = []
    for row in rows:
        parsed = parse_title(row["video_title"], rules_for(row["channel"]))
        if not judge(row, parsed):
            want = f"{row['kind']} {row['title']!r} {row['year']}"
            found.append(
                f"{row['channel']}: {row['video_title']!r}\n  want {want}\n  got  {parsed}"
            )
    return found


def is_series_row(row: dict[str, str]) -> bool:
    """A series trailer whose upload title looks like a film's: judged at matching."""
    return (
        row["kind"] == "other"
        and "series" in row["note"].casefold()
        and not _SERIES_WORD.search(row["video_title"])
    )


def scored(path: Path, floor: float, name: str) -> None:
    rows = load_rows(path)
    series = [row for row in rows if is_series_row(row)]
    decidable = [row for row in rows if not is_series_row(row)]
    missed = failures(decidable)
    accuracy = 1 - len(missed) / len(decidable)
    caught = sum(
        parse_title(r["video_title"], rules_for(r["channel"])).kind == "other" for r in series
    )
    print(
        f"{name}: {accuracy:.4f} ({len(decidable) - len(missed)}/{len(decidable)}) on titles a"
        f" title can decide; {len(series)} series rows left to matching"
        f" (the parser itself calls {caught} of them other)"
    )
    print("\n".join(missed))
    assert accuracy >= floor, "\n".join(missed)


def test_labelled_data_set_accuracy() -> None:
    scored(DATA_SET, DECIDABLE_FLOOR, "dev set")


def test_unseen_channel_styles_accuracy() -> None:
    scored(UNSEEN_SET, UNSEEN_FLOOR, "unseen set")


def test_heldout_channel_styles_accuracy() -> None:
    scored(HELDOUT_SET, HELDOUT_FLOOR, "held-out set")


def test_fresh_channel_styles_accuracy() -> None:
    scored(FRESH_SET, FRESH_FLOOR, "fresh set")


def test_blind_channel_styles_accuracy() -> None:
    scored(BLIND_SET, BLIND_FLOOR, "blind set")


def test_late_channel_styles_accuracy() -> None:
    scored(LATE_SET, LATE_FLOOR, "late set")


def test_dump_channel_styles_accuracy() -> None:
    scored(DUMP_SET, DUMP_FLOOR, "dump set")


def test_probe_channel_styles_accuracy() -> None:
    scored(PROBE_SET, PROBE_FLOOR, "probe set")


def test_niche_channel_styles_accuracy() -> None:
    scored(NICHE_SET, NICHE_FLOOR, "niche set")


def test_regional_channel_styles_accuracy() -> None:
    scored(REGIONAL_SET, REGIONAL_FLOOR, "regional set")


def test_world_channel_styles_accuracy() -> None:
    scored(WORLD_SET, WORLD_FLOOR, "world set")


def test_labelled_films_are_parsed_right() -> None:
    # every film row of the dev set: the figure that must never drop
    films = [row for row in load_rows() if row["kind"] != "other"]
    assert failures(films) == []


def test_series_rows_are_the_series_trailers_of_the_data_set() -> None:
    # the rows left to matching are series trailers only, and every series trailer titled
    # with a season or series word is still the parser's
    rows = load_rows()
    series = [row for row in rows if is_series_row(row)]
    assert all(row["kind"] == "other" for row in series)
    assert 0 < len(series) < 20
    assert not any(is_series_row(row) for row in rows if "Season" in row["video_title"])


def test_every_channel_of_the_data_set_has_its_rules() -> None:
    for channel in {row["channel"] for row in load_rows()}:
        assert rules_for(channel).key != "generic", channel


def film(kind: str, title: str | None = None, year: int | None = None) -> tuple[object, ...]:
    return (kind, title, year)


def parse(youtube_title: str, channel: str | None = None) -> tuple[object, ...]:
    result = parse_title(youtube_title, rules_for(channel))
    return (result.kind, result.title, result.year)


@pytest.mark.parametrize(
    ("channel", "youtube_title", "expected"),
    [
        # the original design's two rules
        (
            "rt_indie",
            "The Lord of the Rings Official Trailer #1 (2025)",
            film("trailer", "The Lord of the Rings", 2025),
        ),
        ("mubi", "MOVIE | Official Trailer #1", film("trailer", "Movie")),
        # channel signatures
        ("a24", "PAST LIVES | Official Trailer | A24", film("trailer", "Past Lives")),
        ("neon", "Anora - Official Trailer | NEON", film("trailer", "Anora")),
        ("mubi", "The Substance | Official Trailer | MUBI", film("trailer", "The Substance")),
        (None, "Oppenheimer | Official Trailer", film("trailer", "Oppenheimer")),
        (
            "netflix",
            "Leave the World Behind | Official Trailer | Netflix",
            film("trailer", "Leave the World Behind"),
        ),
        (
            "rt_indie",
            "Past Lives Trailer #1 (2023) | Movieclips Indie",
            film("trailer", "Past Lives", 2023),
        ),
        (None, "The King | Final Trailer | Netflix Film", film("trailer", "The King")),
        # separators: | - – : brackets, a lowercase l used as a bar
        (
            None,
            "Conclave - Official Trailer [HD] - Only In Theaters October 25",
            film("trailer", "Conclave"),
        ),
        (
            None,
            "Killers of the Flower Moon — Official Trailer | Apple TV+",
            film("trailer", "Killers of the Flower Moon"),
        ),
        (None, "Trailer: Past Lives (2023)", film("trailer", "Past Lives", 2023)),
        (None, "Official Trailer | Past Lives", film("trailer", "Past Lives")),
        (None, "Trailer for Seven Samurai", film("trailer", "Seven Samurai")),
        (None, "Dune (Official Trailer 2)", film("trailer", "Dune")),
        ("netflix", "Barry l Official Trailer [HD] l Netflix", film("trailer", "Barry")),
        (
            None,
            "Mission: Impossible – Dead Reckoning Part One | Official Trailer (2023 Movie)",
            film("trailer", "Mission: Impossible - Dead Reckoning Part One", 2023),
        ),
        # trailer names and numbers
        (None, "Dune: Part Two | Official Trailer 3", film("trailer", "Dune: Part Two")),
        (
            None,
            "Borg vs. McEnroe Red Band Trailer #1 (2017)",
            film("trailer", "Borg vs. McEnroe", 2017),
        ),
        (None, "Godland - Official U.S. Trailer", film("trailer", "Godland")),
        (None, "47 Ronin Official Int.'l Trailer (2013)", film("trailer", "47 Ronin", 2013)),
        (
            None,
            "If I Stay Official 'Best Day' Trailer (2014)",
            film("trailer", "If I Stay", 2014),
        ),
        (
            None,
            "Jack Ryan: Shadow Recruit Ultimate Spy Trailer (2014)",
            film("trailer", "Jack Ryan: Shadow Recruit", 2014),
        ),
        (None, "The Batman - Main Trailer", film("trailer", "The Batman")),
        # re-releases, restorations, anniversaries
        (
            None,
            "Forrest Gump 20th Anniversary IMAX Re-Release Trailer (2014)",
            film("trailer", "Forrest Gump", 2014),
        ),
        (
            None,
            "Brief Encounter (1945) | Official 4K Restoration Trailer | BFI",
            film("trailer", "Brief Encounter", 1945),
        ),
        (
            None,
            "Nymphomaniac Extended Director's Cut Official Trailer (2014)",
            film("trailer", "Nymphomaniac", 2014),
        ),
        (
            None,
            "WHO FRAMED ROGER RABBIT | 4K Ultra HD Trailer",
            film("trailer", "Who Framed Roger Rabbit"),
        ),
        # quality tags and release-date, cast and genre tails
        (None, "Boyhood - Official Trailer (2014) [HD]", film("trailer", "Boyhood", 2014)),
        (
            None,
            "Zoolander 2 Official Trailer #1 (2016) - Ben Stiller Comedy HD",
            film("trailer", "Zoolander 2", 2016),
        ),
        (
            "neon",
            "PARASITE - Official Trailer – In Theaters 10.11.2019",
            film("trailer", "Parasite", 2019),
        ),
        (
            "neon",
            "Parasite [Official Trailer] – In Theaters October 11, 2019",
            film("trailer", "Parasite", 2019),
        ),
        (
            "neon",
            "LONGLEGS | Official Trailer | In Theaters July 12",
            film("trailer", "Longlegs"),
        ),
        (
            None,
            "The King - Timothée Chalamet, Robert Pattinson | Final Trailer",
            film("trailer", "The King"),
        ),
        (None, "THE BATMAN Official Trailer 2 (NEW 2022)", film("trailer", "The Batman", 2022)),
        # ALL CAPS: title case, diacritics kept, small words lower, acronyms kept
        (None, "TÁR | Official Trailer | Focus Features", film("trailer", "Tár")),
        (
            None,
            "THE GIRL WITH THE NEEDLE | Official Trailer",
            film("trailer", "The Girl with the Needle"),
        ),
        (
            None,
            "THE MAN FROM U.N.C.L.E. - Official Trailer",
            film("trailer", "The Man from U.N.C.L.E."),
        ),
        (
            None,
            "BIKRAM: YOGI, GURU, PREDATOR | Official Trailer",
            film("trailer", "Bikram: Yogi, Guru, Predator"),
        ),
        (None, "ROCKY IV | Official Trailer", film("trailer", "Rocky IV")),
        (None, "JFK Official Trailer #1 (1991)", film("trailer", "JFK", 1991)),
        (None, "Andrea Arnold's BIRD | Official Trailer | MUBI", film("trailer", "Bird")),
        (None, "MaXXXine | Official Trailer", film("trailer", "MaXXXine")),
        (None, "Talk To Me | Official Trailer", film("trailer", "Talk to Me")),
        # numbers that are titles, not years
        (None, "1917 - Official Trailer [HD]", film("trailer", "1917")),
        (
            None,
            "2001: A SPACE ODYSSEY | Official Trailer",
            film("trailer", "2001: A Space Odyssey"),
        ),
        (
            None,
            "APOLLO 11 [Official Trailer] – In Theaters March 1",
            film("trailer", "Apollo 11"),
        ),
        (None, "2:22 Trailer #1 (2017)", film("trailer", "2:22", 2017)),
        (None, "12-12-12 Official Trailer #1 (2013)", film("trailer", "12-12-12", 2013)),
        (None, "2050 Teaser Trailer #1 (2019)", film("teaser", "2050", 2019)),
        (None, "BLADE RUNNER 2049 - Official Trailer", film("trailer", "Blade Runner 2049")),
        (
            None,
            "(500) Days of Summer Official Trailer #1 (2009)",
            film("trailer", "(500) Days of Summer", 2009),
        ),
        # titles that look like label words
        (
            None,
            "Official Secrets Official Trailer #1 (2019)",
            film("trailer", "Official Secrets", 2019),
        ),
        (None, "The Lego Movie Trailer #1 (2014)", film("trailer", "The Lego Movie", 2014)),
        (None, "The Final Trailer (2020)", film("trailer", "The Final", 2020)),
        (
            None,
            "Trailer Park Boys: The Movie | Official Trailer",
            film("trailer", "Trailer Park Boys: The Movie"),
        ),
        (None, "From Dusk Till Dawn - Official Trailer", film("trailer", "From Dusk Till Dawn")),
        (
            None,
            "Killing Season Official Trailer #1 (2013)",
            film("trailer", "Killing Season", 2013),
        ),
        # international label words and brackets
        (None, "Oppenheimer | Offizieller Trailer", film("trailer", "Oppenheimer")),
        (None, "Gladiator II - Nouvelle bande-annonce VF", film("trailer", "Gladiator II")),
        (None, "《Exhuma》 Official Trailer", film("trailer", "Exhuma")),
        # what names the trailer, not the film
        (None, "Nosferatu | 'Orlok' Character Teaser", film("teaser", "Nosferatu")),
        (None, "Jurassic World - Official Global Trailer (HD)", film("trailer", "Jurassic World")),
        (None, "Nosferatu: The Director's Cut Trailer", film("trailer", "Nosferatu")),
        (
            None,
            "The Godfather 50th Anniversary | Official Trailer",
            film("trailer", "The Godfather"),
        ),
        (None, "The Thing [4K] | Official Trailer (1982)", film("trailer", "The Thing", 1982)),
        (None, "Us Trailer #1 (2019)", film("trailer", "Us", 2019)),
        (None, "‘Dune: Part Two’ Trailer 3", film("trailer", "Dune: Part Two")),
        (None, "Watch the new trailer for Nosferatu", film("trailer", "Nosferatu")),
        (
            "rt_trailers",
            "Past Lives Trailer #1 (2023) | Movieclips Trailers",
            film("trailer", "Past Lives", 2023),
        ),
        # original-language titles and credits around the English title
        (
            None,
            "Fallen Leaves (Kuolleet lehdet) | Official Trailer",
            film("trailer", "Fallen Leaves"),
        ),
        (
            None,
            "Birdman or (The Unexpected Virtue of Ignorance) | Official Trailer",
            film("trailer", "Birdman or (The Unexpected Virtue of Ignorance)"),
        ),
        (None, "Disney and Pixar's Elemental | Official Trailer", film("trailer", "Elemental")),
        (
            None,
            "Fast & Furious Presents: Hobbs & Shaw - Official Trailer",
            film("trailer", "Fast & Furious Presents: Hobbs & Shaw"),
        ),
        (
            None,
            "Yorgos Lanthimos' KINDS OF KINDNESS | Official Trailer",
            film("trailer", "Kinds of Kindness"),
        ),
        (
            None,
            "JOKER: FOLIE À DEUX | Official Teaser Trailer",
            film("teaser", "Joker: Folie à Deux"),
        ),
        # a title ending in a word that is also a label
        (None, "IT ENDS WITH US Trailer", film("trailer", "It Ends with Us")),
        (None, "THE REST OF US | Official Trailer", film("trailer", "The Rest of Us")),
        (
            None,
            "Anniversary (2025) Official Trailer – Diane Lane, Kyle Chandler",
            film("trailer", "Anniversary", 2025),
        ),
        (None, "Restoration Official Trailer", film("trailer", "Restoration")),
        (None, "BENEATH US Trailer (2019) Thriller Movie", film("trailer", "Beneath Us", 2019)),
        (None, "Godland US Trailer", film("trailer", "Godland")),
        (None, "Failure to Launch Trailer HD", film("trailer", "Failure to Launch")),
        (
            None,
            "AMERICAN ULTRA Official Trailer (2015) Jesse Eisenberg, Kristen Stewart",
            film("trailer", "American Ultra", 2015),
        ),
        (None, "The Matrix 4K Ultra HD Trailer", film("trailer", "The Matrix")),
        (
            None,
            "Gremlins 4K Ultra HD | Shout! Collector's Edition Trailer",
            film("trailer", "Gremlins"),
        ),
        (
            None,
            "The Pilgrim's Progress | Official Trailer | In Theaters Easter 2019",
            film("trailer", "The Pilgrim's Progress", 2019),
        ),
        (None, "The New Boy | Official Australian Trailer", film("trailer", "The New Boy")),
        (None, "TRON: Legacy | Official Trailer", film("trailer", "TRON: Legacy")),
        # a named trailer in quotes after the title and a dash
        (None, 'Twisters – "Chase" Trailer [HD]', film("trailer", "Twisters")),
        (None, "Dunki | Drop 4 | Official Trailer | Shah Rukh Khan", film("trailer", "Dunki")),
        (None, 'Conclave | Official Trailer "Secret"', film("trailer", "Conclave")),
        (None, 'Mickey 17 – "Expendable" Trailer', film("trailer", "Mickey 17")),
        # ... and a label segment naming an edition: not the title
        (
            None,
            "They Live [Collector's Edition] - Official Blu-ray Trailer",
            film("trailer", "They Live"),
        ),
        (
            None,
            "Withnail and I | 4K Restoration | Official Trailer",
            film("trailer", "Withnail and I"),
        ),
        # a director's credit before the title, and a possessive that is the film's name
        (
            None,
            "Jim Jarmusch - NIGHT ON EARTH | Official Trailer",
            film("trailer", "Night on Earth"),
        ),
        (
            "netflix",
            "Guillermo del Toro's Pinocchio | Official Trailer | Netflix",
            film("trailer", "Guillermo del Toro's Pinocchio"),
        ),
        # a director's name in a segment after the title; a title that looks like a name
        (
            "netflix",
            "Frankenstein | Guillermo del Toro | Official Trailer | Netflix",
            film("trailer", "Frankenstein"),
        ),
        (
            None,
            "Devara Part - 1 Trailer (Telugu) | NTR | Saif Ali Khan",
            film("trailer", "Devara Part - 1"),
        ),
        # release dates day-month-year, and a title that looks like a date
        (
            None,
            "Wicked | Official Trailer | In Cinemas 22 November 2024",
            film("trailer", "Wicked", 2024),
        ),
        (
            None,
            "RRR Trailer (Telugu) - NTR, Ram Charan | SS Rajamouli | 25th March 2022",
            film("trailer", "RRR", 2022),
        ),
        (
            None,
            "Kuolleet lehdet – virallinen traileri | Elokuvateattereissa 15.9.2023",
            film("trailer", "Kuolleet lehdet", 2023),
        ),
        (
            None,
            "Mufasa: Aslan Kral | Yeni Fragman | 20 Aralık 2024'te sinemalarda",
            film("trailer", "Mufasa: Aslan Kral", 2024),
        ),
        (
            None,
            "Vlny | oficiální trailer | v kinech od 4. července 2024",
            film("trailer", "Vlny", 2024),
        ),
        (
            None,
            "AGAK LAEN - Official Trailer | 1 Februari 2024 di Bioskop",
            film("trailer", "Agak Laen", 2024),
        ),
        # year first: Japanese and Hungarian dates; a year dated by a holiday
        (None, "映画『八犬伝』本予告 2024年10月25日(金)公開", film("trailer", "八犬伝", 2024)),
        (
            None,
            "Mufasa: Az oroszlánkirály - magyar szinkronos előzetes 2 | 2024. december 19.",
            film("trailer", "Mufasa: Az oroszlánkirály", 2024),
        ),
        (
            None,
            "Siksa Kubur - Teaser Trailer | Lebaran 2024 di Bioskop",
            film("teaser", "Siksa Kubur", 2024),
        ),
        (None, "12.12: THE DAY | Official Trailer", film("trailer", "12.12: The Day")),
        (None, "SEPTEMBER 5 | Official Trailer", film("trailer", "September 5")),
        (None, "Official Trailer | 1917", film("trailer", "1917")),
        # a cast list before a genre tail
        (
            None,
            "FRIENDSHIP Trailer (2025) Tim Robinson, Paul Rudd, Comedy Movie HD",
            film("trailer", "Friendship", 2025),
        ),
        (
            None,
            "Den of Thieves 2: Pantera Trailer (2025) Gerard Butler, O'Shea Jackson Jr., Action"
            " Movie HD",
            film("trailer", "Den of Thieves 2: Pantera", 2025),
        ),
        # sagas and collections that are one film
        (
            None,
            "FURIOSA: A MAD MAX SAGA | Official Trailer",
            film("trailer", "Furiosa: A Mad Max Saga"),
        ),
        (
            None,
            "The Collection Official Trailer #1 (2012)",
            film("trailer", "The Collection", 2012),
        ),
        (
            None,
            "The Twilight Saga: Breaking Dawn - Part 2 | Official Final Trailer",
            film("trailer", "The Twilight Saga: Breaking Dawn - Part 2"),
        ),
        (None, "Every Day Official Trailer 1 (2018)", film("trailer", "Every Day", 2018)),
        (
            None,
            "The Twilight Saga: Eclipse | Official Trailer",
            film("trailer", "The Twilight Saga: Eclipse"),
        ),
        # a festival's name is a line-up, a film named like a festival is not
        (None, "Fantasia 2000 | Official Trailer", film("trailer", "Fantasia 2000")),
        (None, "The Festival | Official Trailer", film("trailer", "The Festival")),
        # a label opening the upload, then the title
        (
            None,
            "Official Trailer IPAR ADALAH MAUT | 13 Juni 2024 di Bioskop",
            film("trailer", "Ipar Adalah Maut", 2024),
        ),
        (
            None,
            "Trailer Resmi Film 'Jatuh Cinta Seperti di Film-Film'",
            film("trailer", "Jatuh Cinta Seperti di Film-Film"),
        ),
        (
            None,
            'Teaser Trailer Film Horor "Pemandi Jenazah" | 22 Februari 2024 di Bioskop',
            film("teaser", "Pemandi Jenazah", 2024),
        ),
        (None, "الإعلان الرسمي لفيلم Gladiator II", film("trailer", "Gladiator II")),
        (None, "Gladiator II | טריילר רשמי", film("trailer", "Gladiator II")),
        (None, "Phim Wicked | Trailer Chính Thức 2", film("trailer", "Wicked")),
        (None, "Tayangan | Trailer", film("trailer", "Tayangan")),
        # a director's credit after a title in capitals
        (
            None,
            "L'ORTO AMERICANO di Pupi Avati | Trailer Ufficiale HD",
            film("trailer", "L'orto Americano"),
        ),
        (None, "Stand by Me Official Trailer", film("trailer", "Stand by Me")),
        # keywords and label words of Korean, Japanese, Chinese and Polish channels
        (None, "[헤어질 결심] 메인 예고편", film("trailer", "헤어질 결심")),
        (None, "映画『ゴジラ-1.0』特報", film("teaser", "ゴジラ-1.0")),
        (None, "CHŁOPI | oficjalny zwiastun", film("trailer", "Chłopi")),
        (None, "영화 '소방관' 런칭 예고편", film("trailer", "소방관")),
        (None, "映画『正体』30秒予告", film("trailer", "正体")),
        (None, "ธี่หยด 2 - ตัวอย่างเต็ม [ซับไทย]", film("trailer", "ธี่หยด 2")),
        (
            None,
            "ตัวอย่าง 'วิมานหนาม' (The Paradise of Thorns) | Official Trailer",
            film("trailer", "วิมานหนาม"),
        ),
        # keywords, official and language words of Hungarian, Greek, Turkish, Danish channels
        (None, "Agymanók 2 - magyar szinkronos előzetes", film("trailer", "Agymanók 2")),
        (
            None,
            "Kinds of Kindness - Επίσημο Τρέιλερ (Greek subs)",
            film("trailer", "Kinds of Kindness"),
        ),
        (
            None,
            "Deadpool & Wolverine - Türkçe Altyazılı Fragman",
            film("trailer", "Deadpool & Wolverine"),
        ),
        (
            None,
            "Mufasa: Løvernes Konge - Dansk trailer",
            film("trailer", "Mufasa: Løvernes Konge"),
        ),
        (
            None,
            "《年少日記》Time Still Turns the Pages 正式預告",
            film("trailer", "Time Still Turns the Pages"),
        ),
        # words of languages no channel had written in before (vocabulary.LANGUAGES)
        (None, "Anora | Opinber stikla | Í bíó 7. nóvember", film("trailer", "Anora")),
        (None, "Wicked | Amptelike lokprent", film("trailer", "Wicked")),
        (None, "Flow | Oficialus anonsas | Kinuose nuo rugsėjo 6 d.", film("trailer", "Flow")),
        (None, "ოპენჰაიმერი | ოფიციალური თრეილერი", film("trailer", "ოპენჰაიმერი")),
        (None, "పుష్ప 2 | అధికారిక ట్రైలర్", film("trailer", "పుష్ప 2")),
        (None, "<인사이드 아웃 2> 더빙 예고편", film("trailer", "인사이드 아웃 2")),
        (None, "Puan | Avance | 28 de septiembre en cines", film("teaser", "Puan")),
        # "13 de marzo de 2025": the year of a date with "de" in it; a year after "Movie"
        (
            None,
            "La sociedad de la nieve | Tráiler oficial | 4 de enero de 2024 en Netflix",
            film("trailer", "La sociedad de la nieve", 2024),
        ),
        (
            None,
            "Kabir Singh | Official Trailer | New Hindi Movie 2019",
            film("trailer", "Kabir Singh", 2019),
        ),
        # " / " between a title in two languages is a separator, "/" in a title is not
        (None, "Straume / Flow | Oficiālais treileris", film("trailer", "Flow")),
        (None, "Face/Off | Official Trailer", film("trailer", "Face/Off")),
        # a bare year ending the upload after the label is its year; one in a title is not
        (
            None,
            "Gladiator 2 - Resmi Fragman (Türkçe Altyazılı) 2024",
            film("trailer", "Gladiator 2", 2024),
        ),
        (None, "Official Trailer | Blade Runner 2049", film("trailer", "Blade Runner 2049")),
        # an unquoted original title in another script before an English one in mixed case
        (
            None,
            "九龍城寨之圍城 Twilight of the Warriors: Walled In | 正式預告",
            film("trailer", "Twilight of the Warriors: Walled In"),
        ),
        (None, "映画『ファーストキス 1ST KISS』本予告", film("trailer", "ファーストキス 1ST Kiss")),
        # ... but "The Movie" alone is part of the local title, not an English one
        (None, "วิมานหนาม The Movie | Official Trailer", film("trailer", "วิมานหนาม the Movie")),
        (
            None,
            "Mufasa: Ο Βασιλιάς των Λιονταριών - Τρέιλερ",
            film("trailer", "Mufasa: Ο Βασιλιάς των Λιονταριών"),
        ),
        # an original title with a middle dot before the English one
        (None, "《破·地獄》The Last Dance 正式預告", film("trailer", "The Last Dance")),
        # a distributor's name, a festival's honour and a credit are tails, not the film
        (
            None,
            "STRANGER BY THE LAKE | Peccadillo Pictures | UK Trailer",
            film("trailer", "Stranger by the Lake"),
        ),
        (None, "Dirty Pictures | Official Trailer", film("trailer", "Dirty Pictures")),
        (
            None,
            "DRY GROUND BURNING | Berlinale 2022 Selection | Official Trailer",
            film("trailer", "Dry Ground Burning"),
        ),
        (
            None,
            "Anatomy of a Fall | Palme d'Or Winner | Official Trailer",
            film("trailer", "Anatomy of a Fall"),
        ),
        (
            None,
            "Evil Does Not Exist | Venice 2023 Silver Lion | Official Trailer",
            film("trailer", "Evil Does Not Exist"),
        ),
        (None, "FLOW - Oscar® Winner - Official Trailer", film("trailer", "Flow")),
        (
            None,
            "Green Border | Venice Film Festival 2023 | Official Trailer",
            film("trailer", "Green Border"),
        ),
        (
            None,
            "Green Border | Official Trailer | Venice Film Festival 2023 Special Jury Prize",
            film("trailer", "Green Border"),
        ),
        (
            None,
            "POISON - Todd Haynes - 30th Anniversary Restoration Trailer",
            film("trailer", "Poison"),
        ),
        (
            None,
            "TCM Big Screen Classics: Casablanca (1942) | Fathom Events Trailer",
            film("trailer", "Casablanca", 1942),
        ),
        # a ticketing promo is a tail; emoji at a title's edge are no part of it
        (
            None,
            "Wicked: For Good | Tickets On Sale Now | Official Trailer",
            film("trailer", "Wicked: For Good"),
        ),
        (None, "Tickets | Official Trailer", film("trailer", "Tickets")),
        (None, "Sinners 🩸 | Official Trailer", film("trailer", "Sinners")),
        (None, "🎬 Conclave | Official Trailer", film("trailer", "Conclave")),
        (None, "F1® The Movie | Official Trailer", film("trailer", "F1 the Movie")),
        # an all-lower-case upload is recased like one in capitals
        (
            None,
            "lilo & stitch trailer (2025) live action",
            film("trailer", "Lilo & Stitch", 2025),
        ),
        # an ordinal numbers the trailer, except after an article
        (None, "Paddington in Peru – 2nd Trailer", film("trailer", "Paddington in Peru")),
        (None, "Friday the 13th Trailer", film("trailer", "Friday the 13th")),
        # a quoted title after label words that open the upload
        (
            None,
            "Exclusive 'Opus' Trailer: Ayo Edebiri Gets Invited to a Cult Compound",
            film("trailer", "Opus"),
        ),
        (
            None,
            "BTS: Yet To Come in Cinemas | Official Trailer",
            film("trailer", "BTS: Yet to Come in Cinemas"),
        ),
        # a festival edition after the title, in its own segment, in brackets or as a
        # programme slot; a festival named like a film is one only after a title
        (None, "THE DEVIL'S BATH | Fantasia 2024 | Trailer", film("trailer", "The Devil's Bath")),
        (None, "Fantasia 2000 | Official Trailer", film("trailer", "Fantasia 2000")),
        (None, "Cuckoo (Berlinale 2024 Trailer)", film("trailer", "Cuckoo")),
        (
            None,
            "Tuesday | Fantasia 2024 Closing Film | Official Trailer",
            film("trailer", "Tuesday"),
        ),
        (None, "Monkey Man - SXSW 2024 Headliner Trailer", film("trailer", "Monkey Man")),
        # a disc label's numbered line, its name before the title, its edition segment
        (
            None,
            "Heat (1995) | Criterion Collection #1231 | Trailer",
            film("trailer", "Heat", 1995),
        ),
        (
            None,
            "Severin Films: DEATH LAID AN EGG - 4K Restoration Trailer",
            film("trailer", "Death Laid an Egg"),
        ),
        (None, "Possession | Official 4K Remaster | Trailer", film("trailer", "Possession")),
        # a genre and a word for "film" before a quoted title
        (
            None,
            'Horror Movie "The Coffee Table" | Official Trailer',
            film("trailer", "The Coffee Table"),
        ),
        # teasers
        (None, "Poor Things | Official Teaser", film("teaser", "Poor Things")),
        (None, "MEGALOPOLIS | Official Teaser Trailer", film("teaser", "Megalopolis")),
        (
            None,
            "Paranormal Activity 4 Official Teaser for the Trailer (2012)",
            film("teaser", "Paranormal Activity 4", 2012),
        ),
        # a title in a CJK script's quotes, a director's credit or the trailer's name around it
        (None, "陈凯歌《长津湖》定档预告", film("trailer", "长津湖")),
        (None, "是枝裕和監督『怪物』予告編", film("trailer", "怪物")),
        (None, "【猫眼】《流浪地球2》终极预告", film("trailer", "流浪地球2")),
        # ... and after Chinese 《》, which close a whole title, the director's and cast's names
        (None, "《满江红》张艺谋 沈腾 易烊千玺 定档预告", film("trailer", "满江红")),
        # ... and a year glued to a Chinese release season after the label
        (None, "《流浪地球2》Official Trailer 2023春节", film("trailer", "流浪地球2", 2023)),
        # an English title, then its original one in a CJK script
        (None, "Better Days 少年的你 | Official Trailer", film("trailer", "Better Days")),
        # a sequel's part in brackets is the title's own, an original title is not
        (None, "Kill Bill (Volume 2) - Official Trailer", film("trailer", "Kill Bill (Volume 2)")),
        (None, "Exhuma (파묘) | Official Trailer", film("trailer", "Exhuma")),
        # "back in cinemas" and a bare year after a local word for "cinema" are a release tail
        (
            None,
            "Il mio vicino Totoro - Torna al cinema - Trailer",
            film("trailer", "Il mio vicino Totoro"),
        ),
        (
            None,
            "Mat Kilau | Official Trailer | Di Pawagam 2022",
            film("trailer", "Mat Kilau", 2022),
        ),
    ],
)
def test_film_titles(channel: str | None, youtube_title: str, expected: tuple[object, ...]) -> None:
    assert parse(youtube_title, channel) == expected


@pytest.mark.parametrize(
    ("channel", "youtube_title", "reason"),
    [
        ("netflix", "Stranger Things 5 | Official Trailer | Netflix", "series"),
        ("netflix", "Squid Game: Season 2 | Official Trailer | Netflix", "series"),
        ("netflix", "Marvel's Daredevil | Official Trailer | Netflix", "series"),
        ("netflix", "Love, Death + Robots Vol. 3 | Official Trailer | Netflix", "series"),
        (None, "Westworld Season 2 Super Bowl TV Trailer", "series"),
        (None, "Ascension Official Trailer #1 (2014) - Syfy TV Series HD", "series"),
        (None, "THE STUDIO Trailer (2025) Seth Rogen Series", "series"),
        (None, "Behind the scenes of Oppenheimer", "featurette"),
        (None, "Dune: Part Two | Official Featurette", "featurette"),
        (None, "Barbie Clip - Dance Party (2023)", "clip"),
        (
            None,
            "Hardware Store Fight Scene (feat. Jessica Alba) | Trigger Warning | Netflix",
            "clip",
        ),
        (None, "Poor Things | Emma Stone Interview", "interview"),
        (None, "Dune: Part Two | Official Trailer Reaction", "review"),
        (None, "Trailer Breakdown: Dune: Part Two", "review"),
        (None, "REACTING to the Deadpool & Wolverine Trailer", "review"),
        (None, "Robert Eggers Breaks Down the Nosferatu Trailer", "review"),
        (None, "A24 Trailers Reel 2024", "compilation"),
        (None, "Oscar Nominated Shorts Trailer (2017)", "compilation"),
        (None, "Paranormal Activity Series - Ultimate Fright Trailer (2007-2012)", "compilation"),
        (None, "Harry Potter Saga – Official Trailer", "compilation"),
        (None, "The Matrix Collection | 4K Ultra HD Trailer", "compilation"),
        (None, "Every Christopher Nolan Movie Trailer", "compilation"),
        (None, "Studio Ghibli Collection | Official Trailer | GKIDS", "compilation"),
        (None, "Star Wars: The Skywalker Saga | 4K Ultra HD Trailer", "compilation"),
        (None, "The Lord of the Rings Trilogy | Official 4K Trailer", "compilation"),
        (None, "Three Films by Kelly Reichardt | Criterion Collection Trailer", "compilation"),
        (None, "Every Pixar Trailer Ever", "compilation"),
        (None, "Screen Media | Fall 2022 Trailer Reel", "compilation"),
        (None, "Film Movement Classics | Spring Collection Trailer", "compilation"),
        (None, "Summer Game Fest 2025: Every Movie Trailer", "compilation"),
        (None, "Dune: Part Two BTS", "featurette"),
        (None, "The Conjuring Universe - Every Trailer", "compilation"),
        ("mubi", "Coming Soon to MUBI | January 2024", "lineup"),
        ("netflix", "New on Netflix | June 2023", "lineup"),
        ("criterion", "Columbia Noir | Criterion Channel Teaser", "lineup"),
        ("bfi", "BFI London Film Festival 2024 | Official Trailer", "lineup"),
        (None, "Berlinale 2024 | Official Trailer", "lineup"),
        (None, "NYFF62 Trailer", "lineup"),
        (None, "Tribeca Festival 2024 | Trailer", "lineup"),
        ("netflix", "Netflix 2025 Movie Preview | Official Trailer", "lineup"),
        (None, "Jawan Trailer Launch Event | Shah Rukh Khan | Atlee", "live"),
        (None, "Stree 2 - Official Teaser Out Tomorrow", "promo"),
        # seasons and episodes in other languages
        (None, "Yalı Çapkını 2. Sezon Fragmanı", "series"),
        (None, "Kızılcık Şerbeti 85. Bölüm Fragmanı", "series"),
        ("netflix", "Undercover seizoen 3 | Officiële trailer | Netflix", "series"),
        (None, "[오징어 게임 시즌2] 메인 예고편 | 넷플릭스", "series"),
        (None, "TVアニメ『葬送のフリーレン』第2期 ティザーPV", "series"),
        (None, "ドラマ『VIVANT』予告", "series"),
        ("netflix", "Élite: Temporada final | Tráiler oficial | Netflix", "series"),
        (None, "Babylon Berlin – Letzte Staffel | Offizieller Trailer", "series"),
        (None, "جن: الموسم 2 | الإعلان الرسمي", "series"),
        # clips, making-ofs and interviews in other languages
        (None, "Dune: Parte Dos | Detrás de cámaras del tráiler", "featurette"),
        (None, "Wicked | Bastidores do trailer", "featurette"),
        (None, "Gladiator II | Intervista a Paul Mescal | Trailer", "interview"),
        (None, "『国宝』本編映像（予告編未使用カット）", "clip"),
        # reviews in other languages
        (None, "Deadpool & Wolverine Fragman İnceleme", "review"),
        (None, "파묘 예고편 해석 & 리뷰", "review"),
        (None, "Red Carpet Live: The Brutalist Premiere", "live"),
        (None, "The Substance | #shorts", "short"),
        (None, "Kinds of Kindness - Short Film", "short"),
        (None, "Past Lives | Now Streaming", "promo"),
        (None, "Dune: Part Two - TV Spot", "promo"),
        (None, "Nosferatu | Final Trailer Tomorrow", "promo"),
        (None, "Superman Trailer 2 Drops Thursday", "promo"),
        (None, "Everything Wrong With the Superman Trailer", "review"),
        (None, "Board Game Horror Movies - Parody Trailer HD", "parody"),
        (None, "Misshame Impossible Trailer SEX MASHUP", "parody"),
        (None, "Avatar: Fire and Ash - Teaser Trailer (2025) | Concept", "parody"),
        (None, "The Batman Part II Concept Teaser", "parody"),
        (None, "Everything Everywhere All At Once | Official Soundtrack", "music"),
        (None, "Nosferatu Trailer Music", "music"),
        (None, "Materialists", "unknown"),
    ],
)
def test_other_uploads(channel: str | None, youtube_title: str, reason: str) -> None:
    assert parse_title(youtube_title, rules_for(channel)) == ParsedTitle(
        "other", reason, None, None
    )


def test_cjk_quoted_name_followed_by_title_words_keeps_them() -> None:
    # "劇場版『名探偵コナン』黒鉄の魚影": words after the quotes that do not name the trailer are
    # the title's, so the quoted name alone is not taken
    assert parse("劇場版『名探偵コナン』黒鉄の魚影 本予告")[1] != "名探偵コナン"


def test_marketing_words_do_not_make_a_film_other() -> None:
    assert parse("Paranormal Activity 4 Official Audience Reaction Trailer (2012)")[0] == "trailer"
    assert parse("The Broken Circle Breakdown Official Trailer #1 (2013)")[0] == "trailer"
    assert parse("The Starving Games Official Trailer #1 (2013) - Parody Movie HD")[0] == "trailer"
    assert parse("Seasons of Gray (2011) Movie Trailer HD")[0] == "trailer"


def test_channel_rules_stay_on_their_channel() -> None:
    # a sequel number is a season only where the channel numbers seasons that way
    assert parse("Paranormal Activity 4 | Official Trailer") == film(
        "trailer", "Paranormal Activity 4"
    )
    assert parse("Marvel's Guardians of the Galaxy | Official Trailer") == film(
        "trailer", "Marvel's Guardians of the Galaxy"
    )
    assert parse("Mercury 13 | Official Trailer | Netflix", "netflix")[0] == "trailer"


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Tár", "tar"),
        ("Tucker & Dale vs. Evil", "tucker and dale vs evil"),
        ("Mission: Impossible – Ghost Protocol", "mission impossible ghost protocol"),
        ("Guillermo del Toro’s Pinocchio", "guillermo del toros pinocchio"),
        ("Alvin and the Chipmunks: Chip-wrecked", "alvin and the chipmunks chipwrecked"),
        ("The Man from U.N.C.L.E.", "the man from uncle"),
        ("  Große   Freiheit ", "grosse freiheit"),
    ],
)
def test_normalise_title(title: str, key: str) -> None:
    assert normalise_title(title) == key


def test_normalise_title_groups_spellings_of_one_film() -> None:
    assert normalise_title("Mission Impossible: Ghost Protocol") == normalise_title(
        "Mission: Impossible - Ghost Protocol"
    )
    assert normalise_title("ROMA") == normalise_title("Roma")


ANY_RULES = st.sampled_from([None, *TITLE_RULES])


@given(st.text(max_size=200), ANY_RULES)
def test_parse_title_accepts_any_text(text: str, rules: TitleRules | None) -> None:
    result = parse_title(text, rules)
    assert result.kind in {"trailer", "teaser", "other"}
    assert (result.title is None) == (result.kind == "other")
    assert (result.reason == "") == (result.kind != "other")
    assert result.title is None or result.title.strip() == result.title != ""


@given(st.text(max_size=100))
def test_normalise_title_is_idempotent(text: str) -> None:
    key = normalise_title(text)
    assert normalise_title(key) == key


FILM_WORDS = st.sampled_from(
    [
        "Silent",
        "River",
        "Garden",
        "Night",
        "Moon",
        "Stone",
        "Winter",
        "Blue",
        "Fire",
        "Harbor",
        "Lantern",
        "Orchard",
        "Echo",
        "Velvet",
        "Wolves",
        "Saint",
        "Paper",
        "Glass",
    ]
)
FILM_TITLES = st.lists(FILM_WORDS, min_size=1, max_size=4).map(" ".join)
CHANNEL_FORMATS = [
    ("a24", "{title} | Official Trailer HD | A24", "trailer", False),
    ("mubi", "{upper} | Official Teaser | MUBI", "teaser", False),
    ("neon", "{upper} - Official Trailer - In Theaters March 1", "trailer", False),
    ("rt_indie", "{title} Trailer #2 ({year}) | Movieclips Indie", "trailer", True),
    (
        "rt_trailers",
        "{title} Official Red Band Trailer 1 ({year}) - Ben Stiller Movie HD",
        "trailer",
        True,
    ),
    ("netflix", "{title} | Official Trailer [HD] | Netflix", "trailer", False),
    (None, "{title} [Official Trailer] – In Theaters October 11, {year}", "trailer", True),
]


@given(FILM_TITLES, st.sampled_from(CHANNEL_FORMATS), st.integers(1950, 2030))
def test_channel_formats_give_back_the_film(
    title: str, channel_format: tuple[str | None, str, str, bool], year: int
) -> None:
    channel, template, kind, states_year = channel_format
    upload = template.format(title=title, upper=title.upper(), year=year)
    result = parse_title(upload, rules_for(channel))
    assert (result.kind, result.title, result.year) == (
        kind,
        title,
        year if states_year else None,
    )
