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
from typing import Literal

from whichmovie.sources import vocabulary as vocab
from whichmovie.sources.kinds import OtherReason, VideoKind
from whichmovie.sources.presets import GENERIC_RULES, TitleRules

TRAILER = VideoKind.TRAILER
TEASER = VideoKind.TEASER
OTHER = VideoKind.OTHER


@dataclass(frozen=True)
class ParsedTitle:
    kind: VideoKind
    reason: OtherReason | Literal[""]  # "" for trailer/teaser; why the upload is 'other'
    title: str | None  # film title in normal title case; None for other
    year: int | None  # the year the upload title states, else None


# --- cleaning ---------------------------------------------------------------------------

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
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
        "\u300a": '"',  # 《 》 「 」 『 』 quote a title on Asian channels
        "\u300b": '"',
        "\u300c": '"',
        "\u300d": '"',
        "\u300e": '"',
        "\u300f": '"',
        "\u3008": '"',  # 〈 〉 quote a title on Korean channels
        "\u3009": '"',
        "\uff5c": "|",  # fullwidth bar
        "\u2502": "|",
        "\u00a6": "|",
    }
)
_SPACES = re.compile(r"\s+")
# Kana, CJK ideographs and Hangul: the scripts whose channels quote a title in 『』《》「」〈〉
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"

# --- uploads that are not a film's trailer ------------------------------------------------


def _alternation(entries: tuple[str, ...]) -> str:
    """A regex alternative of literal entries, longest first so that "本予告" wins over "予告"."""
    return "|".join(re.escape(entry) for entry in sorted(entries, key=len, reverse=True))


def _signal(
    reason: str, trigger_words: str, pattern: str
) -> tuple[str, frozenset[str], re.Pattern[str]]:
    return reason, frozenset(trigger_words.split()), re.compile(pattern)


# Signals that make an upload 'other' whatever else its title says, tried in this order on the
# lower-cased title. A signal's regex only runs when one of its trigger words is in the title:
# most titles are trailers and carry none, which keeps parsing fast.
_OTHER_SIGNALS = (
    _signal("short", "shorts short", r"#shorts?\b|\bshort\s+film\b"),
    _signal(
        "parody",
        "parody spoof original mashup mash honest fan fanmade concept fake sweded",
        r"\b(?:parody|spoof)\s+trailers?\b|\btrailers?\s+(?:parody|spoof)\b|\boriginal\s+parody\b"
        r"|\bmash-?up\b|\bhonest\s+trailers?\b|\bfan[- ]?made\b"
        r"|\b(?:concept|fake)\s+(?:trailer|teaser)\b"
        # fan channels tag a concept trailer with a last segment: "... Teaser Trailer | Concept"
        r"|[|(\[]\s*concept\s*[)\]]?\s*$|\bsweded\b",
    ),
    _signal(
        "series",
        "season seasons series docuseries miniseries episode ep",
        r"\bseason\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|final)\b"
        r"|\bfinal\s+season\b|\bepisode\s+\d+\b|\bep\.?\s*\d+\b|\bthe\s+series\b|\bdocuseries\b"
        r"|\bminiseries\b|\bseries\s+(?:trailer|premiere|finale)\b"
        r"|\b(?:tv|web|limited|mini|docu|anime|animated|original|netflix|hbo|drama|comedy"
        r"|documentary|new|hit)[- ]?series\b"
        # an outlet's tail after the year names the kind: "Trailer (2024) Colin Farrell Series"
        r"|\((?:19|20)\d\d\)[^|()\[\]]*\bseries$",
    ),
    _signal(
        "compilation",
        "trailers shorts supercut compilation top double trilogy box retrospective films best "
        "ever every reel reels",
        r"\btrailers?\s+ever\b|\bevery\s+trailer\b|\btrailers\b|\bshorts\b|\bsupercut\b"
        # a distributor's reel of its trailers: "Screen Media | Fall 2022 Trailer Reel"
        r"|\b(?:trailer|teaser)s?\s+reels?\b"
        r"|\bcompilation\b|\btop\s+\d+\b|\bdouble\s+feature\b"
        r"|\btrilogy\b|\bbox\s+set\b|\bretrospective\b|\bfilms\s+(?:of|by)\b"
        r"|\bbest\s+(?:movies|films|scenes|moments)\b",
    ),
    _signal(
        "lineup",
        "new lineup line what whats coming arriving leaving releases month channel festival "
        "preview",
        r"\bnew\s+(?:on|to)\s+(?!\d)\w+|\bline-?up\b|\bwhat'?s\s+(?:new|coming|on)\b"
        # a slate: "Netflix 2025 Movie Preview"
        r"|\b(?:movie|film)s?\s+preview\b"
        r"|\b(?:coming|arriving|leaving)\s+(?:to\s+\w+\s+)?(?:this|next)\s+(?:week|month)\b"
        r"|\bnew\s+releases\b|\bthis\s+month\s+on\b"
        # a streaming channel's programme: "Columbia Noir | Criterion Channel Teaser",
        # "Coming to the Criterion Channel in May 2024"
        r"|\bchannel\s+(?:trailer|teaser)\b|\b(?:coming|arriving|leaving)\s+(?:to|on)\s+(?:the\s+)?"
        r"(?:\w+\s+){0,2}channel\b"
        # a festival's programme: "BFI London Film Festival 2024 | Official Trailer"
        r"|\bfestival\s+(?:trailer|teaser)\b",
    ),
    _signal(
        "featurette",
        "featurette featurettes behind making bts roll vfx inside look visit anatomy blooper "
        "bloopers gag commentary vignette diary meet spotlight profile",
        r"\bfeaturettes?\b|\bbehind[- ]the[- ]scenes\b|\bmaking[- ]of\b|\bthe\s+making\b"
        # "BTS" is behind the scenes, unless a colon makes it a name: "BTS: Yet to Come"
        r"|\bbts\b(?!:)"
        r"|\bb-roll\b|\bvfx\b|\binside\s+look\b|\ba\s+look\s+(?:inside|at|behind)\b"
        r"|\bfirst\s+look\s+at\b|\bset\s+visit\b|\banatomy\s+of\s+a\s+scene\b|\bbloopers?\b"
        r"|\bgag\s+reel\b|\bcommentary\b|\bvignette\b|\bproduction\s+diary\b|\bmeet\s+the\b"
        r"|\bcharacter\s+(?:spotlight|profile)\b",
    ),
    _signal(
        "clip",
        "clip clips scene scenes sneak opening first deleted outtake outtakes preview",
        r"\bclips?\b|\bscenes?\b|\bsneak\s+peek\b|\b(?:opening|first)\s+\d+\s+minutes\b"
        r"|\bdeleted\b|\bouttakes?\b|\bextended\s+preview\b",
    ),
    _signal(
        "interview",
        "interview interviews q conversation press junket roundtable talks masterclass podcast "
        "panel set",
        r"\binterviews?\b|\bq\s?&\s?a\b|\bin\s+conversation\b|\bpress\s+conference\b|\bjunket\b"
        r"|\broundtable\b|\btalks\s+(?:about|with)\b|\bmasterclass\b|\bpodcast\b|\bpanel\b"
        r"|\bon\s+set\s+with\b",
    ),
    _signal(
        "review",
        "review reviews reaction breakdown analysis explained recap rundown reveal react reacts "
        "reacting easter missed essay ranked ranking breaks breaking everything "
        + " ".join(vocab.REVIEW_WORDS),
        r"\breviews?\b|\b(?:trailer|teaser)\s+(?:reaction|breakdown|analysis|explained|recap"
        r"|rundown|reveal)\b|\breact(?:s|ing)?\b|\breaction\s+(?:video|to)\b|\bbreakdown\s*:"
        r"|\bexplained\b|\brecap\b|\beaster\s+eggs\b|\bthings\s+you\s+missed\b|\bvideo\s+essay\b"
        r"|\branked\b|\branking\b|\bbreak(?:s|ing)\s+down\b|\beverything\s+(?:we\s+know|wrong\s+with)\b"
        rf"|(?<!\w)(?:{'|'.join(vocab.REVIEW_WORDS)})(?!\w)",
    ),
    _signal(
        "live",
        "live livestream carpet launch",
        r"\blive\s*stream\b|\blivestream\b|\bred\s+carpet\b|\bwatch\s+live\b|\blive\s+now\b"
        r"|\blive\s+event\b|\(live\)|^live\b|\blive\s*:"
        # an Indian "Trailer Launch" is the press event where the trailer is shown
        r"|\b(?:trailer|teaser)\s+launch\b(?!\s+(?:trailer|teaser))",
    ),
    _signal(
        "music",
        "music video lyric lyrics soundtrack ost audio song visualizer visualiser score from",
        r"\bmusic\s+video\b|\bofficial\s+(?:music\s+)?video\b|\blyrics?\s+video\b|\bsoundtrack\b"
        r"|\bost\b|\bofficial\s+audio\b|\b(?:official|original|theme)\s+song\b|\bvisuali[sz]er\b"
        r"|\bscore\s+suite\b|\btrailer\s+(?:music|song)\b"
        r"|\(from\s+(?:the\s+)?(?:motion\s+picture|film|movie|netflix)\b",
    ),
    _signal(
        "promo",
        "spot spots promo promos sizzle announcement reveal poster commercial bumper psa "
        "tomorrow drops",
        r"\bspots?\b|\bpromos?\b|\bsizzle\b|\bannouncement\b(?!\s+(?:trailer|teaser))"
        r"|\b(?:date|title)\s+(?:reveal|announcement)\b|\bposter\b|\bcommercial\b|\bbumper\b"
        r"|\bpsa\b"
        # the announcement of a trailer: "Final Trailer Tomorrow", "Trailer Drops Friday"
        # "Trailer 2 Drops Thursday"
        r"|\b(?:trailer|teaser)\s+(?:#?\d{1,2}\s+)?(?:(?:drops\s+|out\s+)?tomorrow|drops)\b",
    ),
)
_WORD = re.compile(r"\w+")
_TRAILERS_SIGNATURE = re.compile(r"\s*\|\s*[^|]{1,40}\btrailers\s*$")
# Signals without a trigger word: a year range ("(2007-2012)") spans films, "S2" is a season.
_YEAR_RANGE = re.compile(r"[(\[]\s*(?:19|20)\d\d\s*[-–—]\s*(?:19|20)?\d\d\s*[)\]]")
_SEASON_CODE = re.compile(r"(?<!\w)s\d{1,2}(?:\s?e\d{1,2}\b|(?=\s*[|\-–—:]))")
# "seizoen 3", "2. Sezon", "85. Bölüm", "시즌2", "第2期", "ドラマ『VIVANT』": a series in the
# channel's own language.
_SEASON_WORD = rf"(?:{'|'.join(vocab.SEASON_WORDS)})"
_FINAL = rf"(?:{'|'.join(vocab.FINAL_SEASON_WORDS)})"
_FOREIGN_SERIES = re.compile(
    rf"(?<!\w){_SEASON_WORD}\s*\d+\b|\b\d+\.?\s*{_SEASON_WORD}(?!\w)|{vocab.CJK_SEASON_PATTERN}"
    # "Temporada final", "letzte Staffel"
    rf"|(?<!\w)(?:{_SEASON_WORD}\s+{_FINAL}|{_FINAL}\s+{_SEASON_WORD})(?!\w)"
    rf"|^(?:{_alternation(vocab.CJK_SERIES_PREFIXES)})\s*[\"'<]"
)
_UNTRIGGERED_SIGNALS = (
    (_YEAR_RANGE, "compilation"),
    (_SEASON_CODE, "series"),
    (_FOREIGN_SERIES, "series"),
)

# Without a trailer label these make an upload a promo or a line-up rather than "unknown".
_PROMO_WITHOUT_LABEL = re.compile(
    r"\bnow\s+(?:streaming|playing|showing|available|on)\b|\bin\s+(?:theaters|theatres|cinemas)\b"
    r"|\b(?:available|out)\s+now\b|\bon\s+(?:digital|blu-?ray|dvd|demand)\b|\bfirst\s+look\b"
    r"|\bpreview\b|\bcoming\s+soon\b|\bwatch\s+(?:now|it)\b|\bexclusive\b",
    re.IGNORECASE,
)
_MONTH = rf"(?:{'|'.join(vocab.MONTHS)})"
# "13 de marzo de 2025", "6 d'octubre": the "of" between day, month and year
_OF = rf"(?:{'|'.join(vocab.DATE_PARTICLES)})?"
_LINEUP_WITHOUT_LABEL = re.compile(
    rf"\bcoming\s+soon\s+(?:to|on)\b|(?:^|[|\-–—:]\s*){_MONTH}\s+(?:19|20)\d\d\s*(?:$|[|\-–—])",
    re.IGNORECASE,
)

# --- the label: "Official Red Band Trailer #2" ----------------------------------------------


def _has_word_boundaries(word: str) -> bool:
    """Latin, Greek, Cyrillic: scripts whose words a regex `\\b` bounds. Not Han, kana or Thai,
    which put no spaces between words, nor the Indian scripts and Hangul, whose vowel signs and
    particles a regex does not count as word characters or are joined to the word."""
    return all(ord(char) < 0x0590 for char in word)


_KEYWORDS = vocab.TRAILER_KEYWORDS + vocab.TEASER_KEYWORDS
_TEASER_KEYWORDS = frozenset(vocab.TEASER_KEYWORDS)
# A keyword is a whole word; in scripts without spaces it is part of a run of letters ("本予告").
_KEYWORD = re.compile(
    rf"\b(?:{_alternation(tuple(k for k in _KEYWORDS if _has_word_boundaries(k)))})\b"
    rf"|(?:{_alternation(tuple(k for k in _KEYWORDS if not _has_word_boundaries(k)))})",
    re.IGNORECASE,
)


def _words_anywhere(
    reason: str, entries: tuple[str, ...]
) -> tuple[str, frozenset[str], re.Pattern[str]]:
    """A signal of literal words, found as whole words or, in scripts without spaces, inside a
    run of letters (like the keywords); its trigger words are those of the scripts with
    spaces (a title in the others is not ASCII and is always searched)."""
    bounded = tuple(entry for entry in entries if _has_word_boundaries(entry))
    unbounded = tuple(entry for entry in entries if not _has_word_boundaries(entry))
    pattern = rf"(?<!\w)(?:{_alternation(bounded)})(?!\w)|(?:{_alternation(unbounded)})"
    return reason, frozenset(_WORD.findall(" ".join(bounded))), re.compile(pattern, re.I)


# "Bastidores", "Extrait", "メイキング": the other-signals' words in every language.
_FOREIGN_SIGNALS = (
    _words_anywhere("featurette", vocab.MAKING_OF_WORDS),
    _words_anywhere("clip", vocab.CLIP_WORDS),
    _words_anywhere("interview", vocab.INTERVIEW_WORDS),
)
# Words that turn the keyword into part of a name ("Trailer Park Boys").
_KEYWORD_COMPOUND = re.compile(rf"\s+(?:{_alternation(vocab.KEYWORD_COMPOUNDS)})\b", re.IGNORECASE)

_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_QUOTES = "'\""
# News channels lead in to the label: "Watch the new trailer for Nosferatu".
_LEAD_IN = re.compile(r"^(?:watch|see|here'?s|check\s+out)(?:\s+(?:the|a|an|our))?$", re.I)

# --- separators and segments ---------------------------------------------------------------

# Strong separators end a title for good; dashes also join a title and its subtitle.
_SEPARATOR = re.compile(  # the title's whitespace is already collapsed to single spaces
    r"(?=[ |\[\]/l\-–—~])"  # fail fast where no separator can start
    r"( ?[|\[\]] ?| ?// ?| / | ?(?<!\S)l(?!\S) ?| [-–—~]+ ?|[-–—~]+ )"
)
# "Timothée Chalamet, Robert Pattinson", "starring Sacha Baron Cohen": names of two to four
# capitalised words joined by commas or "and" (single words would catch "Bill & Ted").
_CAST_LIST = re.compile(
    r"^(?:(?i:starring|featuring|ft\.|feat\.|dir\.|directed\s+by)\s+.+"
    r"|[A-ZÀ-Þ][\w.'À-ÿ-]*(?:\s+[A-ZÀ-Þ][\w.'À-ÿ-]*){1,3}"
    r"(?:\s*(?:,|&|and)\s*[A-ZÀ-Þ][\w.'À-ÿ-]*(?:\s+[A-ZÀ-Þ][\w.'À-ÿ-]*){1,3})+)$"
)
# A date alone is a tail ("10.11.2019"); one opening a segment may be a title ("12.12: The Day").
_RELEASE_TAIL = re.compile(
    # a phrase ends a word ("Tayang 31 Maret", not "Tayangan") or at a digit ("Ab 4. Mai")
    rf"^(?:only\s+|now\s+|exclusively\s+)?"
    rf"(?:(?:{'|'.join(vocab.RELEASE_PHRASES)})(?:(?<=\d)|(?!\w))"
    rf"|on\s+(?:{'|'.join(vocab.PLATFORMS)})\b|\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?\.?$"
    # a day and a month: "13 Juni 2024 di Bioskop", "7 ธันวาคม" (never month first: "September 5")
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+{_OF}{_MONTH}(?!\w)|(?:19|20)\d\d\.\s+{_MONTH}(?!\w))",
    re.IGNORECASE,
)
# "Ultra HD" as one tag: "Gremlins 4K Ultra HD" is Gremlins ("American Ultra" keeps its word)
_QUALITY = r"ultra\s+hd|hd|fhd|hq|4k|8k|uhd|1080p|720p|2160p"
_QUALITY_ONLY = re.compile(
    rf"^\s*(?:{_QUALITY}|official|exclusive|new|first\s+look|world\s+premiere"
    r"|\(\s*(?:19|20)\d\d\s*\)?)\s*$",
    re.IGNORECASE,
)

# --- the year -----------------------------------------------------------------------------

# "(2019)", "( 2016)", "[2019]", FilmSelect's "(NEW 2024)", Paramount's "(2023 Movie)"
_YEAR_IN_BRACKETS = re.compile(
    r"[(\[]\s*(?:new\s+)?((?:19|20)\d\d)(?:\s+(?:movie|film))?\s*[)\]]", re.IGNORECASE
)
_YEAR_IN_DATE = re.compile(
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./]((?:19|20)\d\d)\b"
    rf"|\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
    # day-month-year: "In Cinemas 12 March 2025", "25th March 2022", "På bio 14 mars 2025"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+{_OF}{_MONTH}\.?,?\s+{_OF}((?:19|20)\d\d)\b"
    # year first: "2024年7月12日" (Japanese, Chinese), "2024. december 19." (Hungarian)
    rf"|((?:19|20)\d\d)\s*年\s*\d{{1,2}}\s*月|\b((?:19|20)\d\d)\.\s+{_MONTH}\s+\d{{1,2}}\b",
    re.IGNORECASE,
)
# "Trailer: Dune", "Official Trailer #2 for Dune": what follows a label that opens the title.
# every date above states a year: a title without one skips the long search of month names
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_LABEL_OPENS_TITLE = re.compile(r"[\s#\d]*(?::|\bfor\b)\s*(.+)", re.IGNORECASE)
_YEAR_AFTER_LABEL = re.compile(r"^\s*(?:#?\s*\d{1,2}\s+)?((?:19|20)\d\d)\b")
# ... or ending the upload after the label, alone or after a bracket: "Resmi Fragman (Türkçe
# Altyazılı) 2024"; after a word it is that word's ("| D23 2024", "| Sundance 2025": events).
_YEAR_ENDS_UPLOAD = re.compile(r"(?:^|[)\]|])\s*((?:19|20)\d\d)\s*$")
_YEAR_IN_RELEASE_TAIL = re.compile(
    rf"\b(?:theaters|theatres|cinemas|coming|{'|'.join(vocab.RELEASE_SEASONS + vocab.YEAR_WORDS)})"
    r"\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "Official Trailer 2021春节": a year glued to the Chinese release season after it
_YEAR_BEFORE_CJK_SEASON = re.compile(
    rf"((?:19|20)\d\d)\s*(?:{'|'.join(vocab.CJK_RELEASE_SEASONS)})"
)

# --- tidying the title ----------------------------------------------------------------------

_TITLE_PREFIX = re.compile(
    rf"^(?:(?:{'|'.join(vocab.TITLE_PREFIXES)})\s*[:\-–—]+\s*|[^:]{{0,20}}\bedit\s*:\s*"
    # an event series' banner: "TCM Big Screen Classics: Casablanca"
    rf"|[^:]{{0,30}}\bclassics\s*:\s*"
    rf"|(?:{_alternation(vocab.CJK_TITLE_PREFIXES)})\s*(?=[\"'<])"
    rf"|(?:{_alternation(vocab.FILM_TITLE_PREFIXES)})\s+(?=\w))",
    re.IGNORECASE,
)
_CJK_TITLE_PREFIX = re.compile(rf"^(?:{_alternation(vocab.CJK_TITLE_PREFIXES)})\s*(?=[\"'<])")
# "Andrea Arnold's BIRD", "WONG KAR WAI's IN THE MOOD FOR LOVE": a credit before an all-caps
# title, told apart by its lower-case possessive ("ROCKY'S REVENGE" is one title).
_CREDIT_BEFORE_CAPS = re.compile(r"^[A-Z][\w.\- ]*?(?:'s|s')\s+(?=[^a-z]*[A-Z][^a-z]*$)")
# "L'ORTO AMERICANO di Pupi Avati", "THE ZONE OF INTEREST by Jonathan Glazer": a credit after
# a title in capitals.
_CREDIT_AFTER_CAPS = re.compile(
    rf"^([^a-z]+?)\s+(?:by|di|de|von|van|af|av|par|od)\s+[A-ZÀ-Þ][a-zß-ÿ'.]+"
    rf"(?:\s+(?:(?:{'|'.join(vocab.NAME_PARTICLES)})\s+)?[A-ZÀ-Þ][a-zß-ÿ'.-]+){{1,2}}$"
)
# "Fallen Leaves (Kuolleet lehdet)", "Exhuma (파묘)": the original-language title in brackets
# after the English one. "Birdman or (The Unexpected Virtue of Ignorance)" keeps its own.
# A sequel's part in brackets is the title's own: "Kaamelott – Deuxième volet (Partie 1)".
_ORIGINAL_TITLE_AFTER = re.compile(
    rf"(?<! or) \((?!(?:{'|'.join(vocab.PART_WORDS)})\.?\s+\w+\)$)[^()]*[^\W\d_][^()]*\)$",
    re.IGNORECASE,
)
# "《年少日記》Time Still Turns the Pages": an original title in another script, quoted, before
# the English one; a middle dot is one of its marks ("《破·地獄》The Last Dance").
_ORIGINAL_TITLE_BEFORE = re.compile(r'^"[^"\x00-\u00b6\u00b8-\u024f]+"\s*(?=[A-Za-z])')
# "九龍城寨之圍城 Twilight of the Warriors: Walled In": an original title in another script,
# unquoted, before an English one in mixed case ("ファーストキス 1ST KISS" is one title). "The
# Movie" alone is not an English title but part of the local one ("วิมานหนาม The Movie").
# "Big Snake 3: Dinosaur vs Python 大蛇3：龙蛇之战", "The Battle at Lake Changjin 国庆档终极": an
# English title in mixed case, then words in a CJK script only (its original title, or the
# trailer's name in that language).
_LOCAL_TITLE_AFTER = re.compile(
    rf"^(.*[a-z].*?[A-Za-z0-9.!?)])\s+(?=[{_CJK}])[^A-Za-z\u00c0-\u024f]+$"
)
# "冯小刚《芳华》曝终极预告", "園子温監督『アンチポルノ』予告編", "电影《八佰》定档预告": a name in
# the quotes of a CJK script, with only that script's words (or "Official") around it up to the
# label, is the film's: the words before it credit a director or brand a series, the words
# after it name the trailer. Other words after it are the title's ("劇場版「鬼滅の刃」無限列車編").
_CJK_QUOTED_TITLE = re.compile(rf'^[^"A-Za-z\u00c0-\u024f]*"([^"]*[{_CJK}][^"]*)"([^"]*)$')
_CJK_TRAILER_NAME = re.compile(
    "(?:"
    + _alternation(
        tuple(word for word in vocab.LABEL_WORDS if re.search(f"[{_CJK}]", word))
        + vocab.CJK_TRAILER_NAME_WORDS
        + vocab.CJK_RELEASE_SEASONS
    )
    + ")+"
)
_LOCAL_TITLE_BEFORE = re.compile(
    r"^(?:(?=\S*[^\x00-\u024f\u1e00-\u1eff\s])[^\sA-Za-z\u00c0-\u024f\u1e00-\u1eff]+\s+)+"
    r"(?!(?:[Tt]he )?(?:[Mm]ovie|[Ff]ilm)$)"
    r"(?=[A-Z][\x00-\u024f\u1e00-\u1eff]*[a-z][\x00-\u024f\u1e00-\u1eff]*$)"
)
_QUALITY_TAG = re.compile(rf"(?:^|\s)[(\[]?(?:{_QUALITY})[)\]]?(?=\s|$)", re.I)
# A studio's credit is not part of the film's title ("Marvel Studios' Thunderbolts*",
# "Disney and Pixar's Elemental", "A24 presents: Civil War"). A person's is kept unless the
# title itself is in capitals ("Guillermo del Toro's Pinocchio" is the film's name), and so
# is a franchise's ("Fast & Furious Presents: Hobbs & Shaw").
_STUDIO_CREDIT = re.compile(
    rf"^(?:{'|'.join(vocab.STUDIO_CREDITS)})(?:'s?|\s+presents\s*:?)\s+", re.IGNORECASE
)
_EDGE_JUNK = " \t-–—~:|,;/#*"
# "Dunki | Drop 4 | Official Trailer": a numbered name of the trailer in a segment of its own
_NUMBERED_TRAILER_NAME = re.compile(
    rf"^(?:{_alternation(tuple(vocab.NUMBERED_TRAILER_NAMES))})\s*#?\d{{1,2}}$", re.IGNORECASE
)
# A person's name: "Jim Jarmusch", "Wong Kar-wai", "Guillermo del Toro"
_PERSON_NAME = re.compile(
    rf"^[A-ZÀ-Þ][a-zß-ÿ'.]+(?:-[A-Za-zß-ÿ]+)?"
    rf"(?:\s+(?:(?:{'|'.join(vocab.NAME_PARTICLES)})\s+)?[A-ZÀ-Þ][a-zß-ÿ'.]+(?:-[A-Za-zß-ÿ]+)?){{1,2}}$"
)
_SUBTITLE_BREAK = re.compile(r"\s*[:\-–—]\s+|:")
_SPACE_BEFORE_COLON = re.compile(r"\s+:")
_WRAPPING_QUOTES = re.compile(r'^(["\'])(.+)\1$|^<()([^<>]+)>$')
_QUOTED_NAME = re.compile(r"(?<!\w)([\"'])(.+?)\1(?!\w)")
# '"正体"30秒', '"ゴジラ"予告2': a quoted title and, joined to it, the name of the trailer.
_QUOTED_THEN_NAME = re.compile(r'^"([^"]+)"[^\s"]+$')
# "Berlinale 2024", "NYFF62", "Tribeca Festival 2024": a festival, its trailer a programme
_FESTIVAL_TITLE = re.compile(
    rf"^(?:{_alternation(vocab.FESTIVALS)})\s*(?:(?:19|20)\d\d|\d{{1,3}})?$"
    r"|\bfest(?:ival)?\s+(?:19|20)\d\d$",
    re.IGNORECASE,
)
# "Berlinale 2022 Selection", "Official Selection Cannes 2024": a tail ("Official Competition"
# with no festival is a film)
# ... and, after a title, festivals named like a film too ("Deadstream | Fantasia 2022 | ...")
_ALL_FESTIVALS = _alternation(vocab.FESTIVALS + vocab.FESTIVALS_AFTER_TITLE)
_FESTIVAL_AFTER_TITLE = re.compile(
    rf"^(?:{_ALL_FESTIVALS})\s*(?:(?:19|20)\d\d|\d{{1,3}})?$|\bfest(?:ival)?\s+(?:19|20)\d\d$",
    re.IGNORECASE,
)
_FESTIVAL_EDITION = rf"(?:{_ALL_FESTIVALS})\s*(?:(?:19|20)\d\d|\d{{1,3}})?"
_FESTIVAL_HONOUR = re.compile(
    rf"^(?:{_FESTIVAL_EDITION}\s+(?:\S+\s+){{0,3}}?(?:official\s+)?"
    rf"(?:{'|'.join(vocab.FESTIVAL_HONOURS)})"
    rf"|official\s+selection(?:\s+{_FESTIVAL_EDITION})?)$",
    re.IGNORECASE,
)
# "Huesera (Fantasia 2022 Trailer)": a festival edition between a title and the keyword
_FESTIVAL_BEFORE_KEYWORD = re.compile(
    rf"(?<=\S)\s+\(?\s*(?:{_ALL_FESTIVALS})\s*(?:19|20)\d\d"
    rf"(?:\s+(?:\S+\s+){{0,2}}?(?:official\s+)?(?:{'|'.join(vocab.FESTIVAL_HONOURS)}))?\s*$",
    re.IGNORECASE,
)
# "Imprint Collection #216", "Indicator Series No. 12": a disc label's numbered line
_NUMBERED_LINE = re.compile(
    rf"^(?:\S+\s+){{0,3}}(?:{'|'.join(vocab.NUMBERED_LINE_WORDS)})\s*(?:#|no\.?)\s*\d+$",
    re.IGNORECASE,
)
_AWARD = re.compile(
    rf"^(?:\S+\s+){{0,6}}?(?:{'|'.join(vocab.AWARDS)})s?[®™]?(?:[-\s]+\S+){{0,4}}$", re.IGNORECASE
)
# "Peccadillo Pictures", "SCREEN MEDIA": a distributor's name (no article opens it)
_COMPANY = (
    rf"^(?!(?:the|a|an)\s)(?:[A-Z0-9][\w.'&!+-]*\s+){{1,3}}"
    rf"(?i:{'|'.join(sorted(vocab.COMPANY_SUFFIXES))})"
)
_COMPANY_NAME = re.compile(rf"{_COMPANY}$")
# "Fun City Editions: LAST EMBRACE": a distributor's name opening the title, with a colon
_COMPANY_CREDIT = re.compile(rf"{_COMPANY}\s*:\s*(?=\S)")
# 'Sci-Fi Film "Vesper"', 'Horror Movie "Lola"': a genre and a word for "film" before the
# quoted title
_GENRE_BEFORE_QUOTED = re.compile(
    rf"^(?:(?:{'|'.join(re.escape(g) for g in vocab.GENRES)})[\s-]+)+"
    rf"(?:{'|'.join(vocab.QUOTED_TITLE_LEADS)})\s+\"([^\"]+)\"$",
    re.IGNORECASE,
)
# Words of a sequel's subtitle, never of a person's name: "JOHN WICK - Chapter Two"
_SEQUEL_WORDS = frozenset({"part", "chapter", "volume", "vol.", "book", "episode"})
_TRADEMARK = re.compile("[®™℠]")
_TRAILING_NUMBER = re.compile(r"\s(\d{1,2})$")

# --- casing ---------------------------------------------------------------------------------

# fmt: off
_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
    "on", "onto", "or", "over", "per", "the", "to", "upon", "via", "vs", "vs.", "v.", "with",
})
# fmt: on
# Particles of French titles, lower-case inside a title recased from capitals
# ("Joker: Folie à Deux", "Quai du Commerce").
_FOREIGN_PARTICLES = frozenset({"à", "au", "aux", "de", "des", "du"})
_VOWEL_LESS_TITLE_CASED = frozenset({"MR", "MRS", "MS", "DR", "ST", "JR", "SR", "MR.", "MRS."})
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}[A-Z]?\.?$|^[IVX]{2,}$|^[B-DF-HJ-NP-TV-XZ]{2,5}$|^.*\d.*$")
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


def _other(reason: str) -> ParsedTitle:
    # OtherReason() refuses a reason outside the vocabulary (a preset's typo, say) at once.
    return ParsedTitle(kind=OTHER, reason=OtherReason(reason), title=None, year=None)


def parse_title(youtube_title: str, rules: TitleRules | None = None) -> ParsedTitle:
    """Kind, film title and stated year of one upload title."""
    compiled = _compiled(rules or GENERIC_RULES)
    text = _clean(youtube_title)
    if reason := _other_reason(text, compiled):
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

    # 《》 mark a whole title in Chinese: what follows it never continues the title
    book_marks = youtube_title.count("\u300a") == 1
    title = _title_from(segments, separators, index, keyword, compiled, book_marks)
    if reason := _title_reason(title, compiled):
        return _other(reason)

    return ParsedTitle(
        kind=TEASER if keyword.group().casefold() in _TEASER_KEYWORDS else TRAILER,
        reason="",
        title=_recase(title),
        year=_stated_year(text, _after_label(segments, index, keyword, title)),
    )


def _title_reason(title: str, rules: _CompiledRules) -> str:
    """Why the title found makes the upload 'other' after all ("" when it does not)."""
    if not title:
        return "unknown"
    if title.casefold().startswith(rules.series_prefixes):
        return "series"
    number = _TRAILING_NUMBER.search(title)
    if number and rules.season_numbers and int(number.group(1)) in rules.season_numbers:
        return "series"
    if _FESTIVAL_TITLE.search(title):
        return "lineup"
    return "compilation" if _is_compilation(title) else ""


def _is_compilation(title: str) -> bool:
    """A title naming a set of films: "Harry Potter Saga", "The Matrix Collection", "Every
    Christopher Nolan Movie". An article makes the noun the film's own name: "The Collection",
    "Furiosa: A Mad Max Saga", "The Twilight Saga: New Moon" (a subtitle follows)."""
    lower = title.casefold()
    phrase = _SUBTITLE_BREAK.split(lower)[-1].split()
    if len(phrase) >= 2 and phrase[-1] in vocab.COMPILATION_NOUNS:
        return phrase[0] not in {"a", "an"} and phrase[-2] not in vocab.ARTICLES
    # the opener may follow an event's name: "Summer Game Fest 2025: Every Movie"
    last_phrase = " ".join(phrase)
    return last_phrase.startswith(tuple(f"{opener} " for opener in vocab.COMPILATION_OPENERS)) and (
        phrase[-1] in vocab.COMPILATION_FILM_WORDS
    )


def _clean(youtube_title: str) -> str:
    text = youtube_title
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():  # most titles are ASCII: skip the slow per-character work
        text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    return " ".join(text.replace("`", "'").split())


def _other_reason(text: str, rules: _CompiledRules) -> str:
    # "| Movieclips Trailers", "| JoBlo Horror Trailers": a channel's signature, no compilation
    # "İnceleme": Turkish dotted capital I lower-cases to "i" and a combining dot
    lower = _TRAILERS_SIGNATURE.sub("", text.lower().replace("i\u0307", "i"))
    words = set(_WORD.findall(lower))
    for reason, triggers, pattern in _OTHER_SIGNALS:
        if not words.isdisjoint(triggers) and pattern.search(lower):
            return reason
    for pattern, reason in _UNTRIGGERED_SIGNALS:
        if pattern.search(lower):
            return reason
    for reason, triggers, pattern in _FOREIGN_SIGNALS:
        if (not lower.isascii() or not words.isdisjoint(triggers)) and pattern.search(lower):
            return reason
    for pattern, reason in rules.other:
        if pattern.search(lower):
            return reason
    return ""


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
    book_marks: bool = False,
) -> str:
    """The film title around the label found at `segments[index]`.

    It is the text before the label in the label's own segment ("Dune Official Trailer"),
    joined to the dash-separated segments just before it ("Mission: Impossible - Dead
    Reckoning"), back to the previous strong separator; or, when the label has a segment of
    its own, the segment group before it ("Dune | Official Trailer"). A label that opens the
    upload title takes the text after it ("Official Trailer: Dune", "Teaser | Dune").
    """
    if quoted := _cjk_quoted_title(segments[index][: keyword.start()], book_marks):
        return _tidy(quoted)
    pieces = [_before_label(segments[index][: keyword.start()], opens_upload=index == 0)]
    first = index
    while first > 0 and _is_dash(separators[first - 1]):
        first -= 1
        pieces.insert(0, segments[first])
    kept = _title_pieces(pieces, rules)
    # After a strong separator, words before the keyword name the trailer and the film comes
    # first: "Nosferatu | 'Orlok' Character Teaser", "Nosferatu | Dolby Cinema Trailer". A
    # distributor's name is no film: "Film Movement Classics | Spring Collection Trailer".
    earlier = (
        _group_before(segments, separators, first, rules) if not kept or first == index else []
    )
    if earlier and not (kept and _is_company_name(" - ".join(earlier))):
        kept = earlier
    if kept:
        return _tidy(" - ".join(kept))

    after = _text_after_label(segments[index], keyword.end())
    for candidate in [after, *segments[index + 1 :]]:
        if _is_title_piece(candidate, rules) and not _find_label([candidate]):
            return _tidy(candidate)
    return ""


def _cjk_quoted_title(text: str, book_marks: bool) -> str:
    """The name quoted in a CJK script's marks before a label, when only credits and words
    naming the trailer stand around it ("" when there is none). After Chinese 《》, which
    close a whole title, any words of that script may stand there: "《第二十条》张艺谋 雷佳音
    马丽 定档预告" names its director and cast."""
    quoted = _CJK_QUOTED_TITLE.match(text.strip())
    if quoted and all(
        _CJK_TRAILER_NAME.fullmatch(word)
        or word.casefold() in vocab.OFFICIAL_WORDS
        or (book_marks and not re.search("[A-Za-z\u00c0-\u024f]", word))
        for word in quoted.group(2).split()
    ):
        return quoted.group(1)
    return ""


def _text_after_label(segment: str, end: int) -> str:
    """What follows a label with no title before it: "Trailer: Dune", "Official Trailer for
    Dune", "Official Trailer IPAR ADALAH MAUT", "Trailer Resmi Film 'Jatuh Cinta'" (label
    words, numbers and a word for "film" come first)."""
    if after := _LABEL_OPENS_TITLE.match(segment, end):
        return after.group(1)
    words = segment[end:].split()
    start = 0
    while start < len(words) and _names_the_video(words[start]):
        start += 1
    rest = words[start:]
    if _label_start(rest, edition_only=False) == 0:
        return ""
    # a quoted name among the words is the film's: "Teaser Film Horor 'Pemandi Jenazah'"
    quoted = _QUOTED_NAME.search(" ".join(rest))
    return quoted.group(2) if quoted else " ".join(rest)


def _names_the_video(word: str) -> bool:
    bare = word.casefold().strip("#()[],:")
    return (
        bare.isdigit()
        or bare in vocab.LABEL_WORDS
        or bare in vocab.FILM_WORDS
        or bool(_KEYWORD.fullmatch(bare))
    )


def _group_before(
    segments: list[str], separators: list[str], end: int, rules: _CompiledRules
) -> list[str]:
    """The title pieces of the dash-joined group before `segments[end]`, passing over
    segments that are no title ("The Thing [4K] | Official Trailer")."""
    last = end - 1
    while last >= 0 and not _is_title_piece(segments[last], rules):
        last -= 1
    # "Frankenstein | Guillermo del Toro | Official Trailer": a name after the title is a
    # credit; "STRANGER BY THE LAKE | Peccadillo Pictures | UK Trailer": a sign-off
    while (
        last > 0
        and not _is_dash(separators[last - 1])
        and (_is_credit_after_title(segments, last) or _is_sign_off(segments[last]))
        and _is_title_piece(segments[last - 1], rules)
    ):
        last -= 1
    first = last
    while first > 0 and _is_dash(separators[first - 1]):
        first -= 1
    return _title_pieces(segments[first : last + 1], rules) if last >= 0 else []


def _is_credit_after_title(segments: list[str], position: int) -> bool:
    """A person's name in a segment of its own after a title not in capitals (a title in
    capitals after a name is handled as "Jim Jarmusch | FATHER MOTHER SISTER BROTHER")."""
    name, before = segments[position].strip(_EDGE_JUNK), segments[position - 1].strip(_EDGE_JUNK)
    return bool(_PERSON_NAME.match(name)) and any(char.islower() for char in before)


def _title_pieces(pieces: list[str], rules: _CompiledRules) -> list[str]:
    """The pieces that belong to the title; a cast list never opens a title, and a director's
    name before a title in capitals is a credit: "Jim Jarmusch - NIGHT ON EARTH"."""
    kept = [piece for piece in pieces[:1] if _is_title_piece(piece, rules)]
    kept += [
        piece
        for piece in pieces[1:]
        if _is_title_piece(piece, rules)
        and not _CAST_LIST.match(piece.strip(_EDGE_JUNK))
        and not _is_sign_off(piece)
    ]
    if len(kept) > 1 and _is_person_credit(kept[0], kept[1:]):
        kept = kept[1:]
    # ... and after it: "POISON - Todd Haynes - 30th Anniversary Restoration Trailer"
    if len(kept) > 1 and _is_person_credit(kept[-1], kept[:-1]):
        kept = kept[:-1]
    return kept


def _is_person_credit(piece: str, rest: list[str]) -> bool:
    """A person's name (two or three capitalised words, "del"/"van" particles allowed) in mixed
    case before pieces in capitals. A title word (an article, "of", a label word) makes it a
    title: "The Batman - THE BAT AND THE CAT"."""
    name = piece.strip(_EDGE_JUNK)
    return bool(
        _PERSON_NAME.match(name)
        and not any(char.isalpha() and char.islower() for char in "".join(rest))
        and any(char.isupper() for char in "".join(rest))
        and not {word.casefold() for word in name.split()}
        & (_SMALL_WORDS | vocab.LABEL_WORDS | _SEQUEL_WORDS)
    )


def _is_dash(separator: str) -> bool:
    return not any(mark in separator for mark in "|[]/") and separator.strip() != "l"


def _is_title_piece(piece: str, rules: _CompiledRules) -> bool:
    stripped = piece.strip(_EDGE_JUNK + ")")
    return bool(
        any(char.isalnum() for char in stripped)  # not an emoji or a mark on its own
        and stripped.casefold() not in rules.channel_names
        and not _QUALITY_ONLY.match(stripped)
        and not _RELEASE_TAIL.match(stripped)
        and not _NUMBERED_TRAILER_NAME.match(stripped)
        and not _is_label_only(stripped)
    )


def _is_company_name(piece: str) -> bool:
    return bool(_COMPANY_NAME.match(piece.strip(_EDGE_JUNK)))


def _is_sign_off(piece: str) -> bool:
    """A segment after the title that signs or boasts rather than names the film: a
    distributor, a festival, a selection or an award ("Dry Ground Burning | Berlinale 2022
    Selection | Official Trailer"). Only ever dropped after a title, so a film named like one
    ("Official Competition", "Dirty Pictures") keeps its name."""
    stripped = piece.strip(_EDGE_JUNK)
    return bool(
        _is_company_name(stripped)
        or _FESTIVAL_AFTER_TITLE.search(stripped)
        or _FESTIVAL_HONOUR.match(stripped)
        or _NUMBERED_LINE.match(stripped)
        or _AWARD.match(stripped)
    )


def _is_label_only(text: str) -> bool:
    """Two or more words that all name the trailer: "4K Restoration", "Collector's Edition",
    "New 4K Restoration" (one such word may be a film: "Restoration")."""
    words = text.split()
    if len(words) < 2:
        return False
    if _label_start(words, edition_only=True) == 0:
        return True
    # label words around an edition word: "New 4K Restoration", "Official 4K Remaster"
    return _label_start(words, edition_only=False) == 0 and any(
        word.casefold() in vocab.EDITION_WORDS for word in words
    )


def _before_label(text: str, opens_upload: bool) -> str:
    """The text before a keyword without the words naming the trailer."""
    # The title stops at a stated year, and all before the year is the title, even a word that
    # is also a label: "Contagion (2011) Pop-Up Trailer", "Anniversary (2025) Official Trailer".
    if (year := _YEAR_IN_BRACKETS.search(text)) and year.start() > 0:
        return _unless_lead_in(text[: year.start()].split())
    text = _FESTIVAL_BEFORE_KEYWORD.sub("", text)
    if opens_upload:
        text = _CJK_TITLE_PREFIX.sub("", text)  # "영화 '소방관' 런칭": the quoted name is the film
    words, edition_only = _cut_at_official(text.split(), opens_upload)
    if opens_upload:
        words = _without_words_before_quoted_title(words)
    # After a separator a quoted name opening the segment names the trailer ("Twisters -
    # 'Chase' Trailer"); opening the upload it is the film ("'Dune: Part Two' Trailer 3").
    start = _label_start(words, edition_only, quoted_name_is_label=not opens_upload)
    if 1 < start < len(words) and words[start - 1].casefold() in vocab.ARTICLES:
        start -= 1  # "Nosferatu: The Director's Cut Trailer": the article is the label's
    if start == 0:
        # all label ("Final Trailer"), unless one title word stands alone before "Official"
        return " ".join(words) if _is_lone_title_word(words, edition_only and opens_upload) else ""
    title_words = words[:start]
    if len(title_words) == 1 and title_words[0].casefold() in vocab.ARTICLES:
        title_words = words  # "The Final Trailer" is a title, not "The" + label
    return _unless_lead_in(title_words)


def _without_words_before_quoted_title(words: list[str]) -> list[str]:
    """ "Exclusive 'Opus' Trailer", "New 'Dune' Trailer": label words opening the upload name
    the video, and the quoted name after them is the film's."""
    opening = next((i for i, word in enumerate(words) if word[0] in _QUOTES), 0)
    if (
        opening
        and words[-1].rstrip(",:")[-1:] == words[opening][0]
        and all(word.casefold() in vocab.LABEL_WORDS for word in words[:opening])
    ):
        return words[opening:]
    return words


def _unless_lead_in(title_words: list[str]) -> str:
    """ "Watch the new trailer for Nosferatu": the title follows the label."""
    text = " ".join(title_words)
    return "" if _LEAD_IN.match(text) else text


def _cut_at_official(words: list[str], opens_upload: bool) -> tuple[list[str], bool]:
    """The words before the last "Official", and whether there was one.

    Whatever stands between "Official" and the keyword names the trailer ("Official 'Best
    Day' Trailer"); the last "Official" counts, so "Official Secrets" keeps its own. Only where
    the upload title opens can "Official" start a film's title ("Jurassic World - Official
    Global Trailer")."""
    for position in range(len(words) - 1, 0 if opens_upload else -1, -1):
        if words[position].casefold().lstrip("([") in vocab.OFFICIAL_WORDS:
            return words[:position], True
    return words, False


def _is_lone_title_word(words: list[str], before_official: bool) -> bool:
    """One edition word alone before "Official" where the upload opens is the film's title:
    "Restoration Official Trailer" (but "IMAX Official Trailer" and "4K ..." name the trailer)."""
    return before_official and len(words) == 1 and words[0].isalpha() and not words[0].isupper()


def _label_start(words: list[str], edition_only: bool, quoted_name_is_label: bool = False) -> int:
    """Index of the first of the label words ending `words` (len(words) when there are none).

    With `edition_only` (after "Official") only edition words count."""
    start = len(words)
    while start > 0 and (length := _label_part(words, start, edition_only, quoted_name_is_label)):
        start -= length
    return start


def _label_part(words: list[str], end: int, edition_only: bool, quoted_name_is_label: bool) -> int:
    """How many of the words ending at `end` are one more part of the label (0: none)."""
    raw = words[end - 1].lstrip("([").rstrip(",:")
    word = raw.casefold()
    previous_raw = words[end - 2] if end > 1 else ""
    previous = previous_raw.casefold()
    if previous in vocab.PREPOSITIONS:
        length = 0  # a label word after "to", "with" is the title's: "Failure to Launch"
    elif word in vocab.COUNTRY_CODES:
        return int(not edition_only and _is_country_code(raw, previous_raw))
    elif _is_label_pair(previous, word, edition_only):
        length = 2
    else:
        length = _label_word_length(word, previous, edition_only)
    if length or edition_only:
        return length
    return _quoted_name_length(words, end, quoted_name_is_label)


def _label_word_length(word: str, previous: str, edition_only: bool) -> int:
    """1 for a label word, 2 with the ordinal of an anniversary ("50th Anniversary")."""
    if not edition_only and _ORDINAL.fullmatch(word) and previous not in vocab.ARTICLES:
        return 1  # the trailer's number: "2nd Trailer" (but "Friday the 13th Trailer")
    if word not in (vocab.EDITION_WORDS if edition_only else vocab.LABEL_WORDS):
        return 0
    return 2 if word == "anniversary" and _ORDINAL.fullmatch(previous) else 1


def _is_label_pair(previous: str, word: str, edition_only: bool) -> bool:
    """ "Red Band", "Director's Cut", "Signature Edition", "Ultimate Spy" (not after "Official")."""
    if (previous, word) in (vocab.EDITION_PAIRS if edition_only else vocab.LABEL_PAIRS):
        return True
    if word == "edition":
        return previous != ""
    return not edition_only and previous == "ultimate"


def _is_country_code(raw: str, previous_raw: str) -> bool:
    """ "US Trailer", not "Us Trailer" (a film) nor "IT ENDS WITH US", "BENEATH US" (the pronoun
    of a title in capitals)."""
    return (
        raw.isupper()
        and not previous_raw.isupper()
        and previous_raw.casefold() not in vocab.PRONOUN_BEFORE_US
    )


def _quoted_name_length(words: list[str], end: int, quoted_name_is_label: bool) -> int:
    """The words of a quoted trailer name ending at `end`: "If I Stay Official 'Best Day' ..."."""
    last = words[end - 1].rstrip(",:")
    if len(last) < 2 or last[-1] not in _QUOTES:
        return 0
    opening = next(
        (i for i in range(end - 1, max(end - 7, -1), -1) if words[i][0] == last[-1]), None
    )
    if opening is None or (opening == 0 and not quoted_name_is_label):
        return 0
    return end - opening


def _tidy(title: str) -> str:
    if (year := _YEAR_IN_BRACKETS.search(title)) and year.start() > 0:
        title = title[: year.start()]  # "Dune (2021)": the year is not part of the title
    title = _QUALITY_TAG.sub(" ", title)
    title = _TITLE_PREFIX.sub("", title.strip(_EDGE_JUNK))
    title = _CREDIT_BEFORE_CAPS.sub("", _STUDIO_CREDIT.sub("", _COMPANY_CREDIT.sub("", title)))
    if quoted := _GENRE_BEFORE_QUOTED.match(title):
        title = quoted.group(1)
    title = _CREDIT_AFTER_CAPS.sub(r"\1", title)
    title = _ORIGINAL_TITLE_BEFORE.sub("", _ORIGINAL_TITLE_AFTER.sub("", title))
    title = _LOCAL_TITLE_AFTER.sub(r"\1", _LOCAL_TITLE_BEFORE.sub("", title))
    # edition words left on a title whose label has a segment of its own: "The Godfather 50th
    # Anniversary | Official Trailer"
    words = title.split()
    start = _label_start(words, edition_only=True)
    if start > 1 or (start == 1 and words[0].casefold() not in vocab.ARTICLES):
        title = " ".join(words[:start])
    title = _SPACE_BEFORE_COLON.sub(":", _SPACES.sub(" ", title))
    if quoted := _QUOTED_THEN_NAME.match(title):
        title = quoted.group(1)
    title = _TRADEMARK.sub("", title)  # "F1® The Movie"
    return _unwrapped(_without_edge_symbols(title).strip(_EDGE_JUNK))


def _without_edge_symbols(title: str) -> str:
    """Without emoji, signs and their joiners at either end: "Sinners 🩸", "🎬 Conclave",
    "FLOW®" (punctuation is the title's own: "Crazy, Stupid, Love.")."""
    start, end = 0, len(title)
    while start < end and _is_edge_symbol(title[start]):
        start += 1
    while end > start and _is_edge_symbol(title[end - 1]):
        end -= 1
    return title[start:end].strip()


def _is_edge_symbol(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in {"So", "Sk", "Mn", "Cf", "Cs"}


def _unwrapped(title: str) -> str:
    """Without a bracket cut from its pair by a separator ("Dune (Official Trailer)") or the
    quotes around the whole title."""
    if title.endswith("("):
        title = title[:-1].rstrip(_EDGE_JUNK)
    if title.startswith("(") and ")" not in title:
        title = title[1:].lstrip(_EDGE_JUNK)
    if title.endswith(")") and "(" not in title:
        title = title[:-1].rstrip(_EDGE_JUNK)
    if quoted := _WRAPPING_QUOTES.match(title):
        title = (quoted.group(2) or quoted.group(4)).strip()
    return title


def _after_label(segments: list[str], index: int, keyword: re.Match[str], title: str) -> str:
    """The text after the label, without the title when the title follows the label
    ("Official Trailer | 1917": 1917 is the film, not a year)."""
    after = " ".join([segments[index][keyword.end() :], *segments[index + 1 :]])
    return re.sub(rf"(?<!\w){re.escape(title)}(?!\w)", " ", after, count=1)


def _stated_year(text: str, after_label: str) -> int | None:
    """The year the upload title states; bare years count only after the label, where they
    cannot be part of the film's title ("Blade Runner 2049 Trailer")."""
    if year := _YEAR_IN_BRACKETS.search(text):
        return int(year.group(1))
    if _ANY_YEAR.search(text) and (date := _YEAR_IN_DATE.search(text)):
        return int(next(group for group in date.groups() if group))
    if year := (
        _YEAR_AFTER_LABEL.match(after_label)
        or _YEAR_IN_RELEASE_TAIL.search(after_label)
        or _YEAR_ENDS_UPLOAD.search(after_label)
        or _YEAR_BEFORE_CJK_SEASON.search(after_label)
    ):
        return int(year.group(1))
    return None


def _recase(title: str) -> str:
    """Normal title case. ALL-CAPS and all-lower-case titles are recased word by word; any
    other casing is the channel's own ("McQueen", "del Toro") and only capitalised small words
    are lowered."""
    # All lower case only in scripts that capitalise titles: Georgian has capitals (Mtavruli)
    # that titles never use.
    all_caps = not any(char.islower() for char in title) or not any(
        char.isupper() or (char.islower() and ord(char) >= 0x0590) for char in title
    )
    words = title.split(" ")
    cased: list[str] = []
    for position, word in enumerate(words):
        inner = 0 < position < len(words) - 1 and not cased[-1].endswith(_PHRASE_END)
        lower = word.lower()
        if inner and (lower in _SMALL_WORDS or (all_caps and lower in _FOREIGN_PARTICLES)):
            cased.append(lower)
        elif not all_caps or (
            _ACRONYM.match(word.strip("\"'(),.:;!?")) and word not in _VOWEL_LESS_TITLE_CASED
        ):
            cased.append(word)
        else:
            cased.append(_WORD_START.sub(_upper_match, lower))
    return " ".join(cased)


def _upper_match(match: re.Match[str]) -> str:
    return match.group(1).upper()


_DELETED_IN_KEY = re.compile(r"['.\-\u00ad]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")


def normalise_title(title: str) -> str:
    """Grouping and search key: casefolded, accents stripped, & as "and", no punctuation."""
    # compatibility forms first ("𝐀" -> "A"), then casefold, which may compose again
    text = unicodedata.normalize("NFKD", title.translate(_TYPOGRAPHY)).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("&", " and ")
    text = _PUNCTUATION.sub(" ", _DELETED_IN_KEY.sub("", text))
    return " ".join(text.split())
