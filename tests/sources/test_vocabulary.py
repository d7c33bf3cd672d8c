"""Every language's words (vocabulary.LANGUAGES) against every labelled film title: a word that
names a trailer, a clip or an interview must not take a film's own title apart."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from whichmovie.sources import vocabulary as vocab
from whichmovie.sources.titles import parse_title

SETS = sorted(Path(__file__).parent.glob("*_titles*.tsv"))
# Parts taken off the end of a title (label words) and parts that act anywhere in an upload
# title (keywords, and the words that make an upload a clip, a making-of or an interview).
LABEL_PARTS = ("official", "label", "version")
ANYWHERE_PARTS = ("trailer", "teaser", "clip", "making_of", "interview")
# Label words the grammar knew before the table, which do end film titles ("The Final
# Countdown", "The Good German", "Admirável Mundo Novo"); other rules keep them there (a stated
# year or "Official" after them), and the labelled sets measure that.
KNOWN_TITLE_ENDINGS = frozenset({"final", "novo", "german"})
# Keywords the grammar knew before the table, which film titles hold ("Trailer Park Boys: The
# Movie"); the grammar reads them by their place, and the labelled sets measure that.
KNOWN_TITLE_WORDS = frozenset({"trailer"})


def _rows() -> list[dict[str, str]]:
    rows = []
    for path in SETS:
        with path.open(encoding="utf-8", newline="") as file:
            rows += csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
    return rows


def _film_titles() -> list[str]:
    titles = []
    for row in _rows():
        if row["title"]:
            titles.append(row["title"])
        notes = (note.strip() for note in row["note"].split(";"))
        titles += [note.removeprefix("alt_title=") for note in notes if "alt_title=" in note]
    return titles


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['-]\w+)*", text.casefold())


def _contains(text: str, entry: str) -> bool:
    """The parser's way of finding a literal word: whole words in scripts with spaces, inside a
    run of letters in the others."""
    if all(ord(char) < 0x0590 for char in entry):
        return bool(re.search(rf"(?<!\w){re.escape(entry)}(?!\w)", text.casefold()))
    return entry in text.casefold()


def _entries(parts: tuple[str, ...]) -> list[tuple[str, str, str]]:
    return [
        (language, part, entry)
        for language, words in vocab.LANGUAGES.items()
        for part in parts
        for entry in getattr(words, part)
    ]


def test_the_sets_give_the_check_titles_to_check() -> None:
    assert len(SETS) >= 7
    assert len(_film_titles()) > 1000


def test_every_entry_is_lower_case_and_spaced_once() -> None:
    for language, part, entry in _entries(LABEL_PARTS + ANYWHERE_PARTS):
        assert entry == entry.lower().strip(), (language, part, entry)
        assert "  " not in entry, (language, part, entry)
    # the grammar compares a label word, or a pair of them, with the words before the keyword
    for language, part, entry in _entries(LABEL_PARTS):
        assert len(entry.split()) <= 2, (language, part, entry)


def test_the_table_covers_sixty_languages() -> None:
    names = [name for key in vocab.LANGUAGES for name in key.split(", ")]
    assert len(names) >= 60
    for field in ("trailer", "official", "release", "months"):
        assert sum(bool(getattr(words, field)) for words in vocab.LANGUAGES.values()) >= 40


def test_no_label_word_ends_a_film_title() -> None:
    endings = {_words(title)[-1] for title in _film_titles() if _words(title)}
    clashes = [
        (language, part, entry)
        for language, part, entry in _entries(LABEL_PARTS)
        if entry in endings and entry not in KNOWN_TITLE_ENDINGS
    ]
    assert clashes == []


def test_no_keyword_clip_or_interview_word_is_in_a_film_title() -> None:
    titles = "\n".join(_film_titles())  # one text: a line break bounds a word like a space
    clashes = [
        (language, part, entry)
        for language, part, entry in _entries(ANYWHERE_PARTS)
        if entry not in KNOWN_TITLE_WORDS and _contains(titles, entry)
    ]
    assert clashes == []


def test_no_clip_or_interview_word_is_in_a_trailer_upload() -> None:
    trailers = "\n".join(row["video_title"] for row in _rows() if row["kind"] != "other")
    clashes = [
        (language, part, entry)
        for language, part, entry in _entries(("clip", "making_of", "interview"))
        if _contains(trailers, entry)
    ]
    assert clashes == []


@pytest.mark.parametrize("language", sorted(vocab.LANGUAGES))
def test_each_language_trailer_word_labels_a_trailer(language: str) -> None:
    # "Oppenheimer | <the language's word for trailer>": a trailer of Oppenheimer, whatever
    # the script
    for keyword in vocab.LANGUAGES[language].trailer + vocab.LANGUAGES[language].teaser:
        parsed = parse_title(f"Oppenheimer | {keyword}")
        assert (parsed.kind != "other", parsed.title) == (True, "Oppenheimer"), keyword


@pytest.mark.parametrize("language", sorted(vocab.LANGUAGES))
def test_each_language_official_and_label_words_name_the_trailer(language: str) -> None:
    words = vocab.LANGUAGES[language]
    keyword = (words.trailer or ("trailer",))[0]
    for word in words.official + words.label + words.version:
        parsed = parse_title(f"Oppenheimer {word} {keyword}")
        assert parsed.title == "Oppenheimer", (word, keyword, parsed)


@pytest.mark.parametrize("language", sorted(vocab.LANGUAGES))
def test_each_language_season_clip_and_interview_words_make_an_upload_other(
    language: str,
) -> None:
    words = vocab.LANGUAGES[language]
    keyword = (words.trailer or ("trailer",))[0]
    for season in words.season:
        parsed = parse_title(f"Oppenheimer {season} 2 | {keyword}")
        assert parsed.reason == "series", (season, parsed)
    for word in words.clip + words.making_of + words.interview:
        parsed = parse_title(f"Oppenheimer | {word} | {keyword}")
        assert parsed.kind == "other", (word, parsed)
