"""Parse a YouTube upload title into (kind, film title, year).

One grammar serves every channel: film-marketing titles are a film title, a label naming the
video ("Official Red Band Trailer #2", "[Official Teaser]") and tails (channel signature,
release date, cast, genre, quality tags), joined by separators (`|`, ` - `, `–`, a lowercase
`l` used as a bar, brackets). What differs per channel is data in `presets.TitleRules`.

Pure: no Django, no I/O. Every regex is compiled once, at import.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from whichmovie.sources.presets import GENERIC_RULES, TitleRules

TRAILER = "trailer"
TEASER = "teaser"
OTHER = "other"


@dataclass(frozen=True)
class ParsedTitle:
    kind: str  # "trailer" | "teaser" | "other"
    reason: str  # "" for trailer/teaser; why the upload is 'other' ("clip", "series", ...)
    title: str | None  # film title in normal title case; None for other
    year: int | None  # the year the upload title states, else None


# --- cleaning ---------------------------------------------------------------------------

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2015": "\u2014",
        "\u00a0": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u3010": "[",  # 【 】 brackets of Asian channels
        "\u3011": "]",
        "\uff5c": "|",  # fullwidth bar
        "\u2502": "|",
        "\u00a6": "|",
    }
)
_SPACES = re.compile(r"\s+")

# --- uploads that are not a film's trailer ------------------------------------------------

# Signals decisive whatever else the title says. At one position the first alternative wins,
# so featurette ("behind the scenes") is tried before clip ("scene").
_OTHER_SIGNALS = re.compile(
    r"""
    (?P<short>\#shorts?\b|\bshort\s+film\b)
  | (?P<parody>\b(?:parody|spoof)\s+trailers?\b|\btrailers?\s+(?:parody|spoof)\b
      |\boriginal\s+parody\b|\bmash-?up\b|\bhonest\s+trailers?\b|\bfan[- ]?made\b
      |\bconcept\s+trailer\b|\bfake\s+trailer\b|\bsweded\b)
  | (?P<series>\bseason\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|final)\b
      |\bfinal\s+season\b|\bs\d{1,2}\s?e\d{1,2}\b|\bs\d{1,2}\b(?=\s*[|\-–—:])
      |\b(?:tv|web|limited|mini|docu|anime|animated|original|netflix|hbo|drama|comedy
         |documentary|new|hit)[- ]?series\b|\bthe\s+series\b|\bseries\s+(?:trailer|premiere|finale)\b
      |\bepisode\s+\d+\b|\bep\.?\s*\d+\b)
  | (?P<compilation>\btrailers\b|\bshorts\b|\bsupercut\b|\bcompilation\b|\btop\s+\d+\b
      |[(\[]\s*(?:19|20)\d\d\s*[-–—]\s*(?:19|20)?\d\d\s*[)\]]
      |\bdouble\s+feature\b|\btrilogy\b|\bbox\s+set\b|\bretrospective\b|\bfilms\s+of\b
      |\bbest\s+(?:movies|films|scenes|moments)\b)
  | (?P<lineup>\bnew\s+(?:on|to)\s+(?!\d)\w+|\bline-?up\b|\bwhat'?s\s+(?:new|coming|on)\b
      |\b(?:coming|arriving|leaving)\s+(?:to\s+\w+\s+)?(?:this|next)\s+(?:week|month)\b
      |\bnew\s+releases\b|\bthis\s+month\s+on\b)
  | (?P<featurette>\bfeaturettes?\b|\bbehind[- ]the[- ]scenes\b|\bmaking[- ]of\b|\bthe\s+making\b
      |\bbts\b|\bb-roll\b|\bvfx\b|\binside\s+look\b|\ba\s+look\s+(?:inside|at|behind)\b
      |\bfirst\s+look\s+at\b|\bset\s+visit\b|\banatomy\s+of\s+a\s+scene\b|\bbloopers?\b
      |\bgag\s+reel\b|\bcommentary\b|\bvignette\b|\bproduction\s+diary\b|\bmeet\s+the\b
      |\bcharacter\s+(?:spotlight|profile)\b)
  | (?P<clip>\bclips?\b|\bscenes?\b|\bsneak\s+peek\b|\b(?:opening|first)\s+\d+\s+minutes\b
      |\bdeleted\b|\bouttakes?\b|\bextended\s+preview\b)
  | (?P<interview>\binterviews?\b|\bq\s?&\s?a\b|\bin\s+conversation\b|\bpress\s+conference\b
      |\bjunket\b|\broundtable\b|\btalks\s+(?:about|with)\b|\bmasterclass\b|\bpodcast\b
      |\bpanel\b|\bon\s+set\s+with\b)
  | (?P<review>\breviews?\b|\b(?:trailer|teaser)\s+(?:reaction|breakdown|analysis|explained
         |recap|rundown|reveal)\b|\breacts?\b|\breaction\s+(?:video|to)\b|\bbreakdown\s*:
      |\bexplained\b|\brecap\b|\beaster\s+eggs\b|\bthings\s+you\s+missed\b|\bvideo\s+essay\b
      |\branked\b|\branking\b)
  | (?P<live>\blive\s*stream\b|\blivestream\b|\bred\s+carpet\b|\bwatch\s+live\b
      |\blive\s+now\b|\blive\s+event\b|\(live\)|\blive\s*:|\U0001f534)
  | (?P<music>\bmusic\s+video\b|\bofficial\s+(?:music\s+)?video\b|\blyrics?\s+video\b
      |\bsoundtrack\b|\bost\b|\bofficial\s+audio\b|\b(?:official|original|theme)\s+song\b
      |\bvisuali[sz]er\b|\bscore\s+suite\b|\(from\s+(?:the\s+)?(?:motion\s+picture|film|movie
         |netflix)\b)
  | (?P<promo>\btv\s+spots?\b|\bspots?\b|\bpromos?\b|\bsizzle\b|\bannouncement\b(?!\s+(?:trailer|teaser))
      |\b(?:date|title)\s+(?:reveal|announcement)\b|\bposter\b|\bcommercial\b|\bbumper\b|\bpsa\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Without a trailer label these make an upload a promo or a line-up rather than "unknown".
_PROMO_WITHOUT_LABEL = re.compile(
    r"\bnow\s+(?:streaming|playing|showing|available|on)\b|\bin\s+(?:theaters|theatres|cinemas)\b"
    r"|\b(?:available|out)\s+now\b|\bon\s+(?:digital|blu-?ray|dvd|demand)\b|\bfirst\s+look\b"
    r"|\bpreview\b|\bcoming\s+soon\b|\bwatch\s+(?:now|it)\b|\bexclusive\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_LINEUP_WITHOUT_LABEL = re.compile(
    rf"\bcoming\s+soon\s+(?:to|on)\b|(?:^|[|\-–—:]\s*){_MONTH}\s+(?:19|20)\d\d\s*(?:$|[|\-–—])",
    re.IGNORECASE,
)

# --- the label: "Official Red Band Trailer #2" ----------------------------------------------

_KEYWORD = re.compile(r"\b(?:trailer|teaser|tr[aá]iler|bande[- ]annonce)\b", re.IGNORECASE)
# Words that turn the keyword into part of a name ("Trailer Park Boys").
_KEYWORD_COMPOUND = re.compile(
    r"\s+(?:park|parks|trash|home|homes|hitch|truck|trucks|camp|court|life)\b", re.IGNORECASE
)

# Words naming a cut, an edition or a re-release; stripped from the end of a title even after
# "Official" ("Nymphomaniac Extended Director's Cut Official Trailer").
_EDITION_WORDS = (
    r"extended|director'?s\s+cut|unrated|uncut|imax|3d|4k|hd|restoration|restored|remastered"
    r"|re-?release|\d+(?:st|nd|rd|th)\s+anniversary|anniversary|blu-?ray|dvd|\S+\s+edition"
)
# Words naming the trailer itself, between the title and the keyword ("Red Band", "Int.'l").
_LABEL_WORDS = (
    _EDITION_WORDS + r"|official|final|main|new|first|second|third|full|latest|special"
    r"|legacy|pop-?up|comic-?con|sdcc|super\s+bowl|big\s+game|tv|theatrical|cinema|red[- ]band"
    r"|green[- ]band|restricted|uncensored|international|int\.?'?l\.?|intl\.?|domestic|us|u\.s\."
    r"|uk|u\.k\.|english|japanese|korean|french|german|chinese|italian|spanish|australian"
    r"|canadian|release|exclusive|teaser|announcement|launch|ultimate\s+\S+"
    r"|'[^']{1,40}'|\"[^\"]{1,40}\""
)
_LABEL_RUN_AT_END = re.compile(rf"(?:\s*(?<![\w'])(?:{_LABEL_WORDS})(?![\w']))+[\s\-:,]*$", re.I)
_EDITION_RUN_AT_END = re.compile(
    rf"(?:\s*(?<![\w'])(?:{_EDITION_WORDS})(?![\w']))+[\s\-:,]*$", re.IGNORECASE
)
_OFFICIAL = re.compile(r"\bofficial\b", re.IGNORECASE)
_TEASER_WORD = re.compile(r"\bteaser\b", re.IGNORECASE)

# --- separators and segments ---------------------------------------------------------------

# Strong separators end a title for good; dashes also join a title and its subtitle.
_SEPARATOR = re.compile(
    r"(\s*(?:\||(?<=\s)l(?=\s)|\[|\]|//)\s*|\s+[-–—~]+\s*|\s*[-–—~]+\s+|\s*[–—]{2,}\s*)"
)
_CAST_LIST = re.compile(
    r"^(?:(?:starring|ft\.?|feat\.?|featuring|with|dir\.?|directed\s+by|from)\s+.+"
    r"|[A-ZÀ-Þ][\w.'À-ÿ-]*(?:\s+[A-ZÀ-Þ][\w.'À-ÿ-]*){1,3}"
    r"(?:\s*(?:,|&|and)\s*[A-ZÀ-Þ][\w.'À-ÿ-]*(?:\s+[A-ZÀ-Þ][\w.'À-ÿ-]*){1,3})+)$"
)
_RELEASE_TAIL = re.compile(
    r"^(?:only\s+|now\s+|exclusively\s+)?(?:in\s+(?:select\s+)?(?:theaters|theatres|cinemas)"
    r"|at\s+cinemas|now\s+(?:streaming|playing|showing)|streaming|coming\s+soon|out\s+now"
    r"|available|on\s+(?:netflix|digital|blu-?ray|demand|mubi)|in\s+&\s+on|\d{1,2}[./]\d{1,2})",
    re.IGNORECASE,
)
_QUALITY_ONLY = re.compile(
    r"^\s*(?:hd|hq|4k|uhd|1080p|720p|official|exclusive|new|\(\s*(?:19|20)\d\d\s*\)?)\s*$",
    re.IGNORECASE,
)

# --- the year -----------------------------------------------------------------------------

_YEAR_IN_BRACKETS = re.compile(r"[(\[]\s*((?:19|20)\d\d)\s*[)\]]")
_YEAR_IN_DATE = re.compile(
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./]((?:19|20)\d\d)\b"
    rf"|\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_YEAR_AFTER_LABEL = re.compile(r"^\s*(?:#?\s*\d{1,2}\s+)?((?:19|20)\d\d)\b")

# --- tidying the title ----------------------------------------------------------------------

_TITLE_PREFIX = re.compile(
    r"^(?:(?:exclusive|brand\s+new|new|watch|first\s+look|world\s+premiere|premiere|official"
    r"|breaking|just\s+released)\s*[:\-–—]+\s*|[^:]{0,20}\bedit\s*:\s*)",
    re.IGNORECASE,
)
# "Andrea Arnold's BIRD": a director credit in normal case before an all-caps title.
_CREDIT_BEFORE_CAPS = re.compile(r"^[A-Z][\w.\- ]*[a-z][\w.\- ]*'s\s+(?=[^a-z]*[A-Z][^a-z]*$)")
_QUALITY_TAG = re.compile(r"(?:^|\s)[(\[]?(?:hd|hq|4k|uhd|1080p|720p)[)\]]?(?=\s|$)", re.I)
_EDGE_JUNK = " \t-–—~:|,;/#*("
_SPACE_BEFORE_COLON = re.compile(r"\s+:")
_WRAPPING_QUOTES = re.compile(r'^(["\'])(.+)\1$')
_TRAILING_NUMBER = re.compile(r"\s(\d{1,2})$")

# --- casing ---------------------------------------------------------------------------------

_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on onto or over per the to upon via vs vs. "
    "v. with".split()
)
_VOWEL_LESS_TITLE_CASED = frozenset({"MR", "MRS", "MS", "DR", "ST", "JR", "SR", "MR.", "MRS."})
_ACRONYM = re.compile(
    r"^(?:[A-Z]\.){2,}[A-Z]?\.?$|^[IVX]{2,}$|^[B-DF-HJ-NP-TV-XZ]{2,5}$|^.*\d.*$"
)
_WORD_START = re.compile(r"(?:^|(?<=[-/(\"]))(\w)")
_PHRASE_END = (":", "-", "–", "—", "?", "!", "/")


@dataclass(frozen=True)
class _CompiledRules:
    channel_names: frozenset[str]
    other: tuple[tuple[re.Pattern[str], str], ...]
    series_prefixes: tuple[str, ...]
    season_numbers: range | None


@lru_cache(maxsize=64)
def _compiled(rules: TitleRules) -> _CompiledRules:
    season = rules.season_number_range
    return _CompiledRules(
        channel_names=frozenset(name.casefold() for name in rules.channel_names),
        other=tuple((re.compile(p, re.IGNORECASE), reason) for p, reason in rules.other_patterns),
        series_prefixes=tuple(prefix.casefold() for prefix in rules.series_prefixes),
        season_numbers=range(season[0], season[1] + 1) if season else None,
    )


def _other(reason: str, year: int | None = None) -> ParsedTitle:
    return ParsedTitle(kind=OTHER, reason=reason, title=None, year=year)


def parse_title(youtube_title: str, rules: TitleRules | None = None) -> ParsedTitle:
    """Kind, film title and stated year of one upload title."""
    compiled = _compiled(rules or GENERIC_RULES)
    text = _clean(youtube_title)

    if signal := _OTHER_SIGNALS.search(text):
        return _other(signal.lastgroup or "unknown")
    for pattern, reason in compiled.other:
        if pattern.search(text):
            return _other(reason)

    parts = _SEPARATOR.split(text)
    segments, separators = parts[0::2], parts[1::2]
    label = _find_label(segments)
    if label is None:
        if _LINEUP_WITHOUT_LABEL.search(text):
            return _other("lineup")
        if _PROMO_WITHOUT_LABEL.search(text):
            return _other("promo")
        return _other("unknown")
    index, keyword = label
    segment = segments[index]

    title = _title_from(segments, separators, index, keyword, compiled)
    if not title:
        return _other("unknown")
    folded = title.casefold()
    if folded.startswith(compiled.series_prefixes):
        return _other("series")
    if compiled.season_numbers is not None and (number := _TRAILING_NUMBER.search(title)):
        if int(number.group(1)) in compiled.season_numbers:
            return _other("series")

    after_keyword = segment[keyword.end() :]
    is_teaser = keyword.group().casefold() == TEASER or bool(
        _TEASER_WORD.search(segment[: keyword.start()][-40:])
        and _LABEL_RUN_AT_END.search(segment[: keyword.start()])
    )
    return ParsedTitle(
        kind=TEASER if is_teaser else TRAILER,
        reason="",
        title=_recase(title),
        year=_stated_year(text, after_keyword),
    )


def _clean(youtube_title: str) -> str:
    text = youtube_title
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    return _SPACES.sub(" ", text).strip()


def _find_label(segments: list[str]) -> tuple[int, re.Match[str]] | None:
    """The first trailer/teaser keyword that labels the video rather than names something."""
    for index, segment in enumerate(segments):
        for keyword in _KEYWORD.finditer(segment):
            if not _KEYWORD_COMPOUND.match(segment, keyword.end()):
                return index, keyword
    return None


def _title_from(
    segments: list[str],
    separators: list[str],
    index: int,
    keyword: re.Match[str],
    rules: _CompiledRules,
) -> str:
    """The film title around the label at `segments[index]`.

    Before the label: text in the label's own segment ("Dune Official Trailer") joined to the
    dash-separated segments just before it ("Mission: Impossible - Dead Reckoning"), back to
    the previous strong separator. A label that opens the title ("Trailer: Dune") takes the
    text after it instead.
    """
    pieces = [_before_label(segments[index][: keyword.start()])]
    position = index
    while position > 0 and _is_dash(separators[position - 1]):
        position -= 1
        pieces.insert(0, segments[position])
    if position > 0 and not any(_is_title_piece(piece, rules) for piece in pieces):
        # "Film | Official Trailer": the label has a segment of its own
        pieces = [segments[position - 1]]
        while position > 1 and _is_dash(separators[position - 2]):
            position -= 1
            pieces.insert(0, segments[position - 1])
    kept = [piece for piece in pieces if _is_title_piece(piece, rules)]
    if not kept:
        after = segments[index][keyword.end() :]
        after = _YEAR_IN_BRACKETS.split(after, maxsplit=1)[0]
        kept = [after.lstrip(" :-–—#0123456789")] if ":" in after[:3] else []
        if not kept[0:1] or not kept[0]:
            following = [s for s in segments[index + 1 :] if _is_title_piece(s, rules)]
            kept = following[:1]
    return _tidy(" - ".join(kept))


def _is_dash(separator: str) -> bool:
    return not any(mark in separator for mark in "|[]/") and separator.strip() != "l"


def _is_title_piece(piece: str, rules: _CompiledRules) -> bool:
    stripped = piece.strip(_EDGE_JUNK + ")")
    return bool(
        stripped
        and stripped.casefold() not in rules.channel_names
        and not _QUALITY_ONLY.match(stripped)
        and not _RELEASE_TAIL.match(stripped)
        and not _CAST_LIST.match(stripped)
    )


def _before_label(text: str) -> str:
    """Cut what names the trailer off the end of the text before the keyword."""
    # The title stops at a stated year: "Contagion (2011) Pop-Up Trailer".
    if (year := _YEAR_IN_BRACKETS.search(text)) and year.start() > 0:
        text = text[: year.start()]
    # Whatever stands between "Official" and the keyword names the trailer ("Official 'Best
    # Day' Trailer"); the last "Official" counts so that "Official Secrets" keeps its own.
    run = _LABEL_RUN_AT_END
    for official in reversed(list(_OFFICIAL.finditer(text))):
        if text[: official.start()].strip(_EDGE_JUNK):
            text, run = text[: official.start()], _EDITION_RUN_AT_END
            break
    if words := run.search(text):
        rest = text[: words.start()]
        if not rest.strip(_EDGE_JUNK):
            return ""  # the segment is all label: "Final Trailer"
        if _has_title_words(rest):
            return rest
    return text


def _has_title_words(text: str) -> bool:
    stripped = text.strip(_EDGE_JUNK).casefold()
    return bool(stripped) and stripped not in {"the", "a", "an"}


def _tidy(title: str) -> str:
    title = _QUALITY_TAG.sub(" ", title)
    title = _TITLE_PREFIX.sub("", title.strip(_EDGE_JUNK))
    title = _CREDIT_BEFORE_CAPS.sub("", title)
    title = _SPACE_BEFORE_COLON.sub(":", _SPACES.sub(" ", title))
    title = title.strip(_EDGE_JUNK)
    if title.endswith(")") and "(" not in title:
        title = title[:-1].rstrip()
    if quoted := _WRAPPING_QUOTES.match(title):
        title = quoted.group(2).strip()
    return title


def _stated_year(text: str, after_keyword: str) -> int | None:
    if year := _YEAR_IN_BRACKETS.search(text):
        return int(year.group(1))
    if date := _YEAR_IN_DATE.search(text):
        return int(date.group(1) or date.group(2))
    if year := _YEAR_AFTER_LABEL.match(after_keyword):
        return int(year.group(1))
    return None


def _recase(title: str) -> str:
    """ALL-CAPS titles in normal title case; any other casing is the channel's and kept."""
    if any(char.islower() for char in title) or not any(char.isupper() for char in title):
        return title
    words = title.split(" ")
    cased: list[str] = []
    for position, word in enumerate(words):
        inner = 0 < position < len(words) - 1 and not cased[-1].endswith(_PHRASE_END)
        lower = word.lower()
        if inner and lower in _SMALL_WORDS:
            cased.append(lower)
        elif _ACRONYM.match(word.strip("\"'(),.:;!?")) and word.upper() not in (
            _VOWEL_LESS_TITLE_CASED
        ):
            cased.append(word)
        else:
            cased.append(_WORD_START.sub(lambda m: m.group(1).upper(), lower))
    return " ".join(cased)


_DELETED_IN_KEY = re.compile(r"['.\-\u00ad]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")


def normalise_title(title: str) -> str:
    """Grouping and search key: casefolded, accents stripped, & as "and", no punctuation."""
    text = unicodedata.normalize("NFKD", title.translate(_TYPOGRAPHY).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("&", " and ")
    text = _PUNCTUATION.sub(" ", _DELETED_IN_KEY.sub("", text))
    return " ".join(text.split())
