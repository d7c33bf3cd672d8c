"""The words the title grammar knows, as data.

`titles.py` holds the grammar (how a label, a title and tails are told apart); this module holds
its vocabulary: which words name a trailer, which sign a studio's credit, which say where the film
plays, in every language the grammar has met. A new channel in a new language or house style
usually needs words added here and nothing else (see docs/adding-a-channel.md).

Everything is lower case; the grammar compares case-folded text. Multi-word entries are written
with single spaces. Pure data: no imports beyond the standard library, nothing compiled here.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- the label keyword ---------------------------------------------------------------------
# The word that makes an upload a trailer; the label of the video forms around it. Teaser words
# make it a teaser. Words of scripts without spaces between words (Korean, Japanese, Chinese)
# match inside a run of letters; longer entries are tried first ("本予告" before "予告").
# fmt: off
TRAILER_KEYWORDS: tuple[str, ...] = (
    "trailer", "tráiler", "bande-annonce", "bande annonce", "traileri", "zwiastun", "fragman",
    "fragmanı", "трейлер", "трейлеры", "előzetes", "előzetese", "τρέιλερ", "τρειλερ",
    "trejler", "трејлер", "treler",
    "예고편", "予告編", "本予告", "予告", "预告片", "预告", "預告片", "預告",
    # Thai (ตัวอย่างภาพยนตร์ = "film trailer") and Indian scripts, matched inside a run of
    # letters like the East Asian ones: their vowel signs are no word characters to a regex
    "ตัวอย่างภาพยนตร์", "ตัวอย่าง", "ट्रेलर", "ট্রেলার", "டிரெய்லர்", "ట్రైలర్", "ಟ್ರೈಲರ್",
    # Hebrew, Arabic, Persian (الإعلان = "the advertisement", the Arabic channels' trailer)
    "טריילר", "الإعلان", "إعلان", "تريلر", "تریلر",
)
TEASER_KEYWORDS: tuple[str, ...] = ("teaser", "тизер", "티저", "特報", "ティザー", "टीज़र")
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
    "extended", "unrated", "uncut", "imax", "3d", "4k", "hd", "uhd", "restoration",
    "restored", "remaster", "remastered", "re-release", "rerelease", "anniversary", "blu-ray",
    "bluray", "dvd",
})
# fmt: on
# "Ultra" only names an edition before "HD" ("4K Ultra HD"); "American Ultra" is a film.
EDITION_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {("director's", "cut"), ("directors", "cut"), ("ultra", "hd")}
)
# "Official" as channels in other languages write it; like "Official", it opens the trailer's
# name ("Official Secrets Official Trailer", "Oppenheimer Offizieller Trailer").
# fmt: off
OFFICIAL_WORDS: frozenset[str] = frozenset({
    "official", "offizieller", "offizielle", "officiel", "officielle", "oficial", "ufficiale",
    "officiële", "officiell", "offisiell", "virallinen", "oficjalny", "resmi", "официальный",
    "oficiální", "oficiálny", "hivatalos", "επίσημο", "επίσημος", "επίσημη", "офіційний",
    "официален", "službeni", "zvanični", "званични", "службени", "rasmi", "רשמי", "الرسمي",
    "رسمی",
    "공식", "正式", "官方",
})
# Languages and markets a trailer is cut for ("Official Hindi Trailer", "Japanese Trailer").
LANGUAGE_WORDS: frozenset[str] = frozenset({
    "english", "japanese", "korean", "french", "german", "chinese", "italian", "spanish",
    "australian", "canadian", "hindi", "tamil", "telugu", "malayalam", "kannada",
    "deutsch", "italiano", "español", "castellano", "latino",
    "vf", "vo", "vost", "vostfr", "subtitulado", "doblado", "dublado", "legendado",
    # the language of the cut in the channels' own languages, and their subtitled/dubbed words
    "nederlandse", "dansk", "danske", "svensk", "svenska", "norsk", "suomalainen", "polski",
    "türkçe", "altyazılı", "dublajlı", "magyar", "feliratos", "szinkronizált", "szinkronos",
    "český", "česky", "ελληνικό", "μεταγλωττισμένο", "υποτιτλισμένο",
    "nl", "pl", "cz", "sk", "gr",
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
    "nieuwe", "ny", "nya", "nye", "uusi", "nowy", "yeni", "nový", "új",
    "메인", "본", "1차", "2차", "3차", "런칭", "파이널", "스페셜", "캐릭터",
})
# fmt: on
# Label words are a title's own after one of these: "Failure to Launch", "Women of Cinema".
PREPOSITIONS: frozenset[str] = frozenset(
    {"of", "to", "with", "from", "for", "in", "on", "at", "by", "into", "without", "about"}
)
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
# Words that open a quoted title on Japanese and Korean channels: 映画 and 영화 = "film".
CJK_TITLE_PREFIXES: tuple[str, ...] = ("映画", "영화")
# Words for "film" between a label that opens the upload and the title ("Trailer Resmi Film
# 'Jatuh Cinta'", "الإعلان الرسمي لفيلم Gladiator II"), and that open a title ("Phim Wicked").
FILM_WORDS: frozenset[str] = frozenset(
    {"film", "movie", "phim", "filmu", "filmi", "فيلم", "لفيلم", "فیلم", "ภาพยนตร์"}
)
FILM_TITLE_PREFIXES: tuple[str, ...] = ("phim",)

# The last word of a distributor's name ("Peccadillo Pictures", "Screen Media", "Film Movement
# Classics"): a segment of two to four capitalised words ending in one, between a title and the
# label, signs the upload and is not the film.
COMPANY_SUFFIXES: frozenset[str] = frozenset(
    {
        "pictures",
        "films",
        "entertainment",
        "releasing",
        "distribution",
        "studios",
        "media",
        "classics",
        "editions",  # boutique disc labels: "Fun City Editions"
    }
)
# The words of a festival's selection or award in a segment of its own ("Berlinale 2022
# Selection", "Official Selection", "Sundance 2024 Premiere"): a tail, not the film.
# fmt: off
FESTIVAL_HONOURS: tuple[str, ...] = (
    "selection", "premiere", "competition", "winner",
    # a festival's programme slots: "Fantasia 2024 Opening Film", "SXSW 2023 Headliner"
    "film", "headliner", "headliners", "midnighter", "midnighters", "centerpiece",
)
# fmt: on
# Awards a segment after the title may boast of ("Palme d'Or Winner", "Oscar Nominated Best
# Picture", "Venice 2023 Silver Lion"): a tail too. Regex fragments.
AWARDS: tuple[str, ...] = (
    "palme d'or",
    r"(?:golden|silver)\s+(?:lion|bear|globe)",
    "oscar",
    r"academy\s+award",
    "bafta",
    r"jury\s+prize",
    r"audience\s+award",
)

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
    r"(?:get\s+(?:your\s+)?)?tickets\s+(?:on\s+sale|available|now)", r"get\s+(?:your\s+)?tickets",
    r"now\s+(?:streaming|playing|showing)", "streaming", r"coming\s+soon", r"out\s+now",
    "available", r"in\s+&\s+on",
    # Nordic and German channels: "I biografen 5. oktober", "På kino", "Im Kino"
    r"i\s+biografen", r"på\s+bio", r"på\s+kino", r"på\s+biografen", "elokuvateattereissa",
    r"im\s+kino", r"ab\s+\d", r"au\s+cin[ée]ma", r"en\s+cines",
    # Dutch, Italian, Polish, Czech, Hungarian, Turkish, Greek, Portuguese, Indonesian, Thai
    r"vanaf\s+\d", r"in\s+de\s+bioscoop", r"dal\s+\d", r"al\s+cinema", r"w\s+kinach", r"v\s+kinech",
    "mozikban", "sinemalarda", "vizyonda", r"στους\s+κινηματογράφους", r"nos\s+cinemas",
    "tayang", r"segera\s+di\s+bioskop", r"di\s+bioskop", r"di\s+pawagam", "ในโรงภาพยนตร์",
    r"u\s+kinima", r"u\s+bioskopima", r"în\s+cinematografe", r"la\s+cinema", r"din\s+\d",
    # "back in cinemas" of a re-release: "Torna al cinema", "De retour au cinéma"
    r"torna\s+al\s+cinema", r"(?:de\s+)?retour\s+au\s+cin[ée]ma", r"wieder\s+im\s+kino",
    r"vuelve\s+a\s+(?:los\s+)?cines", r"back\s+in\s+(?:theaters|theatres|cinemas)",
)
# Month names of the release-date tails, as regex fragments: English, then the other languages of
# the channels met so far. Only used next to a day number and a year, where no title word goes.
MONTHS: tuple[str, ...] = (
    r"jan(?:uary)?", r"feb(?:ruary)?", r"mar(?:ch)?", r"apr(?:il)?", "may", r"june?", r"july?",
    r"aug(?:ust)?", r"sep(?:t(?:ember)?)?", r"oct(?:ober)?", r"nov(?:ember)?", r"dec(?:ember)?",
    # Nordic, Dutch, German, Indonesian
    r"januar[iy]?", r"februar[iy]?", r"mar(?:s|ts)", "maart", "märz", "maret", r"ma[ij]", "mei",
    r"jun[ie]", r"jul[ie]", r"august(?:i|us)?", "agustus", r"o[ck]tober", "okt", "desember",
    r"de[sz]ember", "dez",
    # French, Spanish, Italian, Portuguese
    r"janvier", r"févr(?:ier)?", "mars", "avril", "mai", "juin", "juillet", "août",
    r"septembre", r"octobre", r"novembre", r"d[ée]cembre", "enero", "febrero", "marzo", "abril",
    "mayo", "junio", "julio", "agosto", r"sep?tiembre", "octubre", "noviembre", "diciembre",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro",
    # Polish and Czech (the genitive of a date), Hungarian, Turkish, Finnish
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
    "października", "listopada", "grudnia", "ledna", "února", "března", "dubna", "května",
    "června", "července", "srpna", "září", "října", "listopadu", "prosince", "január", "február",
    "március", "április", "május", "június", "július", "augusztus", "szeptember", "október",
    "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
    "kasım", "aralık", r"\w+kuuta",
    # Greek (genitive)
    "ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "ιουνίου", "ιουλίου",
    "αυγούστου", "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου", "δεκεμβρίου",
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

# --- uploads of series, festivals and reviews, in other languages ----------------------------
# "Season"/"episode" in the languages of the channels met so far; with a number before or after
# them they make an upload a series' ("Undercover seizoen 3", "Yalı Çapkını 2. Sezon",
# "85. Bölüm", "오징어 게임 시즌2"). Regex fragments.
# fmt: off
SEASON_WORDS: tuple[str, ...] = (
    "seizoen", "säsong", "sæson", "sesong", "kausi", "sezon", "sezonu", "sezona", "série",
    "řada", "évad", "σεζόν", "temporada", "saison", "staffel", "stagione", "musim", "시즌",
    "シーズン", "ซีซั่น", "bölüm", "bölümü", "odcinek", "aflevering", "avsnitt", "afsnit",
    "jakso", "folge", "episodio", "épisode", "epizoda",
)
# fmt: on
# Japanese numbered seasons and episodes ("第2期", "第3話"), and the words that open the title
# of a TV drama or anime on Japanese and Korean channels ("ドラマ『VIVANT』予告").
CJK_SEASON_PATTERN = r"第\s*\d+\s*(?:期|話|シーズン)"
CJK_SERIES_PREFIXES: tuple[str, ...] = ("ドラマ", "tvアニメ", "テレビアニメ", "アニメ", "드라마")
# Film festivals, whose own trailers are a programme, not a film ("Berlinale 2024 | Official
# Trailer", "NYFF62 Trailer", "Venezia 81"). A parsed title that is one of these, with or
# without its year or edition number, is a line-up.
# fmt: off
# Names that are also films' ("Fantasia", "Venice", "Rotterdam") stay out.
FESTIVALS: tuple[str, ...] = (
    "berlinale", "cannes", "venezia", "biennale", "sundance", "tiff", "nyff", "tribeca",
    "locarno", "kviff", "iffr", "sxsw", "telluride", "annecy", "sitges", "biff", "bifan",
    "fantastic fest", "london film festival", "lff", "karlovy vary", "hot docs", "idfa",
)
# Festivals whose name is also a film's ("Fantasia 2000"): a festival only in a segment after
# the title ("Deadstream | Fantasia 2022 | Official Trailer"), never as the title itself.
FESTIVALS_AFTER_TITLE: tuple[str, ...] = ("fantasia",)
# The numbered lines of disc labels ("Imprint Collection #216", "Indicator Series No. 12"): a
# segment of a line's name and its spine number after the title signs the upload.
NUMBERED_LINE_WORDS: tuple[str, ...] = ("collection", "series", "spine", "edition")
# Words that, with a genre before them, introduce a quoted title: DUST's 'Sci-Fi Film "Vesper"'.
QUOTED_TITLE_LEADS: tuple[str, ...] = ("film", "movie", "feature")
# Words of reviews, reactions and analyses in other languages ("Fragman İnceleme",
# "Reacción al tráiler", "예고편 해석 & 리뷰").
REVIEW_WORDS: tuple[str, ...] = (
    "reacción", "reaccion", "reacciona", "análisis", "analisis", "reaktion", "analyse",
    "recenzja", "rezension", "inceleme", "incelemesi", "tepki", "리뷰", "해석", "반응",
)
# fmt: on
# Holidays a release is dated by, with the year after them ("Lebaran 2024 di Bioskop").
RELEASE_SEASONS: tuple[str, ...] = (
    "summer",
    "spring",
    "fall",
    "autumn",
    "winter",
    "christmas",
    "holiday",
    "easter",
    "thanksgiving",
    "lebaran",
    "eid",
    "diwali",
    "pongal",
    "sankranti",
    r"eid\s+ul\s+(?:adha|azha|fitr)",
    r"eid\s+al[- ](?:adha|fitr)",
)
# Words a release year follows in a tail ("Estreno 2025", "New Nepali Movie 2024").
YEAR_WORDS: tuple[str, ...] = (
    "movie", "film", "release", "premiere", "première", "estreno", "estreia", "estrena", "estrea",
    "kinostart",
    # words for "cinema" a bare year follows: "Di Pawagam 2023", "Di Bioskop 2024"
    "pawagam", "bioskop", "cines", "cinema", "cinéma", "kino", "kinach", "bioscoop",
)  # fmt: skip
# Chinese release seasons a year is glued to: "2021春节" (Spring Festival), "2019国庆" (National
# Day holiday), "2020贺岁" (New Year), "2023暑期" (summer holidays).
CJK_RELEASE_SEASONS: tuple[str, ...] = ("春节", "国庆", "贺岁", "暑期", "暑假", "五一", "元旦")
# Words naming a trailer between a quoted title and its keyword on Chinese channels, besides the
# label words ("《芳华》曝终极预告": 曝 = "revealed"; "定档预告": the release-date trailer; "先导":
# a lead-in; "国庆档": the National Day slot).
CJK_TRAILER_NAME_WORDS: tuple[str, ...] = ("定档", "先导", "先行", "版", "曝", "发布", "档")
# Words of a sequel's part in brackets, the title's own: "Kaamelott – Deuxième volet (Partie 1)"
PART_WORDS: tuple[str, ...] = (
    "part", "partie", "parte", "teil", "część", "deel", "del", "chapter", "chapitre", "capítulo",
    "kapitel", "vol", "volume",
)  # fmt: skip
# "Of" between a day, a month and a year ("13 de marzo de 2025", "6 d'octubre"): regex fragments.
DATE_PARTICLES: tuple[str, ...] = (r"de\s+", r"del\s+", r"do\s+", r"da\s+", "d'")
# Words for "final" and "last" next to a season word ("Temporada final", "letzte Staffel").
FINAL_SEASON_WORDS: tuple[str, ...] = (
    "final", "finale", "última", "ultima", "letzte", "dernière", "laatste", "sista", "sidste",
    "siste", "viimeinen", "ostatni", "poslední", "son", "последний", "заключительный",
)  # fmt: skip

# --- every language's words ------------------------------------------------------------------
# The lists above hold the words met channel by channel. A channel in a language no set has met
# yet cost a miss each time, so the words of every language with a sizeable film industry or
# YouTube audience are here too, one entry per language, and merged into those lists below.
# Before a word goes in: label words are taken off the END of a title, keywords and the clip,
# making-of and interview words act anywhere in an upload title, so none of them may be a word
# that ends (label) or appears in (the others) film titles as released in English
# (tests/sources/test_vocabulary.py checks every entry against every labelled title).


@dataclass(frozen=True)
class LanguageWords:
    """One language's words for the parts of a film-marketing upload title.

    Lower case. `trailer`, `teaser`: the label keyword. `official`, `label` (new, final, main,
    first, second), `version` (dubbed, subtitled, the language's own name): words naming the
    trailer between the title and the keyword. `season`: season, episode and series words,
    which make an upload a series' with a number next to them. `clip`, `making_of` (behind the
    scenes), `interview`: words of uploads that are not a trailer. `release` (in cinemas, coming
    soon) and `months` are regex fragments of release tails."""

    trailer: tuple[str, ...] = ()
    teaser: tuple[str, ...] = ()
    official: tuple[str, ...] = ()
    label: tuple[str, ...] = ()
    version: tuple[str, ...] = ()
    season: tuple[str, ...] = ()
    clip: tuple[str, ...] = ()
    making_of: tuple[str, ...] = ()
    interview: tuple[str, ...] = ()
    release: tuple[str, ...] = ()
    months: tuple[str, ...] = ()


# fmt: off
LANGUAGES: dict[str, LanguageWords] = {
    # English words the lists above lack: Indian and South-East Asian English
    "English": LanguageWords(
        version=("dubbed", "subtitled"),
        making_of=("behind the scene", "making video", "making-of video"),
        release=(r"releasing\s+on",),
    ),
    # --- Romance languages
    "Spanish": LanguageWords(
        trailer=("tráiler", "trailer"), teaser=("avance",), official=("oficial",),
        label=("nuevo", "nueva", "segundo", "último", "ultimo", "exclusivo", "final"),
        version=("subtitulado", "subtitulada", "doblado", "doblada", "español", "castellano",
                 "latino", "vose"),
        season=("temporada", "episodio"),
        clip=("escena", "escena exclusiva"),
        making_of=("detrás de cámaras", "detrás de las cámaras", "detrás de escena",
                   "detrás de escenas", "cómo se hizo", "así se hizo"),
        interview=("entrevista",),
        release=(r"solo\s+en\s+cines", r"sólo\s+en\s+cines", r"exclusivamente\s+en\s+cines",
                 r"ya\s+en\s+cines", r"en\s+salas", "estreno", "próximamente", "proximamente"),
        months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                r"sep?tiembre", "octubre", "noviembre", "diciembre"),
    ),
    "Portuguese": LanguageWords(
        trailer=("trailer",), teaser=("prévia", "teaser"), official=("oficial",),
        label=("novo", "segundo", "final", "exclusivo"),
        version=("legendado", "legendada", "dublado", "dublada", "dobrado", "dobrada",
                 "português", "pt-pt", "pt-br"),
        season=("temporada", "episódio", "episodio"),
        clip=("clipe", "cena exclusiva"),
        making_of=("bastidores", "por trás das câmeras", "por trás das cameras"),
        interview=("entrevista",),
        release=(r"nos\s+cinemas", r"já\s+nos\s+cinemas", r"só\s+nos\s+cinemas",
                 r"somente\s+nos\s+cinemas", r"agora\s+nos\s+cinemas", r"em\s+breve",
                 r"em\s+cartaz", r"em\s+exibição", "estreia"),
        months=("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
                "setembro", "outubro", "novembro", "dezembro"),
    ),
    "French": LanguageWords(
        trailer=("bande-annonce", "bande annonce"), teaser=("teaser",),
        official=("officiel", "officielle"),
        label=("nouvelle", "nouveau", "dernière", "exclusive", "ultime"),
        version=("vf", "vost", "vostfr", "vo", "vfq", "sous-titrée", "doublée", "française"),
        season=("saison", "épisode", "episode"),
        clip=("extrait", "extrait exclusif"),
        making_of=("dans les coulisses", "les coulisses", "coulisses du tournage"),
        interview=("entrevue", "entretien"),
        release=(r"au\s+cin[ée]ma", r"en\s+salles?", r"dès\s+le", r"actuellement",
                 r"présentement", r"prochainement", r"bientôt", r"sortie\s+le"),
        months=("janvier", r"févr(?:ier)?", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", r"d[ée]cembre"),
    ),
    "Italian": LanguageWords(
        trailer=("trailer",), teaser=("teaser",), official=("ufficiale",),
        label=("nuovo", "nuova", "secondo", "ultimo", "esclusivo", "italiano"),
        version=("italiano", "sottotitolato", "doppiato", "ita"),
        season=("stagione", "episodio", "puntata"),
        clip=("spezzone", "clip esclusiva"),
        making_of=("dietro le quinte",),
        interview=("intervista",),
        release=(r"al\s+cinema", r"dal\s+\d", r"ora\s+al\s+cinema", r"solo\s+al\s+cinema",
                 r"nei\s+cinema", r"in\s+sala", "prossimamente"),
        months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
                "settembre", "ottobre", "novembre", "dicembre"),
    ),
    "Romanian": LanguageWords(
        trailer=("trailer", "trailerul"), official=("oficial", "oficială"),
        label=("nou", "noul", "final", "primul"),
        version=("subtitrat", "dublat", "română"),
        season=("sezonul", "sezon", "episodul"),
        clip=("fragment din film",),
        making_of=("în culise", "culisele"),
        interview=("interviu",),
        release=(r"în\s+cinematografe", r"la\s+cinema", r"din\s+\d", r"în\s+curând"),
        months=("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august",
                "septembrie", "octombrie", "noiembrie", "decembrie"),
    ),
    "Catalan": LanguageWords(
        trailer=("tràiler", "trailer"), teaser=("avançament", "teaser"), official=("oficial",),
        label=("nou", "segon", "final"),
        version=("català", "vosc", "doblada", "subtitulada"),
        season=("temporada", "episodi"),
        clip=("escena",),
        making_of=("darrere les càmeres", "com es va fer"),
        interview=("entrevista",),
        release=(r"als\s+cinemes", r"a\s+les\s+sales", "estrena", "properament", "aviat"),
        months=("gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre",
                "octubre", "novembre", "desembre"),
    ),
    "Galician": LanguageWords(
        trailer=("tráiler",), teaser=("avance",), official=("oficial",),
        label=("novo", "segundo"),
        version=("galego",),
        season=("tempada", "episodio"),
        clip=("escena",),
        making_of=("detrás das cámaras",),
        interview=("entrevista",),
        release=(r"nos\s+cines", "estrea", "proximamente"),
        months=("xaneiro", "febreiro", "marzo", "abril", "maio", "xuño", "xullo", "agosto",
                "setembro", "outubro", "novembro", "decembro"),
    ),
    # --- Germanic languages
    "German": LanguageWords(
        trailer=("trailer",), teaser=("teaser",),
        official=("offizieller", "offizielle", "offizielles"),
        label=("neuer", "neue", "finaler", "erster", "zweiter", "exklusiver"),
        version=("deutsch", "german", "omu", "omdu", "synchronisiert", "untertitelt",
                 "schweizerdeutsch", "dialäkt", "dialekt", "ch-d", "ch-f"),
        season=("staffel", "folge", "episode"),
        clip=("filmclip", "filmausschnitt", "ausschnitt"),
        making_of=("hinter den kulissen", "hinter die kulissen", "blick hinter die kulissen"),
        interview=("im gespräch",),
        release=(r"im\s+kino", r"ab\s+\d", r"jetzt\s+im\s+kino", r"nur\s+im\s+kino", "kinostart",
                 "demnächst", r"ab\s+sofort"),
        months=("januar", "jänner", "februar", "feber", "märz", "april", "mai", "juni", "juli",
                "august", "september", "oktober", "november", "dezember"),
    ),
    "Dutch": LanguageWords(
        trailer=("trailer",), teaser=("teaser",), official=("officiële", "officiele", "officieel"),
        label=("nieuwe", "eerste", "laatste"),
        version=("nederlandse", "ondertiteld", "nagesynchroniseerd", "vlaams", "vlaamse"),
        season=("seizoen", "aflevering"),
        clip=("filmfragment",),
        making_of=("achter de schermen",),
        release=(r"in\s+de\s+bioscoop", r"nu\s+in\s+de\s+bioscoop", r"vanaf\s+\d", "binnenkort"),
        months=("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december"),
    ),
    "Afrikaans": LanguageWords(
        trailer=("lokprent",), teaser=("voorsmakie",), official=("amptelike", "amptelik"),
        label=("nuwe", "eerste"),
        version=("afrikaans",),
        season=("seisoen", "episode"),
        making_of=("agter die skerms",),
        interview=("onderhoud",),
        release=(r"in\s+teaters", r"in\s+rolprentteaters", "binnekort"),
        months=("januarie", "februarie", "maart", "april", "mei", "junie", "julie", "augustus",
                "september", "oktober", "november", "desember"),
    ),
    "Swedish": LanguageWords(
        trailer=("trailer",), teaser=("teaser",), official=("officiell", "officiella"),
        label=("ny", "nya", "första"),
        version=("svensk", "svenska", "textad", "dubbad"),
        season=("säsong", "avsnitt"),
        clip=("filmklipp",),
        making_of=("bakom kulisserna", "bakom kameran"),
        interview=("intervju",),
        release=(r"på\s+bio", "biopremiär", r"nu\s+på\s+bio"),
        months=("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                "september", "oktober", "november", "december"),
    ),
    "Danish": LanguageWords(
        trailer=("trailer",), teaser=("teaser",), official=("officiel", "officielle"),
        label=("ny", "nye", "første"),
        version=("dansk", "danske", "undertekster"),
        season=("sæson", "afsnit"),
        clip=("filmklip",),
        making_of=("bag kulisserne", "bag om filmen"),
        release=(r"i\s+biografen", r"kun\s+i\s+biografen", "biografpremiere"),
        months=("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                "september", "oktober", "november", "december"),
    ),
    "Norwegian": LanguageWords(
        trailer=("trailer",), teaser=("teaser",), official=("offisiell", "offisielle"),
        label=("ny", "nye", "første"),
        version=("norsk", "norske", "dubbet"),
        season=("sesong", "episode"),
        making_of=("bak kulissene", "bak kameraet"),
        interview=("intervju",),
        release=(r"på\s+kino", "kinopremiere", r"nå\s+på\s+kino"),
        months=("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
                "september", "oktober", "november", "desember"),
    ),
    "Icelandic": LanguageWords(
        trailer=("stikla", "stiklan", "sýnishorn"), official=("opinber", "opinbera"),
        label=("ný", "nýja", "fyrsta"),
        version=("íslensk", "íslenskt", "talsetning", "talsett", "texti"),
        season=("þáttaröð", "þáttur"),
        making_of=("á bak við tjöldin",),
        interview=("viðtal",),
        release=(r"í\s+bíó", r"í\s+kvikmyndahúsum", "væntanleg"),
        months=("janúar", "febrúar", "mars", "apríl", "maí", "júní", "júlí", "ágúst",
                "september", "október", "nóvember", "desember"),
    ),
    # --- Finnic, Baltic, Basque, Hungarian
    "Finnish": LanguageWords(
        trailer=("traileri", "traileri"), teaser=("teaser-traileri", "teaseri"),
        official=("virallinen",),
        label=("uusi", "ensimmäinen", "toinen", "viimeinen"),
        version=("suomeksi", "puhuttu", "tekstitetty", "suomalainen", "suomenkielinen"),
        season=("kausi", "jakso"),
        clip=("klippi", "elokuvaklippi"),
        making_of=("kulissien takaa", "kulisseissa"),
        interview=("haastattelu", "haastattelussa"),
        release=("elokuvateattereissa", "pian", "ensi-ilta"),
        months=(r"\w+kuuta",),
    ),
    "Estonian": LanguageWords(
        trailer=("treiler", "treileri"), official=("ametlik",),
        label=("uus", "uue", "esimene", "viimane"),
        version=("eesti", "subtiitritega", "dubleeritud"),
        season=("hooaeg", "hooaja"),
        making_of=("telgitagused", "kaadri taga"),
        interview=("intervjuu",),
        release=("kinodes", "kinos", "varsti"),
        # with the endings of "from", "on" and "until" a date: "29. novembrist"
        months=(r"jaanuar(?:ist|il|ini)?", r"veebruar(?:ist|il|ini)?", r"märts(?:ist|il|ini)?",
                r"aprill(?:ist|il|ini)?", r"mai(?:st|l|ni)?", r"juuni(?:st|l|ni)?",
                r"juuli(?:st|l|ni)?", r"august(?:ist|il|ini)?", r"september(?:ist|il|ini)?",
                r"oktoober(?:ist|il|ini)?", r"november(?:ist|il|ini)?",
                r"detsember(?:ist|il|ini)?"),
    ),
    "Latvian": LanguageWords(
        trailer=("treileris", "treilers"), official=("oficiālais", "oficiālā", "oficiāls"),
        label=("jaunais", "jaunā", "pirmais"),
        version=("latviešu", "subtitriem", "dublēts"),
        season=("sezona", "sērija"),
        making_of=("kā tapa filma", "aizkadrs"),
        interview=("intervija",),
        release=("kinoteātros", "drīzumā"),
        # nominative, genitive, locative: "29. augusta", "augustā"
        months=(r"janvār(?:is|a|ī)", r"februār(?:is|a|ī)", r"mart(?:s|a|ā)", r"aprīl(?:is|a|ī)",
                r"maij(?:s|a|ā)", r"jūnij(?:s|a|ā)", r"jūlij(?:s|a|ā)", r"august(?:s|a|ā)",
                r"septembr(?:is|a|ī)", r"oktobr(?:is|a|ī)", r"novembr(?:is|a|ī)",
                r"decembr(?:is|a|ī)"),
    ),
    "Lithuanian": LanguageWords(
        trailer=("anonsas", "treileris"), official=("oficialus", "oficialusis", "oficiali"),
        label=("naujas", "naujasis", "pirmasis", "galutinis"),
        version=("lietuviškai", "įgarsintas", "subtitrais", "lietuvių"),
        season=("sezonas", "serija"),
        making_of=("užkulisiai", "filmavimo užkulisiai"),
        interview=("interviu",),
        release=("kinuose", r"kino\s+teatruose", "netrukus"),
        months=("sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos",
                "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio"),
    ),
    "Basque": LanguageWords(
        trailer=("trailerra", "iragarkia"), teaser=("teaserra",), official=("ofiziala",),
        label=("berria",),
        version=("euskaraz", "azpidatzia", "azpitituluekin"),
        season=("denboraldia", "atala"),
        making_of=("kamera atzean",),
        interview=("elkarrizketa",),
        release=("zinemetan", r"zinema\s+aretoetan", "laster"),
        # with the genitive of a date: "otsailaren 24an"
        months=(r"urtarrila(?:ren)?", r"otsaila(?:ren)?", r"martxoa(?:ren)?", r"apirila(?:ren)?",
                r"maiatza(?:ren)?", r"ekaina(?:ren)?", r"uztaila(?:ren)?", r"abuztua(?:ren)?",
                r"iraila(?:ren)?", r"urria(?:ren)?", r"azaroa(?:ren)?", r"abendua(?:ren)?"),
    ),
    "Hungarian": LanguageWords(
        trailer=("előzetes", "előzetese"), official=("hivatalos",),
        label=("új", "végső", "első", "második"),
        version=("magyar", "feliratos", "szinkronos", "szinkronizált"),
        season=("évad", "epizód"),
        clip=("filmrészlet", "jelenet"),
        making_of=("werkfilm", "a kulisszák mögött"),
        interview=("interjú",),
        release=("mozikban", "hamarosan"),
        months=("január", "február", "március", "április", "május", "június", "július",
                "augusztus", "szeptember", "október", "november", "december"),
    ),
    # --- Slavic languages
    "Polish": LanguageWords(
        trailer=("zwiastun",), teaser=("teaser", "zapowiedź"),
        official=("oficjalny", "oficjalna", "oficjalne"),
        label=("nowy", "nowa", "finałowy", "pierwszy", "drugi", "ostatni"),
        version=("polski", "dubbing", "napisy", "lektor"),
        season=("sezon", "odcinek"),
        clip=("fragment filmu",),
        making_of=("za kulisami", "kulisy powstania"),
        interview=("wywiad",),
        release=(r"w\s+kinach", "wkrótce", r"tylko\s+w\s+kinach"),
        months=("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
                "września", "października", "listopada", "grudnia"),
    ),
    "Czech": LanguageWords(
        trailer=("trailer", "upoutávka"), official=("oficiální",),
        label=("nový", "nová", "finální", "první", "druhý"),
        version=("český", "česky", "dabing", "titulky"),
        season=("řada", "série", "epizoda"),
        clip=("ukázka z filmu",),
        making_of=("ze zákulisí", "zákulisí"),
        interview=("rozhovor",),
        release=(r"v\s+kinech", r"již\s+brzy", "premiéra"),
        months=("ledna", "února", "března", "dubna", "května", "června", "července", "srpna",
                "září", "října", "listopadu", "prosince"),
    ),
    "Slovak": LanguageWords(
        trailer=("trailer", "upútavka"), official=("oficiálny", "oficiálna"),
        label=("nový", "nová", "finálny", "prvý", "druhý"),
        version=("slovenský", "dabing", "titulky"),
        season=("séria", "epizóda"),
        clip=("ukážka z filmu",),
        making_of=("zo zákulisia", "zákulisie"),
        interview=("rozhovor",),
        release=(r"v\s+kinách", "čoskoro"),
        months=("januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta",
                "septembra", "októbra", "novembra", "decembra"),
    ),
    "Slovenian": LanguageWords(
        trailer=("napovednik",), official=("uradni", "uradna"),
        label=("novi", "končni", "prvi"),
        version=("slovenski", "slovenskimi", "sinhronizirano", "podnapisi", "podnapisi"),
        season=("sezona", "epizoda"),
        clip=("odlomek",),
        making_of=("v zakulisju", "zakulisje"),
        interview=("intervju",),
        release=(r"v\s+kinematografih", r"v\s+kinu", "kmalu"),
        months=("januarja", "februarja", "marca", "aprila", "maja", "junija", "julija",
                "avgusta", "septembra", "oktobra", "novembra", "decembra"),
    ),
    "Croatian, Serbian, Bosnian": LanguageWords(
        trailer=("trailer", "trejler", "трејлер", "najava", "најава"),
        official=("službeni", "službena", "zvanični", "zvanična", "званични", "службени"),
        label=("novi", "нови", "finalni", "финални", "prvi", "први"),
        version=("hrvatski", "srpski", "sinkronizirano", "titlovano", "sinhronizovano"),
        season=("sezona", "сезона", "epizoda", "епизода"),
        clip=("isječak",),
        making_of=("iza kulisa", "иза кулиса", "iza kamere"),
        interview=("intervju", "интервју"),
        release=(r"u\s+kinima", r"u\s+bioskopima", r"у\s+биоскопима", "uskoro", "ускоро"),
        months=("siječnja", "veljače", "ožujka", "travnja", "svibnja", "lipnja", "srpnja",
                "kolovoza", "rujna", "listopada", "studenoga", "studenog", "prosinca", "januara",
                "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra",
                "oktobra", "novembra", "decembra", "јануара", "фебруара", "марта", "априла",
                "маја", "јуна", "јула", "августа", "септембра", "октобра", "новембра",
                "децембра"),
    ),
    "Bulgarian, Macedonian": LanguageWords(
        trailer=("трейлър", "трейлер", "трејлер"), teaser=("тийзър", "тизер"),
        official=("официален", "официална", "официјален", "официјална"),
        label=("нов", "нова", "финален", "първи", "втори"),
        version=("български", "субтитри", "дублаж"),
        season=("сезон", "епизод"),
        making_of=("зад кадър", "зад кадар"),
        interview=("интервю",),
        release=(r"в\s+кината", r"во\s+кината", "скоро"),
        months=("януари", "февруари", "март", "април", "май", "юни", "юли", "август",
                "септември", "октомври", "ноември", "декември", "јануари", "февруари", "јуни",
                "јули", "октомври"),
    ),
    "Russian": LanguageWords(
        trailer=("трейлер", "трейлеры"), teaser=("тизер",),
        official=("официальный", "официальная"),
        label=("новый", "финальный", "первый", "второй", "русский"),
        version=("дублированный", "дубляж", "субтитрами", "озвучка", "русском"),
        season=("сезон", "серия"),
        clip=("отрывок", "фрагмент из фильма"),
        making_of=("за кадром", "закулисье", "со съёмок", "со съемок", "о съёмках"),
        interview=("интервью",),
        release=(r"в\s+кино", r"в\s+кинотеатрах", r"в\s+прокате", "скоро"),
        months=("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                "сентября", "октября", "ноября", "декабря"),
    ),
    "Ukrainian, Belarusian": LanguageWords(
        trailer=("трейлер", "трэйлер"), teaser=("тизер", "тізер"),
        official=("офіційний", "офіційна", "афіцыйны"),
        label=("новий", "фінальний", "перший", "другий"),
        version=("український", "українською", "дубляж"),
        season=("сезон", "серія", "епізод"),
        clip=("уривок",),
        making_of=("за лаштунками", "за кадром"),
        interview=("інтерв'ю",),
        release=(r"у\s+кіно", r"в\s+кіно", r"у\s+кінотеатрах", "незабаром"),
        months=("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
                "вересня", "жовтня", "листопада", "грудня"),
    ),
    # --- Greek, Albanian, Caucasus
    "Greek": LanguageWords(
        trailer=("τρέιλερ", "τρειλερ", "τρέϊλερ"), official=("επίσημο", "επίσημος", "επίσημη"),
        label=("νέο", "νέο", "τελικό", "πρώτο"),
        version=("ελληνικό", "μεταγλωττισμένο", "υποτιτλισμένο", "ελληνικούς", "υπότιτλους"),
        season=("σεζόν", "επεισόδιο", "κύκλος"),
        clip=("απόσπασμα",),
        making_of=("πίσω από τις κάμερες", "παρασκήνια"),
        interview=("συνέντευξη",),
        release=(r"στους\s+κινηματογράφους", "σύντομα"),
        months=("ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "ιουνίου",
                "ιουλίου", "αυγούστου", "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου", "δεκεμβρίου"),
    ),
    "Albanian": LanguageWords(
        trailer=("trailer", "traileri"), official=("zyrtar", "zyrtare", "zyrtari"),
        season=("sezoni", "episodi"),
        making_of=("prapaskenat",),
        interview=("intervistë", "intervista"),
        release=(r"në\s+kinema", "së shpejti"),
        months=("janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht",
                "shtator", "tetor", "nëntor", "dhjetor"),
    ),
    "Georgian": LanguageWords(
        trailer=("თრეილერი", "ტრეილერი", "თრეილერ"), teaser=("თიზერი", "ტიზერი"),
        official=("ოფიციალური",),
        label=("ახალი", "ფინალური", "პირველი"),
        version=("ქართულად", "ქართული", "სუბტიტრებით"),
        season=("სეზონი", "ეპიზოდი", "სერია"),
        making_of=("კადრს მიღმა",),
        interview=("ინტერვიუ",),
        release=("კინოთეატრებში", "მალე"),
        months=(r"იანვ\w*", r"თებერვ\w*", r"მარტ\w*", r"აპრილ\w*", r"მაის\w*", r"ივნის\w*",
                r"ივლის\w*", r"აგვისტო\w*", r"სექტემბ\w*", r"ოქტომბ\w*", r"ნოემბ\w*",
                r"დეკემბ\w*"),
    ),
    "Armenian": LanguageWords(
        trailer=("թրեյլեր", "թրեյլերը", "թրեյլերներ"), teaser=("թիզեր",),
        official=("պաշտոնական",),
        label=("նոր", "վերջին", "առաջին"),
        version=("հայերեն", "հայերենով", "ենթագրերով"),
        season=("եթերաշրջան", "սերիա"),
        making_of=("կադրից դուրս", "կուլիսներում"),
        interview=("հարցազրույց",),
        release=("կինոթատրոններում", "շուտով"),
        months=(r"հունվար\w*", r"փետրվար\w*", r"մարտ\w*", r"ապրիլ\w*", r"մայիս\w*",
                r"հունիս\w*", r"հուլիս\w*", r"օգոստոս\w*", r"սեպտեմբեր\w*", r"հոկտեմբեր\w*",
                r"նոյեմբեր\w*", r"դեկտեմբեր\w*"),
    ),
    "Azerbaijani": LanguageWords(
        trailer=("treyler", "treylar"), official=("rəsmi",),
        label=("yeni",),
        version=("azərbaycanca", "altyazılı"),
        season=("mövsüm", "seriya"),
        making_of=("kadr arxası",),
        interview=("müsahibə",),
        release=("kinoteatrlarda", "tezliklə"),
        # with the endings of "on" and "from" a date: "14 noyabrdan"
        months=(r"yanvar(?:da|dan)?", r"fevral(?:da|dan)?", r"mart(?:da|dan)?",
                r"aprel(?:də|dən)?", r"may(?:da|dan)?", r"iyun(?:da|dan)?", r"iyul(?:da|dan)?",
                r"avqust(?:da|dan)?", r"sentyabr(?:da|dan)?", r"oktyabr(?:da|dan)?",
                r"noyabr(?:da|dan)?", r"dekabr(?:də|dən)?"),
    ),
    # --- Turkic and Mongolic languages of Central Asia
    "Turkish": LanguageWords(
        trailer=("fragman", "fragmanı"), teaser=("tizer",), official=("resmi",),
        label=("yeni", "ilk", "final"),
        version=("türkçe", "altyazılı", "dublajlı"),
        season=("sezon", "sezonu", "bölüm", "bölümü"),
        making_of=("kamera arkası", "kamera arkasi", "set arkası"),
        interview=("röportaj", "söyleşi"),
        release=("sinemalarda", "vizyonda", "yakında", r"çok\s+yakında"),
        months=("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos",
                "eylül", "ekim", "kasım", "aralık"),
    ),
    "Kazakh": LanguageWords(
        trailer=("трейлер", "трейлері"), teaser=("тизер",), official=("ресми",),
        label=("жаңа", "соңғы"),
        version=("қазақша", "қазақ", "субтитрмен"),
        making_of=("түсірілім сәттері",),
        interview=("сұхбат",),
        release=("кинотеатрларда", "жақында"),
        months=(r"қаңтар\w*", r"ақпан\w*", r"наурыз\w*", r"сәуір\w*", r"мамыр\w*",
                r"маусым\w*", r"шілде\w*", r"тамыз\w*", r"қыркүйек\w*", r"қазан\w*",
                r"қараша\w*", r"желтоқсан\w*"),
    ),
    "Uzbek, Kyrgyz": LanguageWords(
        trailer=("treyler", "трейлер"), official=("rasmiy", "расмий"),
        label=("yangi", "жаңы"),
        version=("o'zbek", "o'zbekcha"),
        season=("mavsum", "сезон"),
        interview=("intervyu", "интервью"),
        release=("kinoteatrlarda", r"tez\s+orada"),
        months=(r"yanvar(?:da|dan)?", r"fevral(?:da|dan)?", r"aprel(?:da|dan)?",
                r"iyun(?:da|dan)?", r"iyul(?:da|dan)?", r"avgust(?:da|dan)?",
                r"sentabr(?:da|dan)?", r"oktabr(?:da|dan)?", r"noyabr(?:da|dan)?",
                r"dekabr(?:da|dan)?"),
    ),
    "Mongolian": LanguageWords(
        trailer=("трейлер", "трэйлер"), official=("албан", "ёсны"),
        label=("шинэ",),
        version=("монгол", "хадмал", "хадмалтай"),
        season=("улирал", "анги"),
        interview=("ярилцлага",),
        release=("удахгүй", "кинотеатрт"),
        months=(r"сарын",),
    ),
    # --- Semitic, Iranian languages
    "Arabic": LanguageWords(
        trailer=("الإعلان", "إعلان", "الاعلان", "اعلان", "تريلر", "التريلر"),
        teaser=("التشويقي", "تشويقي"),
        official=("الرسمي", "رسمي"),
        label=("الجديد", "الأول", "الثاني", "النهائي", "الأخير"),
        version=("مترجم", "مدبلج", "العربية"),
        season=("الموسم", "موسم", "الحلقة", "حلقة"),
        clip=("مقطع من",),
        making_of=("كواليس", "خلف الكواليس", "وراء الكواليس"),
        interview=("مقابلة",),
        release=("في دور العرض", "في السينما", "في صالات السينما", "قريبا", "قريباً",
                 "الآن في"),
        months=("يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس",
                "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر", "كانون الثاني", "شباط", "آذار",
                "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني",
                "كانون الأول"),
    ),
    "Persian": LanguageWords(
        trailer=("تریلر", "آنونس"), teaser=("تیزر",), official=("رسمی",),
        label=("جدید", "نهایی"),
        version=("دوبله", "زیرنویس"),
        making_of=("پشت صحنه",),
        interview=("مصاحبه",),
        release=("در سینماها", "بزودی", "به زودی"),
        months=("ژانویه", "فوریه", "مارس", "آوریل", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
                "نوامبر", "دسامبر", "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                "مهر", "آبان", "آذر", "بهمن", "اسفند"),
    ),
    "Hebrew": LanguageWords(
        trailer=("טריילר",), teaser=("טיזר",), official=("רשמי",),
        label=("חדש", "אחרון"),
        version=("מתורגם", "מדובב", "עברית"),
        season=("עונה",),
        making_of=("מאחורי הקלעים",),
        interview=("ראיון",),
        release=("בקולנוע", "בבתי הקולנוע", "בקרוב"),
        months=(r"ב?ינואר", r"ב?פברואר", r"ב?מרץ", r"ב?אפריל", r"ב?מאי", r"ב?יוני", r"ב?יולי",
                r"ב?אוגוסט", r"ב?ספטמבר", r"ב?אוקטובר", r"ב?נובמבר", r"ב?דצמבר"),
    ),
    # --- languages of South Asia
    "Hindi": LanguageWords(
        trailer=("ट्रेलर", "ट्रेलर"), teaser=("टीज़र", "टीजर"),
        official=("आधिकारिक", "ऑफिशियल", "ऑफिशल"),
        label=("नया", "नई"),
        version=("हिंदी", "हिन्दी", "hindi"),
        season=("सीज़न", "सीजन", "एपिसोड"),
        making_of=("पर्दे के पीछे", "मेकिंग"),
        interview=("इंटरव्यू", "साक्षात्कार"),
        release=("सिनेमाघरों में", "जल्द ही"),
        months=("जनवरी", "फ़रवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त",
                "सितंबर", "सितम्बर", "अक्टूबर", "नवंबर", "नवम्बर", "दिसंबर", "दिसम्बर"),
    ),
    "Urdu": LanguageWords(
        trailer=("ٹریلر",), teaser=("ٹیزر",), official=("آفیشل", "سرکاری"),
        label=("نیا", "نئی"),
        version=("اردو",),
        season=("سیزن", "قسط"),
        making_of=("پس پردہ",),
        interview=("انٹرویو",),
        release=("سینما گھروں میں", "سینماؤں میں"),
        months=("جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر",
                "اکتوبر", "نومبر", "دسمبر"),
    ),
    "Bengali": LanguageWords(
        trailer=("ট্রেলার", "ট্রেইলার"), teaser=("টিজার", "টিজার"),
        official=("অফিসিয়াল", "অফিশিয়াল", "আনুষ্ঠানিক"),
        label=("নতুন",),
        version=("বাংলা",),
        season=("সিজন", "পর্ব"),
        making_of=("পর্দার পেছনে", "মেকিং"),
        interview=("সাক্ষাৎকার",),
        release=("প্রেক্ষাগৃহে", "সিনেমা হলে", "শীঘ্রই"),
        months=("জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট",
                "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"),
    ),
    "Marathi": LanguageWords(
        trailer=("ट्रेलर",), teaser=("टीझर", "टीजर"), official=("अधिकृत",),
        label=("नवा", "नवीन"),
        version=("मराठी",),
        season=("सीझन",),
        interview=("मुलाखत",),
        release=("चित्रपटगृहात", "लवकरच"),
        months=("जानेवारी", "फेब्रुवारी", "मार्च", "एप्रिल", "मे", "जून", "जुलै", "ऑगस्ट",
                "सप्टेंबर", "ऑक्टोबर", "नोव्हेंबर", "डिसेंबर"),
    ),
    "Nepali": LanguageWords(
        trailer=("ट्रेलर",), teaser=("टिजर",), official=("आधिकारिक",),
        label=("नयाँ",),
        version=("नेपाली",),
        season=("सिजन",),
        interview=("अन्तर्वार्ता",),
        release=("सिनेमा हलमा", "हलमा"),
        months=("बैशाख", "वैशाख", "जेठ", "असार", "साउन", "भदौ", "असोज", "कात्तिक", "मंसिर",
                "पुस", "माघ", "फागुन", "चैत"),
    ),
    "Gujarati": LanguageWords(
        trailer=("ટ્રેલર",), teaser=("ટીઝર",), official=("સત્તાવાર", "ઓફિશિયલ"),
        label=("નવું",),
        version=("ગુજરાતી",),
        interview=("ઇન્ટરવ્યુ",),
        release=("સિનેમાઘરોમાં",),
        months=("જાન્યુઆરી", "ફેબ્રુઆરી", "માર્ચ", "એપ્રિલ", "મે", "જૂન", "જુલાઈ", "ઑગસ્ટ",
                "સપ્ટેમ્બર", "ઑક્ટોબર", "નવેમ્બર", "ડિસેમ્બર"),
    ),
    "Punjabi": LanguageWords(
        trailer=("ਟ੍ਰੇਲਰ", "ਟ੍ਰੇਲਰ", "ਟਰੇਲਰ"), teaser=("ਟੀਜ਼ਰ",), official=("ਅਧਿਕਾਰਤ", "ਆਫੀਸ਼ੀਅਲ"),
        label=("ਨਵਾਂ",),
        version=("ਪੰਜਾਬੀ", "punjabi"),
        release=("ਸਿਨੇਮਾਘਰਾਂ ਵਿੱਚ",),
        months=("ਜਨਵਰੀ", "ਫ਼ਰਵਰੀ", "ਮਾਰਚ", "ਅਪ੍ਰੈਲ", "ਮਈ", "ਜੂਨ", "ਜੁਲਾਈ", "ਅਗਸਤ", "ਸਤੰਬਰ",
                "ਅਕਤੂਬਰ", "ਨਵੰਬਰ", "ਦਸੰਬਰ"),
    ),
    # "Prevue": the Tamil industry's English word for its trailer
    "Tamil": LanguageWords(
        trailer=("டிரெய்லர்", "ட்ரெய்லர்", "டிரைலர்", "முன்னோட்டம்", "prevue"),
        teaser=("டீசர்",), official=("அதிகாரப்பூர்வ", "அதிகாரப்பூர்வமான"),
        label=("புதிய",),
        version=("தமிழ்",),
        season=("சீசன்",),
        making_of=("மேக்கிங்",),
        interview=("பேட்டி", "நேர்காணல்"),
        release=("திரையரங்குகளில்", "விரைவில்"),
        months=("ஜனவரி", "பிப்ரவரி", "மார்ச்", "ஏப்ரல்", "மே", "ஜூன்", "ஜூலை", "ஆகஸ்ட்",
                "செப்டம்பர்", "அக்டோபர்", "நவம்பர்", "டிசம்பர்"),
    ),
    "Telugu": LanguageWords(
        trailer=("ట్రైలర్", "ట్రైలర్"), teaser=("టీజర్",), official=("అధికారిక",),
        label=("కొత్త",),
        version=("తెలుగు",),
        season=("సీజన్",),
        making_of=("మేకింగ్",),
        interview=("ఇంటర్వ్యూ",),
        release=("థియేటర్లలో", "త్వరలో"),
        months=("జనవరి", "ఫిబ్రవరి", "మార్చి", "ఏప్రిల్", "మే", "జూన్", "జూలై", "ఆగస్టు",
                "సెప్టెంబర్", "అక్టోబర్", "నవంబర్", "డిసెంబర్"),
    ),
    "Kannada": LanguageWords(
        trailer=("ಟ್ರೈಲರ್", "ಟ್ರೇಲರ್"), teaser=("ಟೀಸರ್",), official=("ಅಧಿಕೃತ",),
        label=("ಹೊಸ",),
        version=("ಕನ್ನಡ",),
        season=("ಸೀಸನ್",),
        making_of=("ಮೇಕಿಂಗ್",),
        interview=("ಸಂದರ್ಶನ",),
        release=("ಚಿತ್ರಮಂದಿರಗಳಲ್ಲಿ", "ಶೀಘ್ರದಲ್ಲೇ"),
        months=("ಜನವರಿ", "ಫೆಬ್ರವರಿ", "ಮಾರ್ಚ್", "ಏಪ್ರಿಲ್", "ಮೇ", "ಜೂನ್", "ಜುಲೈ", "ಆಗಸ್ಟ್",
                "ಸೆಪ್ಟೆಂಬರ್", "ಅಕ್ಟೋಬರ್", "ನವೆಂಬರ್", "ಡಿಸೆಂಬರ್"),
    ),
    "Malayalam": LanguageWords(
        trailer=("ട്രെയിലർ", "ട്രെയ്‌ലർ", "ട്രെയ്ലർ"), teaser=("ടീസർ",), official=("ഔദ്യോഗിക",),
        label=("പുതിയ",),
        version=("മലയാളം",),
        season=("സീസൺ",),
        making_of=("മേക്കിംഗ്",),
        interview=("അഭിമുഖം",),
        release=("തിയേറ്ററുകളിൽ",),
        months=("ജനുവരി", "ഫെബ്രുവരി", "മാർച്ച്", "ഏപ്രിൽ", "മേയ്", "ജൂൺ", "ജൂലൈ", "ഓഗസ്റ്റ്",
                "സെപ്റ്റംബർ", "ഒക്ടോബർ", "നവംബർ", "ഡിസംബർ"),
    ),
    "Sinhala": LanguageWords(
        # written with and without the zero-width joiner of its conjuncts
        trailer=("ට්‍රේලරය", "ට්‍රේලර්", "ට්‍රේලර", "ට්රේලර"), official=("නිල",),
        label=("නව",),
        version=("සිංහල", "උපසිරැසි", "සහිත"),
        interview=("සම්මුඛ සාකච්ඡාව",),
        release=("සිනමාහල්වල",),
        months=("ජනවාරි", "පෙබරවාරි", "මාර්තු", "අප්‍රේල්", "මැයි", "ජූනි", "ජූලි", "අගෝස්තු",
                "සැප්තැම්බර්", "ඔක්තෝබර්", "නොවැම්බර්", "දෙසැම්බර්"),
    ),
    # --- languages of South-East Asia
    "Thai": LanguageWords(
        trailer=("ตัวอย่างภาพยนตร์", "ตัวอย่าง"), teaser=("ทีเซอร์",),
        official=("อย่างเป็นทางการ",),
        label=("ใหม่",),
        version=("ซับไทย", "พากย์ไทย"),
        season=("ซีซั่น",),
        clip=("คลิปพิเศษ",),
        making_of=("เบื้องหลัง",),
        interview=("สัมภาษณ์",),
        release=("ในโรงภาพยนตร์", "เข้าฉาย"),
        months=("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
                "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"),
    ),
    "Lao": LanguageWords(
        trailer=("ຕົວຢ່າງຮູບເງົາ", "ຕົວຢ່າງ"), official=("ທາງການ",),
        label=("ໃໝ່",),
        version=("ພາກລາວ",),
        making_of=("ເບື້ອງຫຼັງ",),
        interview=("ສໍາພາດ",),
        release=("ໃນໂຮງຮູບເງົາ",),
        months=("ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ",
                "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ"),
    ),
    "Khmer": LanguageWords(
        official=("ផ្លូវការ",),
        label=("ថ្មី",),
        interview=("បទសម្ភាសន៍",),
        release=("នៅរោងកុន", "ចាប់ផ្តើមបញ្ចាំង"),
        months=("មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា",
                "តុលា", "វិច្ឆិកា", "ធ្នូ"),
    ),
    "Burmese": LanguageWords(
        official=("တရားဝင်",),
        version=("မြန်မာစာတန်းထိုး",),
        interview=("အင်တာဗျူး",),
        release=("ရုပ်ရှင်ရုံများတွင်",),
        months=("ဇန်နဝါရီ", "ဖေဖော်ဝါရီ", "မတ်", "ဧပြီ", "ဇွန်", "ဇူလိုင်", "ဩဂုတ်",
                "စက်တင်ဘာ", "အောက်တိုဘာ", "နိုဝင်ဘာ", "ဒီဇင်ဘာ"),
    ),
    "Vietnamese": LanguageWords(
        trailer=("trailer", "đoạn giới thiệu"), official=("chính thức",),
        label=("mới",),
        version=("lồng tiếng", "phụ đề", "vietsub"),
        season=("mùa", "tập"),
        making_of=("hậu trường",),
        interview=("phỏng vấn",),
        release=(r"khởi\s+chiếu", r"tại\s+rạp", r"sắp\s+chiếu"),
        months=(r"tháng\s+\d{1,2}",),
    ),
    "Indonesian, Malay": LanguageWords(
        trailer=("trailer", "treler"), official=("resmi", "rasmi"),
        label=("baru", "terbaru", "baharu", "pertama", "terakhir"),
        version=("sarikata",),
        season=("musim", "episode"),
        making_of=("di balik layar", "di sebalik tabir"),
        interview=("wawancara", "temubual", "temu bual"),
        release=(r"di\s+bioskop", r"di\s+pawagam", "tayang", r"akan\s+datang", r"segera"),
        months=("januari", "februari", "maret", "mac", "april", "mei", "juni", "jun", "juli",
                "julai", "agustus", "ogos", "september", "oktober", "november", "desember",
                "disember"),
    ),
    "Filipino": LanguageWords(
        trailer=("trailer",), official=("opisyal", "opisyal na"),
        label=("bagong",),
        version=("tagalog",),
        making_of=("likod ng kamera",),
        interview=("panayam",),
        release=(r"sa\s+mga\s+sinehan",),
        months=("enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo", "agosto",
                "setyembre", "oktubre", "nobyembre", "disyembre"),
    ),
    # --- East Asian languages (written without spaces: matched inside a run of letters)
    "Chinese": LanguageWords(
        trailer=("预告片", "预告", "預告片", "預告"), teaser=("前导预告", "前導預告"),
        official=("正式", "官方"),
        label=("终极", "終極", "最终", "最終", "首支", "全新", "最新"),
        version=("中文版", "粵語版", "粤语版", "國語版", "国语版", "中字"),
        clip=("正片片段", "电影片段", "電影片段", "片段"),
        making_of=("幕后花絮", "幕後花絮", "花絮", "幕后特辑", "幕後特輯", "制作特辑", "製作特輯"),
        interview=("专访", "專訪", "采访", "訪談", "访谈"),
        release=("即將上映", "即将上映", "全台上映", "香港上映", "上映", "院线", "院線"),
    ),
    "Japanese": LanguageWords(
        trailer=("予告編", "本予告", "予告"), teaser=("特報", "ティザー"), official=("公式",),
        label=("最終", "日本版"),
        version=("吹替版", "字幕版", "日本語吹替"),
        clip=("本編映像", "本編冒頭"),
        making_of=("メイキング", "舞台裏"),
        interview=("インタビュー",),
        release=("近日公開", "全国公開", "公開"),
    ),
    "Korean": LanguageWords(
        trailer=("예고편",), teaser=("티저",), official=("공식",),
        label=("메인", "파이널", "런칭", "1차", "2차", "3차", "스페셜", "캐릭터"),
        version=("더빙", "자막"),
        season=("시즌",),
        clip=("본편 영상", "하이라이트 영상", "클립"),
        making_of=("메이킹", "제작기", "비하인드"),
        interview=("인터뷰",),
        release=("대개봉", "개봉", r"절찬\s*상영중"),
    ),
    # --- languages of Africa
    "Swahili": LanguageWords(
        trailer=("trela",), official=("rasmi",),
        label=("mpya",),
        version=("kiswahili",),
        season=("msimu",),
        making_of=("nyuma ya pazia",),
        interview=("mahojiano",),
        release=(r"kwenye\s+sinema", r"kwenye\s+kumbi\s+za\s+sinema", r"hivi\s+karibuni"),
        months=("januari", "februari", "machi", "aprili", "mei", "juni", "julai", "agosti",
                "septemba", "oktoba", "novemba", "desemba"),
    ),
    "Amharic": LanguageWords(
        trailer=("ትሬለር", "ትሬይለር"), official=("ኦፊሴላዊ",),
        label=("አዲስ",),
        version=("አማርኛ",),
        interview=("ቃለ መጠይቅ",),
        release=("በሲኒማ ቤቶች", "በቅርቡ"),
        months=("መስከረም", "ጥቅምት", "ኅዳር", "ህዳር", "ታኅሣሥ", "ታህሳስ", "ጥር", "የካቲት", "መጋቢት",
                "ሚያዝያ", "ግንቦት", "ሰኔ", "ሐምሌ", "ነሐሴ"),
    ),
    "Hausa": LanguageWords(
        official=("na hukuma",),
        release=(r"a\s+gidajen\s+sinima",),
        months=("janairu", "fabrairu", "maris", "afrilu", "mayu", "yuni", "yuli", "agusta",
                "satumba", "oktoba", "nuwamba", "disamba"),
    ),
    "Zulu, Xhosa": LanguageWords(
        official=("esemthethweni",),
        months=("januwari", "februwari", "mashi", "ephreli", "meyi", "julayi", "agasti",
                "septemba", "okthoba", "novemba", "disemba"),
    ),
    # --- Celtic languages
    "Irish, Welsh": LanguageWords(
        trailer=("réamhbhlaiseadh", "trelar", "rhaghysbyseb"), official=("oifigiúil", "swyddogol"),
        label=("newydd", "nua"),
        season=("séasúr", "cyfres"),
        interview=("agallamh", "cyfweliad"),
        release=(r"i\s+sinemâu", r"sna\s+pictiúrlanna"),
    ),
}
# fmt: on


def _gathered(part: str) -> tuple[str, ...]:
    """One part of every language's words, each word once, in the order of LANGUAGES."""
    words: dict[str, None] = {}
    for language in LANGUAGES.values():
        words.update(dict.fromkeys(getattr(language, part)))
    return tuple(words)


# The lists above, with every language's words merged in.
TRAILER_KEYWORDS = tuple(dict.fromkeys(TRAILER_KEYWORDS + _gathered("trailer")))
TEASER_KEYWORDS = tuple(
    word
    for word in dict.fromkeys(TEASER_KEYWORDS + _gathered("teaser"))
    if word not in TRAILER_KEYWORDS
)


def _folded(words: frozenset[str]) -> frozenset[str]:
    """The words and their case-folded forms, which the grammar compares ("επίσημος" folds to
    "επίσημοσ")."""
    return words | {word.casefold() for word in words}


OFFICIAL_WORDS = _folded(OFFICIAL_WORDS | frozenset(_gathered("official")))
LANGUAGE_WORDS = _folded(LANGUAGE_WORDS | frozenset(_gathered("version")))
LABEL_WORDS = _folded(LABEL_WORDS | OFFICIAL_WORDS | LANGUAGE_WORDS | frozenset(_gathered("label")))
# two-word entries ("chính thức", "opisyal na") name the trailer as a pair, like "Red Band"
LABEL_PAIRS = LABEL_PAIRS | frozenset(
    (first, second)
    for entry in _gathered("official") + _gathered("label") + _gathered("version")
    if len(pair := entry.split()) == 2
    for first, second in [pair]
)
SEASON_WORDS = tuple(dict.fromkeys(SEASON_WORDS + _gathered("season")))
RELEASE_PHRASES = tuple(dict.fromkeys(RELEASE_PHRASES + _gathered("release")))
MONTHS = tuple(dict.fromkeys(MONTHS + _gathered("months")))
# Words of uploads that are not a trailer, whatever else their title says ("Bastidores",
# "Extrait", "メイキング"): literal words, as a whole word or, in scripts without spaces,
# inside a run of letters.
CLIP_WORDS: tuple[str, ...] = _gathered("clip")
MAKING_OF_WORDS: tuple[str, ...] = _gathered("making_of")
INTERVIEW_WORDS: tuple[str, ...] = _gathered("interview")
