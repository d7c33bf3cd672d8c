"""The words the title grammar knows, as data.

`titles.py` holds the grammar (how a label, a title and tails are told apart); this module holds
its vocabulary: which words name a trailer, which sign a studio's credit, which say where the film
plays, in every language the grammar has met. A new channel in a new language or house style
usually needs words added here and nothing else (see docs/adding-a-channel.md).

Everything is lower case; the grammar compares case-folded text. Multi-word entries are written
with single spaces. Pure data: no imports beyond the standard library, nothing compiled here.
"""

from __future__ import annotations

# --- the label keyword ---------------------------------------------------------------------
# The word that makes an upload a trailer; the label of the video forms around it. Teaser words
# make it a teaser. Words of scripts without spaces between words (Korean, Japanese, Chinese)
# match inside a run of letters; longer entries are tried first ("本予告" before "予告").
# fmt: off
TRAILER_KEYWORDS: tuple[str, ...] = (
    "trailer", "tráiler", "bande-annonce", "bande annonce", "traileri", "zwiastun", "fragman",
    "fragmanı", "трейлер", "трейлеры",
    "예고편", "予告編", "本予告", "予告", "预告片", "预告", "預告片", "預告",
)
TEASER_KEYWORDS: tuple[str, ...] = ("teaser", "тизер", "티저", "特報", "ティザー")
# fmt: on
# A keyword followed by one of these is part of a name ("Trailer Park Boys"), not a label.
KEYWORD_COMPOUNDS: tuple[str, ...] = (
    "park",
    "parks",
    "trash",
    "home",
    "homes",
    "hitch",
    "truck",
    "trucks",
    "camp",
    "court",
    "life",
)  # fmt: skip

# --- words of the label --------------------------------------------------------------------
# Words naming a cut, an edition or a re-release; stripped from the end of a title even after
# "Official" ("Nymphomaniac Extended Director's Cut Official Trailer").
# fmt: off
EDITION_WORDS: frozenset[str] = frozenset({
    "extended", "unrated", "uncut", "imax", "3d", "4k", "ultra", "hd", "uhd", "restoration",
    "restored", "remastered", "re-release", "rerelease", "anniversary", "blu-ray", "bluray",
    "dvd",
})
# fmt: on
EDITION_PAIRS: frozenset[tuple[str, str]] = frozenset({("director's", "cut"), ("directors", "cut")})
# "Official" as channels in other languages write it; like "Official", it opens the trailer's
# name ("Official Secrets Official Trailer", "Oppenheimer Offizieller Trailer").
# fmt: off
OFFICIAL_WORDS: frozenset[str] = frozenset({
    "official", "offizieller", "offizielle", "officiel", "officielle", "oficial", "ufficiale",
    "officiële", "officiell", "offisiell", "virallinen", "oficjalny", "resmi", "официальный",
    "공식", "正式", "官方",
})
# Languages and markets a trailer is cut for ("Official Hindi Trailer", "Japanese Trailer").
LANGUAGE_WORDS: frozenset[str] = frozenset({
    "english", "japanese", "korean", "french", "german", "chinese", "italian", "spanish",
    "australian", "canadian", "hindi", "tamil", "telugu", "malayalam", "kannada",
    "deutsch", "italiano", "español", "castellano", "latino",
    "vf", "vo", "vost", "vostfr", "subtitulado", "doblado", "dublado", "legendado",
})
# Words naming the trailer itself, between the title and the keyword ("Red Band", "Int.'l"),
# with the new/final/main words of channels in other languages.
LABEL_WORDS: frozenset[str] = EDITION_WORDS | OFFICIAL_WORDS | LANGUAGE_WORDS | frozenset({
    "final", "main", "new", "first", "second", "third", "full", "latest", "original",
    "special", "legacy", "pop-up", "popup", "comic-con", "sdcc", "tv", "theatrical",
    "cinema", "restricted", "uncensored", "international", "int'l", "int.'l", "intl",
    "intl.", "global", "domestic", "us", "u.s.", "uk", "u.k.",
    "release", "exclusive", "teaser", "announcement", "launch",
    "nouvelle", "nouveau", "neuer", "neue", "finaler", "nuovo", "nuevo", "nueva", "novo",
    "메인", "본", "1차", "2차", "3차",
})
# fmt: on
# Country codes are label words only as codes: "US Trailer", not "Us Trailer" (a film).
COUNTRY_CODES: frozenset[str] = frozenset({"us", "uk"})
# ... and never after a preposition, where "us" is the pronoun ("IT ENDS WITH US", "The Rest of
# Us", "Between Us").
# fmt: off
PRONOUN_BEFORE_US: frozenset[str] = frozenset({
    "of", "with", "between", "for", "to", "among", "amongst", "about", "behind", "beyond",
    "without", "against", "like", "after", "before", "around", "from", "upon", "unto", "save",
    "deliver", "help", "trust", "join", "leave", "follow", "find", "forgive", "bless", "kill",
})
# fmt: on
LABEL_PAIRS: frozenset[tuple[str, str]] = EDITION_PAIRS | frozenset(
    {("red", "band"), ("green", "band"), ("super", "bowl"), ("big", "game")}
)
# Words that, with a number after them, name a trailer in a segment of its own
# ("Dunki | Drop 4 | Official Trailer").
NUMBERED_TRAILER_NAMES: frozenset[str] = frozenset({"drop"})
ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})

# --- credits before the title ----------------------------------------------------------------
# Lower-case particles inside a person's name ("Guillermo del Toro", "Lars von Trier").
NAME_PARTICLES: tuple[str, ...] = (
    "de",
    "del",
    "della",
    "da",
    "di",
    "van",
    "von",
    "der",
    "den",
    "le",
    "la",
    "du",
    "bin",
    "al",
)
# A studio's credit is not part of the film's title ("Marvel Studios' Thunderbolts*", "A24
# presents: Civil War"). Regex fragments, since studio names vary in spelling.
# fmt: off
STUDIO_CREDITS: tuple[str, ...] = (
    r"(?:walt\s+)?disney(?:\s*(?:and|&|/|·)\s*pixar)?", "pixar", r"marvel\s+studios",
    r"dreamworks(?:\s+animation)?", "illumination", "lucasfilm", "blumhouse", "laika", "a24",
    "neon", "netflix", r"sony\s+pictures\s+animation", r"warner\s+bros\.?(?:\s+pictures)?",
    r"universal\s+pictures", r"20th\s+century\s+studios", r"searchlight\s+pictures",
    r"focus\s+features",
)
# fmt: on
# Words that open an upload title before the film's name and are no part of it.
# fmt: off
TITLE_PREFIXES: tuple[str, ...] = (
    "exclusive", r"brand\s+new", "new", "watch", r"first\s+look", r"world\s+premiere",
    "premiere", "official", "breaking", r"just\s+released",
)
# fmt: on
# Words that open a title on Japanese channels without a separator: 映画 = "film".
CJK_TITLE_PREFIXES: tuple[str, ...] = ("映画",)

# --- tails after the label -------------------------------------------------------------------
# Platforms a film is "on" or "streaming on" in a release tail.
# fmt: off
PLATFORMS: tuple[str, ...] = (
    "netflix", "digital", r"blu-?ray", "demand", "mubi", r"apple\s+tv\+?", r"prime\s+video",
    r"disney\+", "max", "hulu", "peacock", "dvd",
)
# Phrases opening a release tail ("In Theaters March 1", "Only In Cinemas", "På bio 7 oktober").
RELEASE_PHRASES: tuple[str, ...] = (
    r"in\s+(?:select\s+)?(?:theaters|theatres|cinemas)", r"at\s+cinemas",
    r"now\s+(?:streaming|playing|showing)", "streaming", r"coming\s+soon", r"out\s+now",
    "available", r"in\s+&\s+on",
    # Nordic and German channels: "I biografen 5. oktober", "På kino", "Im Kino"
    r"i\s+biografen", r"på\s+bio", r"på\s+kino", r"på\s+biografen", "elokuvateattereissa",
    r"im\s+kino", r"ab\s+\d", r"au\s+cin[ée]ma", r"en\s+cines",
)
# Month names of the release-date tails, as regex fragments (English, Nordic, German, French,
# Spanish, Italian). Only used next to a day number and a year, where no title word goes.
MONTHS: tuple[str, ...] = (
    r"jan(?:uary|uari|uar|vier)?", r"feb(?:ruary|ruari|ruar)?", r"févr(?:ier)?",
    r"mar(?:ch|s)?", "märz", r"apr(?:il)?", "avril", "abril", r"ma[yij]", "mai", r"june?",
    r"juni", "juin", r"july?", r"juli", "juillet", r"aug(?:ust|usti)?", r"août",
    r"sep(?:t(?:ember)?)?", r"o[ck]t(?:ober|obre)?", r"nov(?:ember|embre)?",
    r"d[eé]c(?:ember|embre)?", r"dez(?:ember)?",
)
# fmt: on
# Genres of the "Ben Stiller Comedy HD" tails of aggregator channels.
# fmt: off
GENRES: tuple[str, ...] = (
    "action", "adventure", "animated", "animation", "biopic", "comedy", "crime", "documentary",
    "drama", "family", "fantasy", "horror", "musical", "mystery", "romance", "romantic",
    "sci-fi", "thriller", "war", "western", "disney", "superhero",
)
# fmt: on

# --- uploads of more than one film ---------------------------------------------------------------
# A parsed title ending in one of these names a set of films ("Harry Potter Saga", "The Matrix
# Collection"), unless an article makes it the film's own name ("The Collection", "Furiosa: A
# Mad Max Saga").
COMPILATION_NOUNS: frozenset[str] = frozenset(
    {"saga", "collection", "trilogy", "quadrilogy", "anthology", "franchise", "boxset"}
)
# A parsed title opening with one of these and ending in "movie(s)"/"film(s)" is a compilation
# ("Every Christopher Nolan Movie").
COMPILATION_OPENERS: tuple[str, ...] = ("every", "all the", "all")
COMPILATION_FILM_WORDS: frozenset[str] = frozenset({"movie", "movies", "film", "films"})
